import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database, SeatFreedCause } from '../../db/schema.ts';
import { claimSeatEvent, type FreedSeat, recordSeatFreed } from '../schedule/seat-events.repository.ts';
import { holdBackSeat } from './cool-down.repository.ts';

/** The settings of the cool-down (decision 0029). */
export type CoolDownConfig = Pick<Config, 'coolDownMinMinutes' | 'coolDownMaxMinutes'>;

/** The consumer name of the seat events the cool-down takes in (seat_event.consumed_by). */
export const COOL_DOWN_CONSUMER = 'cool_down';

/**
 * How long a freed seat stays out of the public pool: a whole number of seconds drawn uniformly
 * between the settings by the cryptographic generator, so that nobody can tell when it comes back.
 */
export function coolDownDelayMs(config: CoolDownConfig): number {
  const min = config.coolDownMinMinutes * 60;
  const max = config.coolDownMaxMinutes * 60;
  return randomInt(min, max + 1) * 1000;
}

/**
 * Records the `seat.freed` event of a seat just given back, in the transaction that gave it back. A
 * first-come seat is held back at once for its cool-down, which takes the event in (the earlier-slot
 * offers act on the held seat); a draw offer's event is left for its follow-up draws.
 */
export async function freeSeat(
  trx: Transaction<Database>,
  seat: { slotId: string; bookingId: string; cause: SeatFreedCause; at: Date },
  config: CoolDownConfig,
): Promise<FreedSeat & { heldSeatId: string | undefined }> {
  const freed = await recordSeatFreed(trx, seat);
  const returnsAt = new Date(seat.at.getTime() + coolDownDelayMs(config));
  const heldSeatId = await holdBackSeat(trx, {
    slotId: seat.slotId,
    seatEventId: freed.eventId,
    at: seat.at,
    returnsAt,
  });
  if (heldSeatId) {
    await claimSeatEvent(trx, { eventId: freed.eventId, consumer: COOL_DOWN_CONSUMER, at: seat.at });
  }
  return { ...freed, heldSeatId };
}
