import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Locale, PermitStatus } from '../../db/schema.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import type { LocalizedText } from '../territory/localized-text.ts';

// The SQL of permit pick-up (migration 0023): the holder's contact found in their latest booking or
// request, the permits written, found at the desk and handed over.

/** The national catalogue's pick-up procedure: an office offering it by booking has pick-up slots. */
export const PICK_UP_PROCEDURE_CODE = 'remise-titre';

/** What the latest booking or request of a foreigner number in a département says of its holder. */
export interface KnownHolder {
  foreignerNumber: string;
  lastName: string;
  firstName: string;
  email: string;
  phone: string | null;
  locale: Locale;
}

/** The office a permit is made ready at, as the rule and the messages see it. */
export interface PermitSite {
  id: number;
  name: string;
  departmentCode: string;
}

/** The site, if it exists. */
export async function findPermitSite(db: Executor, siteId: number): Promise<PermitSite | undefined> {
  return db
    .selectFrom('site')
    .select(['id', 'name', 'department_code as departmentCode'])
    .where('id', '=', siteId)
    .executeTakeFirst();
}

/** The sites where a coverage reaches, for the page's choice. */
export async function listPermitSites(db: Executor, coverage: Coverage): Promise<PermitSite[]> {
  return db
    .selectFrom('site')
    .select(['id', 'name', 'department_code as departmentCode'])
    .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'site.department_code' }))
    .orderBy('department_code')
    .orderBy('name')
    .execute();
}

/**
 * The holders of these foreigner numbers, each from their latest booking or request at an office of
 * `departmentCode`: the contact they gave most recently there.
 */
export async function findKnownHolders(
  db: Executor,
  departmentCode: string,
  numbers: readonly string[],
): Promise<Map<string, KnownHolder>> {
  if (numbers.length === 0) return new Map();
  const rows = await sql<KnownHolder & { at: Date }>`
    select distinct on (foreigner_number) foreigner_number as "foreignerNumber", last_name as "lastName",
      first_name as "firstName", email, phone, locale, at
    from (
      select b.foreigner_number, b.last_name, b.first_name, b.email, b.phone, b.locale, b.created_at as at
        from booking b join slot on slot.id = b.slot_id join offer on offer.id = slot.offer_id
        join site on site.id = offer.site_id
        where site.department_code = ${departmentCode} and b.foreigner_number = any(${numbers}::text[])
      union all
      select r.foreigner_number, r.last_name, r.first_name, r.email, r.phone, r.locale, r.created_at
        from request r
        where r.foreigner_number = any(${numbers}::text[])
          and exists (select 1 from site where site.id = any(r.site_ids) and site.department_code = ${departmentCode})
    ) holders
    order by foreigner_number, at desc
  `.execute(db);
  return new Map(rows.rows.map(({ at: _at, ...holder }) => [holder.foreignerNumber, holder]));
}

/** The numbers among these with a permit already waiting at the site. */
export async function findReadyNumbers(
  db: Executor,
  siteId: number,
  numbers: readonly string[],
): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .selectFrom('permit')
    .select('foreigner_number')
    .where('site_id', '=', siteId)
    .where('status', '=', 'ready')
    .where('foreigner_number', 'in', numbers)
    .execute();
  return new Set(rows.map((row) => row.foreigner_number));
}

/** A permit to write. */
export interface NewPermit {
  siteId: number;
  foreignerNumber: string;
  reference: string;
  lastName: string | null;
  firstName: string | null;
  email: string | null;
  phone: string | null;
  locale: Locale;
  readyBy: number | null;
  readyAt: Date;
}

/** Writes one permit; undefined when its reference is already taken (the caller draws another). */
export async function insertPermit(db: Executor, permit: NewPermit): Promise<string | undefined> {
  const row = await db
    .insertInto('permit')
    .values({
      site_id: permit.siteId,
      foreigner_number: permit.foreignerNumber,
      reference: permit.reference,
      last_name: permit.lastName,
      first_name: permit.firstName,
      email: permit.email,
      phone: permit.phone,
      locale: permit.locale,
      ready_by: permit.readyBy,
      ready_at: permit.readyAt,
    })
    .onConflict((oc) => oc.column('reference').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** A permit as the desk and the office's list show it. */
export interface ShownPermit {
  id: string;
  siteId: number;
  siteName: string;
  departmentCode: string;
  foreignerNumber: string;
  reference: string;
  status: PermitStatus;
  lastName: string | null;
  firstName: string | null;
  readyAt: Date;
  collectedAt: Date | null;
}

function shownPermits(db: Executor) {
  return db
    .selectFrom('permit')
    .innerJoin('site', 'site.id', 'permit.site_id')
    .select([
      'permit.id',
      'permit.site_id as siteId',
      'site.name as siteName',
      'site.department_code as departmentCode',
      'permit.foreigner_number as foreignerNumber',
      'permit.reference',
      'permit.status',
      'permit.last_name as lastName',
      'permit.first_name as firstName',
      'permit.ready_at as readyAt',
      'permit.collected_at as collectedAt',
    ]);
}

/** The permits waiting at a site, newest first. */
export async function listReadyPermits(db: Executor, siteId: number, limit = 200): Promise<ShownPermit[]> {
  return shownPermits(db)
    .where('permit.site_id', '=', siteId)
    .where('permit.status', '=', 'ready')
    .orderBy('permit.ready_at', 'desc')
    .orderBy('permit.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The permits a code typed at the desk names within a coverage: its reference, or the live permits of
 * a foreigner number (one per office at most); never what lies outside the coverage.
 */
export async function findPermitsAtDesk(
  db: Executor,
  coverage: Coverage,
  code: { reference?: string; foreignerNumber?: string },
): Promise<ShownPermit[]> {
  let query = shownPermits(db).where(
    coverageFilter(coverage, { siteId: 'permit.site_id', departmentCode: 'site.department_code' }),
  );
  if (code.reference) query = query.where('permit.reference', '=', code.reference);
  else if (code.foreignerNumber) {
    query = query
      .where('permit.foreigner_number', '=', code.foreignerNumber)
      .where('permit.status', '=', 'ready');
  } else return [];
  return query.orderBy('permit.ready_at', 'desc').limit(10).execute();
}

/** The permit, locked for its hand-over. */
export async function lockPermit(db: Executor, id: string): Promise<ShownPermit | undefined> {
  return shownPermits(db).where('permit.id', '=', id).forUpdate('permit').executeTakeFirst();
}

/** Marks a ready permit collected (the trigger refuses any other change). */
export async function markCollected(db: Executor, id: string, by: number | null, at: Date): Promise<void> {
  await db
    .updateTable('permit')
    .set({ status: 'collected', collected_at: at, collected_by: by })
    .where('id', '=', id)
    .where('status', '=', 'ready')
    .execute();
}

/** What the announcement of a permit is written from, read when it is sent. */
export interface PermitForMessage {
  id: string;
  status: PermitStatus;
  reference: string;
  lastName: string | null;
  firstName: string | null;
  email: string | null;
  phone: string | null;
  siteName: string;
  siteAddress: string;
  departmentCode: string;
  arrivalAdvice: LocalizedText | null;
  contactPhone: string | null;
  contactEmail: string | null;
  /** The code of the pick-up procedure when the office offers it by booking: pick-up slots. */
  pickUpProcedureCode: string | null;
}

/** The permit an announcement refers to, with its office's pick-up information. */
export async function findPermitForMessage(db: Executor, id: string): Promise<PermitForMessage | undefined> {
  return db
    .selectFrom('permit')
    .innerJoin('site', 'site.id', 'permit.site_id')
    .select((eb) => [
      'permit.id',
      'permit.status',
      'permit.reference',
      'permit.last_name as lastName',
      'permit.first_name as firstName',
      'permit.email',
      'permit.phone',
      'site.name as siteName',
      'site.address as siteAddress',
      'site.department_code as departmentCode',
      'site.arrival_advice as arrivalAdvice',
      'site.contact_phone as contactPhone',
      'site.contact_email as contactEmail',
      eb
        .selectFrom('offer')
        .innerJoin('procedure', 'procedure.id', 'offer.procedure_id')
        .select('procedure.code')
        .whereRef('offer.site_id', '=', 'site.id')
        .where('offer.channel', '=', 'booking')
        .where('procedure.code', '=', PICK_UP_PROCEDURE_CODE)
        .limit(1)
        .as('pickUpProcedureCode'),
    ])
    .where('permit.id', '=', id)
    .executeTakeFirst();
}
