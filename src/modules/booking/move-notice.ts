import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import { notify } from '../notify/notify.ts';
import { bookingErrors } from './booking.errors.ts';
import { type BookingDetails, findBookingDetails } from './booking.repository.ts';
import { issueManageToken } from './booking.usecases.ts';
import { scheduleReminder } from './reminders.ts';

/**
 * After a booking moved to another slot, in the same transaction: a new manage link, the move's
 * message (`booking.rescheduled`, superseding an earlier move's) and, for a confirmed booking, the
 * reminder of the new time (the old one is skipped when due). Answers the booking as it is now.
 */
export async function announceMove(
  trx: Executor,
  bookingId: string,
  now: Date,
  config: Pick<Config, 'secretKey'>,
): Promise<BookingDetails> {
  const details = await findBookingDetails(trx, { id: bookingId });
  if (!details) throw bookingErrors.bookingNotFound();
  const manageToken = await issueManageToken(trx, details.id, details.endsAt);
  await notify(
    trx,
    {
      event: 'booking.rescheduled',
      bookingId: details.id,
      locale: details.locale,
      dueAt: now,
      params: { slotId: details.slotId },
      tokens: { manage: manageToken },
    },
    config,
  );
  if (details.status === 'confirmed') await scheduleReminder(trx, details, manageToken, now, config);
  return details;
}
