import type { Db } from '../../db/database.ts';
import { INSTRUCTION_CHANNELS } from '../schedule/channels.ts';
import { offersWithPlace } from '../schedule/offers.repository.ts';
import { findSlotForBooking } from './booking.repository.ts';

// The reads of the booking journey's pages (steps 2 to 5). Writes go through booking.usecases.ts.

/** A procedure as offered in one département, with the zone its offices show times in. */
export async function findProcedureInDepartment(db: Db, departmentCode: string, procedureCode: string) {
  return offersWithPlace(db)
    .select([
      'procedure.id',
      'procedure.code',
      'procedure.title',
      'procedure.translations',
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

/** Everything the steps after the choice of a slot show and check about it: the booking's own view. */
export const findJourneySlot = findSlotForBooking;

export type JourneySlot = NonNullable<Awaited<ReturnType<typeof findJourneySlot>>>;
