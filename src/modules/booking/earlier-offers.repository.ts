import type { Executor } from '../../db/database.ts';
import type { EarlierOfferStatus } from '../../db/schema.ts';
import { slotsWithPlace } from '../schedule/offers.repository.ts';

// The earlier-slot list and its offers (migration 0020): who asked to be offered an earlier slot, who
// may be offered a held seat, and each offer's answer.

/** Adds a confirmed booking to the list (the trigger refuses any other); nothing if already there. */
export async function addEarlierWish(db: Executor, bookingId: string, at: Date): Promise<void> {
  await db
    .insertInto('earlier_wish')
    .values({ booking_id: bookingId, created_at: at })
    .onConflict((oc) => oc.column('booking_id').doNothing())
    .execute();
}

/** Takes a booking off the list. */
export async function removeEarlierWish(db: Executor, bookingId: string): Promise<void> {
  await db.deleteFrom('earlier_wish').where('booking_id', '=', bookingId).execute();
}

/** Whether a booking is on the list. */
export async function hasEarlierWish(db: Executor, bookingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('earlier_wish')
    .select('booking_id')
    .where('booking_id', '=', bookingId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The confirmed bookings of a procedure whose holders asked for an earlier slot, with their office
 * and time, earliest first: for first-come offers and for the follow-up draws of draw offers alike.
 */
export async function optedInForEarlier(db: Executor, procedureId: number) {
  return db
    .selectFrom('earlier_wish')
    .innerJoin('booking', 'booking.id', 'earlier_wish.booking_id')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .select([
      'booking.id as bookingId',
      'booking.identity_key as identityKey',
      'offer.id as offerId',
      'offer.site_id as siteId',
      'slot.id as slotId',
      'slot.starts_at as startsAt',
      'earlier_wish.created_at as optedInAt',
    ])
    .where('booking.procedure_id', '=', procedureId)
    .where('booking.status', '=', 'confirmed')
    .orderBy('slot.starts_at')
    .orderBy('booking.id')
    .execute();
}

/**
 * Who may be offered a held seat: a confirmed booking on the list, of the same procedure at the same
 * office, later than the seat's slot, never offered this seat, whose holder has had no offer on
 * `day`. By id, bounded: the caller draws one of them at random.
 */
export async function eligibleForSeat(
  db: Executor,
  seat: { heldSeatId: string; procedureId: number; siteId: number; startsAt: Date; day: string },
  limit = 10_000,
) {
  return db
    .selectFrom('earlier_wish')
    .innerJoin('booking', 'booking.id', 'earlier_wish.booking_id')
    .innerJoin('slot as own', 'own.id', 'booking.slot_id')
    .innerJoin('offer as own_offer', 'own_offer.id', 'own.offer_id')
    .select(['booking.id', 'booking.locale'])
    .where('booking.status', '=', 'confirmed')
    .where('booking.procedure_id', '=', seat.procedureId)
    .where('own_offer.site_id', '=', seat.siteId)
    .where('own.starts_at', '>', seat.startsAt)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('earlier_offer')
            .select('earlier_offer.id')
            .where((eb) =>
              eb.or([
                eb.and([
                  eb('earlier_offer.identity_key', '=', eb.ref('booking.identity_key')),
                  eb('earlier_offer.offered_on', '=', seat.day),
                ]),
                eb.and([
                  eb('earlier_offer.held_seat_id', '=', seat.heldSeatId),
                  eb('earlier_offer.booking_id', '=', eb.ref('booking.id')),
                ]),
              ]),
            ),
        ),
      ),
    )
    .orderBy('booking.id')
    .limit(limit)
    .execute();
}

/** Records an offer of a held seat to a booking; the trigger copies the person's identity. */
export async function insertEarlierOffer(
  trx: Executor,
  offer: { heldSeatId: string; bookingId: string; day: string; at: Date; expiresAt: Date; hash: Buffer },
): Promise<string> {
  const row = await trx
    .insertInto('earlier_offer')
    .values({
      held_seat_id: offer.heldSeatId,
      booking_id: offer.bookingId,
      offered_on: offer.day,
      offered_at: offer.at,
      expires_at: offer.expiresAt,
      token_hash: offer.hash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The offers whose time is up turn expired, all at once; answers how many. */
export async function expireDueOffers(db: Executor, now: Date): Promise<number> {
  const result = await db
    .updateTable('earlier_offer')
    .set({ status: 'expired', decided_at: now })
    .where('status', '=', 'offered')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** An offer by its link's token hash, with the held seat's slot and place; locked when `lock`. */
export async function findEarlierOffer(db: Executor, hash: Buffer, lock = false) {
  const query = slotsWithPlace(db)
    .innerJoin('held_seat', 'held_seat.slot_id', 'slot.id')
    .innerJoin('earlier_offer', 'earlier_offer.held_seat_id', 'held_seat.id')
    .select([
      'earlier_offer.id',
      'earlier_offer.status',
      'earlier_offer.expires_at as expiresAt',
      'earlier_offer.booking_id as bookingId',
      'held_seat.id as heldSeatId',
      'slot.id as slotId',
      'slot.starts_at as startsAt',
      'slot.ends_at as endsAt',
      'site.name as siteName',
      'site.address as siteAddress',
      'department.timezone',
    ])
    .where('earlier_offer.token_hash', '=', hash);
  return lock ? query.forUpdate('earlier_offer').executeTakeFirst() : query.executeTakeFirst();
}

export type EarlierOfferRow = NonNullable<Awaited<ReturnType<typeof findEarlierOffer>>>;

/** offered → accepted or declined; false when the offer was no longer waiting. */
export async function decideEarlierOffer(
  trx: Executor,
  offerId: string,
  status: Exclude<EarlierOfferStatus, 'offered' | 'expired'>,
  at: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('earlier_offer')
    .set({ status, decided_at: at })
    .where('id', '=', offerId)
    .where('status', '=', 'offered')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The offer a notification is about, for its email: the proposed slot, if still waiting. */
export async function findOfferForMessage(db: Executor, offerId: string) {
  return slotsWithPlace(db)
    .innerJoin('held_seat', 'held_seat.slot_id', 'slot.id')
    .innerJoin('earlier_offer', 'earlier_offer.held_seat_id', 'held_seat.id')
    .select([
      'earlier_offer.status',
      'earlier_offer.expires_at as expiresAt',
      'slot.starts_at as startsAt',
      'site.name as siteName',
      'department.timezone',
      'earlier_offer.booking_id as bookingId',
    ])
    .where('earlier_offer.id', '=', offerId)
    .executeTakeFirst();
}
