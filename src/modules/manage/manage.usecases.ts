import type { Locale } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { BookingDetails } from '../booking/booking.repository.ts';
import {
  type BookingDeps,
  confirmBooking,
  getBooking,
  peekConfirmation,
} from '../booking/booking.usecases.ts';
import { checkEmailAddress, type EmailProblem } from '../booking/email-address.ts';
import { isLinkProblem, type LinkProblem, linkProblemOf, orLinkProblem } from '../booking/link-problem.ts';
import { manageErrors } from '../booking/manage.errors.ts';
import {
  cancelOwnBooking,
  findOwnBooking,
  isUpcoming,
  listOwnBookings,
  requestManageLink,
  rescheduleOwnBooking,
  resolveAccess,
} from '../booking/manage.usecases.ts';
import type { Captcha } from '../protection/captcha.ts';
import { listOffices } from '../schedule/week.repository.ts';
import { freeWeek } from '../schedule/week.usecases.ts';
import { earlierListState } from './earlier.usecases.ts';
import type { MoveChoice, Moved, MoveInput } from './reschedule.views.ts';

// The pages after booking as use cases: each calls booking's use cases and returns what its view
// shows, or the link problem (bad, expired or used link) its page explains.

/** What the manage pages' use cases need: booking's dependencies and the proof-of-work check. */
export interface ManageDeps extends BookingDeps {
  captcha: Pick<Captcha, 'enabled' | 'verify'>;
}

/** A booking behind a link, and the token that opened it (the page's links carry it on). */
export interface OwnBooking {
  token: string;
  booking: BookingDetails;
}

/** The confirmation page: the pending booking a confirm link is for. */
export function confirmationPage(deps: ManageDeps, token: string): Promise<OwnBooking | LinkProblem> {
  return orLinkProblem(async () => ({ token, booking: await peekConfirmation(deps, token) }));
}

/** The confirmation page's button: confirms, then shows the booking with its fresh manage link. */
export function confirmAppointment(deps: ManageDeps, token: string): Promise<OwnBooking | LinkProblem> {
  return orLinkProblem(async () => {
    const { manageToken } = await confirmBooking(deps, token);
    return { token: manageToken, booking: await getBooking(deps, manageToken) };
  });
}

/** The form asking for a link to one's bookings, with what was typed and what is wrong with it. */
export interface LinkRequestForm {
  form: 'request';
  captcha: boolean;
  email: string;
  refused?:
    | { field: 'email'; code: EmailProblem; character?: string }
    | { field: 'altcha'; code: 'captcha_failed' };
}

/** What the manage page shows: the request form, the list of an address's bookings, or one of them. */
export type ManagePage =
  | LinkRequestForm
  | { form: 'sent' }
  | { form: 'list'; token: string; bookings: (BookingDetails & { upcoming: boolean })[] }
  | ({
      form: 'detail';
      upcoming: boolean;
      /** On the earlier-slot list or not; undefined when the booking may not join it. */
      earlier?: 'on' | 'off';
      /** What the list's button just did. */
      notice?: 'joined' | 'left';
    } & OwnBooking);

/** "Annuler, consulter et gérer": without a token, the request form; with one, the list or a booking. */
export async function managePage(
  deps: ManageDeps,
  input: { token: string; reference: string },
): Promise<ManagePage | LinkProblem> {
  const { token, reference } = input;
  if (token === '') return { form: 'request', captcha: deps.captcha.enabled, email: '' };
  return orLinkProblem(async () => {
    if (reference === '') {
      const bookings = await listOwnBookings(deps, await resolveAccess(deps, token));
      const now = deps.clock.now();
      return { form: 'list', token, bookings: bookings.map((b) => ({ ...b, upcoming: isUpcoming(b, now) })) };
    }
    const { booking } = await findOwnBooking(deps, { token, reference });
    const earlier = await earlierListState(deps, booking);
    return { form: 'detail', token, booking, upcoming: isUpcoming(booking, deps.clock.now()), earlier };
  });
}

/**
 * Asks for the link: the address is checked, then the proof of work. The answer is the same whether
 * the address has bookings or not: the page never tells who booked.
 */
export async function askForManageLink(
  deps: ManageDeps,
  input: { email: string; altcha: string; locale: Locale },
): Promise<ManagePage> {
  const captcha = deps.captcha.enabled;
  const checked = checkEmailAddress(input.email);
  if (!checked.ok) {
    const refused = { field: 'email' as const, code: checked.problem, character: checked.character };
    return { form: 'request', captcha, email: input.email, refused };
  }
  const email = checked.address;
  if (!(await deps.captcha.verify(input.altcha || undefined, 'manage_link'))) {
    return { form: 'request', captcha, email, refused: { field: 'altcha', code: 'captcha_failed' } };
  }
  await requestManageLink(deps, { email, locale: input.locale });
  return { form: 'sent' };
}

/** The page asking to confirm the cancellation of one of the bookings a token opens. */
export function cancellationPage(
  deps: ManageDeps,
  input: { token: string; reference: string },
): Promise<OwnBooking | LinkProblem> {
  return orLinkProblem(async () => ({
    token: input.token,
    booking: (await findOwnBooking(deps, input)).booking,
  }));
}

/** The cancellation's button: the seat goes back, the cancellation email is queued. */
export function cancelAppointment(
  deps: ManageDeps,
  input: { token: string; reference: string },
): Promise<{ token: string } | LinkProblem> {
  return orLinkProblem(async () => {
    await cancelOwnBooking(deps, input);
    return { token: input.token };
  });
}

/**
 * "Changer de créneau": the offices of the département with a free slot (the earliest first), and a
 * week of the chosen office's free slots — the booking's own office by default, its slot left out.
 */
export function moveChoice(deps: ManageDeps, input: MoveInput): Promise<MoveChoice | LinkProblem> {
  return orLinkProblem(async () => {
    const { booking } = await findOwnBooking(deps, input);
    const now = deps.clock.now();
    if (!isUpcoming(booking, now)) throw manageErrors.notMovable();
    const { departmentCode } = booking;
    const query = { procedureId: booking.procedureId, now, exceptSlotId: booking.slotId };
    const offices = departmentCode
      ? (await listOffices(deps.db, { ...query, departmentCode }))
          .filter((office) => office.nextFree !== null)
          .sort((a, b) => Number(a.nextFree) - Number(b.nextFree))
      : [];
    const office =
      offices.find((o) => String(o.siteId) === input.site) ??
      offices.find((o) => o.siteId === booking.siteId) ??
      offices[0];
    if (!office?.nextFree)
      return { token: input.token, booking, offices: [], office: undefined, week: undefined };
    const week = await freeWeek(deps, {
      offerId: office.offerId,
      zone: booking.timezone,
      firstFree: office.nextFree,
      week: input.week,
      exceptSlotId: booking.slotId,
    });
    return { token: input.token, booking, offices, office, week };
  });
}

/**
 * The change's button: moves the booking atomically. A slot taken meanwhile, or not suitable, shows
 * the same page again with the booking unchanged.
 */
export async function moveAppointment(
  deps: ManageDeps,
  input: { token: string; reference: string; slotId: string },
): Promise<Moved | MoveChoice | LinkProblem> {
  const again = async (code: NonNullable<MoveChoice['error']>, status: number) => {
    const choice = await moveChoice(deps, { ...input, site: '', week: '' });
    return isLinkProblem(choice) ? choice : { ...choice, error: code, status };
  };
  if (!/^\d{1,18}$/.test(input.slotId)) return again('missing', 422);
  try {
    return { moved: await rescheduleOwnBooking(deps, input), token: input.token };
  } catch (error) {
    if (error instanceof AppError && error.code === 'slot_full') return again('full', 409);
    if (error instanceof AppError && error.code === 'invalid') {
      return again(error.fields?.[0]?.code === 'past' ? 'past' : 'not_offered', 422);
    }
    return linkProblemOf(error);
  }
}
