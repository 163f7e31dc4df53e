import { convocationFiles } from '../../convocation/convocation.usecases.ts';
import { appointmentDetails, type Block, renderEmail } from '../email-layout.ts';
import { defineNotifier, isSkip, skip } from '../notifier.ts';
import { adviceParagraphs, currentBooking, type MessageBooking } from './booking-message.ts';

/**
 * The email sent when the applicant moves a booking to another slot; a confirmed booking gets its new
 * convocation with it. Not sent when the booking has moved again since (the later move's email tells
 * the time that stands) or is no longer active.
 */
export const bookingRescheduled = defineNotifier<'booking.rescheduled', MessageBooking>({
  event: 'booking.rescheduled',
  links: ['manage'],
  async load(deps, ref) {
    const booking = await currentBooking(deps, ref);
    if (isSkip(booking)) return booking;
    if (booking.status !== 'pending' && booking.status !== 'confirmed') {
      return skip('the booking is no longer active');
    }
    return booking.slotId === ref.params.slotId ? booking : skip('the booking has moved again since');
  },
  email(b, w) {
    const { t, links } = w;
    const blocks: Block[] = [
      { type: 'paragraph', text: t.hello(b) },
      { type: 'paragraph', text: t.rescheduled.intro },
      appointmentDetails(b, w),
    ];
    // The printed convocation carries the old time: a confirmed booking gets a new one.
    if (b.status === 'confirmed') blocks.push({ type: 'paragraph', text: t.rescheduled.letter });
    blocks.push(...adviceParagraphs(b, w), { type: 'action', label: t.manage, url: links.manage });
    return { to: b.email, ...renderEmail(w, t.rescheduled.subject(b.reference), blocks) };
  },
  attachments: async (deps, b) => (b.status === 'confirmed' ? convocationFiles(deps, b.id) : []),
});
