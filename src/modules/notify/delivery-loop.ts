import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { Channel } from './events.ts';
import type { Skip } from './notifier.ts';
import {
  type ClaimedNotification,
  claimDue,
  markSent,
  markSkipped,
  recordFailure,
} from './outbox.repository.ts';
import { describeError, withDeadline } from './smtp-errors.ts';

/** The part of a pino/Fastify logger the worker uses. */
export interface WorkerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DeliveryLoopOptions {
  db: Db;
  clock: Clock;
  log: WorkerLog;
  /** The outbox rows this loop delivers. */
  channel: Channel;
  /** Renders and sends one claimed notification, or says there is nothing to send any more. */
  send: (message: ClaimedNotification) => Promise<'sent' | Skip>;
  /** Whether a send's error is a refusal for good (the message is then given up at once). */
  isPermanent: (error: unknown) => boolean;
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
}

export interface DeliveryLoop {
  /** Looks for due messages now rather than at the next poll. */
  wake(): void;
  /** Stops polling and waits for the batch being sent. */
  stop(): Promise<void>;
  /** Sends everything due now and returns how many messages were delivered. */
  drain(): Promise<number>;
}

/**
 * Starts the loop that delivers the outbox's rows of one channel; an outage of the relay delays
 * messages, never loses them: each attempt is recorded, a transient failure retried with backoff.
 */
export function startDeliveryLoop({
  db,
  clock,
  log,
  channel,
  send,
  isPermanent,
  pollMs = 2000,
  batchSize = 10,
  leaseMs = 40_000,
  // A send must end well inside the lease, or another instance could take the message meanwhile.
  sendDeadlineMs = Math.min(30_000, leaseMs * 0.75),
}: DeliveryLoopOptions): DeliveryLoop {
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

  /** Sends one message; resolves to 'sent', the reason it was skipped, or the error. */
  async function attempt(message: ClaimedNotification): Promise<'sent' | Skip | { error: unknown }> {
    try {
      return await send(message);
    } catch (error) {
      return { error };
    }
  }

  async function deliver(message: ClaimedNotification): Promise<boolean> {
    const details = { outboxId: message.id, event: message.event, channel };
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
      const permanent = isPermanent(result.error);
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
        channel,
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
      log.error({ error: describeError(error), channel }, 'outbox: poll failed');
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
