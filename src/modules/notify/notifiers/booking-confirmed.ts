import { convocationFiles } from '../../convocation/convocation.usecases.ts';
import { appointmentDetails, localDateTime, renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { adviceParagraphs, currentBooking, type MessageBooking } from './booking-message.ts';

/**
 * The email sent once a booking is confirmed, with the convocation PDF and the calendar file made when
 * it is sent, for the booking's time as it is then. Not sent once the booking is no longer confirmed
 * (cancelled meanwhile: the cancellation says so).
 */
export const bookingConfirmed = defineNotifier<'booking.confirmed', MessageBooking>({
  event: 'booking.confirmed',
  links: ['manage'],
  async load(deps, ref) {
    const booking = await currentBooking(deps, ref);
    if (isSkip(booking)) return booking;
    return booking.status === 'confirmed' ? booking : skip('the booking is no longer confirmed');
  },
  email(b, w) {
    const { t, links } = w;
    return {
      to: b.email,
      ...renderEmail(w, t.confirmed.subject(b.reference), [
        { type: 'paragraph', text: t.hello(b) },
        { type: 'paragraph', text: t.confirmed.intro },
        { type: 'paragraph', text: t.confirmed.attached },
        appointmentDetails(b, w),
        ...adviceParagraphs(b, w),
        { type: 'paragraph', text: t.confirmed.cancelHint },
        { type: 'action', label: t.manage, url: links.manage },
      ]),
    };
  },
  attachments: (deps, b) => convocationFiles(deps, b.id),
  sms(b, w) {
    const { date, time } = localDateTime(b.startsAt, b.timezone, w);
    const text = w.t.sms.confirmed({
      date,
      time,
      site: b.siteName,
      reference: b.reference,
      link: w.links.manage,
    });
    return { to: b.phone, text };
  },
});
