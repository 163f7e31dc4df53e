import { appointmentDetails, localDateTime, renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { currentBooking, type MessageBooking } from './booking-message.ts';

/** The email that confirms the applicant's cancellation of a booking (seeds/000), whichever page did it. */
export const bookingCancelled = defineNotifier<'booking.cancelled', MessageBooking>({
  event: 'booking.cancelled',
  async load(deps, ref) {
    const booking = await currentBooking(deps, ref);
    if (isSkip(booking)) return booking;
    return booking.status === 'cancelled' ? booking : skip('the booking is not cancelled');
  },
  email(b, w) {
    const { t } = w;
    return {
      to: b.email,
      ...renderEmail(w, t.cancelled.subject(b.reference), [
        { type: 'paragraph', text: t.hello(b) },
        { type: 'paragraph', text: t.cancelled.intro(localDateTime(b.startsAt, b.timezone, w)) },
        appointmentDetails(b, w),
        { type: 'paragraph', text: t.cancelled.again },
      ]),
    };
  },
});
