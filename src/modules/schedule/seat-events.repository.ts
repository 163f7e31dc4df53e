import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, SeatFreedCause } from '../../db/schema.ts';

type Executor = Db | Transaction<Database>;

/** A seat given back: which slot, of which offer and procedure, from which booking, why and when. */
export interface FreedSeat {
  eventId: string;
  slotId: string;
  offerId: number;
  procedureId: number;
  bookingId: string | null;
  cause: SeatFreedCause;
  freedAt: Date;
}

// The columns every query answers, and how they read as a FreedSeat.
const RETURNED = ['id', 'slot_id', 'offer_id', 'procedure_id', 'booking_id', 'cause', 'occurred_at'] as const;

function toFreedSeat(row: {
  id: string;
  slot_id: string;
  offer_id: number;
  procedure_id: number;
  booking_id: string | null;
  cause: SeatFreedCause;
  occurred_at: Date;
}): FreedSeat {
  return {
    eventId: row.id,
    slotId: row.slot_id,
    offerId: row.offer_id,
    procedureId: row.procedure_id,
    bookingId: row.booking_id,
    cause: row.cause,
    freedAt: row.occurred_at,
  };
}

/**
 * Records a `seat.freed` event for a seat of `slotId`; call it in the transaction that frees the seat,
 * so that the event exists if and only if the seat was freed.
 */
export async function recordSeatFreed(
  trx: Transaction<Database>,
  seat: { slotId: string; bookingId: string | null; cause: SeatFreedCause; at: Date },
): Promise<FreedSeat> {
  const row = await trx
    .insertInto('seat_event')
    .columns(['event', 'cause', 'slot_id', 'offer_id', 'procedure_id', 'booking_id', 'occurred_at'])
    .expression((eb) =>
      eb
        .selectFrom('slot')
        .innerJoin('offer', 'offer.id', 'slot.offer_id')
        .select([
          eb.val('seat.freed' as const).as('event'),
          eb.val(seat.cause).as('cause'),
          'slot.id',
          'offer.id as offer_id',
          'offer.procedure_id',
          eb.val(seat.bookingId).as('booking_id'),
          eb.val(seat.at).as('occurred_at'),
        ])
        .where('slot.id', '=', seat.slotId),
    )
    .returning(RETURNED)
    .executeTakeFirstOrThrow();
  return toFreedSeat(row);
}

/**
 * Claims up to `limit` unclaimed seat events for `consumer`, oldest first, inside the consumer's own
 * transaction: events another transaction is claiming are skipped, and a rollback gives them back.
 * Each event is thus acted on once.
 */
export async function claimSeatEvents(
  trx: Transaction<Database>,
  claim: { consumer: string; at: Date; limit: number; offerIds?: number[] },
): Promise<FreedSeat[]> {
  if (claim.offerIds?.length === 0) return [];
  const rows = await trx
    .updateTable('seat_event')
    .set({ consumed_at: claim.at, consumed_by: claim.consumer })
    .where('id', 'in', (eb) => {
      let unclaimed = eb
        .selectFrom('seat_event as candidate')
        .select('candidate.id')
        .where('candidate.consumed_at', 'is', null);
      if (claim.offerIds) unclaimed = unclaimed.where('candidate.offer_id', 'in', claim.offerIds);
      return unclaimed.orderBy('candidate.id').limit(claim.limit).forUpdate().skipLocked();
    })
    .returning(RETURNED)
    .execute();
  return rows.map(toFreedSeat);
}

/** Deletes the events about seats whose appointment has begun: nobody can take those seats any more. */
export async function purgeSeatEvents(db: Executor, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('seat_event')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('slot')
          .select('slot.id')
          .whereRef('slot.id', '=', 'seat_event.slot_id')
          .where('slot.starts_at', '<=', now),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Claims one event for `consumer` in the transaction that acts on it (the cool-down, as it is recorded). */
export async function claimSeatEvent(
  trx: Transaction<Database>,
  claim: { eventId: string; consumer: string; at: Date },
): Promise<void> {
  await trx
    .updateTable('seat_event')
    .set({ consumed_at: claim.at, consumed_by: claim.consumer })
    .where('id', '=', claim.eventId)
    .where('consumed_at', 'is', null)
    .execute();
}
