import type { Locale } from '../../../db/schema.ts';
import { findRevocationReason } from '../../counter/revocation.repository.ts';
import { revocationNoticeMessages } from '../../counter/revocation-notice.messages.ts';
import { messagesFor } from '../../web/i18n.ts';
import { appointmentDetails, localDateTime, renderEmail, type Writing } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { currentBooking, type MessageBooking } from './booking-message.ts';

type Data = MessageBooking & { reason: string; locale: Locale; priorityUntil?: Date; label?: string };

/**
 * The notice of a booking revoked by the office (PRODUCT §4.5), by email and SMS, with the reason and
 * the person's priority: the link to book again first (first come), or to their tier-0 request (draw).
 */
export const bookingRevoked = defineNotifier<'booking.revoked', Data>({
  event: 'booking.revoked',
  linkPaths: (b) => ({ priority: '/rendez-vous/priorite', request: `/demandes/${b.label ?? ''}` }),
  async load(deps, ref) {
    const booking = await currentBooking(deps, ref);
    if (isSkip(booking)) return booking;
    const reason = await findRevocationReason(deps.db, booking.id);
    if (booking.status !== 'revoked' || reason === null) return skip('the booking is not revoked');
    const { priorityUntil, label } = ref.params;
    return {
      ...booking,
      reason,
      locale: ref.locale,
      ...(priorityUntil ? { priorityUntil: new Date(priorityUntil) } : {}),
      ...(label ? { label } : {}),
    };
  },
  email(b, w) {
    const m = messagesFor(revocationNoticeMessages, b.locale);
    return {
      to: b.email,
      ...renderEmail(w, m.subject(b.reference), [
        { type: 'paragraph', text: w.t.hello(b) },
        { type: 'paragraph', text: m.intro(localDateTime(b.startsAt, b.timezone, w)) },
        { type: 'paragraph', text: m.reason(b.reason) },
        appointmentDetails(b, w),
        ...priorityBlocks(b, w),
        { type: 'paragraph', text: m.sorry },
      ]),
    };
  },
  sms(b, w) {
    const m = messagesFor(revocationNoticeMessages, b.locale);
    const when = localDateTime(b.startsAt, b.timezone, w);
    const link = w.links.priority ?? w.links.request ?? '';
    const text = w.links.priority
      ? m.smsPriority({ ...when, reference: b.reference, link })
      : m.smsDraw({ ...when, reference: b.reference, link });
    return { to: b.phone, text };
  },
});

function priorityBlocks(b: Data, w: Writing & { links: { priority?: string; request?: string } }) {
  const m = messagesFor(revocationNoticeMessages, b.locale);
  if (w.links.priority && b.priorityUntil) {
    return [
      { type: 'paragraph' as const, text: m.priority(localDateTime(b.priorityUntil, b.timezone, w)) },
      { type: 'action' as const, label: m.priorityAction, url: w.links.priority },
    ];
  }
  if (w.links.request && b.label) {
    return [
      { type: 'paragraph' as const, text: m.draw(b.label) },
      { type: 'action' as const, label: m.drawAction, url: w.links.request },
    ];
  }
  return [];
}
