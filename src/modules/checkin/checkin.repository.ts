import type { Executor } from '../../db/database.ts';
import type { IdentityValues } from '../../db/schema.counter.ts';
import type { Target } from '../agents/permissions.ts';
import { bookingsWithPlace } from '../schedule/offers.repository.ts';

// The SQL of the check-in and of identity corrections (decision 0042).

/** A booking as the reception sees it: its place, time, status and the identity stored. */
export async function findBookingAtReception(db: Executor, reference: string, lock = false) {
  return bookingsWithPlace(db)
    .select([
      'booking.id',
      'booking.reference',
      'booking.status',
      'booking.last_name as lastName',
      'booking.first_name as firstName',
      'booking.birth_date as birthDate',
      'booking.foreigner_number as foreignerNumber',
      'booking.checked_in_at as checkedInAt',
      'slot.starts_at as startsAt',
      'procedure.title as procedureTitle',
      'procedure.requires_foreigner_number as requiresForeignerNumber',
      'site.id as siteId',
      'site.name as siteName',
      'department.code as departmentCode',
      'department.timezone',
    ])
    .where('booking.reference', '=', reference)
    .$if(lock, (query) => query.forUpdate('booking'))
    .executeTakeFirst();
}

export type ReceptionBooking = NonNullable<Awaited<ReturnType<typeof findBookingAtReception>>>;

/** Where a booking is, as the permission rule sees it. */
export function placeOf(booking: Pick<ReceptionBooking, 'siteId' | 'departmentCode'>): Target {
  return { kind: 'site', siteId: booking.siteId, departmentCode: booking.departmentCode };
}

/** A site's place, for the scope check of a convocation's claims. */
export async function findSite(db: Executor, siteId: number) {
  return db
    .selectFrom('site')
    .select(['site.id', 'site.department_code as departmentCode'])
    .where('site.id', '=', siteId)
    .executeTakeFirst();
}

/** confirmed → waiting, checked in now. */
export async function markCheckedIn(trx: Executor, bookingId: string, now: Date): Promise<void> {
  await trx
    .updateTable('booking')
    .set({ status: 'waiting', checked_in_at: now })
    .where('id', '=', bookingId)
    .where('status', '=', 'confirmed')
    .execute();
}

/**
 * Records a correction, then changes the booking's identity in the same transaction: the booking's
 * trigger accepts the change only with this record of it (migration 0027).
 */
export async function correctBookingIdentity(
  trx: Executor,
  correction: {
    bookingId: string;
    at: Date;
    agentId: number | null;
    reason: string;
    before: IdentityValues;
    after: IdentityValues;
    identityKey: string;
  },
): Promise<void> {
  const { after } = correction;
  await trx
    .insertInto('identity_correction')
    .values({
      booking_id: correction.bookingId,
      at: correction.at,
      agent_id: correction.agentId,
      reason: correction.reason,
      before: JSON.stringify(correction.before),
      after: JSON.stringify(after),
    })
    .execute();
  await trx
    .updateTable('booking')
    .set({
      last_name: after.lastName,
      first_name: after.firstName,
      birth_date: after.birthDate,
      foreigner_number: after.foreignerNumber,
      identity_key: correction.identityKey,
    })
    .where('id', '=', correction.bookingId)
    .execute();
}
