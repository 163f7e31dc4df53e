import nodemailer, { type Transporter } from 'nodemailer';
import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { type ClaimedMessage, claimDueMessages, markSent, recordFailure } from './outbox.repository.ts';

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
   * How long a claimed message is reserved for this worker. It must outlast one send (the transport's
   * timeouts): past it, another worker may send the message again.
   */
  leaseMs?: number;
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
  leaseMs = 5 * 60_000,
  renderAttachments,
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

  async function deliver(message: ClaimedMessage): Promise<boolean> {
    const details = { outboxId: message.id, kind: message.kind };
    let failure: string | undefined;
    try {
      const attachments =
        renderAttachments && message.attachments.length > 0 ? await renderAttachments(message) : [];
      await transport.sendMail({
        from,
        to: message.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // The same Message-ID on a re-sent message lets mail systems recognise the duplicate.
        messageId: messageIdOf(message, from),
        ...(attachments.length > 0 ? { attachments } : {}),
      });
    } catch (error) {
      failure = describeError(error);
    }
    try {
      if (failure === undefined) {
        await markSent(db, { id: message.id, attempts: message.attempts, now: clock.now() });
        log.info(details, 'outbox: message sent');
        return true;
      }
      const outcome = await recordFailure(db, {
        id: message.id,
        attempts: message.attempts,
        error: failure,
        now: clock.now(),
      });
      const level = outcome.status === 'failed' ? 'error' : 'warn';
      log[level](
        {
          ...details,
          attempts: outcome.attempts,
          status: outcome.status,
          nextAttemptAt: outcome.nextAttemptAt,
          error: failure,
        },
        outcome.status === 'failed' ? 'outbox: message given up' : 'outbox: delivery failed, will retry',
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

/** An SMTP transport for SMTP_URL (smtp:// or smtps://), pooled, with timeouts shorter than the lease. */
export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({
    pool: true,
    url: smtpUrl,
    maxConnections: 5,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

function messageIdOf(message: ClaimedMessage, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'creneau.invalid';
  return `<outbox.${message.id}.${message.createdAt.getTime()}@${domain}>`;
}

/** An error's message for logs and the attempt record, with email addresses blanked (personal data). */
function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/[^\s<>"'@]+@[^\s<>"']+/g, '<address>').slice(0, 500);
}
