import type { Locale } from '../../db/schema.ts';
import { notify } from '../notify/notify.ts';
import { bookingErrors } from './booking.errors.ts';
import { type BookingDetails, cancelActive, findBookingDetails } from './booking.repository.ts';
import { type BookingDeps, constraintOf } from './booking.usecases.ts';
import { freeSeat } from './cool-down.usecases.ts';
import { manageErrors } from './manage.errors.ts';
import {
  findAccessToken,
  findBookingIdOfEmail,
  findManageTokenOwner,
  findSlotForMove,
  listBookingIdsOfEmail,
  moveBooking,
} from './manage.repository.ts';
import { announceMove } from './move-notice.ts';
import { isActiveStatus } from './statuses.ts';
import { hashToken, looksLikeToken, newToken, normaliseReference } from './tokens.ts';

/** What a token opens: every booking of one email address, and the booking it was issued for, if any. */
export interface Access {
  emailKey: string;
  bookingId: string | null;
}

type ReadDeps = Pick<BookingDeps, 'db' | 'clock'>;

/** The access a token gives: a booking's manage token or an email access token; refuses anything else. */
export async function resolveAccess(deps: ReadDeps, token: string): Promise<Access> {
  if (!looksLikeToken(token)) throw bookingErrors.tokenInvalid();
  const hash = hashToken(token);
  const now = deps.clock.now();
  const manage = await findManageTokenOwner(deps.db, hash);
  if (manage) {
    // A confirm token opens nothing here: it travels in the first email, before the address is proven.
    if (manage.purpose !== 'manage') throw bookingErrors.tokenInvalid();
    if (manage.expiresAt <= now) throw bookingErrors.tokenExpired();
    return { emailKey: manage.emailKey, bookingId: manage.bookingId };
  }
  const access = await findAccessToken(deps.db, hash);
  if (!access) throw bookingErrors.tokenInvalid();
  if (access.expiresAt <= now) throw bookingErrors.tokenExpired();
  return { emailKey: access.emailKey, bookingId: null };
}

/**
 * Asks for a link to every booking of an address. The request is written the same way whatever the
 * address — one outbox row, with a fresh access token sealed in it, decided when it is sent
 * (notify/notifiers/manage-link-requested.ts) — so neither the answer nor its timing tells who has
 * booked.
 */
export async function requestManageLink(
  deps: BookingDeps,
  input: { email: string; locale: Locale },
): Promise<void> {
  await notify(
    deps.db,
    {
      event: 'manage.link_requested',
      emailKey: input.email.trim().toLowerCase(),
      locale: input.locale,
      dueAt: deps.clock.now(),
      tokens: { access: newToken().token },
    },
    deps.config,
  );
  deps.wakeOutbox?.();
}

/** True while a booking still holds a seat in the future. */
export function isUpcoming(booking: BookingDetails, now: Date): boolean {
  return isActiveStatus(booking.status) && booking.startsAt > now;
}

/** The bookings of the access's address: upcoming first (soonest first), then the others (latest first). */
export async function listOwnBookings(deps: ReadDeps, access: Access): Promise<BookingDetails[]> {
  const now = deps.clock.now();
  const ids = await listBookingIdsOfEmail(deps.db, access.emailKey);
  const all = (await Promise.all(ids.map((id) => findBookingDetails(deps.db, { id })))).filter(
    (booking): booking is BookingDetails => booking !== undefined,
  );
  const upcoming = all.filter((b) => isUpcoming(b, now)).sort((a, b) => +a.startsAt - +b.startsAt);
  const others = all.filter((b) => !isUpcoming(b, now)).sort((a, b) => +b.startsAt - +a.startsAt);
  return [...upcoming, ...others];
}

/**
 * The booking a token opens: the one named by `reference` if it belongs to the token's address, or,
 * without a reference, the booking a manage token was issued for.
 */
export async function findOwnBooking(
  deps: ReadDeps,
  input: { token: string; reference?: string },
): Promise<{ access: Access; booking: BookingDetails }> {
  const access = await resolveAccess(deps, input.token);
  const id =
    input.reference === undefined || input.reference === ''
      ? access.bookingId
      : await findBookingIdOfEmail(deps.db, normaliseReference(input.reference), access.emailKey);
  // Another address's booking looks exactly like a booking that does not exist.
  if (!id) throw bookingErrors.tokenInvalid();
  const booking = await findBookingDetails(deps.db, { id });
  if (!booking) throw bookingErrors.tokenInvalid();
  return { access, booking };
}

/**
 * Cancels one of the bookings a token opens and records the cancellation's email; the seat goes back
 * after its cool-down (a first-come seat) or to the follow-up draws (a draw offer's), with its event.
 */
export async function cancelOwnBooking(
  deps: BookingDeps,
  input: { token: string; reference: string },
): Promise<BookingDetails> {
  const { booking } = await findOwnBooking(deps, input);
  const now = deps.clock.now();
  const cancelled = await deps.db.transaction().execute(async (trx) => {
    const slotId = await cancelActive(trx, booking.id, now);
    if (!slotId) throw bookingErrors.notCancellable();
    await freeSeat(trx, { slotId, bookingId: booking.id, cause: 'cancelled', at: now }, deps.config);
    const details = await findBookingDetails(trx, { id: booking.id });
    if (!details) throw bookingErrors.bookingNotFound();
    await notify(
      trx,
      { event: 'booking.cancelled', bookingId: details.id, locale: details.locale, dueAt: now },
      deps.config,
    );
    return details;
  });
  deps.wakeOutbox?.();
  return cancelled;
}

/**
 * Moves an active, future booking to another free slot of the same procedure in the same
 * département. Atomic: one UPDATE, in which the trigger releases the old seat and takes the new one;
 * a full slot refuses the statement and the booking keeps its seat. The identity never changes.
 */
export async function rescheduleBooking(
  deps: BookingDeps,
  input: { bookingId: string; newSlotId: string },
): Promise<BookingDetails> {
  const { db, clock, config } = deps;
  const now = clock.now();
  let moved: BookingDetails;
  try {
    moved = await db.transaction().execute(async (trx) => {
      const current = await findBookingDetails(trx, { id: input.bookingId });
      if (!current) throw bookingErrors.bookingNotFound();
      if (!isUpcoming(current, now)) throw manageErrors.notMovable();
      const slot = await findSlotForMove(trx, input.newSlotId);
      if (
        !slot ||
        slot.procedureId !== current.procedureId ||
        slot.departmentCode !== current.departmentCode ||
        slot.id === current.slotId
      ) {
        throw manageErrors.slotNotOffered();
      }
      if (slot.startsAt <= now) throw bookingErrors.slotPast();
      if (!(await moveBooking(trx, current.id, slot.id))) throw manageErrors.notMovable();
      // The old seat cools down like a cancelled one: a move is a cancel-and-rebook too.
      await freeSeat(trx, { slotId: current.slotId, bookingId: current.id, cause: 'moved', at: now }, config);

      return announceMove(trx, current.id, now, config);
    });
  } catch (error) {
    if (constraintOf(error) === 'slot_taken_within_capacity') throw bookingErrors.slotFull();
    // The slot was removed by a regeneration (schedule/regeneration.ts) while this move waited for it.
    if (constraintOf(error) === 'booking_slot_id_fkey') throw manageErrors.slotNotOffered();
    throw error;
  }
  deps.wakeOutbox?.();
  return moved;
}

/** Moves one of the bookings a token opens (see `rescheduleBooking`). */
export async function rescheduleOwnBooking(
  deps: BookingDeps,
  input: { token: string; reference: string; slotId: string },
): Promise<BookingDetails> {
  const { booking } = await findOwnBooking(deps, input);
  return rescheduleBooking(deps, { bookingId: booking.id, newSlotId: input.slotId });
}
