import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import { statusesLeadingTo } from '../booking/statuses.ts';
import { bookingsWithPlace } from '../schedule/offers.repository.ts';

// The SQL of revocations (decision 0038): which bookings a revocation takes, turning them revoked in
// one statement each, and the request that gives a draw offer's revoked person tier 0.

/** A booking as a revocation's scope check sees it: its reference and place. */
export async function findBookingPlace(db: Executor, reference: string) {
  return bookingsWithPlace(db)
    .select([
      'booking.id',
      'booking.reference',
      'booking.status',
      'slot.starts_at as startsAt',
      'site.id as siteId',
      'department.code as departmentCode',
    ])
    .where('booking.reference', '=', reference)
    .executeTakeFirst();
}

/** A site with its département and time zone, for a revocation over a period. */
export async function findSitePlace(db: Executor, siteId: number) {
  return db
    .selectFrom('site')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select(['site.id', 'site.name', 'department.code as departmentCode', 'department.timezone'])
    .where('site.id', '=', siteId)
    .executeTakeFirst();
}

/** What a revocation takes: one booking, or every booking of a site whose slot starts in [from, to). */
export type RevocationScope =
  | { bookingId: string }
  | { bookingIds: string[] }
  | { siteId: number; from: Date; to: Date };

/**
 * Turns revoked, with the reason, every active booking of the scope whose appointment has not begun;
 * the booking trigger frees each seat. Answers the ids it revoked: none on a retry, since a revoked
 * booking is no longer active — which is what makes a revocation idempotent.
 */
export async function revokeActiveBookings(
  trx: Executor,
  scope: RevocationScope,
  revocation: { reason: string; now: Date },
): Promise<string[]> {
  const rows = await trx
    .updateTable('booking')
    .set({ status: 'revoked', cancelled_at: revocation.now, status_reason: revocation.reason })
    .where('status', 'in', statusesLeadingTo('revoked'))
    .where('booking.slot_id', 'in', (eb) => {
      let slots = eb
        .selectFrom('slot')
        .innerJoin('offer', 'offer.id', 'slot.offer_id')
        .select('slot.id')
        .where('slot.starts_at', '>', revocation.now);
      if ('siteId' in scope) {
        slots = slots
          .where('offer.site_id', '=', scope.siteId)
          .where('slot.starts_at', '>=', scope.from)
          .where('slot.starts_at', '<', scope.to);
      }
      return slots;
    })
    .$if('bookingId' in scope, (query) =>
      query.where('booking.id', '=', (scope as { bookingId: string }).bookingId),
    )
    .$if('bookingIds' in scope, (query) =>
      query.where('booking.id', 'in', [...(scope as { bookingIds: string[] }).bookingIds, '0']),
    )
    .returning('booking.id')
    .execute();
  return rows.map((row) => row.id).sort((a, b) => Number(a) - Number(b));
}

/**
 * The revoked bookings with what their priority needs — the person, the slot's offer and its place —
 * in the order of their appointments' times (then of their ids).
 */
export async function findRevoked(trx: Executor, bookingIds: string[]) {
  if (bookingIds.length === 0) return [];
  return bookingsWithPlace(trx)
    .select([
      'booking.id',
      'booking.reference',
      'booking.identity_key as identityKey',
      'booking.email_key as emailKey',
      'booking.last_name as lastName',
      'booking.first_name as firstName',
      'booking.birth_date as birthDate',
      'booking.email',
      'booking.phone',
      'booking.foreigner_number as foreignerNumber',
      'booking.title_expiry as titleExpiry',
      'booking.postal_code as postalCode',
      'booking.locale',
      'slot.id as slotId',
      'slot.starts_at as startsAt',
      'offer.channel',
      'offer.id as offerId',
      'procedure.id as procedureId',
      'site.id as siteId',
      'department.code as departmentCode',
    ])
    .where('booking.id', '=', sql<string>`any(${sql.val(bookingIds)}::bigint[])`)
    .orderBy('slot.starts_at')
    .orderBy('booking.id')
    .execute();
}

export type RevokedBooking = Awaited<ReturnType<typeof findRevoked>>[number];

/** The office's reason for a revoked booking, for its notice. */
export async function findRevocationReason(db: Executor, bookingId: string): Promise<string | null> {
  const row = await db
    .selectFrom('booking')
    .select('status_reason')
    .where('id', '=', bookingId)
    .where('status', '=', 'revoked')
    .executeTakeFirst();
  return row?.status_reason ?? null;
}

/**
 * Gives the revoked person of a draw offer a waiting request with priority (tier 0 in the next draw,
 * PRODUCT §5.1): their live request of the procedure gains the priority and the office, or a new one
 * is made, entered by the revoking agent (so the address's limit of online requests does not refuse
 * it). Answers the request and whether it was made now.
 */
export async function upsertPriorityRequest(
  trx: Executor,
  row: { label: string; booking: RevokedBooking; agentId: number | null; now: Date },
) {
  const b = row.booking;
  return trx
    .insertInto('request')
    .values({
      label: row.label,
      procedure_id: b.procedureId,
      identity_key: b.identityKey,
      email_key: b.emailKey,
      last_name: b.lastName,
      first_name: b.firstName,
      birth_date: b.birthDate,
      email: b.email,
      phone: b.phone,
      foreigner_number: b.foreignerNumber,
      title_expiry: b.titleExpiry,
      postal_code: b.postalCode,
      locale: b.locale,
      site_ids: [b.siteId],
      priority: true,
      entered_by: row.agentId,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['procedure_id', 'identity_key'])
        .where('status', '=', 'waiting')
        .doUpdateSet({
          priority: true,
          site_ids: sql<number[]>`case when request.site_ids @> excluded.site_ids then request.site_ids
            else request.site_ids || excluded.site_ids end`,
          updated_at: (eb) => eb.ref('excluded.updated_at'),
        }),
    )
    .returning(['id', 'label', sql<boolean>`xmax = 0`.as('inserted')])
    .executeTakeFirstOrThrow();
}

/** The bookings a revocation over a period would take, for its confirmation step (soonest first). */
export async function listRevocable(
  db: Executor,
  scope: { siteId: number; from: Date; to: Date },
  now: Date,
) {
  return bookingsWithPlace(db)
    .select([
      'booking.reference',
      'booking.status',
      'booking.last_name as lastName',
      'booking.first_name as firstName',
      'slot.starts_at as startsAt',
      'procedure.title as procedureTitle',
      'department.timezone',
    ])
    .where('offer.site_id', '=', scope.siteId)
    .where('booking.status', 'in', statusesLeadingTo('revoked'))
    .where('slot.starts_at', '>', now)
    .where('slot.starts_at', '>=', scope.from)
    .where('slot.starts_at', '<', scope.to)
    .orderBy('slot.starts_at')
    .orderBy('booking.reference')
    .execute();
}

/** The sites where the agent may revoke, for the page's choice. */
export async function listRevocationSites(db: Executor, coverage: Coverage) {
  return db
    .selectFrom('site')
    .select(['site.id', 'site.name', 'site.department_code as departmentCode'])
    .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'site.department_code' }))
    .orderBy('site.department_code')
    .orderBy('site.name')
    .execute();
}
