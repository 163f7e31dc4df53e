import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { OutgoingEmail, Skip } from './notifier.ts';
import {
  type ClaimedNotification,
  claimDue,
  markSent,
  markSkipped,
  recordFailure,
} from './outbox.repository.ts';
import { describeError, isPermanentRefusal, withDeadline } from './smtp-errors.ts';

/** The part of a pino/Fastify logger the worker uses. */
export interface WorkerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OutboxWorkerOptions {
  db: Db;
  transport: Transporter;
  /** The From address of every email (MAIL_FROM). */
  from: string;
  clock: Clock;
  log: WorkerLog;
  /** How often to look for due messages when nobody calls wake(). */
  pollMs?: number;
  /** Messages claimed and sent at once. */
  batchSize?: number;
  /**
   * How long a claimed message is reserved for this worker. It outlasts one send (`sendDeadlineMs`), and
   * is short so that what a crashed worker had claimed goes out within a minute from another one.
   */
  leaseMs?: number;
  /** The longest one message may take to render and send before the attempt counts as failed. */
  sendDeadlineMs?: number;
  /**
   * Writes a claimed notification as an email when it is sent, from current data (`composeEmail` of
   * notifiers/index.ts), or says there is nothing to send any more (the row is then skipped). A failure —
   * the attachments could not be made, the database did not answer — counts as a failed attempt.
   */
  compose: (message: ClaimedNotification) => Promise<OutgoingEmail | Skip>;
}

export interface OutboxWorker {
  /** Looks for due messages now rather than at the next poll. */
  wake(): void;
  /** Stops polling and waits for the batch being sent. */
  stop(): Promise<void>;
  /** Sends everything due now and returns how many messages were delivered. */
  drain(): Promise<number>;
}

/**
 * Starts the loop that renders and delivers the outbox's email rows; an SMTP outage delays messages,
 * never loses them.
 */
export function startOutboxWorker({
  db,
  transport,
  from,
  clock,
  log,
  pollMs = 2000,
  batchSize = 10,
  leaseMs = 40_000,
  // A send must end well inside the lease, or another instance could take the message meanwhile.
  sendDeadlineMs = Math.min(30_000, leaseMs * 0.75),
  compose,
}: OutboxWorkerOptions): OutboxWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking = false;
  let wakeRequested = false;
  // Polls and drain() calls run one after the other, so that stop() has one thing to wait for.
  let queue: Promise<unknown> = Promise.resolve();

  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work);
    queue = result.catch(() => {});
    return result;
  }

  /** Renders and sends one message; resolves to 'sent', the reason it was skipped, or the error. */
  async function attempt(message: ClaimedNotification): Promise<'sent' | Skip | { error: unknown }> {
    try {
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
    } catch (error) {
      return { error };
    }
  }

  async function deliver(message: ClaimedNotification): Promise<boolean> {
    const details = { outboxId: message.id, event: message.event };
    const result = await withDeadline(attempt(message), sendDeadlineMs).catch((error) => ({ error }));
    try {
      if (result === 'sent') {
        await markSent(db, { id: message.id, attempts: message.attempts, now: clock.now() });
        log.info(details, 'outbox: message sent');
        return true;
      }
      if ('skip' in result) {
        await markSkipped(db, message.id);
        log.info({ ...details, reason: result.skip }, 'outbox: nothing to send');
        return false;
      }
      const error = describeError(result.error);
      const permanent = isPermanentRefusal(result.error);
      const outcome = await recordFailure(db, { ...message, error, permanent, now: clock.now() });
      const failed = outcome.status === 'failed';
      log[failed ? 'error' : 'warn'](
        { ...details, ...outcome, permanent, error },
        failed ? 'outbox: message given up' : 'outbox: delivery failed, will retry',
      );
    } catch (error) {
      // The message keeps its lease and becomes due again when it runs out: at worst it is sent twice.
      log.error({ ...details, error: describeError(error) }, 'outbox: could not record the outcome');
    }
    return false;
  }

  async function processDue(): Promise<number> {
    let sent = 0;
    while (!stopped) {
      const now = clock.now();
      const batch = await claimDue(db, {
        channel: 'email',
        now,
        leaseUntil: new Date(now.getTime() + leaseMs),
        limit: batchSize,
      });
      if (batch.length === 0) break;
      const results = await Promise.all(batch.map(deliver));
      sent += results.filter(Boolean).length;
    }
    return sent;
  }

  async function tick(): Promise<void> {
    if (ticking) {
      wakeRequested = true;
      return;
    }
    clearTimeout(timer);
    timer = undefined;
    ticking = true;
    try {
      do {
        wakeRequested = false;
        await exclusive(processDue);
      } while (wakeRequested && !stopped);
    } catch (error) {
      // The database may be unreachable for a while: try again at the next poll.
      log.error({ error: describeError(error) }, 'outbox: poll failed');
    } finally {
      ticking = false;
      schedule();
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => void tick(), pollMs);
    timer.unref();
  }

  schedule();

  return {
    wake() {
      if (!stopped) void tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await queue;
    },
    drain() {
      if (stopped) return Promise.resolve(0);
      return exclusive(processDue);
    },
  };
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
