import { appointmentDetails, localDateTime, renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { currentBooking, type MessageBooking } from './booking-message.ts';

/**
 * The email asking to confirm a pending booking before its hold expires (PRODUCT §4.3 step 5). Not sent
 * once the booking is no longer pending or its hold is over: its link could only say "too late".
 */
export const bookingConfirmRequested = defineNotifier<'booking.confirm_requested', MessageBooking>({
  event: 'booking.confirm_requested',
  links: ['confirm', 'manage'],
  async load(deps, ref) {
    const booking = await currentBooking(deps, ref);
    if (isSkip(booking)) return booking;
    if (booking.status !== 'pending') return skip('the booking is no longer pending');
    if (booking.holdExpiresAt <= deps.clock.now()) return skip('the hold is over');
    return booking;
  },
  email(b, w) {
    const { t, links } = w;
    return {
      to: b.email,
      ...renderEmail(w, t.confirmRequest.subject(b.reference), [
        { type: 'paragraph', text: t.hello(b) },
        { type: 'paragraph', text: t.confirmRequest.remind },
        { type: 'paragraph', text: t.confirmRequest.how },
        { type: 'action', label: t.confirmRequest.action, url: links.confirm },
        { type: 'paragraph', text: t.confirmRequest.held(localDateTime(b.holdExpiresAt, b.timezone, w)) },
        appointmentDetails(b, w),
        { type: 'action', label: t.manageAll, url: links.manage },
        { type: 'paragraph', text: t.confirmRequest.notYou },
      ]),
    };
  },
});
