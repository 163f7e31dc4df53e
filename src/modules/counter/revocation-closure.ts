import type { Executor } from '../../db/database.ts';
import { endHeldSeat, holdBackSeat } from '../booking/cool-down.repository.ts';
import { addDays, localDate, zonedTimeToUtc } from '../schedule/timezone.ts';
import type { RevocationPeriod } from './revocation.input.ts';
import {
  daysWithActiveBookings,
  firstFreeSlotAfter,
  insertClosures,
  passesKeptInPeriod,
  setPassSeat,
  withdrawFreeSeats,
} from './revocation-closure.repository.ts';

// Revoking a site's period closes it (decision 0049): in the revocation's transaction, every local
// day the period covers whole becomes a closure of the site (so no regeneration brings its slots
// back), and every free seat of the period — a partial day's, a day kept open, a draw offer's — is
// withdrawn, so that no seat of the period remains bookable by anyone.

/** A closure's reason is one line of at most 200 characters (closure_reason_length). */
const CLOSURE_REASON_MAX = 200;

/**
 * The office's local days from `today` on that [from, to) covers from midnight to midnight, in order.
 * A period of instants that starts or ends within a day leaves that day out.
 */
export function wholeDays(period: RevocationPeriod, timezone: string, today: string): string[] {
  const days: string[] = [];
  const last = localDate(new Date(period.to.getTime() - 1), timezone);
  for (let day = localDate(period.from, timezone); day <= last; day = addDays(day, 1)) {
    const start = zonedTimeToUtc(day, '00:00', timezone);
    const end = zonedTimeToUtc(addDays(day, 1), '00:00', timezone);
    if (day >= today && start >= period.from && end <= period.to) days.push(day);
  }
  return days;
}

/** The closure's reason: the revocation's, cut to one line of the closures' length. */
export function closureReason(reason: string): string {
  const line = reason.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= CLOSURE_REASON_MAX ? line : `${chars.slice(0, CLOSURE_REASON_MAX - 1).join('')}…`;
}

/**
 * What closing a period did: the days closed by this call, the free seats withdrawn, and the seats
 * kept for earlier passes that were moved out of the period.
 */
export interface PeriodClosure {
  closedDays: string[];
  withdrawnSeats: number;
  keptSeatsMoved: number;
}

/**
 * Closes the period, after its bookings were revoked, in the caller's transaction. A day on which an
 * active booking remains (a person already checked in for a later slot) is not made a closure — its
 * free seats are withdrawn all the same — so that no later schedule change is refused for it.
 * Idempotent: a second call closes nothing and withdraws nothing more.
 */
export async function closePeriod(
  trx: Executor,
  site: { id: number; timezone: string },
  period: RevocationPeriod,
  reason: string,
  now: Date,
): Promise<PeriodClosure> {
  const scope = { siteId: site.id, ...period, now };
  const busy = await daysWithActiveBookings(trx, { ...scope, timezone: site.timezone });
  const days = wholeDays(period, site.timezone, localDate(now, site.timezone)).filter((d) => !busy.has(d));
  const closedDays = await insertClosures(trx, { siteId: site.id, days, reason: closureReason(reason) });
  const keptSeatsMoved = await moveKeptSeats(trx, scope);
  const withdrawnSeats = await withdrawFreeSeats(trx, scope);
  return { closedDays, withdrawnSeats, keptSeatsMoved };
}

/**
 * A live pass whose kept seat is in the period (a booking revoked alone before its day was closed)
 * keeps one after it instead: the first free seat of the same offer from the period's end on, until
 * the pass expires — or none when there is no free seat (the pass still lists what anyone may book).
 * Answers how many passes were looked at.
 */
async function moveKeptSeats(
  trx: Executor,
  scope: { siteId: number; from: Date; to: Date; now: Date },
): Promise<number> {
  const passes = await passesKeptInPeriod(trx, scope);
  for (const pass of passes) {
    await endHeldSeat(trx, pass.heldSeatId, 'returned', scope.now);
    const slotId = await firstFreeSlotAfter(trx, pass.offerId, scope.to, scope.now);
    const heldSeatId = slotId
      ? await holdBackSeat(trx, {
          slotId,
          seatEventId: pass.seatEventId,
          at: scope.now,
          returnsAt: pass.expiresAt,
        })
      : undefined;
    await setPassSeat(trx, pass.id, heldSeatId);
  }
  return passes.length;
}
