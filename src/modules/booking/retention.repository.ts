import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { BookingStatus } from './statuses.ts';

// The deletions of the retention policy (retention.ts), each one statement.

/** Slots whose appointment ended before `limit`. */
function slotsEndedBefore(db: Executor, limit: Date) {
  return db.selectFrom('slot').select('id').where('ends_at', '<', limit);
}

/** Deletes the notifications written before `limit`. */
export async function deleteNotificationsBefore(db: Executor, limit: Date): Promise<void> {
  await db.deleteFrom('outbox').where('created_at', '<', limit).execute();
}

/**
 * Moves the bookings in `from` whose appointment ended before `limit` to `to`, so that the trigger gives
 * back their seat and address counters before the rows are deleted.
 */
export async function retireBookings(
  db: Executor,
  change: { from: BookingStatus; to: BookingStatus; endedBefore: Date },
): Promise<void> {
  await db
    .updateTable('booking')
    .set({ status: change.to, status_reason: 'retention' })
    .where('status', '=', change.from)
    .where('slot_id', 'in', slotsEndedBefore(db, change.endedBefore))
    .execute();
}

/** Deletes the bookings (their tokens with them) whose appointment ended before `limit`; returns how many. */
export async function deleteBookingsEndedBefore(db: Executor, limit: Date): Promise<number> {
  const deleted = await db
    .deleteFrom('booking')
    .where('slot_id', 'in', slotsEndedBefore(db, limit))
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * Deletes the requests that left the queue (won, withdrawn, closed) before `limit` and that no booking
 * still comes from — a won request waits for its booking's own deletion — with their tokens and draw
 * entries (decision 0048: the published bundles name them by label only); returns how many.
 */
export async function deleteRequestsEndedBefore(db: Executor, limit: Date): Promise<number> {
  const deleted = await db
    .deleteFrom('request')
    .where('status', '<>', 'waiting')
    .where((eb) =>
      eb.or([
        eb('closed_at', '<', limit),
        eb.and([eb('closed_at', 'is', null), eb('updated_at', '<', limit)]),
      ]),
    )
    .where('booking_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('booking').select(sql`1`.as('one')).whereRef('booking.request_id', '=', 'request.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * Erases the network keys of bookings no longer active and of requests no longer waiting: the review
 * compares active rows only, so a key has no use once its row has left them (decision 0043).
 */
export async function eraseIdleNetworkKeys(db: Executor, active: readonly BookingStatus[]): Promise<void> {
  await db
    .updateTable('booking')
    .set({ network_key: null })
    .where('network_key', 'is not', null)
    .where('status', 'not in', active)
    .execute();
  await db
    .updateTable('request')
    .set({ network_key: null })
    .where('network_key', 'is not', null)
    .where('status', '<>', 'waiting')
    .execute();
}

/** Deletes the counters of addresses without an active booking, or without a live request. */
export async function deleteIdleAddressCounters(db: Executor): Promise<void> {
  await db.deleteFrom('email_activity').where('active', '=', 0).execute();
  await db.deleteFrom('request_email_activity').where('live', '=', 0).execute();
}

/** Deletes the spent proof-of-work challenges and the manage links that expired before `limit`. */
export async function deleteExpiredProofs(db: Executor, limits: { challenges: Date; accessTokens: Date }) {
  await db.deleteFrom('captcha_use').where('expires_at', '<', limits.challenges).execute();
  await db.deleteFrom('access_token').where('expires_at', '<', limits.accessTokens).execute();
}
