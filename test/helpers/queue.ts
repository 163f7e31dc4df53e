import type { Db } from '../../src/db/database.ts';
import type { BookingStatus } from '../../src/modules/booking/statuses.ts';
import { bookingIn } from './check-in.ts';

// The counter loop's tests (decision 0041): bookings put in `waiting` by SQL as the reception's
// check-in leaves them (status, checked_in_at, a check_in counter event), and walked on from there
// through the admin API by the tests themselves.

/** Gives the site three counters, Guichet 1 to 3, and the other columns in `site` (its setting N, say). */
export async function openCounters(
  db: Db,
  siteId: number,
  site: { calls_before_missed?: number } = {},
): Promise<void> {
  await db
    .updateTable('site')
    .set({ counters: ['Guichet 1', 'Guichet 2', 'Guichet 3'], ...site })
    .where('id', '=', siteId)
    .execute();
}

/** A confirmed booking of the slot, checked in at `at` as the reception does it. */
export async function waitingBooking(
  db: Db,
  place: { slotId: number; procedureId: number; siteId: number },
  at: Date,
  identity: { lastName?: string; firstName?: string } = {},
) {
  const booking = await bookingIn(db, place, 'confirmed', identity);
  await db
    .updateTable('booking')
    .set({ status: 'waiting', checked_in_at: at })
    .where('id', '=', booking.id)
    .execute();
  await db
    .insertInto('counter_event')
    .values({
      booking_id: booking.id,
      site_id: place.siteId,
      at,
      agent_id: null,
      action: 'check_in',
      from_status: 'confirmed',
      to_status: 'waiting',
      counter: null,
      undoes: null,
    })
    .execute();
  return booking;
}

/** A booking's status and loop columns now. */
export async function loopRow(db: Db, reference: string) {
  return db
    .selectFrom('booking')
    .select(['status', 'checked_in_at', 'called_at', 'call_count', 'counter', 'served_at', 'finished_at'])
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow() as Promise<{
    status: BookingStatus;
    checked_in_at: Date | null;
    called_at: Date | null;
    call_count: number;
    counter: string | null;
    served_at: Date | null;
    finished_at: Date | null;
  }>;
}

/** A booking's counter events, in order. */
export async function eventsOf(db: Db, reference: string) {
  return db
    .selectFrom('counter_event')
    .innerJoin('booking', 'booking.id', 'counter_event.booking_id')
    .select([
      'counter_event.id',
      'counter_event.action',
      'counter_event.from_status',
      'counter_event.to_status',
      'counter_event.counter',
      'counter_event.agent_id',
      'counter_event.undoes',
    ])
    .where('booking.reference', '=', reference)
    .orderBy('counter_event.id')
    .execute();
}
