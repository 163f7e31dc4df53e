import type { BookingStatus } from '../../../db/schema.ts';
import { findBookingDetails } from '../../booking/booking.repository.ts';
import type { BookingSummary } from '../email-layout.ts';
import type { EventName } from '../events.ts';
import { type NotificationRef, type NotifierDeps, type Skip, skip } from '../notifier.ts';

/** What the booking notifiers write from: the booking as it is when the message is sent. */
export interface MessageBooking extends BookingSummary {
  id: string;
  email: string;
  status: BookingStatus;
  slotId: string;
}

/** The booking a row refers to, read now; skipped when it no longer exists (purged by retention). */
export async function currentBooking<E extends EventName>(
  deps: NotifierDeps,
  ref: NotificationRef<E>,
): Promise<MessageBooking | Skip> {
  const booking = ref.bookingId ? await findBookingDetails(deps.db, { id: ref.bookingId }) : undefined;
  return booking ?? skip('the booking no longer exists');
}
