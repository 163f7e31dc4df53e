import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import { ACTIVE_BOOKING_STATUSES } from '../booking/statuses.ts';
import { bookingsWithPlace } from '../schedule/offers.repository.ts';

/** The most bookings one review compares (names pairwise). */
export const REVIEW_LIMIT = 3000;

/** The active, upcoming bookings a review covers, with what the grouping compares. */
export async function listReviewCandidates(
  db: Executor,
  coverage: Coverage,
  now: Date,
  departmentCode?: string,
) {
  return bookingsWithPlace(db)
    .select([
      'booking.id',
      'booking.reference',
      'booking.status',
      'booking.email',
      'booking.phone',
      // Compared as text, never shown: the page and the API number the groups instead.
      sql<string | null>`encode(booking.network_key, 'hex')`.as('networkKey'),
      'booking.last_name as lastName',
      'booking.first_name as firstName',
      'slot.starts_at as startsAt',
      'site.id as siteId',
      'department.code as departmentCode',
      'department.timezone',
    ])
    .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'department.code' }))
    .$if(departmentCode !== undefined, (query) => query.where('department.code', '=', departmentCode ?? ''))
    .where('booking.status', 'in', ACTIVE_BOOKING_STATUSES)
    .where('slot.starts_at', '>', now)
    .orderBy('booking.reference')
    .limit(REVIEW_LIMIT)
    .execute();
}

/** Bookings by reference with their place, for a bulk revocation's scope check. */
export async function findBookingsByReference(db: Executor, references: readonly string[]) {
  if (references.length === 0) return [];
  return bookingsWithPlace(db)
    .select(['booking.id', 'booking.reference', 'site.id as siteId', 'department.code as departmentCode'])
    .where('booking.reference', 'in', references)
    .execute();
}
