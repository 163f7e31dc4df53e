import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { regenerateOrRefuse } from '../src/modules/schedule/regeneration.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture } from './helpers/fixtures.ts';
import { slotAt, slotsOf } from './helpers/schedule.ts';

// A regeneration locks the offer's future slots: a booking of a slot it removes waits for it, then
// finds no slot — a clear 422, never a 500, and no booking without a seat.

let t: TestApp;

before(async () => {
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
});
after(() => t.close());

/** Waits until some backend of the test database waits for a lock. */
async function someoneWaitsForALock(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(t.database.db);
    if ((rows[0]?.n ?? 0) > 0) return;
    await sleep(20);
  }
  throw new Error('no booking waited for the regeneration');
}

test('a booking of a slot that a regeneration removes meanwhile is refused 422, not booked', async () => {
  const db = t.database.db;
  const fixture = await createFixture(db, { slots: 0 });
  await db.updateTable('offer').set({ publication_days: 3 }).where('id', '=', fixture.offerId).execute();
  await db
    .insertInto('opening_rule')
    .values({
      offer_id: fixture.offerId,
      weekday: 2,
      starts_at: '09:00',
      ends_at: '09:20',
      capacity: 1,
      valid_from: null,
      valid_until: null,
    })
    .execute();
  await db.transaction().execute((trx) => regenerateOrRefuse(trx, [fixture.offerId], t.clock.now()));
  const slotId = await slotAt(db, fixture.offerId, '2030-01-08 09:00');

  let booking: Promise<Awaited<ReturnType<typeof t.app.inject>>> | undefined;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('opening_rule').where('offer_id', '=', fixture.offerId).execute();
    await regenerateOrRefuse(trx, [fixture.offerId], t.clock.now());
    booking = Promise.resolve(
      t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: { slotId: Number(slotId), acceptConditions: true, applicant: applicant() },
      }),
    );
    await someoneWaitsForALock();
  });
  assert.ok(booking);
  const response = await booking;
  assert.equal(response.statusCode, 422, response.body);
  assert.equal(response.json().error.fields[0].field, 'slotId');
  assert.deepEqual(await slotsOf(db, fixture.offerId), []);
  assert.equal((await db.selectFrom('booking').select('id').execute()).length, 0);
});
