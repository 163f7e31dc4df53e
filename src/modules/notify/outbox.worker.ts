import nodemailer, { type Transporter } from 'nodemailer';
import { type DeliveryLoop, type DeliveryLoopOptions, startDeliveryLoop } from './delivery-loop.ts';
import type { OutgoingEmail, Skip } from './notifier.ts';
import type { ClaimedNotification } from './outbox.repository.ts';
import { isPermanentRefusal } from './smtp-errors.ts';

export type { WorkerLog } from './delivery-loop.ts';

export interface OutboxWorkerOptions extends Omit<DeliveryLoopOptions, 'channel' | 'send' | 'isPermanent'> {
  transport: Transporter;
  /** The From address of every email (MAIL_FROM). */
  from: string;
  /**
   * Writes a claimed notification as an email when it is sent, from current data (`composeEmail` of
   * notifiers/index.ts), or says there is nothing to send any more (the row is then skipped). A failure —
   * the attachments could not be made, the database did not answer — counts as a failed attempt.
   */
  compose: (message: ClaimedNotification) => Promise<OutgoingEmail | Skip>;
}

export type OutboxWorker = DeliveryLoop;

/**
 * Starts the loop that renders and delivers the outbox's email rows; an SMTP outage delays messages,
 * never loses them.
 */
export function startOutboxWorker({ transport, from, compose, ...loop }: OutboxWorkerOptions): OutboxWorker {
  return startDeliveryLoop({
    ...loop,
    channel: 'email',
    isPermanent: isPermanentRefusal,
    send: async (message) => {
      const email = await compose(message);
      if ('skip' in email) return email;
      await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // The same Message-ID on a re-sent message lets mail systems recognise the duplicate.
        messageId: messageIdOf(message, from),
        ...(email.attachments.length > 0 ? { attachments: email.attachments } : {}),
      });
      return 'sent';
    },
  });
}

/**
 * An SMTP transport for SMTP_URL (smtp:// or smtps://), pooled, with timeouts that fit inside the
 * worker's send deadline.
 */
export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({
    pool: true,
    url: smtpUrl,
    maxConnections: 5,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

function messageIdOf(message: Pick<ClaimedNotification, 'id' | 'createdAt'>, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'creneau.invalid';
  return `<outbox.${message.id}.${message.createdAt.getTime()}@${domain}>`;
}
