import { invalid } from '../../errors.ts';
import type { BookingDetails } from '../booking/booking.repository.ts';
import type { EarlierOfferRow } from '../booking/earlier-offers.repository.ts';
import {
  acceptEarlierOffer,
  declineEarlierOffer,
  isOnEarlierList,
  peekEarlierOffer,
  setEarlierWish,
} from '../booking/earlier-offers.usecases.ts';
import { type LinkProblem, orLinkProblem } from '../booking/link-problem.ts';
import { isUpcoming } from '../booking/manage.usecases.ts';
import type { ManageDeps, ManagePage } from './manage.usecases.ts';

// The earlier-slot list from the manage page, and the page of an offered slot behind its link.

/** One of a form's buttons' values, or a 422 naming the field (a hand-made POST). */
function choice(value: string, field: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) {
    throw invalid([{ field, code: 'invalid', message: 'Choisissez l’un des boutons du formulaire.' }]);
  }
  return value;
}

/** Whether a booking's page offers the list: a confirmed appointment still to come. */
export function mayJoinEarlierList(booking: BookingDetails, now: Date): boolean {
  return booking.status === 'confirmed' && isUpcoming(booking, now);
}

/** Where a booking's page stands on the list, for its detail view. */
export async function earlierListState(deps: ManageDeps, booking: BookingDetails) {
  if (!mayJoinEarlierList(booking, deps.clock.now())) return undefined;
  return (await isOnEarlierList(deps, booking.id)) ? ('on' as const) : ('off' as const);
}

/** The list's buttons: joins or leaves it, then shows the booking's page saying so. */
export function changeEarlierWish(
  deps: ManageDeps,
  input: { token: string; reference: string; wanted: string },
): Promise<ManagePage | LinkProblem> {
  return orLinkProblem(async () => {
    const { booking, wanted } = await setEarlierWish(deps, {
      ...input,
      wanted: choice(input.wanted, 'wanted', ['oui', 'non']) === 'oui',
    });
    return {
      form: 'detail',
      token: input.token,
      booking,
      upcoming: isUpcoming(booking, deps.clock.now()),
      earlier: wanted ? 'on' : 'off',
      notice: wanted ? 'joined' : 'left',
    };
  });
}

/** The page of an offered slot: the slot and the appointment it would replace. */
export interface OfferPage {
  token: string;
  offer: EarlierOfferRow;
  booking: BookingDetails;
}

/** What the offer's buttons lead to. */
export type OfferAnswer = { answer: 'accepted'; booking: BookingDetails } | { answer: 'declined' };

/** The offer behind an emailed link; opening it changes nothing (mail scanners open links). */
export function offerPage(deps: ManageDeps, token: string): Promise<OfferPage | LinkProblem> {
  return orLinkProblem(async () => ({ token, ...(await peekEarlierOffer(deps, token)) }));
}

/** The offer page's buttons: accept (the booking moves) or decline (the seat goes to someone else). */
export function answerOffer(
  deps: ManageDeps,
  input: { token: string; answer: string },
): Promise<OfferAnswer | LinkProblem> {
  return orLinkProblem(async () => {
    if (choice(input.answer, 'answer', ['accepter', 'refuser']) === 'accepter')
      return { answer: 'accepted', booking: await acceptEarlierOffer(deps, input.token) };
    await declineEarlierOffer(deps, input.token);
    return { answer: 'declined' };
  });
}
