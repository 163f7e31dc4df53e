import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { DRAW_CHANNEL, FIRST_COME_CHANNEL } from './channels.ts';

// The offer-with-place chain (offer → procedure, site → département) and the first-come pool built on
// it, written once for every repository. Every read of slots that anyone may book starts from
// `bookableSlots`; the booking's own check starts from `firstComeSlots` and leaves the seat count to
// the database's trigger.

type PlaceTables = 'offer' | 'procedure' | 'site' | 'department';

/** Joins an offer's procedure, site and département to a query that has `offer` in it. */
export function joinPlace<TB extends keyof Database, O>(
  query: SelectQueryBuilder<Database, TB | 'offer', O>,
): SelectQueryBuilder<Database, TB | PlaceTables, O> {
  return (query as unknown as SelectQueryBuilder<Database, 'offer', O>)
    .innerJoin('procedure', 'procedure.id', 'offer.procedure_id')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .innerJoin('department', 'department.code', 'site.department_code') as unknown as SelectQueryBuilder<
    Database,
    TB | PlaceTables,
    O
  >;
}

/** Offers with their procedure, site and département. */
export function offersWithPlace(db: Executor) {
  return joinPlace(db.selectFrom('offer'));
}

/** Slots with their offer, procedure, site and département. */
export function slotsWithPlace(db: Executor) {
  return joinPlace(db.selectFrom('slot').innerJoin('offer', 'offer.id', 'slot.offer_id'));
}

/** Bookings with their slot, offer, procedure, site and département. */
export function bookingsWithPlace(db: Executor) {
  return joinPlace(
    db
      .selectFrom('booking')
      .innerJoin('slot', 'slot.id', 'booking.slot_id')
      .innerJoin('offer', 'offer.id', 'slot.offer_id'),
  );
}

/** The first-come condition, the one place it is written for data. */
function firstCome(eb: ExpressionBuilder<Database, 'offer'>) {
  return eb('offer.channel', '=', FIRST_COME_CHANNEL);
}

/** Offers booked first-come, with their place: the offers that publish slots for anyone to book. */
export function firstComeOffers(db: Executor) {
  return offersWithPlace(db).where(firstCome);
}

/** Slots of first-come offers, full or not, past or not: what a booking may be asked for. */
export function firstComeSlots(db: Executor) {
  return slotsWithPlace(db).where(firstCome);
}

/** Offers whose seats a draw allocates, with their place: where a request may name an office. */
export function drawOffers(db: Executor) {
  return offersWithPlace(db).where('offer.channel', '=', DRAW_CHANNEL);
}

/**
 * The public pool: slots of first-come offers with a free seat that start after `now`. A draw offer's
 * slots are never in it, whatever the read; nor are seats in their cool-down (`held_back`).
 */
export function bookableSlots(db: Executor, now: Date) {
  return firstComeSlots(db)
    .where(sql<boolean>`slot.taken + slot.held_back < slot.capacity`)
    .where('slot.starts_at', '>', now);
}

/** The seats of a slot anyone may book now, for a query with `slot`. */
export const REMAINING_SEATS = sql<number>`slot.capacity - slot.taken - slot.held_back`;

/**
 * The end of an offer's publication horizon seen from `now`: local midnight after its last published
 * day (today in the office's zone and the `publication_days - 1` days after it), for a query with the
 * offer and its département.
 */
export function horizonEnd(now: Date) {
  return sql<Date>`(((${now}::timestamptz at time zone department.timezone)::date + offer.publication_days)::timestamp at time zone department.timezone)`;
}

/** The start of the earliest bookable slot after `now`, per offer (offers without one are absent). */
export async function nextFreeByOffer(
  db: Executor,
  offerIds: number[],
  now: Date,
): Promise<Map<number, Date>> {
  if (offerIds.length === 0) return new Map();
  const rows = await bookableSlots(db, now)
    .select(['offer.id as offerId', (eb) => eb.fn.min('slot.starts_at').as('startsAt')])
    .where('offer.id', 'in', offerIds)
    .groupBy('offer.id')
    .execute();
  return new Map(rows.map((row) => [row.offerId, new Date(row.startsAt)]));
}
