import type { Executor } from './booking.repository.ts';

/**
 * Marks one pending booking whose hold has run out as expired; the trigger frees its seat. One booking
 * per statement: a single UPDATE over many bookings would lock their slots and addresses in an order
 * of its own and could deadlock with a booking taking the same slot and address (found by the
 * property test). The statement locks booking, slot, address — the order bookings and cancellations
 * use — and skips a booking someone is confirming or cancelling right now.
 */
export async function expireOneHold(trx: Executor, now: Date) {
  return trx
    .updateTable('booking')
    .set({ status: 'expired', status_reason: 'hold_expired' })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('booking as due')
        .select('due.id')
        .where('due.status', '=', 'pending')
        .where('due.hold_expires_at', '<=', now)
        .orderBy('due.hold_expires_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id as bookingId', 'slot_id as slotId', 'draw_id as drawId'])
    .executeTakeFirst();
}
