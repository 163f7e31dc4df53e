import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { BookingStatus } from '../../db/schema.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';

// The agenda's SQL: the bookings of one office between two instants, the offices an agent may read,
// and the search among upcoming appointments. Nothing here decides who may read: the use cases do.

/** An office as the agenda needs it: its name, its zone and its counters. */
export interface AgendaSite {
  id: number;
  name: string;
  departmentCode: string;
  timezone: string;
  counters: string[];
}

/** One line of the agenda: an appointment and the identity it was booked under. */
export interface AgendaRow {
  siteId: number;
  reference: string;
  status: BookingStatus;
  startsAt: Date;
  lastName: string;
  firstName: string;
  procedureTitle: string;
  /** The counter of the person's last call (decision 0041); null until they are called. */
  counter: string | null;
}

/** The office `siteId`, with the zone of its département, or undefined. */
export async function findAgendaSite(db: Executor, siteId: number): Promise<AgendaSite | undefined> {
  return db
    .selectFrom('site')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select([
      'site.id',
      'site.name',
      'site.department_code as departmentCode',
      'department.timezone',
      'site.counters',
    ])
    .where('site.id', '=', siteId)
    .executeTakeFirst();
}

/** The offices `coverage` reaches, by département then name: the page's choice of office. */
export async function listAgendaSites(
  db: Executor,
  coverage: Coverage,
): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('site')
    .select(['site.id', 'site.name'])
    .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'site.department_code' }))
    .orderBy('site.department_code')
    .orderBy('site.name')
    .orderBy('site.id')
    .execute();
}

function agendaRows(db: Executor) {
  return db
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .innerJoin('procedure', 'procedure.id', 'booking.procedure_id')
    .select([
      'offer.site_id as siteId',
      'booking.reference',
      'booking.status',
      'slot.starts_at as startsAt',
      'booking.last_name as lastName',
      'booking.first_name as firstName',
      'procedure.title as procedureTitle',
      'booking.counter',
    ]);
}

/**
 * The office's bookings in `statuses` whose slot starts in [from, to), by time then name; with
 * `counter`, only those whose last call was to that counter.
 */
export async function listAgenda(
  db: Executor,
  input: { siteId: number; from: Date; to: Date; statuses: readonly BookingStatus[]; counter?: string },
): Promise<AgendaRow[]> {
  let rows = agendaRows(db);
  if (input.counter !== undefined) rows = rows.where('booking.counter', '=', input.counter);
  return rows
    .where('offer.site_id', '=', input.siteId)
    .where('slot.starts_at', '>=', input.from)
    .where('slot.starts_at', '<', input.to)
    .where('booking.status', 'in', [...input.statuses])
    .orderBy('slot.starts_at')
    .orderBy('booking.last_name')
    .orderBy('booking.first_name')
    .orderBy('booking.reference')
    .execute();
}

/** What the search looks for: one of a reference, a foreigner number, or words of a name. */
export type AgendaQuery =
  | { kind: 'reference'; reference: string }
  | { kind: 'foreigner_number'; foreignerNumber: string }
  | { kind: 'name'; words: string[] };

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The appointments in `statuses` matching `query` at the offices `coverage` reaches, from the start
 * of today in each office's zone (someone late for this morning's appointment is still found).
 */
export async function searchUpcoming(
  db: Executor,
  input: {
    coverage: Coverage;
    query: AgendaQuery;
    now: Date;
    statuses: readonly BookingStatus[];
    limit: number;
  },
): Promise<(AgendaRow & { siteName: string; timezone: string })[]> {
  const { query } = input;
  let rows = agendaRows(db)
    .innerJoin('site', 'site.id', 'offer.site_id')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select(['site.name as siteName', 'department.timezone'])
    .where(coverageFilter(input.coverage, { siteId: 'site.id', departmentCode: 'site.department_code' }))
    .where('booking.status', 'in', [...input.statuses])
    .where(
      sql<SqlBool>`slot.starts_at >= (date_trunc('day', ${input.now}::timestamptz at time zone department.timezone) at time zone department.timezone)`,
    );
  if (query.kind === 'reference') rows = rows.where('booking.reference', '=', query.reference);
  else if (query.kind === 'foreigner_number')
    rows = rows.where('booking.foreigner_number', '=', query.foreignerNumber);
  else {
    for (const word of query.words) {
      const pattern = `%${escapeLike(word)}%`;
      rows = rows.where((eb) =>
        eb.or([eb('booking.last_name', 'ilike', pattern), eb('booking.first_name', 'ilike', pattern)]),
      );
    }
  }
  return rows.orderBy('slot.starts_at').orderBy('booking.reference').limit(input.limit).execute();
}
