import type { Executor } from '../../db/database.ts';
import { FIRST_COME_CHANNEL } from '../schedule/channels.ts';
import { slotsWithPlace } from '../schedule/offers.repository.ts';

// The held seats of the cool-down (migration 0020): inserted in the transaction that frees a
// first-come seat, returned to the public pool, or given to an accepted earlier-slot offer. The
// schema's trigger keeps `slot.held_back` in step, and the capacity check keeps them unbookable.

/**
 * Holds back a seat of `slotId` until `returnsAt`, only when the slot belongs to a first-come offer
 * (a draw offer's freed seats go to its follow-up draws). Answers the held seat's id, if one was made.
 */
export async function holdBackSeat(
  trx: Executor,
  seat: { slotId: string; seatEventId: string | null; at: Date; returnsAt: Date },
): Promise<string | undefined> {
  const row = await trx
    .insertInto('held_seat')
    .columns(['slot_id', 'seat_event_id', 'held_at', 'returns_at'])
    .expression((eb) =>
      eb
        .selectFrom('slot')
        .innerJoin('offer', 'offer.id', 'slot.offer_id')
        .select([
          'slot.id',
          eb.val(seat.seatEventId).as('seat_event_id'),
          eb.val(seat.at).as('held_at'),
          eb.val(seat.returnsAt).as('returns_at'),
        ])
        .where('slot.id', '=', seat.slotId)
        .where('offer.channel', '=', FIRST_COME_CHANNEL),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * The held seats nobody is being offered right now, oldest first: what the cool-down job looks at. A
 * seat kept for a revoked person's live priority pass is theirs until it is used or expires (0038).
 */
export async function listIdleHeldSeats(db: Executor, limit: number, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('held_seat')
    .select('held_seat.id')
    .where('held_seat.status', '=', 'held')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('priority_pass')
            .select('priority_pass.id')
            .whereRef('priority_pass.held_seat_id', '=', 'held_seat.id')
            .where('priority_pass.used_at', 'is', null)
            .where('priority_pass.expires_at', '>', now),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('earlier_offer')
            .select('earlier_offer.id')
            .whereRef('earlier_offer.held_seat_id', '=', 'held_seat.id')
            .where('earlier_offer.status', '=', 'offered'),
        ),
      ),
    )
    .orderBy('held_seat.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** One held seat with its slot and place, locked; skipped when another run holds it. */
export async function lockHeldSeat(trx: Executor, heldSeatId: string) {
  return slotsWithPlace(trx)
    .innerJoin('held_seat', 'held_seat.slot_id', 'slot.id')
    .select([
      'held_seat.id',
      'held_seat.status',
      'held_seat.returns_at as returnsAt',
      'slot.id as slotId',
      'slot.starts_at as startsAt',
      'offer.procedure_id as procedureId',
      'offer.site_id as siteId',
      'department.timezone',
    ])
    .where('held_seat.id', '=', heldSeatId)
    .forUpdate('held_seat')
    .skipLocked()
    .executeTakeFirst();
}

export type LockedHeldSeat = NonNullable<Awaited<ReturnType<typeof lockHeldSeat>>>;

/** held → returned or given; the trigger gives the seat back to the slot. False if it was not held. */
export async function endHeldSeat(
  trx: Executor,
  heldSeatId: string,
  status: 'returned' | 'given',
  at: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('held_seat')
    .set({ status, ended_at: at })
    .where('id', '=', heldSeatId)
    .where('status', '=', 'held')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
