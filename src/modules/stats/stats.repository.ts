import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import type { StatsQuery } from './stats.period.ts';

// The statistics' SQL: four grouped reads (seats, bookings, availability samples, requests), each per site, procedure and
// ISO week of the office's local time, each filtered by the reader's coverage. stats.figures.ts joins
// them; nothing here decides what a figure means beyond the counts named in decision 0040.

/** The place and week a count belongs to. */
export interface StatsKey {
  siteId: number;
  siteName: string;
  procedureId: number;
  procedureTitle: string;
  week: string;
}

export interface SeatCounts extends StatsKey {
  seats: number;
}

export interface BookingCounts extends StatsKey {
  booked: number;
  confirmed: number;
  cancelled: number;
  revoked: number;
  attended: number;
  noShow: number;
  seatsUsed: number;
  bookedOnline: number;
  bookedCounter: number;
  bookedPartner: number;
  /** The counter loop's medians, in minutes, over the visits seen at a counter (null without any). */
  medianWaitingMinutes: number | null;
  medianWalkingMinutes: number | null;
  medianServiceMinutes: number | null;
}

export interface WaitCounts extends StatsKey {
  /** Days from each hourly sample to the next free slot it showed, median; null without any. */
  medianWaitDays: number | null;
  samples: number;
  /** Samples that showed no free slot at all ("aucune plage horaire"). */
  samplesWithoutSlot: number;
}

export interface RequestCounts extends StatsKey {
  waiting: number;
  unserved: number;
}

function filters(query: StatsQuery, coverage: Coverage, procedureColumn: string): RawBuilder<SqlBool> {
  const parts = [coverageFilter(coverage, { siteId: 'si.id', departmentCode: 'si.department_code' })];
  if (query.siteId !== undefined) parts.push(sql<SqlBool>`si.id = ${query.siteId}`);
  if (query.procedureId !== undefined) {
    parts.push(sql<SqlBool>`${sql.ref(procedureColumn)} = ${query.procedureId}`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** The local day of an instant column at the office, and its ISO week. */
const localDay = (column: string) => sql`(${sql.ref(column)} at time zone d.timezone)::date`;
const weekOf = (column: string) => sql<string>`to_char(${localDay(column)}, 'IYYY-"W"IW')`;
const inRange = (column: string, query: StatsQuery) =>
  sql<SqlBool>`${localDay(column)} between ${query.from}::date and ${query.to}::date`;

const KEY = sql`si.id as "siteId", si.name as "siteName", p.id as "procedureId", p.title as "procedureTitle"`;
const GROUP = sql`si.id, si.name, p.id, p.title, 5`;

/** The seats of the slots starting in the range (every offer with slots: first come and draws). */
export async function seatCounts(db: Db, query: StatsQuery, coverage: Coverage): Promise<SeatCounts[]> {
  const { rows } = await sql<SeatCounts>`
    select ${KEY}, ${weekOf('s.starts_at')} as week, sum(s.capacity)::integer as seats
    from slot s join offer o on o.id = s.offer_id join site si on si.id = o.site_id
      join department d on d.code = si.department_code join procedure p on p.id = o.procedure_id
    where ${inRange('s.starts_at', query)} and ${filters(query, coverage, 'p.id')}
    group by ${GROUP}`.execute(db);
  return rows;
}

// Seats still used: every status but the three that gave the seat back (attended and no-show used it).
const USED = sql<SqlBool>`b.status not in ('expired', 'cancelled', 'revoked')`;
const BOOKED = sql<SqlBool>`b.status <> 'expired'`;
const PARTNER = sql<SqlBool>`exists (select 1 from role_grant g where g.agent_id = r.entered_by and g.role = 'partner')`;

// The counter loop's times (migration 0025), from the booking's columns: each undo refolds them from
// the counter events still in force (queue.rules.ts), so they are the visit as it finally went. A visit
// seen at a counter is attended with a check-in, a call and a serve: waiting is check-in → the call
// answered (the last), walking that call → served, service served → finished — but not when the
// end-of-day job, not an agent, finished it (its time is the job's run, not the visit's end).
const SEEN = sql<SqlBool>`b.status = 'attended' and b.checked_in_at is not null and b.called_at is not null and b.served_at is not null`;
const FINISHED_BY_AGENT = sql<SqlBool>`b.finished_at is not null and not exists (select 1 from counter_event e where e.booking_id = b.id and e.action = 'close_day')`;
const medianMinutes = (to: string, from: string, where: RawBuilder<SqlBool>) =>
  sql`(percentile_cont(0.5) within group (order by extract(epoch from ${sql.ref(to)} - ${sql.ref(from)}) / 60) filter (where ${where}))::float8`;

/** The bookings of the slots starting in the range, by outcome and by channel. */
export async function bookingCounts(db: Db, query: StatsQuery, coverage: Coverage): Promise<BookingCounts[]> {
  const { rows } = await sql<BookingCounts>`
    select ${KEY}, ${weekOf('s.starts_at')} as week,
      count(*) filter (where ${BOOKED})::integer as booked,
      count(*) filter (where b.confirmed_at is not null)::integer as confirmed,
      count(*) filter (where b.status = 'cancelled')::integer as cancelled,
      count(*) filter (where b.status = 'revoked')::integer as revoked,
      count(*) filter (where b.status = 'attended')::integer as attended,
      count(*) filter (where b.status = 'no_show')::integer as "noShow",
      count(*) filter (where ${USED})::integer as "seatsUsed",
      count(*) filter (where ${BOOKED} and r.entered_by is null)::integer as "bookedOnline",
      count(*) filter (where ${BOOKED} and r.entered_by is not null and not ${PARTNER})::integer as "bookedCounter",
      count(*) filter (where ${BOOKED} and r.entered_by is not null and ${PARTNER})::integer as "bookedPartner",
      ${medianMinutes('b.called_at', 'b.checked_in_at', SEEN)} as "medianWaitingMinutes",
      ${medianMinutes('b.served_at', 'b.called_at', SEEN)} as "medianWalkingMinutes",
      ${medianMinutes('b.finished_at', 'b.served_at', sql<SqlBool>`${SEEN} and ${FINISHED_BY_AGENT}`)} as "medianServiceMinutes"
    from booking b join slot s on s.id = b.slot_id join offer o on o.id = s.offer_id
      join site si on si.id = o.site_id join department d on d.code = si.department_code
      join procedure p on p.id = b.procedure_id left join request r on r.id = b.request_id
    where ${inRange('s.starts_at', query)} and ${filters(query, coverage, 'p.id')}
    group by ${GROUP}`.execute(db);
  return rows;
}

/**
 * What the public pool showed in the range, from the hourly samples of first-come offers (migration
 * 0029): the median wait to the next free slot, and how many samples showed none.
 */
export async function waitCounts(db: Db, query: StatsQuery, coverage: Coverage): Promise<WaitCounts[]> {
  const { rows } = await sql<WaitCounts>`
    select ${KEY}, ${weekOf('a.sampled_at')} as week,
      (percentile_cont(0.5) within group (order by extract(epoch from a.next_free_at - a.sampled_at) / 86400)
        filter (where a.next_free_at is not null))::float8 as "medianWaitDays",
      count(*)::integer as samples,
      count(*) filter (where a.next_free_at is null)::integer as "samplesWithoutSlot"
    from availability_sample a join offer o on o.id = a.offer_id join site si on si.id = o.site_id
      join department d on d.code = si.department_code join procedure p on p.id = o.procedure_id
    where ${inRange('a.sampled_at', query)} and ${filters(query, coverage, 'p.id')}
    group by ${GROUP}`.execute(db);
  return rows;
}

/**
 * The requests submitted in the range, at each site they accept: still waiting, or closed without an
 * appointment (unserved). A request naming two sites counts at both.
 */
export async function requestCounts(db: Db, query: StatsQuery, coverage: Coverage): Promise<RequestCounts[]> {
  const { rows } = await sql<RequestCounts>`
    select ${KEY}, ${weekOf('r.created_at')} as week,
      count(*) filter (where r.status = 'waiting')::integer as waiting,
      count(*) filter (where r.status = 'closed' and r.booking_id is null)::integer as unserved
    from request r cross join lateral unnest(r.site_ids) as accepted(site_id)
      join site si on si.id = accepted.site_id join department d on d.code = si.department_code
      join procedure p on p.id = r.procedure_id
    where ${inRange('r.created_at', query)} and ${filters(query, coverage, 'p.id')}
      and (r.status = 'waiting' or (r.status = 'closed' and r.booking_id is null))
    group by ${GROUP}`.execute(db);
  return rows;
}

/** A site the reader may see, or undefined (absent, or outside the coverage: the same answer). */
export async function visibleSite(db: Db, siteId: number, coverage: Coverage) {
  return db
    .selectFrom('site as si')
    .select(['si.id', 'si.name'])
    .where('si.id', '=', siteId)
    .where(coverageFilter(coverage, { siteId: 'si.id', departmentCode: 'si.department_code' }))
    .executeTakeFirst();
}

/** The sites and procedures the filters offer: those of the offers in the reader's coverage. */
export async function filterChoices(db: Db, coverage: Coverage) {
  const rows = await db
    .selectFrom('offer as o')
    .innerJoin('site as si', 'si.id', 'o.site_id')
    .innerJoin('procedure as p', 'p.id', 'o.procedure_id')
    .select(['si.id as siteId', 'si.name as siteName', 'p.id as procedureId', 'p.title as procedureTitle'])
    .where(coverageFilter(coverage, { siteId: 'si.id', departmentCode: 'si.department_code' }))
    .orderBy('si.name')
    .orderBy('p.title')
    .execute();
  const sites = new Map(rows.map((r) => [r.siteId, r.siteName]));
  const procedures = new Map(rows.map((r) => [r.procedureId, r.procedureTitle]));
  return {
    sites: [...sites].map(([id, name]) => ({ id, name })),
    procedures: [...procedures].map(([id, title]) => ({ id, title })),
  };
}
