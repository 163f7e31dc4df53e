import { appointmentDetails, localDateTime, renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { adviceParagraphs, currentBooking, type MessageBooking } from './booking-message.ts';

type Data = MessageBooking & { drawId: number; label: string };

/**
 * The email of a draw's winner (PRODUCT §5 "Winners"): the appointment the draw gave, the deadline to
 * confirm it, and the links to confirm and to manage it. Not sent once the booking is no longer
 * pending or its hold is over: its link could only say "too late".
 */
export const drawWon = defineNotifier<'draw.won', Data>({
  event: 'draw.won',
  links: ['confirm', 'manage'],
  async load(deps, ref) {
    const booking = await currentBooking(deps, ref);
    if (isSkip(booking)) return booking;
    if (booking.status !== 'pending') return skip('the booking is no longer pending');
    if (booking.holdExpiresAt <= deps.clock.now()) return skip('the hold is over');
    return { ...booking, drawId: ref.params.drawId, label: ref.params.label };
  },
  email(b, w) {
    const { t, links } = w;
    return {
      to: b.email,
      ...renderEmail(w, t.draw.wonSubject(b.reference), [
        { type: 'paragraph', text: t.hello(b) },
        { type: 'paragraph', text: t.draw.won(b) },
        { type: 'paragraph', text: t.draw.confirmBy(localDateTime(b.holdExpiresAt, b.timezone, w)) },
        { type: 'action', label: t.draw.action, url: links.confirm },
        appointmentDetails(b, w),
        ...adviceParagraphs(b, w),
        { type: 'action', label: t.manageAll, url: links.manage },
        { type: 'paragraph', text: t.draw.notYou },
      ]),
    };
  },
  sms(b, w) {
    const { date, time } = localDateTime(b.startsAt, b.timezone, w);
    const by = localDateTime(b.holdExpiresAt, b.timezone, w);
    const deadline = `${by.date} ${by.time}`;
    return {
      to: b.phone,
      text: w.t.sms.won({ date, time, site: b.siteName, deadline, link: w.links.confirm }),
    };
  },
});
