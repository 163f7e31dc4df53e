import type { Db } from '../../db/database.ts';
import type { Locale } from '../../db/schema.ts';
import type { Executor } from '../booking/booking.repository.ts';
import type { Channel } from './events.ts';

/** A notification row as `notify` writes it: references and parameters, never a rendered text. */
export interface NewNotificationRow {
  event: string;
  channel: Channel;
  bookingId: string | null;
  emailKey: string | null;
  /** The agent a message is for (agents' events); absent or null for an applicant's. */
  agentId?: number | null;
  params: Record<string, unknown>;
  locale: Locale;
  sealedTokens: Buffer | null;
  /** When to send it; by default the database's now(), i.e. at once. */
  dueAt?: Date;
}

/** A notification a worker has claimed and must now render and try to deliver. */
export interface ClaimedNotification {
  id: string;
  event: string;
  channel: Channel;
  bookingId: string | null;
  emailKey: string | null;
  agentId: number | null;
  params: Record<string, unknown>;
  locale: Locale;
  sealedTokens: Buffer | null;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: Date;
}

/**
 * How long an undelivered message keeps being retried before it is given up ('failed'): an SMTP relay
 * can be down over a long weekend, and a confirmation link that arrives late is still worth sending.
 */
export const GIVE_UP_AFTER_MS = 72 * 3_600_000;

const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** The wait before the next attempt, once `attempts` attempts have failed: 30 s, 1 min, 2 min… up to 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

/**
 * Writes notification rows. Call it with the caller's transaction: the message then exists if and only
 * if the change it reports was committed (PRODUCT §2.5).
 */
export async function insertNotifications(db: Executor, rows: readonly NewNotificationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      rows.map((row) => ({
        event: row.event,
        channel: row.channel,
        booking_id: row.bookingId,
        email_key: row.emailKey,
        agent_id: row.agentId ?? null,
        params: JSON.stringify(row.params),
        locale: row.locale,
        sealed_tokens: row.sealedTokens,
        ...(row.dueAt ? { next_attempt_at: row.dueAt } : {}),
      })),
    )
    .execute();
}

/**
 * Claims up to `limit` due notifications of one channel for one worker. The claim is a lease: their due
 * time moves to `leaseUntil`, so other workers skip them while this one sends, and if this worker dies
 * before recording the outcome they become due again (at-least-once, never lost). `skip locked` lets
 * several workers claim at the same moment without waiting on each other or taking the same rows.
 */
export async function claimDue(
  db: Db,
  { channel, now, leaseUntil, limit }: { channel: Channel; now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedNotification[]> {
  const rows = await db
    .updateTable('outbox')
    .set({ next_attempt_at: leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('channel', '=', channel)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning([
      'id',
      'event',
      'channel',
      'booking_id',
      'email_key',
      'agent_id',
      'params',
      'locale',
      'sealed_tokens',
      'attempts',
      'created_at',
    ])
    .execute();
  return rows
    .map((row) => ({
      id: row.id,
      event: row.event,
      channel: row.channel,
      bookingId: row.booking_id,
      emailKey: row.email_key,
      agentId: row.agent_id,
      params: row.params,
      locale: row.locale,
      sealedTokens: row.sealed_tokens,
      attempts: row.attempts,
      createdAt: row.created_at,
    }))
    .sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

/** Records a delivered message: status 'sent', its sealed tokens erased, the attempt recorded. */
export async function markSent(db: Db, { id, attempts, now }: { id: string; attempts: number; now: Date }) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: now, attempts: attempts + 1, sealed_tokens: null, last_error: null })
      .where('id', '=', id)
      .execute();
    await trx.insertInto('outbox_attempt').values({ outbox_id: id, ok: true, error: null }).execute();
  });
}

/** What became of a message after a failed attempt. */
export interface FailureOutcome {
  attempts: number;
  status: 'pending' | 'failed';
  nextAttemptAt: Date;
}

/** A failed attempt to record: why, and whether the refusal is for good. */
export interface Failure {
  id: string;
  attempts: number;
  createdAt: Date;
  error: string;
  /** Refused for good (an SMTP 5xx about this message or recipient): given up at once. */
  permanent: boolean;
  now: Date;
}

/**
 * Records a failed attempt: the message stays pending with a later due time (exponential backoff, capped),
 * or is given up as 'failed' — its sealed tokens erased — when the refusal is permanent or the message
 * has waited GIVE_UP_AFTER_MS.
 */
export async function recordFailure(db: Db, failure: Failure): Promise<FailureOutcome> {
  const { id, error, permanent, now } = failure;
  const made = failure.attempts + 1;
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(made));
  const expired = nextAttemptAt.getTime() - failure.createdAt.getTime() > GIVE_UP_AFTER_MS;
  const outcome: FailureOutcome = {
    attempts: made,
    status: permanent || expired ? 'failed' : 'pending',
    nextAttemptAt,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({
        status: outcome.status,
        attempts: outcome.attempts,
        next_attempt_at: outcome.nextAttemptAt,
        last_error: error,
        ...(outcome.status === 'failed' ? { sealed_tokens: null } : {}),
      })
      // A message already sent by another worker (after a lease ran out) must not go back to pending.
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    await trx.insertInto('outbox_attempt').values({ outbox_id: id, ok: false, error, permanent }).execute();
  });
  return outcome;
}

/** Records that there was nothing to send: no token and no typed address is kept. */
export async function markSkipped(db: Db, id: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'skipped', email_key: null, sealed_tokens: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
