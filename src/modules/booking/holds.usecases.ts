import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { type FreedSeat, recordSeatFreed } from '../schedule/seat-events.repository.ts';
import { expireOneHold } from './holds.repository.ts';

/**
 * Expires the pending bookings whose hold has run out, one transaction each: the booking turns
 * `expired` (the trigger gives its seat back) and a `seat.freed` event is recorded in the same
 * transaction, so there is an event if and only if a seat was freed (`unconfirmed_win` for a seat a
 * draw gave). Answers the seats freed.
 * Confirming checks the hold itself, so a late run never lets a stale hold be confirmed.
 */
export async function expireHolds(
  { db, clock }: { db: Db; clock: Clock },
  limit = 10_000,
): Promise<FreedSeat[]> {
  const now = clock.now();
  const freed: FreedSeat[] = [];
  while (freed.length < limit) {
    const seat = await db.transaction().execute(async (trx) => {
      const expired = await expireOneHold(trx, now);
      if (!expired) return undefined;
      // A draw's win left unconfirmed frees its seat for the follow-up draws, under its own cause.
      const cause = expired.drawId === null ? 'expired' : 'unconfirmed_win';
      return recordSeatFreed(trx, { slotId: expired.slotId, bookingId: expired.bookingId, cause, at: now });
    });
    if (!seat) break;
    freed.push(seat);
  }
  return freed;
}
