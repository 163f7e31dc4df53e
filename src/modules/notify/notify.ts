import type { Config } from '../../config.ts';
import type { Executor } from '../booking/booking.repository.ts';
import type { Notification } from './events.ts';
import { insertNotifications, type NewNotificationRow } from './outbox.repository.ts';
import { sealTokens } from './sealed-tokens.ts';

/**
 * Records a notification in the caller's transaction, by reference: the event, the booking or address
 * it concerns, its parameters and language, and the raw tokens of its links sealed with a key derived
 * from `secretKey`. Nothing is rendered now: the event's notifier writes the message when it is sent,
 * from the data as it is then (a confirmation sent after a reschedule shows the new time).
 */
export async function notify(
  trx: Executor,
  notification: Notification,
  keys: Pick<Config, 'secretKey'>,
): Promise<void> {
  await insertNotifications(trx, notificationRows(notification, keys));
}

/** The rows `notify` inserts, one per channel (the benchmark's direct SQL inserts the same). */
export function notificationRows(
  notification: Notification,
  keys: Pick<Config, 'secretKey'>,
): NewNotificationRow[] {
  const bookingId = 'bookingId' in notification ? notification.bookingId : null;
  const emailKey = 'emailKey' in notification ? notification.emailKey : null;
  const agentId = 'agentId' in notification ? notification.agentId : null;
  const params = 'params' in notification ? notification.params : {};
  const tokens = 'tokens' in notification ? notification.tokens : undefined;
  const channels = notification.channels ?? ['email'];
  return channels.map((channel) => ({
    event: notification.event,
    channel,
    bookingId,
    emailKey,
    agentId,
    params,
    locale: notification.locale,
    sealedTokens: tokens
      ? sealTokens(keys.secretKey, tokens, sealContext({ event: notification.event, bookingId, emailKey }))
      : null,
    ...(notification.dueAt ? { dueAt: notification.dueAt } : {}),
  }));
}

/** What a row's seal is bound to: its event and references, so that it opens on no other row. */
export function sealContext(row: {
  event: string;
  bookingId: string | null;
  emailKey: string | null;
}): string {
  return `${row.event}|${row.bookingId ?? ''}|${row.emailKey ?? ''}`;
}
