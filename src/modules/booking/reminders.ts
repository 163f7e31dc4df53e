import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import type { Locale } from '../../db/schema.ts';
import { notify } from '../notify/notify.ts';
import { reminderDueAt } from '../notify/reminder-time.ts';

/**
 * Writes, in the transaction that confirms or moves a confirmed booking, its reminder by email and
 * SMS two days before the appointment (never at night: notify/reminder-time.ts). A later move writes
 * a new one; the earlier one is skipped when it comes due, since the booking is no longer at its slot.
 */
export async function scheduleReminder(
  trx: Executor,
  booking: { id: string; slotId: string; startsAt: Date; timezone: string; locale: Locale },
  manageToken: string,
  now: Date,
  config: Pick<Config, 'secretKey'>,
): Promise<void> {
  const dueAt = reminderDueAt(booking.startsAt, booking.timezone, now);
  if (!dueAt) return;
  await notify(
    trx,
    {
      event: 'booking.reminder',
      bookingId: booking.id,
      locale: booking.locale,
      dueAt,
      params: { slotId: booking.slotId },
      tokens: { manage: manageToken },
      channels: ['email', 'sms'],
    },
    config,
  );
}
