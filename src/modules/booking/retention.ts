import type { Db } from '../../db/database.ts';
import {
  deleteBookingsEndedBefore,
  deleteExpiredProofs,
  deleteIdleAddressCounters,
  deleteNotificationsBefore,
  deleteRequestsEndedBefore,
  eraseIdleNetworkKeys,
  retireBookings,
} from './retention.repository.ts';
import { ACTIVE_BOOKING_STATUSES, type BookingStatus, canChangeStatus } from './statuses.ts';

/** How long personal data is kept after the appointment (stated on /donnees-personnelles). */
export const RETENTION_DAYS = 90;

/**
 * The status through which a booking still active long after its time leaves before it is deleted, so
 * that the trigger keeps the slot and address counters true: one for each active status.
 */
export const RETENTION_EXIT: Readonly<Partial<Record<BookingStatus, BookingStatus>>> = {
  pending: 'expired',
  confirmed: 'no_show',
  waiting: 'no_show',
  called: 'no_show',
  served: 'attended',
  missed: 'no_show',
};

/**
 * Deletes what the retention policy no longer allows keeping (PRODUCT §2.6): bookings — with their
 * tokens — whose appointment ended more than RETENTION_DAYS ago, requests that left the queue as long
 * ago and no longer lead to a booking (decision 0048), notifications as old, counters of addresses with
 * no active booking or live request, and the network keys of rows no longer active (bookings,
 * requests). Returns how many bookings were deleted.
 */
export async function purgePersonalData(db: Db, now: Date): Promise<number> {
  const limit = new Date(now.getTime() - RETENTION_DAYS * 24 * 60 * 60 * 1000);
  return db.transaction().execute(async (trx) => {
    await deleteNotificationsBefore(trx, limit);
    // The rows are deleted right after their status change, in this same transaction, so the stand-in
    // status is never seen.
    for (const from of ACTIVE_BOOKING_STATUSES) {
      const to = RETENTION_EXIT[from];
      if (!to || !canChangeStatus(from, to)) throw new Error(`no retention exit for ${from} bookings`);
      await retireBookings(trx, { from, to, endedBefore: limit });
    }
    const deleted = await deleteBookingsEndedBefore(trx, limit);
    // After the bookings: a won request goes once the booking it led to is gone.
    await deleteRequestsEndedBefore(trx, limit);
    await eraseIdleNetworkKeys(trx, ACTIVE_BOOKING_STATUSES);
    await deleteIdleAddressCounters(trx);
    await deleteExpiredProofs(trx, { challenges: limit, accessTokens: now });
    return deleted;
  });
}
