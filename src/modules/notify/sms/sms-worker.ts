import { type DeliveryLoop, type DeliveryLoopOptions, startDeliveryLoop } from '../delivery-loop.ts';
import { type Skip, skip } from '../notifier.ts';
import type { ClaimedNotification } from '../outbox.repository.ts';
import { isPermanentSmsError, type SmsSender } from './sms-sender.ts';

export interface SmsWorkerOptions extends Omit<DeliveryLoopOptions, 'channel' | 'send' | 'isPermanent'> {
  /** None in production without SMS_URL: SMS rows are then skipped, never left waiting. */
  sender: SmsSender | undefined;
  compose: (message: ClaimedNotification) => Promise<{ to: string; text: string } | Skip>;
}

/**
 * Delivers the outbox's SMS rows through `sender`, with the email worker's durability: a transient
 * failure is retried with backoff, a permanent refusal given up and recorded.
 */
export function startSmsWorker({ sender, compose, ...loop }: SmsWorkerOptions): DeliveryLoop {
  return startDeliveryLoop({
    ...loop,
    channel: 'sms',
    isPermanent: isPermanentSmsError,
    send: async (message) => {
      if (!sender) return skip('no SMS provider configured');
      const sms = await compose(message);
      if ('skip' in sms) return sms;
      await sender.send({ ...sms, reference: `outbox-${message.id}` });
      return 'sent';
    },
  });
}
