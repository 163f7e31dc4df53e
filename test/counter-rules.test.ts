import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../src/db/database.ts';
import { bookingIn } from './helpers/check-in.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';

// What the status table cannot say about the counter loop, kept by the database (migration 0025):
// a check-in has its time, a call its counter, a person is missed only after the office's N calls,
// and the loop's record is never changed.

let database: TestDatabase;
let db: Db;
let fixture: Fixture;

before(async () => {
  database = await createTestDatabase();
  db = database.db;
  fixture = await createFixture(db, { slots: 1, capacity: 50 });
});
after(() => database.drop());

async function confirmedBooking(): Promise<string> {
  const place = { slotId: fixture.slotIds[0] ?? 0, procedureId: fixture.procedureId };
  return (await bookingIn(db, place, 'confirmed')).id;
}

async function refusal(statement: Promise<unknown>): Promise<string | null> {
  try {
    await statement;
    return null;
  } catch (error) {
    return (
      (error as { constraint?: string; code?: string }).constraint ??
      (error as { code?: string }).code ??
      null
    );
  }
}

const at = new Date('2030-01-07T08:01:00Z');

async function calledBooking(calls: number): Promise<string> {
  const id = await confirmedBooking();
  await db
    .updateTable('booking')
    .set({ status: 'waiting', checked_in_at: at })
    .where('id', '=', id)
    .execute();
  await db
    .updateTable('booking')
    .set({ status: 'called', called_at: at, call_count: calls, counter: 'Guichet 2' })
    .where('id', '=', id)
    .execute();
  return id;
}

describe('the counter loop in the database', () => {
  test('a booking waits only once checked in', async () => {
    const id = await confirmedBooking();
    const update = db.updateTable('booking').set({ status: 'waiting' }).where('id', '=', id).execute();
    assert.equal(await refusal(update), 'booking_counter_rules');
    const checkedIn = db
      .updateTable('booking')
      .set({ status: 'waiting', checked_in_at: at })
      .where('id', '=', id)
      .execute();
    assert.equal(await refusal(checkedIn), null);
  });

  test('a call names its counter, its time and counts', async () => {
    const id = await confirmedBooking();
    await db
      .updateTable('booking')
      .set({ status: 'waiting', checked_in_at: at })
      .where('id', '=', id)
      .execute();
    for (const missing of [
      { called_at: at, call_count: 1 },
      { counter: 'Guichet 1', call_count: 1 },
      { counter: 'Guichet 1', called_at: at },
    ]) {
      const update = db
        .updateTable('booking')
        .set({ status: 'called', ...missing })
        .where('id', '=', id)
        .execute();
      assert.equal(await refusal(update), 'booking_counter_rules', JSON.stringify(missing));
    }
  });

  test('missed after as many calls as the office says, not fewer', async () => {
    await db.updateTable('site').set({ calls_before_missed: 2 }).where('id', '=', fixture.siteId).execute();
    const once = await calledBooking(1);
    const tooSoon = db.updateTable('booking').set({ status: 'missed' }).where('id', '=', once).execute();
    assert.equal(await refusal(tooSoon), 'booking_calls_before_missed');
    const twice = await calledBooking(2);
    const inTime = db.updateTable('booking').set({ status: 'missed' }).where('id', '=', twice).execute();
    assert.equal(await refusal(inTime), null);
    // The rule does not stand in the way of the table's own refusals.
    const back = db.updateTable('booking').set({ status: 'served' }).where('id', '=', twice).execute();
    assert.equal(await refusal(back), 'booking_status_transition');
  });

  test('the setting stays between 1 and 10 calls', async () => {
    for (const calls of [0, 11]) {
      const update = db
        .updateTable('site')
        .set({ calls_before_missed: calls })
        .where('id', '=', fixture.siteId)
        .execute();
      assert.equal(await refusal(update), 'site_calls_before_missed_check');
    }
  });

  test('a counter event is never changed, and an undo names what it undoes', async () => {
    const booking = await confirmedBooking();
    const event = {
      booking_id: booking,
      site_id: fixture.siteId,
      at,
      action: 'check_in',
      from_status: 'confirmed',
      to_status: 'waiting',
    } as const;
    const { id } = await db
      .insertInto('counter_event')
      .values(event)
      .returning('id')
      .executeTakeFirstOrThrow();
    const change = db
      .updateTable('counter_event')
      .set({ counter: 'Guichet 9' })
      .where('id', '=', id)
      .execute();
    assert.equal(await refusal(change), '42501');
    const undoWithout = db
      .insertInto('counter_event')
      .values({ ...event, action: 'undo' })
      .execute();
    assert.equal(await refusal(undoWithout), 'counter_event_undo_check');
    const undo = db
      .insertInto('counter_event')
      .values({ ...event, action: 'undo', from_status: 'waiting', to_status: 'confirmed', undoes: id })
      .execute();
    assert.equal(await refusal(undo), null);
  });
});
