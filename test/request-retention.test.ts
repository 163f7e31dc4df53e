import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { purgePersonalData, RETENTION_DAYS } from '../src/modules/booking/retention.ts';
import { verifyBundle } from '../src/modules/draw/bundle-verify.ts';
import { runDraw } from '../src/modules/draw/draw-run.ts';
import { newAgentBearer } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createDrawScenario, createWeekDraw, type DrawScenario, submit } from './helpers/draws.ts';
import { applicant } from './helpers/fixtures.ts';

// Decision 0048: a request that left the queue (won, withdrawn, closed) is deleted RETENTION_DAYS
// after it ended — a won one only once its booking is gone — with its tokens and draw entries; a
// waiting request stays, however old; the published bundle of its draw still verifies.

const DAY = 86_400_000;
let t: TestApp;
let scenario: DrawScenario;
let drawId: number;
const r: Record<string, { id: string; label: string }> = {};
const names = ['Kone', 'Traore', 'Sow', 'Camara', 'Diallo', 'Haddad'];

before(async () => {
  t = await createTestApp({ now: '2029-12-20T10:00:00Z' });
  scenario = await createDrawScenario(t.database.db);
  // Five requests for Thonon's three seats of the week: three win, two stay waiting.
  for (const [i, lastName] of names.slice(0, 5).entries())
    r[lastName] = await submit(t, scenario.fixture, 800 + i, {
      applicant: applicant(800 + i, { lastName, firstName: 'Test' }),
    });
  drawId = await createWeekDraw(t.database.db, scenario);
  t.clock.set('2029-12-20T11:00:00Z');
  assert.equal(await runDraw({ db: t.database.db, clock: t.clock, config: t.config }, drawId), 'drawn');
});
after(() => t.close());

const statusOf = async (label: string) =>
  (await t.database.db.selectFrom('request').select('status').where('label', '=', label).executeTakeFirst())
    ?.status;

const count = async (table: 'request_token' | 'draw_entry', requestId: string) =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where request_id = ${requestId}`.execute(
        t.database.db,
      )
    ).rows[0]?.n,
  );

describe('the requests’ retention', () => {
  test('an old closed request goes with its tokens and entries; waiting, recent and won ones stay', async () => {
    const rows = await t.database.db.selectFrom('request').select(['label', 'status']).execute();
    const waiting = rows.filter((row) => row.status === 'waiting').map((row) => row.label);
    const won = rows.filter((row) => row.status === 'won').map((row) => row.label);
    assert.equal(waiting.length, 2);
    assert.equal(won.length, 3);
    // The office closes one loser the day of the draw; the other stays waiting.
    const [closedLabel = '', waitingLabel = ''] = waiting;
    const closed = Object.values(r).find((x) => x.label === closedLabel);
    assert.ok(closed);
    const close = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/bookings/revocations',
      headers: { authorization: await newAgentBearer(t, 'administrator') },
      payload: { labels: [closedLabel], reason: 'Réservations multiples' },
    });
    assert.deepEqual(close.json(), { revoked: 0, closed: 1 });
    assert.ok((await count('request_token', closed.id)) > 0);
    assert.equal(await count('draw_entry', closed.id), 1);
    // A request withdrawn two months later: recent at the first purge.
    t.clock.set('2030-02-20T10:00:00Z');
    r.Haddad = await submit(t, scenario.fixture, 805, {
      applicant: applicant(805, { lastName: 'Haddad', firstName: 'Test' }),
      earliest: '2030-03-01',
    });
    await t.database.db
      .updateTable('request')
      .set({ status: 'withdrawn', closed_at: t.clock.now() })
      .where('id', '=', r.Haddad.id)
      .execute();

    // RETENTION_DAYS and one after the closure: the won requests' bookings (14 and 15 January) remain.
    const first = new Date(Date.parse('2029-12-20T11:00:00Z') + (RETENTION_DAYS + 1) * DAY);
    await purgePersonalData(t.database.db, first);
    assert.equal(await statusOf(closedLabel), undefined, 'the closed request is deleted');
    assert.equal(await count('request_token', closed.id), 0);
    assert.equal(await count('draw_entry', closed.id), 0);
    assert.equal(await statusOf(waitingLabel), 'waiting');
    assert.equal(await statusOf(r.Haddad.label), 'withdrawn', 'ended within the period');
    for (const label of won) assert.equal(await statusOf(label), 'won', 'its booking still exists');

    // Once the bookings are deleted too (RETENTION_DAYS after 15 January), the won requests go.
    const second = new Date(Date.parse('2030-01-15T14:00:00Z') + (RETENTION_DAYS + 1) * DAY);
    await purgePersonalData(t.database.db, second);
    for (const label of won) assert.equal(await statusOf(label), undefined);
    assert.equal(await statusOf(waitingLabel), 'waiting', 'a waiting request is never purged');
    assert.equal(await statusOf(r.Haddad.label), 'withdrawn');
    const live = await t.database.db.selectFrom('request_email_activity').select('live').execute();
    assert.ok(
      live.every((row) => row.live > 0),
      'no idle address counter left',
    );
  });

  test('the published bundle of the draw still verifies after the purge', async () => {
    const response = await t.app.inject({ url: `/api/v1/draws/${drawId}` });
    assert.equal(response.statusCode, 200, response.body);
    const detail = response.json() as { requests: { label: string }[] };
    assert.equal(detail.requests.length, 5, 'the bundle still lists every request by label');
    const report = verifyBundle(detail);
    assert.equal(report.ok, true, JSON.stringify(report));
  });
});
