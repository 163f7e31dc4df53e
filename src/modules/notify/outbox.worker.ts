import nodemailer, { type Transporter } from 'nodemailer';
import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import {
  type ClaimedMessage,
  claimDueMessages,
  type DecidedContent,
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
   * Decides, at send time, the content of a message written by `enqueueDecidedAtSend`: stores and
   * returns it, or returns null when there is nothing to send (the message is then skipped).
   */
  decide?: (message: ClaimedMessage) => Promise<DecidedContent | null>;
  /**
   * Makes the files a message asks for (`message.attachments`) when it is sent. A failure counts as a
   * failed attempt: the message is retried rather than sent without its convocation.
   */
  renderAttachments?: (message: ClaimedMessage) => Promise<Attachment[]>;
}

export interface OutboxWorker {
  /** Looks for due messages now rather than at the next poll. */
  wake(): void;
  /** Stops polling and waits for the batch being sent. */
  stop(): Promise<void>;
  /** Sends everything due now and returns how many messages were delivered. */
  drain(): Promise<number>;
}

/** Starts the loop that delivers the outbox's emails; an SMTP outage delays messages, never loses them. */
export function startOutboxWorker({
  db,
  transport,
  from,
  clock,
  log,
  pollMs = 2000,
  batchSize = 10,
  leaseMs = 40_000,
  sendDeadlineMs = 30_000,
  renderAttachments,
  decide,
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

  /** Sends one message; resolves to the content sent, 'skipped', or the error that stopped it. */
  async function attempt(message: ClaimedMessage): Promise<'sent' | 'skipped' | { error: unknown }> {
    try {
      let content: DecidedContent = message;
      if (!message.decided) {
        if (!decide) throw new Error(`no way to decide a ${message.kind} message`);
        const decided = await decide(message);
        if (!decided) return 'skipped';
        content = decided;
      }
      const attachments =
        renderAttachments && message.attachments.length > 0 ? await renderAttachments(message) : [];
      await transport.sendMail({
        from,
        to: content.recipient,
        subject: content.subject,
        text: content.text,
        html: content.html,
        // The same Message-ID on a re-sent message lets mail systems recognise the duplicate.
        messageId: messageIdOf(message, from),
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      return 'sent';
    } catch (error) {
      return { error };
    }
  }

  async function deliver(message: ClaimedMessage): Promise<boolean> {
    const details = { outboxId: message.id, kind: message.kind };
    const result = await withDeadline(attempt(message), sendDeadlineMs).catch((error) => ({ error }));
    try {
      if (result === 'sent') {
        await markSent(db, { id: message.id, attempts: message.attempts, now: clock.now() });
        log.info(details, 'outbox: message sent');
        return true;
      }
      if (result === 'skipped') {
        await markSkipped(db, message.id);
        log.info(details, 'outbox: nothing to send');
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
      const batch = await claimDueMessages(db, {
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

function messageIdOf(message: ClaimedMessage, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'creneau.invalid';
  return `<outbox.${message.id}.${message.createdAt.getTime()}@${domain}>`;
}
