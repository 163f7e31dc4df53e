import type { BookingStatus } from '../../../db/schema.ts';
import { findBookingDetails } from '../../booking/booking.repository.ts';
import { type LocalizedText, textsIn } from '../../territory/localized-text.ts';
import type { Block, BookingSummary, Writing } from '../email-layout.ts';
import type { EventName } from '../events.ts';
import { type NotificationRef, type NotifierDeps, type Skip, skip } from '../notifier.ts';

/** What the booking notifiers write from: the booking as it is when the message is sent. */
export interface MessageBooking extends BookingSummary {
  id: string;
  email: string;
  phone: string | null;
  status: BookingStatus;
  slotId: string;
  /** The office's advice on when and how to come (null: nothing particular). */
  arrivalAdvice: LocalizedText | null;
  /** What the counter requires to receive the applicant (null: nothing particular). */
  admissionRule: LocalizedText | null;
}

/**
 * The office's arrival advice and the procedure's admission rule, one paragraph each, in the language
 * the email is written in, French where the préfecture wrote no version in it; none for what it did
 * not write at all.
 */
export function adviceParagraphs(b: MessageBooking, w: Writing): Block[] {
  return textsIn([b.arrivalAdvice, b.admissionRule], w.language).map((text) => ({
    type: 'paragraph',
    text,
  }));
}

/** The booking a row refers to, read now; skipped when it no longer exists (purged by retention). */
export async function currentBooking<E extends EventName>(
  deps: NotifierDeps,
  ref: NotificationRef<E>,
): Promise<MessageBooking | Skip> {
  const booking = ref.bookingId ? await findBookingDetails(deps.db, { id: ref.bookingId }) : undefined;
  return booking ?? skip('the booking no longer exists');
}
