import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { INSTRUCTION_CHANNELS } from '../schedule/channels.ts';
import {
  bookableSlots,
  firstComeOffers,
  nextFreeByOffer,
  offersWithPlace,
} from '../schedule/offers.repository.ts';
import { findSlotForBooking } from './booking.repository.ts';

// The reads of the booking journey's pages (steps 2 to 5). Writes go through booking.usecases.ts.

/** A procedure as offered in one département, with the zone its offices show times in. */
export async function findProcedureInDepartment(db: Db, departmentCode: string, procedureCode: string) {
  return offersWithPlace(db)
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
  const offices = await firstComeOffers(db)
    .select(['site.id as siteId', 'offer.id as offerId', 'site.name', 'site.address'])
    .where('department.code', '=', departmentCode)
    .where('offer.procedure_id', '=', procedureId)
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
  const nextFree = await nextFreeByOffer(
    db,
    offices.map((office) => office.offerId),
    now,
  );
  return offices.map((office) => ({ ...office, nextFree: nextFree.get(office.offerId) ?? null }));
}

/** The ways other than online booking to do a procedure in a département (post, email, counter, site). */
export async function listOtherChannels(db: Db, departmentCode: string, procedureId: number) {
  return offersWithPlace(db)
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
    .where('department.code', '=', departmentCode)
    .where('offer.procedure_id', '=', procedureId)
    .where('offer.channel', 'in', INSTRUCTION_CHANNELS)
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
}

/** Bookable slots of an offer starting in [from, to) and after now, earliest first. */
export async function listFreeSlotsBetween(db: Db, offerId: number, from: Date, to: Date, now: Date) {
  return bookableSlots(db, now)
    .select([
      'slot.id',
      'slot.starts_at as startsAt',
      sql<number>`slot.capacity - slot.taken`.as('remaining'),
    ])
    .where('offer.id', '=', offerId)
    .where('slot.starts_at', '>=', from)
    .where('slot.starts_at', '<', to)
    .orderBy('slot.starts_at')
    .limit(1000)
    .execute();
}

/** Whether an offer has a bookable slot starting at or after `from`, an instant after now. */
export async function hasFreeSlotFrom(db: Db, offerId: number, from: Date): Promise<boolean> {
  // `from` is the end of the week shown, always ahead of now: it serves as "now" for the pool too.
  const row = await bookableSlots(db, new Date(from.getTime() - 1))
    .select('slot.id')
    .where('offer.id', '=', offerId)
    .where('slot.starts_at', '>=', from)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Everything the steps after the choice of a slot show and check about it: the booking's own view. */
export const findJourneySlot = findSlotForBooking;

export type JourneySlot = NonNullable<Awaited<ReturnType<typeof findJourneySlot>>>;
