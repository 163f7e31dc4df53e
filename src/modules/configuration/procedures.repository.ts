import type { Executor } from '../../db/database.ts';
import type { ProcedureTranslations } from '../../db/schema.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import type { LocalizedText } from '../territory/localized-text.ts';

// The procedures as the back office reads and writes them. A procedure is national (department_code
// null) or a département's own; the list an agent reads is the national catalogue and the procedures
// of the départements their coverage reaches (the whole département, or one of its sites).

/** What an agent configures of a procedure (its code, owner and duration are set at creation). */
export interface ProcedureFields {
  title: string;
  description: string;
  audience: string;
  documents: string[];
  fees: string;
  arrivalAdvice: LocalizedText | null;
  admissionRule: LocalizedText | null;
  requiresForeignerNumber: boolean;
  requiresTitleExpiry: boolean;
  requiresPostalCode: boolean;
  titleExpiryWithinDays: number | null;
  titleExpiredSinceDays: number | null;
  translations: ProcedureTranslations;
}

/** A procedure with everything the back office and the admin API show of it. */
export interface ProcedureDetails extends ProcedureFields {
  id: number;
  code: string;
  /** Null: the national catalogue. */
  departmentCode: string | null;
  durationMinutes: number;
}

const COLUMNS = [
  'procedure.id',
  'procedure.code',
  'procedure.department_code as departmentCode',
  'procedure.duration_minutes as durationMinutes',
  'procedure.title',
  'procedure.description',
  'procedure.audience',
  'procedure.documents',
  'procedure.fees',
  'procedure.arrival_advice as arrivalAdvice',
  'procedure.admission_rule as admissionRule',
  'procedure.requires_foreigner_number as requiresForeignerNumber',
  'procedure.requires_title_expiry as requiresTitleExpiry',
  'procedure.requires_postal_code as requiresPostalCode',
  'procedure.title_expiry_within_days as titleExpiryWithinDays',
  'procedure.title_expired_since_days as titleExpiredSinceDays',
  'procedure.translations',
] as const;

function columnsOf(fields: ProcedureFields) {
  return {
    title: fields.title,
    description: fields.description,
    audience: fields.audience,
    documents: fields.documents,
    fees: fields.fees,
    arrival_advice: fields.arrivalAdvice,
    admission_rule: fields.admissionRule,
    requires_foreigner_number: fields.requiresForeignerNumber,
    requires_title_expiry: fields.requiresTitleExpiry,
    requires_postal_code: fields.requiresPostalCode,
    title_expiry_within_days: fields.titleExpiryWithinDays,
    title_expired_since_days: fields.titleExpiredSinceDays,
    translations: fields.translations,
  };
}

/**
 * The procedures a coverage may read: the national catalogue and those of the départements it
 * reaches, wholly or through one of their sites (filtered by `coverageFilter`). With `departmentCode`,
 * those usable there only; with `id`, that one procedure if it may be read.
 */
export async function listVisibleProcedures(
  db: Executor,
  coverage: Coverage,
  filter: { departmentCode?: string; id?: number } = {},
): Promise<ProcedureDetails[]> {
  let query = db
    .selectFrom('procedure')
    .select(COLUMNS)
    .where((eb) =>
      eb.or([
        eb('procedure.department_code', 'is', null),
        eb(
          'procedure.department_code',
          'in',
          eb
            .selectFrom('department')
            .leftJoin('site', 'site.department_code', 'department.code')
            .select('department.code')
            .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'department.code' })),
        ),
      ]),
    );
  if (filter.departmentCode !== undefined) {
    const code = filter.departmentCode;
    query = query.where((eb) =>
      eb.or([eb('procedure.department_code', 'is', null), eb('procedure.department_code', '=', code)]),
    );
  }
  if (filter.id !== undefined) query = query.where('procedure.id', '=', filter.id);
  return query
    .orderBy('procedure.department_code', (ob) => ob.nullsFirst())
    .orderBy('procedure.title')
    .execute();
}

/** The procedure with this id; `lock` takes its row lock. */
export async function findProcedureDetails(
  db: Executor,
  id: number,
  lock = false,
): Promise<ProcedureDetails | undefined> {
  const query = db.selectFrom('procedure').select(COLUMNS).where('procedure.id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Inserts a procedure; returns its id. */
export async function insertProcedure(
  db: Executor,
  procedure: { code: string; departmentCode: string | null; durationMinutes: number } & ProcedureFields,
): Promise<number> {
  const row = await db
    .insertInto('procedure')
    .values({
      code: procedure.code,
      department_code: procedure.departmentCode,
      duration_minutes: procedure.durationMinutes,
      ...columnsOf(procedure),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces what an agent configures of a procedure. */
export async function updateProcedure(db: Executor, id: number, fields: ProcedureFields): Promise<void> {
  await db.updateTable('procedure').set(columnsOf(fields)).where('id', '=', id).execute();
}
