import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { fixedClock } from '../src/clock.ts';
import type { BookingStatus } from '../src/db/schema.ts';
import { expireHolds } from '../src/modules/booking/holds.usecases.ts';
import { claimSeatEvents, purgeSeatEvents } from '../src/modules/schedule/seat-events.repository.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';

// Hold expiry as a use case: the seats it frees, each with its seat.freed event, in one transaction.

const NOW = '2029-12-20T10:00:00Z';
let database: TestDatabase;
let fixture: Fixture;
const clock = fixedClock(NOW);
let n = 0;

before(async () => {
  database = await createTestDatabase({ maxActivePerEmail: 100 });
  fixture = await createFixture(database.db, { slots: 3, capacity: 3 });
});
after(() => database.drop());
beforeEach(async () => {
  // Truncating fires no trigger: the seat counters are reset by hand.
  await sql`truncate booking, email_activity restart identity cascade`.execute(database.db);
  await sql`update slot set taken = 0`.execute(database.db);
});

/** A booking of slot `slot` (index in the fixture) whose hold ends `minutes` from NOW. */
async function book(slot: number, minutes: number, status: BookingStatus = 'pending') {
  n++;
  const row = await database.db
    .insertInto('booking')
    .values({
      reference: `74-HOLD-${String(n).padStart(4, '0')}`,
      slot_id: String(fixture.slotIds[slot]),
      procedure_id: fixture.procedureId,
      identity_key: `F:${7_400_000_000 + n}`,
      email_key: `holds-${n}`,
      last_name: 'Dupont',
      first_name: 'Amina',
      birth_date: '1990-04-12',
      email: `amina.holds.${n}@example.org`,
      locale: 'fr',
      hold_expires_at: new Date(new Date(NOW).getTime() + minutes * 60_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (status === 'confirmed') {
    await database.db
      .updateTable('booking')
      .set({ status, confirmed_at: new Date(NOW) })
      .where('id', '=', row.id)
      .execute();
  }
  return row.id;
}

const taken = async () =>
  (
    await database.db
      .selectFrom('slot')
      .select(['id', 'taken'])
      .where('offer_id', '=', fixture.offerId)
      .orderBy('id')
      .execute()
  ).map((slot) => slot.taken);
const events = () => database.db.selectFrom('seat_event').selectAll().orderBy('id').execute();

describe('hold expiry', () => {
  test('frees each seat whose hold ran out and records one seat.freed event per freed seat', async () => {
    const late = [await book(0, -5), await book(0, -1), await book(1, 0)];
    const live = await book(1, 10);
    const confirmed = await book(2, -30, 'confirmed');
    assert.deepEqual(await taken(), [2, 2, 1]);

    const freed = await expireHolds({ db: database.db, clock });

    assert.deepEqual(freed.map((seat) => seat.bookingId).sort(), [...late].sort());
    assert.deepEqual(await taken(), [0, 1, 1], 'the live hold and the confirmed booking keep their seats');
    const recorded = await events();
    assert.equal(recorded.length, 3);
    for (const seat of freed) {
      const event = recorded.find((row) => row.id === seat.eventId);
      assert.ok(event, 'each freed seat has its event');
      assert.equal(event.event, 'seat.freed');
      assert.equal(event.cause, 'expired');
      assert.equal(event.booking_id, seat.bookingId);
      assert.equal(event.slot_id, seat.slotId);
      assert.equal(event.offer_id, fixture.offerId);
      assert.equal(event.procedure_id, fixture.procedureId);
      assert.equal(new Date(event.occurred_at).toISOString(), new Date(NOW).toISOString());
      assert.equal(event.consumed_at, null);
    }
    const statuses = await database.db.selectFrom('booking').select(['id', 'status']).execute();
    assert.deepEqual(
      new Map(statuses.map((row) => [row.id, row.status])),
      new Map([...late.map((id) => [id, 'expired'] as const), [live, 'pending'], [confirmed, 'confirmed']]),
    );
    assert.deepEqual(await expireHolds({ db: database.db, clock }), [], 'a second run finds nothing');
  });

  test('the seat is freed if and only if its event is recorded', async () => {
    const id = await book(0, -5);
    // The event cannot be written: the expiry must not happen either.
    await sql`
      create function refuse_seat_event() returns trigger language plpgsql as $$
      begin raise exception 'seat_event refused for the test'; end $$;
      create trigger refuse_seat_event before insert on seat_event for each row execute function refuse_seat_event();
    `.execute(database.db);
    try {
      await assert.rejects(expireHolds({ db: database.db, clock }), /seat_event refused/);
    } finally {
      await sql`drop trigger refuse_seat_event on seat_event; drop function refuse_seat_event();`.execute(
        database.db,
      );
    }
    const booking = await database.db
      .selectFrom('booking')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(booking.status, 'pending');
    assert.deepEqual(await taken(), [1, 0, 0]);
    assert.deepEqual(await events(), []);

    assert.equal((await expireHolds({ db: database.db, clock })).length, 1);
    assert.deepEqual(await taken(), [0, 0, 0]);
    assert.equal((await events()).length, 1);
  });
});

describe('seat events', () => {
  test('two consumers claiming at once each get other events; a rolled-back claim gives them back', async () => {
    for (let i = 0; i < 6; i++) await book(i % 3, -1);
    await expireHolds({ db: database.db, clock });
    const at = new Date(NOW);

    let releaseFirst: () => void = () => {};
    const firstHolds = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstClaimed: () => void = () => {};
    const claimedByFirst = new Promise<void>((resolve) => {
      firstClaimed = resolve;
    });
    const first = database.db.transaction().execute(async (trx) => {
      const claimed = await claimSeatEvents(trx, { consumer: 'first', at, limit: 4 });
      firstClaimed();
      await firstHolds; // still uncommitted while the second claims
      return claimed;
    });
    await claimedByFirst;
    const second = await database.db
      .transaction()
      .execute((trx) => claimSeatEvents(trx, { consumer: 'second', at, limit: 4 }));
    releaseFirst();
    const firstIds = (await first).map((seat) => seat.eventId);
    const secondIds = second.map((seat) => seat.eventId);
    assert.equal(firstIds.length, 4);
    assert.equal(secondIds.length, 2, 'the second skips what the first holds');
    assert.equal(new Set([...firstIds, ...secondIds]).size, 6);

    await sql`update seat_event set consumed_at = null, consumed_by = null`.execute(database.db);
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await claimSeatEvents(trx, { consumer: 'failing', at, limit: 10 });
        throw new Error('the consumer fails');
      }),
    );
    const again = await database.db
      .transaction()
      .execute((trx) =>
        claimSeatEvents(trx, { consumer: 'next', at, limit: 10, offerIds: [fixture.offerId] }),
      );
    assert.equal(again.length, 6, 'the failed claim gave every event back');
    assert.ok((await events()).every((event) => event.consumed_by === 'next'));
  });

  test('events about seats whose appointment has begun are purged', async () => {
    await book(0, -1);
    await book(2, -1);
    await expireHolds({ db: database.db, clock });
    const firstSlot = await database.db
      .selectFrom('slot')
      .select('starts_at')
      .where('id', '=', String(fixture.slotIds[1]))
      .executeTakeFirstOrThrow();
    assert.equal(await purgeSeatEvents(database.db, new Date(NOW)), 0);
    assert.equal(await purgeSeatEvents(database.db, new Date(firstSlot.starts_at)), 1);
    assert.deepEqual(
      (await events()).map((event) => event.slot_id),
      [String(fixture.slotIds[2])],
    );
  });
});
