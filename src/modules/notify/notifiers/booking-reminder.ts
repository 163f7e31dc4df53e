import { appointmentDetails, localDateTime, renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { adviceParagraphs, currentBooking, type MessageBooking } from './booking-message.ts';

/**
 * The reminder two days before a confirmed appointment, by email and SMS, in the booking's language.
 * Written when the booking is confirmed or moved (notify/reminder-time.ts decides when it goes); at
 * send time it is skipped if the booking is no longer confirmed, has moved since (the move wrote the
 * reminder of the new time), or has started.
 */
export const bookingReminder = defineNotifier<'booking.reminder', MessageBooking>({
  event: 'booking.reminder',
  links: ['manage'],
  async load(deps, ref) {
    const booking = await currentBooking(deps, ref);
    if (isSkip(booking)) return booking;
    if (booking.status !== 'confirmed') return skip('the booking is no longer confirmed');
    if (booking.slotId !== ref.params.slotId) return skip('the booking has moved since');
    if (booking.startsAt <= deps.clock.now()) return skip('the appointment has started');
    return booking;
  },
  email(b, w) {
    const { t, links } = w;
    return {
      to: b.email,
      ...renderEmail(w, t.reminder.subject(b.reference), [
        { type: 'paragraph', text: t.hello(b) },
        { type: 'paragraph', text: t.reminder.intro },
        appointmentDetails(b, w),
        ...adviceParagraphs(b, w),
        { type: 'paragraph', text: t.reminder.cancelHint },
        { type: 'action', label: t.manage, url: links.manage },
      ]),
    };
  },
  sms(b, w) {
    const { date, time } = localDateTime(b.startsAt, b.timezone, w);
    const text = w.t.sms.reminder({
      date,
      time,
      site: b.siteName,
      reference: b.reference,
      link: w.links.manage,
    });
    return { to: b.phone, text };
  },
});
