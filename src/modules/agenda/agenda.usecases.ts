import type { Clock } from '../../clock.ts';
import { CODE_PATTERNS } from '../../codes.ts';
import type { Db } from '../../db/database.ts';
import type { BookingStatus } from '../../db/schema.ts';
import { type FieldError, invalid, notFound } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';
import { ACTIVE_BOOKING_STATUSES, ALL_BOOKING_STATUSES } from '../booking/statuses.ts';
import { coverageFor } from '../configuration/offices.access.ts';
import {
  addDays,
  formatInZone,
  isoWeekday,
  localDate,
  localTime,
  zonedTimeToUtc,
} from '../schedule/timezone.ts';
import {
  type AgendaQuery,
  type AgendaRow,
  type AgendaSite,
  findAgendaSite,
  listAgenda,
  listAgendaSites,
  searchUpcoming,
} from './agenda.repository.ts';

// The office's day and week (PRODUCT §4.4, issue 10 item 1): who is expected, at what time, for
// which procedure. The page, its JSON feed and the admin API read the same lists through these.

/** What the agenda's use cases need. */
export interface AgendaDeps {
  db: Db;
  clock: Clock;
}

/**
 * The statuses an agenda lists: every appointment that was convocated (decision 0039). A pending hold
 * has no convocation yet and an expired one never had one: nobody comes with them. Cancelled and
 * revoked ones stay, shown as such, because the reception meets people who come anyway.
 */
export const AGENDA_STATUSES: readonly BookingStatus[] = ALL_BOOKING_STATUSES.filter(
  (status) => status !== 'pending' && status !== 'expired',
);

/** How many appointments a search shows at most. */
export const SEARCH_LIMIT = 50;

/** One appointment of the agenda as the API gives it (PRODUCT §7.1); `counter` once the person was called. */
export interface AgendaEntry {
  reference: string;
  status: BookingStatus;
  start: string;
  counter?: string;
  lastName: string;
  firstName: string;
}

/** One day of the agenda: its local date and its appointments in time order. */
export interface AgendaDay {
  date: string;
  rows: (AgendaRow & { time: string })[];
}

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [year = 0, month = 0, day = 0] = text.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) === text;
}

export function dateError(): FieldError {
  return { field: 'date', code: 'date_invalid', message: 'La date doit exister et s’écrire AAAA-MM-JJ.' };
}

/** A counter filter that names none of the office's counters (`field`: the API's or the page's name). */
export function counterError(field: string): FieldError {
  return { field, code: 'counter_unknown', message: 'Ce guichet n’est pas un guichet de ce service.' };
}

/** Whether `counter` is one of the office's counters (the filter's only allowed values). */
export function isCounterOf(site: AgendaSite, counter: string): boolean {
  return site.counters.includes(counter);
}

/**
 * The office if `principal` may read its agenda: 403 without `agenda.read` anywhere, 404 for an office
 * that does not exist or is out of scope (its existence must not leak).
 */
export async function readableSite(
  deps: AgendaDeps,
  principal: Principal,
  siteId: number,
): Promise<AgendaSite> {
  const coverage = coverageFor(principal, 'agenda.read');
  const site = await findAgendaSite(deps.db, siteId);
  const reached =
    site &&
    (coverage.national || coverage.departmentCodes.has(site.departmentCode) || coverage.siteIds.has(site.id));
  if (!site || !reached) throw notFound('site_not_found', "Ce service n'existe pas.");
  return site;
}

/**
 * The office's appointments over `days` local days from `first`, grouped per day (every day listed);
 * with `counter`, those called to it only.
 */
export async function agendaDays(
  deps: AgendaDeps,
  site: AgendaSite,
  first: string,
  days: number,
  counter?: string,
): Promise<AgendaDay[]> {
  const from = zonedTimeToUtc(first, '00:00', site.timezone);
  const to = zonedTimeToUtc(addDays(first, days), '00:00', site.timezone);
  const rows = await listAgenda(deps.db, {
    siteId: site.id,
    from,
    to,
    statuses: AGENDA_STATUSES,
    ...(counter !== undefined ? { counter } : {}),
  });
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(first, i);
    const ofDay = rows.filter((row) => localDate(row.startsAt, site.timezone) === date);
    return { date, rows: ofDay.map((row) => ({ ...row, time: localTime(row.startsAt, site.timezone) })) };
  });
}

/**
 * GET /api/v1/admin/sites/ID/agenda?date=&counter=: the day's appointments (today in the office's zone
 * by default), of one counter when asked (422 on `counter` for a name the office does not have).
 */
export async function agendaOfDay(
  deps: AgendaDeps,
  principal: Principal,
  input: { siteId: number; date?: string | undefined; counter?: string | undefined },
): Promise<AgendaEntry[]> {
  if (input.date !== undefined && !isCalendarDate(input.date)) throw invalid([dateError()]);
  const site = await readableSite(deps, principal, input.siteId);
  if (input.counter !== undefined && !isCounterOf(site, input.counter))
    throw invalid([counterError('counter')]);
  const date = input.date ?? localDate(deps.clock.now(), site.timezone);
  const [day] = await agendaDays(deps, site, date, 1, input.counter);
  return (day?.rows ?? []).map((row) => ({
    reference: row.reference,
    status: row.status,
    start: formatInZone(row.startsAt, site.timezone),
    ...(row.counter !== null ? { counter: row.counter } : {}),
    lastName: row.lastName,
    firstName: row.firstName,
  }));
}

/** The Monday of the ISO week `date` is in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * What a search text looks for: a reference (74-K7M3-QX9P), a foreigner number (10 digits, or the 9
 * of a card made before 2017, seeds/003), or else the words of a name. Undefined when too short.
 */
export function parseAgendaQuery(text: string): AgendaQuery | undefined {
  const trimmed = text.trim().slice(0, 100);
  if (trimmed.length < 2) return undefined;
  const upper = trimmed.toUpperCase();
  if (new RegExp(CODE_PATTERNS.reference).test(upper)) return { kind: 'reference', reference: upper };
  const digits = trimmed.replace(/[\s.-]/g, '');
  if (/^\d{10}$/.test(digits)) return { kind: 'foreigner_number', foreignerNumber: digits };
  if (/^\d{9}$/.test(digits))
    return { kind: 'foreigner_number', foreignerNumber: `${digits.slice(0, 2)}0${digits.slice(2)}` };
  const words = trimmed
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 5);
  return { kind: 'name', words };
}

/** The upcoming appointments matching `text` at the offices where `principal` reads the agenda. */
export async function searchAgenda(deps: AgendaDeps, principal: Principal, text: string) {
  const coverage = coverageFor(principal, 'agenda.read');
  const query = parseAgendaQuery(text);
  if (!query) return undefined;
  const rows = await searchUpcoming(deps.db, {
    coverage,
    query,
    now: deps.clock.now(),
    statuses: ACTIVE_BOOKING_STATUSES,
    limit: SEARCH_LIMIT,
  });
  return rows.map((row) => ({ ...row, date: localDate(row.startsAt, row.timezone) }));
}

/** The offices whose agenda `principal` may read (403 when none). */
export async function agendaSites(deps: AgendaDeps, principal: Principal) {
  return listAgendaSites(deps.db, coverageFor(principal, 'agenda.read'));
}
