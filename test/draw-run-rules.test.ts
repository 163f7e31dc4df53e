import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { allocate, drawKey } from '../src/modules/draw/allocation.ts';
import { beaconAt } from '../src/modules/draw/beacon.ts';
import { verifyBundle } from '../src/modules/draw/bundle-verify.ts';
import type { DrawInput } from '../src/modules/draw/draw-input.ts';
import { runDraw, runDueDraws } from '../src/modules/draw/draw-run.ts';
import { newLabel } from '../src/modules/requests/labels.ts';
import { createAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import {
  createDrawScenario,
  createWeekDraw,
  type LocalBeacon,
  startLocalBeacon,
  submit,
} from './helpers/draws.ts';
import { applicant } from './helpers/fixtures.ts';

// The beacon a draw waits for, the address limit and a partner association's own address, and the
// draws' invariants as the database keeps them (migration 0019).

let t: TestApp;
let beacon: LocalBeacon;
let n = 700;

before(async () => {
  t = await createTestApp({ now: '2029-12-20T10:00:00Z' });
  beacon = await startLocalBeacon();
});
after(async () => {
  await beacon.close();
  await t.close();
});

const deps = (withBeacon = false) => ({
  db: t.database.db,
  clock: t.clock,
  config: t.config,
  ...(withBeacon ? { beacon: beaconAt(beacon.url, 2_000) } : {}),
});
const drawRow = (id: number) =>
  t.database.db.selectFrom('draw').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('a draw with a public beacon', () => {
  test('waits for its round, then draws with the round’s randomness in its key', async () => {
    t.clock.set('2029-12-20T10:00:00Z');
    const scenario = await createDrawScenario(t.database.db);
    for (let i = 0; i < 5; i++) await submit(t, scenario.fixture, ++n);
    const drawId = await createWeekDraw(t.database.db, scenario, { beaconRound: 42 });
    t.clock.set('2029-12-20T11:00:00Z');

    assert.equal(await runDraw(deps(true), drawId), 'waiting_for_beacon', 'round 42 is not out');
    assert.equal((await drawRow(drawId)).status, 'closed');
    beacon.setUp(false);
    assert.deepEqual(await runDueDraws(deps(true)), [], 'the beacon is down: it still waits');
    beacon.setUp(true);
    assert.equal(await runDraw(deps(), drawId), 'waiting_for_beacon', 'no beacon configured: it waits');
    assert.equal(
      await t.database.db
        .selectFrom('draw_entry')
        .select('request_id')
        .where('draw_id', '=', drawId)
        .execute()
        .then((rows) => rows.length),
      0,
    );

    const randomness = randomBytes(32).toString('hex');
    beacon.publish(42, randomness);
    assert.deepEqual(await runDueDraws(deps(true)), [drawId]);
    const draw = await drawRow(drawId);
    assert.equal(draw.status, 'drawn');
    assert.equal(draw.beacon, randomness);
    const bundle = draw.bundle as unknown as DrawInput;
    assert.equal(bundle.beacon, randomness);
    const report = verifyBundle(draw.bundle);
    assert.ok(report.ok, report.problems.join('\n'));
    assert.equal(
      allocate(bundle).key,
      drawKey(draw.seed, String(drawId), randomness).toString('hex'),
      'the key is made with the beacon',
    );
    assert.notEqual(allocate({ ...bundle, beacon: '' }).key, allocate(bundle).key);
  });
});

describe('the address limit', () => {
  test('a partner’s own address at its limit does not stop the wins of the requests it entered', async () => {
    t.clock.set('2029-12-20T10:00:00Z');
    const db = t.database.db;
    const scenario = await createDrawScenario(db);
    const { fixture } = scenario;
    const partner = 'accueil@association.example';
    // The association's address already has three active bookings (its own appointments).
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: {
          slotId: fixture.slotIds[0],
          acceptConditions: true,
          applicant: applicant(++n, { email: partner }),
        },
      });
      assert.equal(response.statusCode, 201, response.body);
    }
    const agent = await createAgent(db, t.config, {
      grants: [{ role: 'partner', scope: { kind: 'department', departmentCode: '74' } }],
    });
    const entered: string[] = [];
    for (let i = 0; i < 2; i++) {
      const person = applicant(++n);
      const row = await db
        .insertInto('request')
        .values({
          label: newLabel(),
          procedure_id: fixture.procedureId,
          identity_key: `F:${person.foreignerNumber}`,
          email_key: partner,
          last_name: person.lastName,
          first_name: person.firstName,
          birth_date: person.birthDate,
          email: partner,
          foreigner_number: person.foreignerNumber,
          site_ids: [fixture.drawSiteIds[0]],
          entered_by: agent.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      entered.push(row.id);
    }
    // An online request giving that same address: no room for one more booking, it waits.
    const online = await submit(t, fixture, ++n, { applicant: applicant(n, { email: partner }) });
    const drawId = await createWeekDraw(db, scenario);
    t.clock.set('2029-12-20T11:00:00Z');
    assert.equal(await runDraw(deps(), drawId), 'drawn');

    const bookings = await db
      .selectFrom('booking')
      .select(['request_id', 'counts_for_email', 'email'])
      .where('draw_id', '=', drawId)
      .execute();
    assert.deepEqual(bookings.map((b) => b.request_id).sort(), [...entered].sort());
    assert.ok(bookings.every((b) => !b.counts_for_email && b.email === partner));
    const activity = await db
      .selectFrom('email_activity')
      .select('active')
      .where('email_key', '=', partner)
      .executeTakeFirstOrThrow();
    assert.equal(activity.active, 3, 'the wins do not count against the address');
    const request = await db
      .selectFrom('request')
      .select(['status', 'lost'])
      .where('id', '=', online.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(request, { status: 'waiting', lost: 0 });
    const labels = ((await drawRow(drawId)).bundle as unknown as DrawInput).requests.map((q) => q.label);
    assert.ok(!labels.includes(online.label));
  });
});

describe('the database keeps a draw', () => {
  let drawn: number;

  before(async () => {
    t.clock.set('2029-12-20T10:00:00Z');
    const scenario = await createDrawScenario(t.database.db);
    await submit(t, scenario.fixture, ++n);
    drawn = await createWeekDraw(t.database.db, scenario);
    t.clock.set('2029-12-20T11:00:00Z');
    assert.equal(await runDraw(deps(), drawn), 'drawn');
  });

  /** The constraint PostgreSQL names when it refuses `work`. */
  async function refusal(work: () => Promise<unknown>): Promise<string | undefined> {
    try {
      await work();
    } catch (error) {
      return (error as { constraint?: string }).constraint;
    }
    return undefined;
  }

  test('a drawn draw never changes, never goes back, is never deleted', async () => {
    const db = t.database.db;
    const update = (set: Record<string, unknown>) => () =>
      db
        .updateTable('draw')
        .set(set as never)
        .where('id', '=', drawn)
        .execute();
    assert.equal(await refusal(update({ bundle: JSON.stringify({ allocation: [] }) })), 'draw_immutable');
    assert.equal(await refusal(update({ beacon: 'ab' })), 'draw_immutable');
    assert.equal(await refusal(update({ drawn_at: new Date() })), 'draw_immutable');
    assert.equal(await refusal(update({ seed: randomBytes(32) })), 'draw_immutable');
    assert.equal(await refusal(update({ status: 'open' })), 'draw_status_transition');
    assert.equal(
      await refusal(() => db.deleteFrom('draw').where('id', '=', drawn).execute()),
      'draw_immutable',
    );
    const entry = await refusal(() =>
      db.updateTable('draw_entry').set({ lost: 9 }).where('draw_id', '=', drawn).execute(),
    );
    assert.equal(entry, 'draw_entry_immutable');
    assert.ok(verifyBundle((await drawRow(drawn)).bundle).ok);
  });

  test('a commitment must be the seed’s, a draw starts open, and drawn means complete', async () => {
    const db = t.database.db;
    const draw = await drawRow(drawn);
    const row = {
      procedure_id: draw.procedure_id,
      department_code: draw.department_code,
      kind: 'main' as const,
      origin: 'one_off' as const,
      offer_ids: draw.offer_ids,
      site_ids: draw.site_ids,
      window_opens_at: draw.window_opens_at,
      window_closes_at: draw.window_closes_at,
      slots_from: draw.slots_from,
      slots_to: draw.slots_to,
    };
    const seed = randomBytes(32);
    const commitment = createHash('sha256').update(seed).digest('hex');
    const insert = (values: Record<string, unknown>) => () =>
      db
        .insertInto('draw')
        .values({ ...row, seed, commitment, ...values } as never)
        .execute();
    assert.equal(await refusal(insert({ commitment: 'ab'.repeat(32) })), 'draw_commitment_of_seed');
    assert.equal(await refusal(insert({ status: 'closed' })), 'draw_status_transition');
    const [open] = await db
      .insertInto('draw')
      .values({ ...row, seed, commitment } as never)
      .returning('id')
      .execute();
    const incomplete = await refusal(() =>
      db
        .updateTable('draw')
        .set({ status: 'drawn' })
        .where('id', '=', open?.id as number)
        .execute(),
    );
    assert.equal(incomplete, 'draw_drawn_complete');
  });
});
