import type { FieldError } from '../../errors.ts';
import { statsFieldMessageFr } from './stats.messages.ts';

// What the statistics are asked for: a range of ISO weeks (given as two days, each widened to its
// week: Monday to Sunday, in the office's local time), an optional site and procedure. Pure: the
// page's GET form and the admin API read the same parameters through `parseStatsQuery`.

/** The filters of a statistics report. */
export interface StatsQuery {
  /** The Monday of the first week, YYYY-MM-DD. */
  from: string;
  /** The Sunday of the last week, YYYY-MM-DD. */
  to: string;
  siteId?: number;
  procedureId?: number;
}

/** Fifty-three ISO weeks at most: a year of weeks, whichever year. */
export const MAX_WEEKS = 53;
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD day as a UTC midnight, or undefined when it names no day (2030-02-30). */
export function dayOf(text: string): Date | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === text ? day : undefined;
}

const iso = (day: Date) => day.toISOString().slice(0, 10);

/** The Monday of the ISO week holding `day`. */
export function mondayOf(day: Date): Date {
  const weekday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - weekday * DAY_MS);
}

/** The ISO week of a day, as PostgreSQL's `IYYY-"W"IW` writes it: 2030-W02. */
export function isoWeekOf(day: Date): string {
  const thursday = new Date(mondayOf(day).getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = mondayOf(new Date(Date.UTC(year, 0, 4))).getTime() + 3 * DAY_MS;
  const week = 1 + Math.round((thursday.getTime() - firstThursday) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Every ISO week from the Monday `from` to the Sunday `to`, in order. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  const end = dayOf(to)?.getTime() ?? 0;
  for (let t = dayOf(from)?.getTime() ?? end + 1; t <= end; t += 7 * DAY_MS)
    weeks.push(isoWeekOf(new Date(t)));
  return weeks;
}

function fieldError(field: string, code: string, params?: Record<string, number>): FieldError {
  return { field, code, message: statsFieldMessageFr(code, params ?? {}), ...(params ? { params } : {}) };
}

function idOf(raw: unknown, field: string, errors: FieldError[]): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const id = Number(raw);
  if (typeof raw === 'string' && /^\d{1,10}$/.test(raw) && id >= 1 && id <= 2_147_483_647) return id;
  errors.push(fieldError(field, 'id_invalid'));
  return undefined;
}

function dayField(raw: unknown, field: string, fallback: Date, errors: FieldError[]): Date | undefined {
  if (raw === undefined || raw === '') return fallback;
  const day = typeof raw === 'string' ? dayOf(raw.trim()) : undefined;
  if (!day) errors.push(fieldError(field, 'date_invalid'));
  return day;
}

/**
 * The query of a page's form or an API call, or the fields that are wrong. Without dates: the four
 * weeks before today's and the four after it.
 */
export function parseStatsQuery(
  raw: Readonly<Record<string, unknown>>,
  today: Date,
): { query: StatsQuery; errors: [] } | { query?: undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const from = dayField(raw.from, 'from', new Date(today.getTime() - 28 * DAY_MS), errors);
  const to = dayField(raw.to, 'to', new Date(today.getTime() + 28 * DAY_MS), errors);
  const siteId = idOf(raw.site, 'site', errors);
  const procedureId = idOf(raw.procedure, 'procedure', errors);
  if (from && to) {
    const monday = mondayOf(from);
    const sunday = new Date(mondayOf(to).getTime() + 6 * DAY_MS);
    if (sunday < monday) errors.push(fieldError('to', 'before_from'));
    else if ((sunday.getTime() - monday.getTime() + DAY_MS) / (7 * DAY_MS) > MAX_WEEKS) {
      errors.push(fieldError('to', 'range_too_long', { maxWeeks: MAX_WEEKS }));
    }
    if (errors.length === 0) {
      const query: StatsQuery = { from: iso(monday), to: iso(sunday) };
      if (siteId !== undefined) query.siteId = siteId;
      if (procedureId !== undefined) query.procedureId = procedureId;
      return { query, errors: [] };
    }
  }
  return { errors };
}
