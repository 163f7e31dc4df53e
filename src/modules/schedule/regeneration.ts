import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { closuresFrom, plannedSlots } from './publication.ts';
import {
  applySlotChanges,
  bookingsWithoutSeat,
  lockFutureSlots,
  type ShortBooking,
} from './regeneration.repository.ts';
import { lastPublishedDay } from './release-policy.ts';
import { loadOfferSchedule } from './schedule.repository.ts';
import { diffSlots } from './slot-diff.ts';
import { formatInZone, localDate } from './timezone.ts';

// Regeneration (decision 0024): after a change of what an offer's slots are made of — its opening
// rules, its site's closures, its département's holidays, its procedure's duration, its policy — its
// future slots are made to match, in the transaction of the change. Days already published stay
// published (a shorter horizon stops new days, it does not take back announced ones); new days of a
// release policy wait for their release.

/** How many of an offer's future slots a regeneration inserted, updated and removed. */
export interface SlotCounts {
  inserted: number;
  updated: number;
  removed: number;
}

export interface RegenerationResult extends SlotCounts {
  /** Active bookings the change would leave without a seat; when any, nothing was changed. */
  stranded: ShortBooking[];
}

const NOTHING: RegenerationResult = { inserted: 0, updated: 0, removed: 0, stranded: [] };

/**
 * Makes one offer's slots after `now` match its schedule, in the caller's transaction, its row and
 * its future slots locked: slots no longer given are removed (kept without seats when a past booking
 * points at them), new ones inserted, seats and ends updated. If that would leave an active booking
 * without a seat, nothing is written and the bookings are returned. Offers of other channels than
 * first come have no slots to regenerate.
 */
export async function regenerateOfferSlots(
  trx: Executor,
  offerId: number,
  now: Date,
): Promise<RegenerationResult> {
  const schedule = await loadOfferSchedule(trx, offerId, closuresFrom(now), 'update');
  if (!schedule) return NOTHING;
  const stored = await lockFutureSlots(trx, offerId, now);
  const published = lastPublishedDay(schedule, localDate(now, schedule.zone));
  // YYYY-MM-DD dates sort as strings: the last of the published days and of the stored slots' days.
  const lastDay = [published, ...stored.map((slot) => localDate(slot.startsAt, schedule.zone))].sort().at(-1);
  const changes = diffSlots(stored, plannedSlots(schedule, now, lastDay));
  if (changes.shortages.length > 0) {
    return { ...NOTHING, stranded: await bookingsWithoutSeat(trx, changes.shortages) };
  }
  await applySlotChanges(trx, offerId, changes);
  return {
    inserted: changes.insert.length,
    updated: changes.update.length,
    removed: changes.remove.length + changes.withdraw.length,
    stranded: [],
  };
}

/** A booking a refused change would have left without a seat, as the API and the pages show it. */
export interface StrandedBooking {
  reference: string;
  /** ISO 8601 with the office's offset. */
  start: string;
  lastName: string;
  firstName: string;
}

/**
 * The 409 of a change that would leave bookings without a seat, listing them: the office revokes
 * them explicitly (with a reason and a rebooking offer) before making the change.
 */
export class StrandedBookingsError extends AppError {
  readonly bookings: StrandedBooking[];
  constructor(bookings: StrandedBooking[]) {
    super(
      409,
      'stranded_bookings',
      `Cette modification laisserait ${bookings.length} rendez-vous sans place : révoquez-les d'abord, ou modifiez autrement.`,
      undefined,
      { bookings },
    );
    this.bookings = bookings;
  }
}

/**
 * Regenerates several offers in the caller's transaction and throws StrandedBookingsError — which
 * rolls the whole change back — listing every booking of every offer left without a seat.
 */
export async function regenerateOrRefuse(
  trx: Executor,
  offerIds: readonly number[],
  now: Date,
): Promise<SlotCounts> {
  const totals: SlotCounts = { inserted: 0, updated: 0, removed: 0 };
  const stranded: ShortBooking[] = [];
  // In id order, as every regeneration locks them, so that two changes never wait for each other.
  for (const offerId of [...offerIds].sort((a, b) => a - b)) {
    const result = await regenerateOfferSlots(trx, offerId, now);
    stranded.push(...result.stranded);
    totals.inserted += result.inserted;
    totals.updated += result.updated;
    totals.removed += result.removed;
  }
  if (stranded.length > 0) {
    throw new StrandedBookingsError(
      stranded
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((booking) => ({
          reference: booking.reference,
          start: formatInZone(booking.startsAt, booking.zone),
          lastName: booking.lastName,
          firstName: booking.firstName,
        })),
    );
  }
  return totals;
}
