import type { Executor } from '../../db/database.ts';
import type { SiteKind } from '../../db/schema.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import type { LocalizedText } from '../territory/localized-text.ts';

// The sites as the back office reads and writes them. Every list goes through `coverageFilter`.

/** What an agent configures of an office (the département is set at creation). */
export interface SiteFields {
  name: string;
  kind: SiteKind;
  address: string;
  counters: string[];
  /** The setting N (1–10); absent when an API client leaves it as it is (3 for a new site). */
  callsBeforeMissed?: number;
  contactPhone: string | null;
  contactEmail: string | null;
  transport: LocalizedText | null;
  accessibility: LocalizedText | null;
  arrivalAdvice: LocalizedText | null;
}

/** An office with everything the back office and the admin API show of it. */
export interface SiteDetails extends SiteFields {
  callsBeforeMissed: number;
  id: number;
  departmentCode: string;
}

const COLUMNS = [
  'site.id',
  'site.department_code as departmentCode',
  'site.name',
  'site.kind',
  'site.address',
  'site.counters',
  'site.calls_before_missed as callsBeforeMissed',
  'site.contact_phone as contactPhone',
  'site.contact_email as contactEmail',
  'site.transport',
  'site.accessibility',
  'site.arrival_advice as arrivalAdvice',
] as const;

const PLACE = { siteId: 'site.id', departmentCode: 'site.department_code' };

function columnsOf(fields: SiteFields) {
  return {
    name: fields.name,
    kind: fields.kind,
    address: fields.address,
    counters: fields.counters,
    ...(fields.callsBeforeMissed === undefined ? {} : { calls_before_missed: fields.callsBeforeMissed }),
    contact_phone: fields.contactPhone,
    contact_email: fields.contactEmail,
    transport: fields.transport,
    accessibility: fields.accessibility,
    arrival_advice: fields.arrivalAdvice,
  };
}

/** The sites a coverage reaches (of one département when given), by département, kind and name. */
export async function listCoveredSites(
  db: Executor,
  coverage: Coverage,
  departmentCode?: string,
): Promise<SiteDetails[]> {
  let query = db.selectFrom('site').select(COLUMNS).where(coverageFilter(coverage, PLACE));
  if (departmentCode !== undefined) query = query.where('site.department_code', '=', departmentCode);
  return query.orderBy('site.department_code').orderBy('site.kind').orderBy('site.name').execute();
}

/** The site with this id; `lock` takes its row lock (a transaction's before-values). */
export async function findSite(db: Executor, id: number, lock = false): Promise<SiteDetails | undefined> {
  const query = db.selectFrom('site').select(COLUMNS).where('site.id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Inserts a site; returns its id and its N as stored (the column's default when `fields` has none). */
export async function insertSite(
  db: Executor,
  departmentCode: string,
  fields: SiteFields,
): Promise<{ id: number; callsBeforeMissed: number }> {
  return db
    .insertInto('site')
    .values({ department_code: departmentCode, ...columnsOf(fields) })
    .returning(['id', 'calls_before_missed as callsBeforeMissed'])
    .executeTakeFirstOrThrow();
}

/** Replaces what an agent configures of a site. */
export async function updateSite(db: Executor, id: number, fields: SiteFields): Promise<void> {
  await db.updateTable('site').set(columnsOf(fields)).where('id', '=', id).execute();
}

/** Every département, for the choice of where to create a site. */
export async function listAllDepartments(db: Executor): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('department').select(['code', 'name']).orderBy('code').execute();
}
