import { findOfferForMessage } from '../../booking/earlier-offers.repository.ts';
import { localDateTime, renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { currentBooking, type MessageBooking } from './booking-message.ts';

/** What the email of an earlier-slot offer says: the booking as it is, and the slot offered. */
interface OfferMessage {
  booking: MessageBooking;
  offer: { startsAt: Date; expiresAt: Date; siteName: string; timezone: string };
}

/**
 * The email offering a held seat to a person on the earlier-slot list, with the link to the page that
 * shows it and accepts it (a POST, never the link itself). Not sent once the offer is no longer
 * waiting (answered, expired) or the booking is no longer confirmed.
 */
export const bookingEarlierOffered = defineNotifier<'booking.earlier_offered', OfferMessage>({
  event: 'booking.earlier_offered',
  links: ['offer'],
  linkPaths: () => ({ offer: '/rendez-vous/plus-tot' }),
  async load(deps, ref) {
    const booking = await currentBooking(deps, ref);
    if (isSkip(booking)) return booking;
    if (booking.status !== 'confirmed') return skip('the booking is no longer confirmed');
    const offer = await findOfferForMessage(deps.db, ref.params.offerId);
    if (!offer || offer.bookingId !== booking.id) return skip('the offer no longer exists');
    if (offer.status !== 'offered' || offer.expiresAt <= deps.clock.now()) {
      return skip('the offer is no longer waiting');
    }
    return { booking, offer };
  },
  email({ booking: b, offer }, w) {
    const { t, links } = w;
    const offered = localDateTime(offer.startsAt, offer.timezone, w);
    return {
      to: b.email,
      ...renderEmail(w, t.earlierOffer.subject(b.reference), [
        { type: 'paragraph', text: t.hello(b) },
        { type: 'paragraph', text: t.earlierOffer.intro },
        {
          type: 'details',
          rows: [
            [t.labels.nature, b.procedureTitle],
            [t.labels.date, offered.date],
            [t.labels.time, offered.time],
            [t.labels.place, offer.siteName],
          ],
        },
        { type: 'paragraph', text: t.earlierOffer.current(localDateTime(b.startsAt, b.timezone, w)) },
        { type: 'paragraph', text: t.earlierOffer.until(localDateTime(offer.expiresAt, offer.timezone, w)) },
        { type: 'action', label: t.earlierOffer.action, url: links.offer },
        { type: 'paragraph', text: t.earlierOffer.personal },
      ]),
    };
  },
});
