import type { Executor } from '../../db/database.ts';
import type { Channel } from '../../db/schema.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import { ACTIVE_BOOKING_STATUSES } from '../booking/statuses.ts';
import { bookingsWithPlace, offersWithPlace } from '../schedule/offers.repository.ts';

// The offers as the back office reads and writes them, from the offer-with-place chain: every list
// goes through `coverageFilter` on the offer's site.

/** How an offer is applied for, and its instructions (seeds/002). */
export interface OfferFields {
  channel: Channel;
  instructions: string;
  contactEmail: string | null;
  url: string | null;
  postalAddress: string | null;
}

/** An offer with everything the admin API shows of it. */
export interface OfferDetails extends OfferFields {
  id: number;
  procedureId: number;
  siteId: number;
  /** YYYY-MM-DD, in the office's zone: the directory's "Dernière mise à jour". */
  updatedOn: string;
}

/** An offer in a list, with its procedure's title and its site's place. */
export interface OfferSummary {
  id: number;
  procedureId: number;
  procedureCode: string;
  procedureTitle: string;
  siteId: number;
  departmentCode: string;
  channel: Channel;
}

const PLACE = { siteId: 'site.id', departmentCode: 'site.department_code' };

/** The offers a coverage reaches, of one département or one site when given. */
export async function listCoveredOffers(
  db: Executor,
  coverage: Coverage,
  filter: { departmentCode?: string; siteId?: number } = {},
): Promise<OfferSummary[]> {
  let query = offersWithPlace(db)
    .select([
      'offer.id',
      'offer.procedure_id as procedureId',
      'procedure.code as procedureCode',
      'procedure.title as procedureTitle',
      'offer.site_id as siteId',
      'site.department_code as departmentCode',
      'offer.channel',
    ])
    .where(coverageFilter(coverage, PLACE));
  if (filter.departmentCode !== undefined)
    query = query.where('site.department_code', '=', filter.departmentCode);
  if (filter.siteId !== undefined) query = query.where('site.id', '=', filter.siteId);
  return query.orderBy('site.department_code').orderBy('site.id').orderBy('procedure.title').execute();
}

/** The offer with this id and where it is; `lock` takes the offer's row lock. */
export async function findOffer(db: Executor, id: number, lock = false) {
  const query = offersWithPlace(db)
    .select([
      'offer.id',
      'offer.procedure_id as procedureId',
      'offer.site_id as siteId',
      'offer.channel',
      'offer.instructions',
      'offer.contact_email as contactEmail',
      'offer.url',
      'offer.postal_address as postalAddress',
      'offer.updated_on as updatedOn',
      'site.department_code as departmentCode',
      'department.timezone',
    ])
    .where('offer.id', '=', id);
  return (lock ? query.forUpdate('offer') : query).executeTakeFirst();
}

export type FoundOffer = NonNullable<Awaited<ReturnType<typeof findOffer>>>;

function columnsOf(fields: OfferFields, updatedOn: string) {
  return {
    channel: fields.channel,
    instructions: fields.instructions,
    contact_email: fields.contactEmail,
    url: fields.url,
    postal_address: fields.postalAddress,
    updated_on: updatedOn,
  };
}

/** Inserts an offer of a procedure at a site; returns its id. */
export async function insertOffer(
  db: Executor,
  offer: { procedureId: number; siteId: number; updatedOn: string } & OfferFields,
): Promise<number> {
  const row = await db
    .insertInto('offer')
    .values({ procedure_id: offer.procedureId, site_id: offer.siteId, ...columnsOf(offer, offer.updatedOn) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces an offer's channel and instructions, dated `updatedOn`. */
export async function updateOffer(db: Executor, id: number, fields: OfferFields, updatedOn: string) {
  await db.updateTable('offer').set(columnsOf(fields, updatedOn)).where('id', '=', id).execute();
}

/** The active bookings still to come in the offer's slots (what a change of channel would strand). */
export async function upcomingBookings(db: Executor, offerId: number, now: Date) {
  return bookingsWithPlace(db)
    .select(['booking.reference', 'slot.starts_at as startsAt'])
    .where('offer.id', '=', offerId)
    .where('slot.starts_at', '>', now)
    .where('booking.status', 'in', ACTIVE_BOOKING_STATUSES)
    .orderBy('slot.starts_at')
    .orderBy('booking.reference')
    .execute();
}

/** The procedure with this id and its owner (null: national), if it exists. */
export async function findProcedureOwner(db: Executor, id: number) {
  return db
    .selectFrom('procedure')
    .select(['id', 'department_code as departmentCode'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The time zone of a département, for the date an offer was last updated. */
export async function timezoneOf(db: Executor, departmentCode: string): Promise<string> {
  const row = await db
    .selectFrom('department')
    .select('timezone')
    .where('code', '=', departmentCode)
    .executeTakeFirstOrThrow();
  return row.timezone;
}

/** The procedures an offer at a site of this département may be for: national, or the département's. */
export async function listUsableProcedures(db: Executor, departmentCode: string) {
  return db
    .selectFrom('procedure')
    .select(['id', 'title', 'department_code as departmentCode'])
    .where((eb) => eb.or([eb('department_code', 'is', null), eb('department_code', '=', departmentCode)]))
    .orderBy('title')
    .execute();
}

/** The title of a procedure, for the offer's page. */
export async function procedureTitle(db: Executor, id: number): Promise<string> {
  const row = await db.selectFrom('procedure').select('title').where('id', '=', id).executeTakeFirstOrThrow();
  return row.title;
}
