import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, Locale, OutboxAttachment, OutboxKind } from '../../db/schema.ts';

/** An email to write to the outbox, in the same transaction as the change it reports. */
export interface OutboxEmail {
  bookingId: string | null;
  kind: OutboxKind;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** When to send it; by default the database's now(), i.e. at once. */
  dueAt?: Date;
  /** Files the worker renders and attaches when it sends (the convocation). */
  attachments?: OutboxAttachment[];
  /** The language the message is written in, when no booking gives it. */
  locale?: Locale;
}

/** A message the worker has claimed and must now try to deliver. */
export interface ClaimedMessage {
  id: string;
  kind: OutboxKind;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: Date;
  /** What to attach, described; the worker's `renderAttachments` makes the files. */
  attachments: OutboxAttachment[];
  /** The language asked for, when no booking gives it. */
  locale: Locale | null;
  /** False while the content is still to be decided at send time (see `enqueueDecidedAtSend`). */
  decided: boolean;
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
 * Writes an email to the outbox. Call it with the caller's transaction: the message then exists if and
 * only if the change it reports was committed (PRODUCT §2.5).
 */
export async function enqueueEmail(db: Db | Transaction<Database>, message: OutboxEmail): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      booking_id: message.bookingId,
      kind: message.kind,
      channel: 'email',
      recipient: message.recipient,
      subject: message.subject,
      body_text: message.text,
      body_html: message.html,
      last_error: null,
      sent_at: null,
      ...(message.dueAt ? { next_attempt_at: message.dueAt } : {}),
      ...(message.attachments?.length ? { attachments: JSON.stringify(message.attachments) } : {}),
      ...(message.locale ? { locale: message.locale } : {}),
    })
    .execute();
}

/**
 * Writes a message whose content the worker decides when it sends it (`ClaimedMessage.decided` false):
 * the same one insert whatever the recipient, so that asking for it tells nothing by its timing.
 */
export async function enqueueDecidedAtSend(
  db: Db | Transaction<Database>,
  message: { kind: OutboxKind; recipient: string; locale: Locale; dueAt?: Date },
): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      booking_id: null,
      kind: message.kind,
      channel: 'email',
      recipient: message.recipient,
      locale: message.locale,
      ...(message.dueAt ? { next_attempt_at: message.dueAt } : {}),
      subject: '',
      body_text: null,
      body_html: null,
      last_error: null,
      sent_at: null,
    })
    .execute();
}

/**
 * Claims up to `limit` due email messages for one worker. The claim is a lease: the messages' due time
 * moves to `leaseUntil`, so other workers skip them while this one sends, and if this worker dies before
 * recording the outcome they become due again (at-least-once, never lost). `skip locked` lets several
 * workers claim at the same moment without waiting on each other or taking the same rows.
 */
export async function claimDueMessages(
  db: Db,
  { now, leaseUntil, limit }: { now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedMessage[]> {
  const rows = await db
    .updateTable('outbox')
    .set({ next_attempt_at: leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('channel', '=', 'email')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning([
      'id',
      'kind',
      'recipient',
      'subject',
      'body_text',
      'body_html',
      'attempts',
      'created_at',
      'attachments',
      'locale',
    ])
    .execute();
  return rows
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      recipient: row.recipient,
      subject: row.subject,
      text: row.body_text ?? '',
      html: row.body_html ?? '',
      attempts: row.attempts,
      createdAt: row.created_at,
      attachments: row.attachments ?? [],
      locale: row.locale,
      decided: row.body_text !== null,
    }))
    .sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

/** Records a delivered message: status 'sent', and its bodies erased since they hold links with tokens. */
export async function markSent(db: Db, { id, attempts, now }: { id: string; attempts: number; now: Date }) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({
        status: 'sent',
        sent_at: now,
        attempts: attempts + 1,
        body_text: null,
        body_html: null,
        last_error: null,
      })
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
 * or is given up as 'failed' when the refusal is permanent or the message has waited GIVE_UP_AFTER_MS.
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
      })
      // A message already sent by another worker (after a lease ran out) must not go back to pending.
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    await trx.insertInto('outbox_attempt').values({ outbox_id: id, ok: false, error, permanent }).execute();
  });
  return outcome;
}

/** The content decided at send time for a message written by `enqueueDecidedAtSend`. */
export interface DecidedContent {
  recipient: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Stores the content decided for a message, in the transaction that issued what it links to: a crash
 * after this sends the same content later, never a second, different one.
 */
export async function saveDecidedContent(trx: Transaction<Database>, id: string, content: DecidedContent) {
  await trx
    .updateTable('outbox')
    .set({
      recipient: content.recipient,
      subject: content.subject,
      body_text: content.text,
      body_html: content.html,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Records that there was nothing to send; the recipient typed by someone is not kept. */
export async function markSkipped(db: Db | Transaction<Database>, id: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'skipped', recipient: '' })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
