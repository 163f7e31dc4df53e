import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { notify } from '../notify/notify.ts';
import { localDate } from '../schedule/timezone.ts';
import { bookingErrors } from './booking.errors.ts';
import { type BookingDetails, findBookingDetails } from './booking.repository.ts';
import { type BookingDeps, constraintOf } from './booking.usecases.ts';
import { endHeldSeat, type LockedHeldSeat } from './cool-down.repository.ts';
import { freeSeat } from './cool-down.usecases.ts';
import { earlierErrors } from './earlier-offers.errors.ts';
import {
  addEarlierWish,
  decideEarlierOffer,
  type EarlierOfferRow,
  eligibleForSeat,
  findEarlierOffer,
  hasEarlierWish,
  insertEarlierOffer,
  removeEarlierWish,
} from './earlier-offers.repository.ts';
import { moveBooking } from './manage.repository.ts';
import { findOwnBooking, isUpcoming } from './manage.usecases.ts';
import { announceMove } from './move-notice.ts';
import { hashToken, looksLikeToken, newToken } from './tokens.ts';

// The earlier-slot list (PRODUCT §4.3) and its offers (issue 9, point 6; decision 0029): a held seat
// is offered to one person on the list, drawn at random among those it suits; accepting moves the
// booking in one transaction, and its old seat starts its own cool-down.

type ReadDeps = Pick<BookingDeps, 'db' | 'clock'>;

/** Puts one of the bookings a token opens on the list (`wanted`) or takes it off; answers where it is. */
export async function setEarlierWish(
  deps: ReadDeps,
  input: { token: string; reference: string; wanted: boolean },
): Promise<{ booking: BookingDetails; wanted: boolean }> {
  const { booking } = await findOwnBooking(deps, input);
  if (!input.wanted) {
    await removeEarlierWish(deps.db, booking.id);
    return { booking, wanted: false };
  }
  if (booking.status !== 'confirmed' || !isUpcoming(booking, deps.clock.now())) {
    throw earlierErrors.notConfirmed();
  }
  try {
    await addEarlierWish(deps.db, booking.id, deps.clock.now());
  } catch (error) {
    // Cancelled between the read and the insert.
    if (constraintOf(error) === 'earlier_wish_confirmed') throw earlierErrors.notConfirmed();
    throw error;
  }
  return { booking, wanted: true };
}

/** Whether a booking is on the list. */
export function isOnEarlierList(deps: ReadDeps, bookingId: string): Promise<boolean> {
  return hasEarlierWish(deps.db, bookingId);
}

/**
 * Offers a held seat to ONE person it suits, drawn by the cryptographic generator among all of them,
 * so that neither speed nor the order of sign-up counts; the email with the link is queued in the
 * same transaction. False when nobody is eligible.
 */
export async function offerHeldSeat(
  trx: Transaction<Database>,
  seat: LockedHeldSeat,
  deps: { now: Date; config: Pick<Config, 'earlierOfferHours' | 'secretKey'> },
): Promise<boolean> {
  const { now, config } = deps;
  const day = localDate(now, seat.timezone);
  const candidates = await eligibleForSeat(trx, {
    heldSeatId: seat.id,
    procedureId: seat.procedureId,
    siteId: seat.siteId,
    startsAt: seat.startsAt,
    day,
  });
  const chosen = candidates[randomInt(Math.max(candidates.length, 1))];
  if (!chosen) return false;
  const link = newToken();
  const expiresAt = new Date(Math.min(now.getTime() + config.earlierOfferHours * 3_600_000, +seat.startsAt));
  const offerId = await insertEarlierOffer(trx, {
    heldSeatId: seat.id,
    bookingId: chosen.id,
    day,
    at: now,
    expiresAt,
    hash: link.hash,
  });
  await notify(
    trx,
    {
      event: 'booking.earlier_offered',
      bookingId: chosen.id,
      locale: chosen.locale,
      dueAt: now,
      tokens: { offer: link.token },
      params: { offerId },
    },
    config,
  );
  return true;
}

/** Refuses an offer that no longer waits for an answer. */
function checkWaiting(offer: EarlierOfferRow | undefined, now: Date): asserts offer is EarlierOfferRow {
  if (!offer) throw bookingErrors.tokenInvalid();
  if (offer.status === 'expired' || (offer.status === 'offered' && offer.expiresAt <= now)) {
    throw earlierErrors.offerExpired();
  }
  if (offer.status !== 'offered') throw earlierErrors.offerAnswered();
}

/** The offer behind an emailed link with the booking it would replace, for the page before the POST. */
export async function peekEarlierOffer(
  deps: ReadDeps,
  token: string,
): Promise<{ offer: EarlierOfferRow; booking: BookingDetails }> {
  if (!looksLikeToken(token)) throw bookingErrors.tokenInvalid();
  const offer = await findEarlierOffer(deps.db, hashToken(token));
  checkWaiting(offer, deps.clock.now());
  const booking = await findBookingDetails(deps.db, { id: offer.bookingId });
  if (!booking || !suits(booking, offer, deps.clock.now())) throw earlierErrors.offerUnsuitable();
  return { offer, booking };
}

/** Whether the offered slot still replaces the booking: confirmed, to come, and later than the offer. */
function suits(booking: BookingDetails, offer: EarlierOfferRow, now: Date): boolean {
  return booking.status === 'confirmed' && isUpcoming(booking, now) && booking.startsAt > offer.startsAt;
}

/**
 * Accepts an offer: in one transaction the offer turns accepted, the held seat is given, the booking
 * moves in one statement (the trigger takes the new seat and gives back the old one), and the old
 * seat starts its own cool-down. Two accepts of one offer: the offer's row lock lets one through.
 */
export async function acceptEarlierOffer(deps: BookingDeps, token: string): Promise<BookingDetails> {
  if (!looksLikeToken(token)) throw bookingErrors.tokenInvalid();
  const { db, clock, config } = deps;
  const now = clock.now();
  let moved: BookingDetails;
  try {
    moved = await db.transaction().execute(async (trx) => {
      const offer = await findEarlierOffer(trx, hashToken(token), true);
      checkWaiting(offer, now);
      const current = await findBookingDetails(trx, { id: offer.bookingId });
      if (!current || !suits(current, offer, now)) throw earlierErrors.offerUnsuitable();
      await decideEarlierOffer(trx, offer.id, 'accepted', now);
      if (!(await endHeldSeat(trx, offer.heldSeatId, 'given', now))) throw earlierErrors.offerGone();
      if (!(await moveBooking(trx, current.id, offer.slotId))) throw earlierErrors.offerUnsuitable();
      await freeSeat(trx, { slotId: current.slotId, bookingId: current.id, cause: 'moved', at: now }, config);
      return announceMove(trx, current.id, now, config);
    });
  } catch (error) {
    // A schedule change took the held seat away (slot_capacity_cuts_held_back) or removed the slot.
    const constraint = constraintOf(error);
    if (constraint === 'slot_taken_within_capacity' || constraint === 'booking_slot_id_fkey') {
      throw earlierErrors.offerGone();
    }
    throw error;
  }
  deps.wakeOutbox?.();
  return moved;
}

/** Declines an offer: the seat goes to the next person at the cool-down job's next run. */
export async function declineEarlierOffer(deps: ReadDeps, token: string): Promise<void> {
  if (!looksLikeToken(token)) throw bookingErrors.tokenInvalid();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const offer = await findEarlierOffer(trx, hashToken(token), true);
    checkWaiting(offer, now);
    await decideEarlierOffer(trx, offer.id, 'declined', now);
  });
}
