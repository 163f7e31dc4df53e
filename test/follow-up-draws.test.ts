import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { fixedClock } from '../src/clock.ts';
import { expireHolds } from '../src/modules/booking/holds.usecases.ts';
import { beaconAt } from '../src/modules/draw/beacon.ts';
import { insertDraw } from '../src/modules/draw/draws.repository.ts';
import { lockGroup } from '../src/modules/draw/follow-up.repository.ts';
import { FOLLOW_UP_CONSUMER, offersOnTurn, scheduleFollowUpDraws } from '../src/modules/draw/follow-up.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createDrawFixture, type DrawFixture } from './helpers/requests.ts';

// Follow-up draws (issue 9 item 5, decision 0034): the seat.freed events of draw offers gather into
// one pending follow-up draw per procedure and département, at most every FOLLOW_UP_DRAW_HOURS, over
// the drawn periods only.

const NOW = '2030-01-02T10:00:00Z'; // 11:00 in Annecy; "tomorrow" is 2030-01-03
const HOUR = 3_600_000;
const clock = fixedClock(NOW);
const config = { followUpDrawHours: 4 };
let database: TestDatabase;
let fixture: DrawFixture;
let thonon: number;
let bonneville: number;
let albertville: number;
let n = 0;

before(async () => {
  database = await createTestDatabase({ maxActivePerEmail: 1000 });
  fixture = await createDrawFixture(database.db);
  const offers = await database.db
    .selectFrom('offer')
    .select(['id', 'site_id'])
    .where('channel', '=', 'draw')
    .execute();
  const offerAt = (siteId: number) => offers.find((offer) => offer.site_id === siteId)?.id ?? 0;
  thonon = offerAt(fixture.drawSiteIds[0]);
  bonneville = offerAt(fixture.drawSiteIds[1]);
  albertville = offerAt(fixture.otherDepartmentSiteId);
});
after(() => database.drop());
beforeEach(async () => {
  clock.set(NOW);
  // Truncating fires no row trigger: a draw is otherwise never deleted.
  await sql`truncate draw, draw_entry, seat_event, booking, email_activity restart identity cascade`.execute(
    database.db,
  );
  await sql`delete from slot where offer_id <> ${fixture.offerId}`.execute(database.db);
  await sql`update slot set taken = 0`.execute(database.db);
});

const siteOf = (offerId: number) =>
  offerId === thonon ? fixture.drawSiteIds[0] : offerId === bonneville ? fixture.drawSiteIds[1] : albertville;
const departmentOf = (offerId: number) => (offerId === albertville ? '73' : '74');

/** A main draw of these offers over [from, to], drawn (or still to draw). */
async function mainDraw(offerIds: number[], from: string, to: string, drawn = true): Promise<number> {
  const draw = await insertDraw(database.db, {
    procedureId: fixture.procedureId,
    departmentCode: departmentOf(offerIds[0] ?? 0),
    kind: 'main',
    origin: 'one_off',
    offerIds,
    siteIds: offerIds.map(siteOf),
    windowOpensAt: new Date('2029-12-01T08:00:00Z'),
    windowClosesAt: new Date(drawn ? '2029-12-20T11:00:00Z' : '2030-01-05T11:00:00Z'),
    slotsFrom: from,
    slotsTo: to,
    beaconRound: null,
    createdBy: null,
  });
  assert.ok(draw);
  if (drawn) await markDrawn(draw.id);
  return draw.id;
}

/** A follow-up draw of these offers as the scheduler would create it now. */
function followUpOf(offerIds: number[]) {
  return {
    procedureId: fixture.procedureId,
    departmentCode: '74',
    kind: 'follow_up' as const,
    origin: 'follow_up' as const,
    offerIds,
    siteIds: offerIds.map(siteOf),
    windowOpensAt: clock.now(),
    windowClosesAt: new Date(clock.now().getTime() + HOUR),
    slotsFrom: '2030-01-03',
    slotsTo: '2030-01-31',
    beaconRound: null,
    createdBy: null,
  };
}

/** What runDraw leaves (drawrun's helper): status, time, bundle and beacon. */
async function markDrawn(drawId: number) {
  await database.db
    .updateTable('draw')
    .set({ status: 'drawn', drawn_at: clock.now(), bundle: '{}', beacon: '' })
    .where('id', '=', drawId)
    .execute();
}

/** A slot of `offerId` at 09:00 UTC on `date`, with `capacity` seats. */
async function slotOf(offerId: number, date: string, capacity = 1): Promise<string> {
  const startsAt = new Date(`${date}T09:00:00Z`);
  const row = await database.db
    .insertInto('slot')
    .values({
      offer_id: offerId,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 20 * 60_000),
      capacity,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A booking won on `slotId` whose hold has run out, then expired: one seat.freed event. */
async function freeSeat(slotId: string): Promise<void> {
  await hold(slotId, -1);
  const freed = await expireHolds({ db: database.db, clock });
  assert.equal(freed.length, 1);
}

/** A pending booking of `slotId` whose hold ends `minutes` from now. */
async function hold(slotId: string, minutes: number): Promise<void> {
  n++;
  await database.db
    .insertInto('booking')
    .values({
      reference: `74-FLWP-${String(n).padStart(4, '0')}`,
      slot_id: slotId,
      procedure_id: fixture.procedureId,
      identity_key: `F:${7_400_100_000 + n}`,
      email_key: `follow-up-${n}`,
      last_name: 'Dupont',
      first_name: 'Amina',
      birth_date: '1990-04-12',
      email: `amina.followup.${n}@example.org`,
      locale: 'fr',
      hold_expires_at: new Date(clock.now().getTime() + minutes * 60_000),
    })
    .execute();
}

const schedule = () => scheduleFollowUpDraws({ db: database.db, clock, config });
const followUps = () =>
  database.db.selectFrom('draw').selectAll().where('kind', '=', 'follow_up').orderBy('id').execute();
const unclaimed = async () =>
  (
    await database.db
      .selectFrom('seat_event')
      .select('offer_id')
      .where('consumed_at', 'is', null)
      .orderBy('id')
      .execute()
  ).map((event) => event.offer_id);

describe('scheduling follow-up draws', () => {
  test('a seat freed in a drawn period goes to one follow-up draw, committed an hour before it is drawn', async () => {
    await mainDraw([thonon, bonneville], '2030-01-01', '2030-01-31');
    await slotOf(bonneville, '2030-01-10'); // free, but never freed: no reason for a follow-up draw
    await freeSeat(await slotOf(thonon, '2030-01-08'));

    const ids = await schedule();

    const [draw] = await followUps();
    assert.ok(draw);
    assert.deepEqual(ids, [draw.id]);
    assert.equal(draw.origin, 'follow_up');
    assert.equal(draw.status, 'open');
    assert.equal(draw.procedure_id, fixture.procedureId);
    assert.equal(draw.department_code, '74');
    assert.deepEqual(draw.offer_ids, [thonon]);
    assert.deepEqual(draw.site_ids, [fixture.drawSiteIds[0]]);
    assert.equal(draw.window_opens_at.toISOString(), new Date(NOW).toISOString());
    assert.equal(draw.window_closes_at.getTime(), new Date(NOW).getTime() + HOUR);
    assert.equal(draw.slots_from, '2030-01-03');
    assert.equal(draw.slots_to, '2030-01-31');
    assert.equal(draw.beacon_round, null);
    assert.equal(draw.commitment, createHash('sha256').update(draw.seed).digest('hex'));
    const events = await database.db.selectFrom('seat_event').selectAll().execute();
    assert.deepEqual(
      events.map((event) => [event.consumed_by, event.consumed_at?.toISOString()]),
      [[FOLLOW_UP_CONSUMER, new Date(NOW).toISOString()]],
    );
    assert.deepEqual(await schedule(), [], 'nothing more to schedule');
  });

  test('seats freed while a follow-up draw is pending wait for the next, FOLLOW_UP_DRAW_HOURS after the last', async () => {
    await mainDraw([thonon], '2030-01-01', '2030-01-31');
    await freeSeat(await slotOf(thonon, '2030-01-08'));
    const [first] = await schedule();
    assert.ok(first);

    clock.advance(30 * 60_000);
    await freeSeat(await slotOf(thonon, '2030-01-09'));
    assert.deepEqual(await schedule(), [], 'one pending follow-up draw per procedure');
    assert.deepEqual(await unclaimed(), [thonon], 'the event waits, unclaimed');

    clock.advance(HOUR);
    await markDrawn(first);
    assert.deepEqual(await schedule(), [], 'the last one was created less than 4 hours ago');
    assert.deepEqual(await unclaimed(), [thonon]);

    clock.set(new Date(new Date(NOW).getTime() + 4 * HOUR));
    const [second] = await schedule();
    assert.ok(second && second > first);
    assert.deepEqual(await unclaimed(), []);
    const draws = await followUps();
    assert.equal(draws.length, 2);
    assert.notEqual(draws[0]?.commitment, draws[1]?.commitment, 'each has its own seed');
  });

  test('two schedulers at once create one draw and claim each event once', async () => {
    await mainDraw([thonon, bonneville], '2030-01-01', '2030-01-31');
    for (const [offer, date] of [
      [thonon, '2030-01-08'],
      [bonneville, '2030-01-08'],
      [thonon, '2030-01-09'],
    ] as const)
      await freeSeat(await slotOf(offer, date));

    const answers = await Promise.all([schedule(), schedule(), schedule()]);

    assert.equal(answers.flat().length, 1);
    const draws = await followUps();
    assert.equal(draws.length, 1);
    assert.deepEqual(draws[0]?.offer_ids, [thonon, bonneville]);
    const consumers = await database.db.selectFrom('seat_event').select('consumed_by').execute();
    assert.deepEqual(
      consumers.map((event) => event.consumed_by),
      [FOLLOW_UP_CONSUMER, FOLLOW_UP_CONSUMER, FOLLOW_UP_CONSUMER],
    );
  });

  test('a scheduler waits for another one scheduling the same group, then sees its draw', async () => {
    await mainDraw([thonon], '2030-01-01', '2030-01-31');
    await freeSeat(await slotOf(thonon, '2030-01-08'));
    // Another instance, mid-way: it holds the group's lock and has created its draw, not committed yet.
    const other = await database.db.startTransaction().execute();
    let second: Promise<number[]> | undefined;
    try {
      await lockGroup(other, {
        procedureId: fixture.procedureId,
        departmentCode: '74',
        timezone: 'Europe/Paris',
      });
      await insertDraw(other, { ...followUpOf([thonon]), windowOpensAt: clock.now() });
      let done = false;
      second = schedule().then((ids) => {
        done = true;
        return ids;
      });
      // A seat freed meanwhile: without the lock, the second would take it into a second pending draw.
      await freeSeat(await slotOf(thonon, '2030-01-09'));
      await sleep(200);
      assert.equal(done, false, 'the second scheduler waits for the group');
      await other.commit().execute();
    } catch (error) {
      // Let the other tests truncate: the lock and the draw go, the second scheduler ends.
      await other.rollback().execute();
      await second?.catch(() => undefined);
      throw error;
    }
    assert.deepEqual(await second, []);
    assert.equal((await followUps()).length, 1);
    assert.equal((await unclaimed()).length, 2, 'the events wait for the next follow-up draw');
  });

  test('the period ends with the drawn main draws: seats of a period still to draw are left to its draw', async () => {
    await mainDraw([thonon], '2030-01-01', '2030-01-15');
    await mainDraw([thonon], '2030-01-16', '2030-01-31', false);
    await freeSeat(await slotOf(thonon, '2030-01-20'));
    assert.deepEqual(await schedule(), [], 'a seat of the period still to draw');
    assert.deepEqual(await unclaimed(), [], 'its event is consumed: the main draw gives that seat');

    await freeSeat(await slotOf(thonon, '2030-01-12'));
    await schedule();
    const [draw] = await followUps();
    assert.equal(draw?.slots_from, '2030-01-03');
    assert.equal(draw?.slots_to, '2030-01-15');
  });

  test('an offer with a draw still to run inside its drawn period waits for it', async () => {
    await mainDraw([thonon], '2030-01-01', '2030-01-31');
    const oneOff = await mainDraw([thonon], '2030-01-20', '2030-01-25', false);
    await freeSeat(await slotOf(thonon, '2030-01-08'));
    assert.deepEqual(await schedule(), []);
    assert.deepEqual(await unclaimed(), [thonon], 'the event waits');

    await markDrawn(oneOff);
    assert.equal((await schedule()).length, 1);
    assert.deepEqual(await unclaimed(), []);
  });

  test('no follow-up draw without a freed seat still free in the future', async () => {
    await mainDraw([thonon], '2029-12-01', '2030-01-31');
    // Today (local) is too late to be drawn, the past too; a seat freed and held again is not free.
    await freeSeat(await slotOf(thonon, '2030-01-02'));
    await freeSeat(await slotOf(thonon, '2030-01-01'));
    const retaken = await slotOf(thonon, '2030-01-10');
    await freeSeat(retaken);
    await hold(retaken, 30);

    assert.deepEqual(await schedule(), []);
    assert.deepEqual(await followUps(), []);
    assert.deepEqual(await unclaimed(), [], 'the events were looked at, once');
  });

  test('an offer never drawn has no follow-up draw; a first-come offer’s events are not taken', async () => {
    await freeSeat(await slotOf(thonon, '2030-01-08'));
    await freeSeat(String(fixture.slotIds[0]));
    assert.deepEqual(await schedule(), []);
    assert.deepEqual(await unclaimed(), [thonon, fixture.offerId]);
  });

  test('each département has its own follow-up draw, and its local tomorrow', async () => {
    await mainDraw([thonon], '2030-01-01', '2030-01-31');
    await mainDraw([albertville], '2030-01-01', '2030-02-28');
    await freeSeat(await slotOf(thonon, '2030-01-08'));
    await freeSeat(await slotOf(albertville, '2030-02-08'));

    assert.equal((await schedule()).length, 2);
    const draws = await followUps();
    assert.deepEqual(draws.map((draw) => [draw.department_code, draw.offer_ids, draw.slots_to]).sort(), [
      ['73', [albertville], '2030-02-28'],
      ['74', [thonon], '2030-01-31'],
    ]);
  });

  test('offers whose drawn periods end on different days take turns, the oldest freed seat first', async () => {
    await mainDraw([thonon], '2030-01-01', '2030-01-15');
    await mainDraw([bonneville], '2030-01-01', '2030-01-31');
    await freeSeat(await slotOf(bonneville, '2030-01-20'));
    await freeSeat(await slotOf(thonon, '2030-01-10'));

    const [first] = await schedule();
    assert.ok(first);
    let [draw] = await followUps();
    assert.deepEqual([draw?.offer_ids, draw?.slots_to], [[bonneville], '2030-01-31']);
    assert.deepEqual(await unclaimed(), [thonon]);

    await markDrawn(first);
    clock.advance(4 * HOUR);
    await schedule();
    [, draw] = await followUps();
    assert.deepEqual([draw?.offer_ids, draw?.slots_to], [[thonon], '2030-01-15']);
  });

  test('with a public beacon, the round after the window’s close is pinned', async () => {
    // A local beacon in drand's format: genesis 2030-01-01T00:00:00Z, a round every 30 s.
    const genesis = Date.parse('2030-01-01T00:00:00Z') / 1000;
    const server: Server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/info') response.end(JSON.stringify({ period: 30, genesis_time: genesis }));
      else response.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await mainDraw([thonon], '2030-01-01', '2030-01-31');
      await freeSeat(await slotOf(thonon, '2030-01-08'));
      await scheduleFollowUpDraws({
        db: database.db,
        clock,
        config,
        beacon: beaconAt(`http://127.0.0.1:${port}`),
      });
      const [draw] = await followUps();
      const closes = (Date.parse(NOW) + HOUR) / 1000;
      assert.equal(draw?.beacon_round, String((closes - genesis) / 30 + 2));
    } finally {
      server.close();
    }
  });
});

describe('whose turn it is (offersOnTurn)', () => {
  const offer = (
    offerId: number,
    drawnTo: string | null,
    oldestEvent: string | null,
    undrawnFrom = null,
  ) => ({
    offerId,
    siteId: offerId,
    drawnTo,
    undrawnFrom,
    oldestEvent,
  });

  test('the offers ending with the oldest waiting event’s offer, with or without events of their own', () => {
    assert.deepEqual(
      offersOnTurn([offer(1, '2030-01-31', '9'), offer(2, '2030-01-15', '10'), offer(3, '2030-01-31', null)]),
      { offerIds: [1, 3], slotsTo: '2030-01-31' },
    );
    // Event ids compare as numbers, not as text.
    assert.deepEqual(offersOnTurn([offer(1, '2030-01-31', '10'), offer(2, '2030-01-15', '9')]), {
      offerIds: [2],
      slotsTo: '2030-01-15',
    });
  });

  test('nobody’s turn without a waiting event or a drawn period', () => {
    assert.equal(offersOnTurn([offer(1, '2030-01-31', null), offer(2, null, '3')]), undefined);
  });
});
