import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { bookableSlots } from '../schedule/offers.repository.ts';

// The SQL of a period's closure (decision 0049): the days that still hold an active booking, the
// closures inserted, the period's free seats withdrawn, and the seat a priority pass keeps after it.

/** The site's local days in [from, to) on which an active booking still has an upcoming seat. */
export async function daysWithActiveBookings(
  trx: Executor,
  scope: { siteId: number; from: Date; to: Date; now: Date; timezone: string },
): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .select(sql<string>`to_char(slot.starts_at at time zone ${scope.timezone}, 'YYYY-MM-DD')`.as('day'))
    .distinct()
    .where('offer.site_id', '=', scope.siteId)
    .where(sql<boolean>`booking_is_active(booking.status)`)
    .where('slot.starts_at', '>', scope.now)
    .where('slot.starts_at', '>=', scope.from)
    .where('slot.starts_at', '<', scope.to)
    .execute();
  return new Set(rows.map((row) => row.day));
}

/** Closes the site on these days; answers the days closed now (not those already closed). */
export async function insertClosures(
  trx: Executor,
  closure: { siteId: number; days: string[]; reason: string },
): Promise<string[]> {
  if (closure.days.length === 0) return [];
  const rows = await trx
    .insertInto('closure')
    .values(closure.days.map((day) => ({ site_id: closure.siteId, day, reason: closure.reason })))
    .onConflict((oc) => oc.columns(['site_id', 'day']).doNothing())
    .returning(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'))
    .execute();
  return rows.map((row) => row.day).sort();
}

/**
 * Withdraws every free seat of the site's slots (any channel) starting in [from, to) after `now`:
 * each slot's capacity becomes its seats taken, as the regeneration withdraws a slot no longer given
 * (capacity 0 once nobody holds it); seats held back are cut with it (slot_capacity_cuts_held_back).
 * Answers the seats withdrawn.
 */
export async function withdrawFreeSeats(
  trx: Executor,
  scope: { siteId: number; from: Date; to: Date; now: Date },
): Promise<number> {
  const result = await sql<{ withdrawn: string | null }>`
    with cut as (
      select slot.id, slot.capacity - slot.taken as seats from slot
        join offer on offer.id = slot.offer_id
       where offer.site_id = ${scope.siteId} and slot.starts_at > ${scope.now}
         and slot.starts_at >= ${scope.from} and slot.starts_at < ${scope.to}
         and slot.capacity > slot.taken
       order by slot.id
       for update of slot
    ), done as (
      update slot set capacity = slot.taken from cut where slot.id = cut.id returning cut.seats
    )
    select sum(seats)::text as withdrawn from done`.execute(trx);
  return Number(result.rows[0]?.withdrawn ?? 0);
}

/**
 * The earliest slot of the offer starting at or after `after` with a seat anyone may book, locked
 * (a concurrent booking of it waits): where a revoked person's priority pass keeps a seat.
 */
export async function firstFreeSlotAfter(trx: Executor, offerId: number, after: Date, now: Date) {
  const row = await bookableSlots(trx, now)
    .select('slot.id')
    .where('offer.id', '=', offerId)
    .where('slot.starts_at', '>=', after)
    .orderBy('slot.starts_at')
    .orderBy('slot.id')
    .limit(1)
    .forUpdate('slot')
    .executeTakeFirst();
  return row?.id;
}

/**
 * The live priority passes whose kept seat is in a slot of the site starting in [from, to) after
 * `now` (a booking revoked alone before its day was closed), soonest seat first, the passes locked.
 */
export async function passesKeptInPeriod(
  trx: Executor,
  scope: { siteId: number; from: Date; to: Date; now: Date },
) {
  return trx
    .selectFrom('priority_pass')
    .innerJoin('held_seat', 'held_seat.id', 'priority_pass.held_seat_id')
    .innerJoin('slot', 'slot.id', 'held_seat.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .select([
      'priority_pass.id',
      'priority_pass.expires_at as expiresAt',
      'held_seat.id as heldSeatId',
      'held_seat.seat_event_id as seatEventId',
      'offer.id as offerId',
    ])
    .where('offer.site_id', '=', scope.siteId)
    .where('held_seat.status', '=', 'held')
    .where('priority_pass.used_at', 'is', null)
    .where('priority_pass.expires_at', '>', scope.now)
    .where('slot.starts_at', '>', scope.now)
    .where('slot.starts_at', '>=', scope.from)
    .where('slot.starts_at', '<', scope.to)
    .orderBy('slot.starts_at')
    .orderBy('priority_pass.id')
    .forUpdate('priority_pass')
    .execute();
}

/** Points a pass at its new kept seat, or at none. */
export async function setPassSeat(trx: Executor, passId: string, heldSeatId: string | undefined) {
  await trx
    .updateTable('priority_pass')
    .set({ held_seat_id: heldSeatId ?? null })
    .where('id', '=', passId)
    .execute();
}
