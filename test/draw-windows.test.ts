import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fixedClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import type { Db } from '../src/db/database.ts';
import { beaconAt } from '../src/modules/draw/beacon.ts';
import { openDrawWindows } from '../src/modules/draw/draw-windows.ts';
import { formatInZone } from '../src/modules/schedule/timezone.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';

// The job open-draw-windows on a real database (decision 0032): each calendar's current and next
// windows get their draw once, however many runs; two offices of one procedure with the same
// calendar share one draw; the draw's slots are generated from the offices' rules; the beacon's round
// is pinned, and a beacon down delays the draw to the next run.

let database: TestDatabase;
let db: Db;
const config = parseConfig({ LOG_LEVEL: 'silent', SECRET_KEY: 'test-secret-key-test-secret-key-0123456789' });
// Tuesday 2030-01-08, 10:00 in Paris: the window opened Monday 07 at 09:00 is open until Wednesday noon.
const clock = fixedClock('2030-01-08T09:00:00Z');

before(async () => {
  database = await createTestDatabase();
  db = database.db;
});
after(() => database.drop());

let procedureId: number;

async function site(name: string, departmentCode = '34'): Promise<number> {
  const row = await db
    .insertInto('site')
    .values({
      department_code: departmentCode,
      name: `${name} ${Math.random()}`,
      kind: 'prefecture',
      address: name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A draw offer of the procedure at a new site, open Mondays and Tuesdays 09:00–10:00 with 2 counters. */
async function drawOffer(
  calendar: Record<string, unknown> | null = WEEKLY,
  departmentCode = '34',
): Promise<{ offerId: number; siteId: number }> {
  const siteId = await site('Bureau', departmentCode);
  const offer = await db
    .insertInto('offer')
    .values({ procedure_id: procedureId, site_id: siteId, channel: 'draw' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('opening_rule')
    .values(
      [1, 2].map((weekday) => ({
        offer_id: offer.id,
        weekday,
        starts_at: '09:00',
        ends_at: '10:00',
        capacity: 2,
      })),
    )
    .execute();
  if (calendar)
    await db
      .insertInto('draw_calendar')
      .values({ offer_id: offer.id, ...calendar } as never)
      .execute();
  return { offerId: offer.id, siteId };
}

// Weekly windows from Monday 2030-01-07 09:00 to Wednesday 12:00, for the week from the Monday after.
const WEEKLY = {
  first_opens_on: '2030-01-07',
  opens_at: '09:00',
  window_days: 2,
  closes_at: '12:00',
  period_days: 7,
  lead_days: 5,
};

async function drawsOf() {
  return db
    .selectFrom('draw')
    .select(['id', 'offer_ids', 'site_ids', 'window_opens_at', 'window_closes_at', 'slots_from', 'slots_to'])
    .select(['kind', 'origin', 'status', 'beacon_round', 'commitment', 'department_code'])
    .where('procedure_id', '=', procedureId)
    .orderBy('window_opens_at')
    .execute();
}

beforeEach(async () => {
  // Each test counts the windows of its own calendars only.
  await db.updateTable('draw_calendar').set({ active: false }).execute();
  await db
    .insertInto('department')
    .values([
      { code: '34', name: 'Hérault', timezone: 'Europe/Paris', holiday_region: 'metropole' },
      { code: '30', name: 'Gard', timezone: 'Europe/Paris', holiday_region: 'metropole' },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const procedure = await db
    .insertInto('procedure')
    .values({
      code: `renouvellement-${Math.random().toString(36).slice(2, 8)}`,
      title: 'Renouvellement',
      duration_minutes: 30,
      requires_foreigner_number: true,
      requires_title_expiry: false,
      requires_postal_code: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  procedureId = procedure.id;
});

describe('the windows of draw calendars', () => {
  test('the current and the next window get their draw, with the slots of their periods', async () => {
    const { offerId, siteId } = await drawOffer();
    const counts = await openDrawWindows({ db, clock, config, beacon: undefined });
    assert.deepEqual(counts, { created: 2, extended: 0, unchanged: 0, skipped: 0 });
    const [current, next] = await drawsOf();
    assert.ok(current && next);
    assert.deepEqual(
      [current, next].map((d) => [
        formatInZone(d.window_opens_at, 'Europe/Paris'),
        formatInZone(d.window_closes_at, 'Europe/Paris'),
        d.slots_from,
        d.slots_to,
      ]),
      [
        ['2030-01-07T09:00:00+01:00', '2030-01-09T12:00:00+01:00', '2030-01-14', '2030-01-20'],
        ['2030-01-14T09:00:00+01:00', '2030-01-16T12:00:00+01:00', '2030-01-21', '2030-01-27'],
      ],
    );
    assert.deepEqual(current.offer_ids, [offerId]);
    assert.deepEqual(current.site_ids, [siteId]);
    assert.equal(current.kind, 'main');
    assert.equal(current.origin, 'calendar');
    assert.equal(current.status, 'open');
    assert.equal(current.beacon_round, null);
    assert.match(current.commitment, /^[0-9a-f]{64}$/);
    // Mondays and Tuesdays 09:00–10:00 in 30-minute slots: 4 slots a week of each period, 2 seats each.
    const slots = await db
      .selectFrom('slot')
      .select(['starts_at', 'capacity'])
      .where('offer_id', '=', offerId)
      .orderBy('starts_at')
      .execute();
    assert.equal(slots.length, 8);
    assert.equal(formatInZone(slots[0]?.starts_at as Date, 'Europe/Paris'), '2030-01-14T09:00:00+01:00');
    assert.equal(formatInZone(slots[7]?.starts_at as Date, 'Europe/Paris'), '2030-01-22T09:30:00+01:00');
  });

  test('run twice, and twice at once, each window has one draw and each slot exists once', async () => {
    const { offerId } = await drawOffer();
    await Promise.all([
      openDrawWindows({ db, clock, config, beacon: undefined }),
      openDrawWindows({ db, clock, config, beacon: undefined }),
      openDrawWindows({ db, clock, config, beacon: undefined }),
    ]);
    const counts = await openDrawWindows({ db, clock, config, beacon: undefined });
    assert.deepEqual(counts, { created: 0, extended: 0, unchanged: 2, skipped: 0 });
    assert.equal((await drawsOf()).length, 2);
    const slots = await db.selectFrom('slot').select('id').where('offer_id', '=', offerId).execute();
    assert.equal(slots.length, 8);
    // A week later the first window is closed: the next but one is added, the others stay.
    const later = fixedClock('2030-01-15T09:00:00Z');
    assert.deepEqual(await openDrawWindows({ db, clock: later, config, beacon: undefined }), {
      created: 1,
      extended: 0,
      unchanged: 1,
      skipped: 0,
    });
    assert.equal((await drawsOf()).length, 3);
  });

  test('two offices with the same calendar share one draw per window; another calendar has its own', async () => {
    const montpellier = await drawOffer();
    const beziers = await drawOffer();
    const lodeve = await drawOffer({ ...WEEKLY, closes_at: '18:00' });
    await openDrawWindows({ db, clock, config, beacon: undefined });
    const draws = await drawsOf();
    assert.equal(draws.length, 4);
    const shared = draws.filter((d) => d.offer_ids.length === 2);
    assert.equal(shared.length, 2);
    for (const draw of shared) {
      assert.deepEqual(draw.offer_ids, [montpellier.offerId, beziers.offerId]);
      assert.deepEqual(
        draw.site_ids,
        [montpellier.siteId, beziers.siteId].sort((a, b) => a - b),
      );
    }
    assert.deepEqual(
      draws.filter((d) => d.offer_ids.length === 1).map((d) => d.offer_ids),
      [[lodeve.offerId], [lodeve.offerId]],
    );
  });

  test('a national procedure with one calendar in two départements has a draw per département', async () => {
    const herault = await drawOffer();
    const gard = await drawOffer(WEEKLY, '30');
    await openDrawWindows({ db, clock, config, beacon: undefined });
    const draws = await drawsOf();
    assert.deepEqual(draws.map((d) => [d.department_code, d.offer_ids]).sort(), [
      ['30', [gard.offerId]],
      ['30', [gard.offerId]],
      ['34', [herault.offerId]],
      ['34', [herault.offerId]],
    ]);
  });

  test('an office whose calendar starts later joins the open draws of its window', async () => {
    const montpellier = await drawOffer();
    await openDrawWindows({ db, clock, config, beacon: undefined });
    const beziers = await drawOffer();
    const counts = await openDrawWindows({ db, clock, config, beacon: undefined });
    assert.deepEqual(counts, { created: 0, extended: 2, unchanged: 0, skipped: 0 });
    for (const draw of await drawsOf()) {
      assert.deepEqual(draw.offer_ids, [montpellier.offerId, beziers.offerId]);
    }
    const slots = await db.selectFrom('slot').select('id').where('offer_id', '=', beziers.offerId).execute();
    assert.equal(slots.length, 8, 'its slots are generated for the shared periods');
  });

  test('an inactive calendar, or an offer no longer by draw, opens no window', async () => {
    await drawOffer({ ...WEEKLY, active: false });
    const { offerId } = await drawOffer();
    await db.updateTable('offer').set({ channel: 'booking' }).where('id', '=', offerId).execute();
    assert.deepEqual(await openDrawWindows({ db, clock, config, beacon: undefined }), {
      created: 0,
      extended: 0,
      unchanged: 0,
      skipped: 0,
    });
    assert.equal((await drawsOf()).length, 0);
  });
});

describe('the beacon of calendar draws', () => {
  let server: Server;
  let url: string;
  // drand's format: round r at genesis + (r - 1) × period.
  const genesis = Date.parse('2030-01-01T00:00:00Z') / 1000;
  before(async () => {
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/info') response.end(JSON.stringify({ period: 30, genesis_time: genesis }));
      else response.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('each draw pins the first round after its window closes', async () => {
    await drawOffer();
    await openDrawWindows({ db, clock, config, beacon: beaconAt(url) });
    const [current] = await drawsOf();
    assert.ok(current);
    const closes = current.window_closes_at.getTime() / 1000;
    const round = Number(current.beacon_round);
    assert.ok(genesis + (round - 1) * 30 > closes, 'the round is published after the window closes');
    assert.ok(genesis + (round - 2) * 30 <= closes, 'and it is the first such round');
  });

  test('with the beacon down, no draw is created; the next run creates them', async () => {
    await drawOffer();
    const down = beaconAt('http://127.0.0.1:9', 500);
    const warnings: string[] = [];
    const log = { info() {}, error() {}, warn: (_o: object, msg: string) => warnings.push(msg) };
    const counts = await openDrawWindows({ db, clock, config, log, beacon: down });
    assert.deepEqual(counts, { created: 0, extended: 0, unchanged: 0, skipped: 2 });
    assert.deepEqual(warnings, ['beacon unavailable', 'beacon unavailable']);
    assert.equal((await drawsOf()).length, 0);
    const again = await openDrawWindows({ db, clock, config, beacon: beaconAt(url) });
    assert.equal(again.created, 2);
    assert.ok((await drawsOf()).every((draw) => Number(draw.beacon_round) > 0));
  });
});
