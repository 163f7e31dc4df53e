import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { findSlotForBooking } from './booking.repository.ts';

// The reads of the booking journey's pages (steps 2 to 5). Writes go through booking.usecases.ts.

/** A procedure as offered in one département, with the zone its offices show times in. */
export async function findProcedureInDepartment(db: Db, departmentCode: string, procedureCode: string) {
  return db
    .selectFrom('procedure')
    .innerJoin('offer', 'offer.procedure_id', 'procedure.id')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select([
      'procedure.id',
      'procedure.code',
      'procedure.title',
      'procedure.duration_minutes as durationMinutes',
      'department.code as departmentCode',
      'department.name as departmentName',
      'department.timezone',
    ])
    .where('department.code', '=', departmentCode)
    .where('procedure.code', '=', procedureCode)
    .limit(1)
    .executeTakeFirst();
}

export interface BookingOffice {
  siteId: number;
  offerId: number;
  name: string;
  address: string;
  /** Start of the earliest free slot after now, or null when none is published. */
  nextFree: Date | null;
}

/** The offices of a département where a procedure is booked online, with their earliest free slot. */
export async function listBookingOffices(
  db: Db,
  departmentCode: string,
  procedureId: number,
  now: Date,
): Promise<BookingOffice[]> {
  const rows = await db
    .selectFrom('offer')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .select((eb) => [
      'site.id as siteId',
      'offer.id as offerId',
      'site.name',
      'site.address',
      eb
        .selectFrom('slot')
        .select(sql<Date>`min(slot.starts_at)`.as('first'))
        .whereRef('slot.offer_id', '=', 'offer.id')
        .where('slot.starts_at', '>', now)
        .where(sql<boolean>`slot.taken < slot.capacity`)
        .as('nextFree'),
    ])
    .where('site.department_code', '=', departmentCode)
    .where('offer.procedure_id', '=', procedureId)
    .where('offer.channel', '=', 'booking')
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
  return rows.map((row) => ({ ...row, nextFree: row.nextFree ? new Date(row.nextFree) : null }));
}

/** The ways other than online booking to do a procedure in a département (post, email, counter, site). */
export async function listOtherChannels(db: Db, departmentCode: string, procedureId: number) {
  return db
    .selectFrom('offer')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .select([
      'offer.id',
      'offer.channel',
      'offer.instructions',
      'offer.contact_email as contactEmail',
      'offer.url',
      'offer.postal_address as postalAddress',
      'offer.updated_on as updatedOn',
      'site.name as siteName',
      'site.address as siteAddress',
    ])
    .where('site.department_code', '=', departmentCode)
    .where('offer.procedure_id', '=', procedureId)
    .where('offer.channel', 'in', ['postal', 'email', 'walk_in', 'external'])
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
}

/** Free slots of an offer starting in [from, to) and after now, earliest first. */
export async function listFreeSlotsBetween(db: Db, offerId: number, from: Date, to: Date, now: Date) {
  return db
    .selectFrom('slot')
    .select(['id', 'starts_at as startsAt', sql<number>`capacity - taken`.as('remaining')])
    .where('offer_id', '=', offerId)
    .where('starts_at', '>=', from > now ? from : now)
    .where('starts_at', '<', to)
    .where(sql<boolean>`taken < capacity`)
    .orderBy('starts_at')
    .limit(1000)
    .execute();
}

/** Whether an offer has a free slot starting at or after `from`. */
export async function hasFreeSlotFrom(db: Db, offerId: number, from: Date): Promise<boolean> {
  const row = await db
    .selectFrom('slot')
    .select('id')
    .where('offer_id', '=', offerId)
    .where('starts_at', '>=', from)
    .where(sql<boolean>`taken < capacity`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Everything the steps after the choice of a slot show and check about it: the booking's own view. */
export const findJourneySlot = findSlotForBooking;

export type JourneySlot = NonNullable<Awaited<ReturnType<typeof findJourneySlot>>>;
