import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';
import { coverageFor, notFoundError } from '../configuration/offices.access.ts';
import { type StatsRow, statsRows, type WeekTotals, weekTotals } from './stats.figures.ts';
import { parseStatsQuery, type StatsQuery, weeksBetween } from './stats.period.ts';
import {
  bookingCounts,
  filterChoices,
  requestCounts,
  seatCounts,
  visibleSite,
  waitCounts,
} from './stats.repository.ts';

// The statistics report (issue 10 item 8, decision 0040): the page, its CSV and the admin API read
// the same use case, within the reader's `stats.read` coverage.

export interface StatsDeps {
  db: Db;
  clock: Clock;
}

export interface StatsReport {
  query: StatsQuery;
  rows: StatsRow[];
  weeks: WeekTotals[];
}

/** The page's model: the report, or the form again with the refused filters (422). */
export interface StatsPage {
  principal: Principal;
  form: Record<'from' | 'to' | 'site' | 'procedure', string>;
  choices: Awaited<ReturnType<typeof filterChoices>>;
  report?: StatsReport;
  errors: FieldError[];
  status?: number;
}

const textOf = (raw: Readonly<Record<string, unknown>>, name: string) =>
  typeof raw[name] === 'string' ? (raw[name] as string) : '';

/**
 * The report for the filters `raw` (from, to, site, procedure): 403 without `stats.read` anywhere,
 * 422 naming the refused field, 404 for a site that is absent or outside the coverage.
 */
export async function statsReport(
  deps: StatsDeps,
  principal: Principal,
  raw: Readonly<Record<string, unknown>>,
): Promise<StatsReport> {
  const coverage = coverageFor(principal, 'stats.read');
  const parsed = parseStatsQuery(raw, deps.clock.now());
  if (!parsed.query) {
    throw new AppError(422, 'invalid', 'Les filtres des statistiques sont invalides.', parsed.errors);
  }
  const { query } = parsed;
  if (query.siteId !== undefined && !(await visibleSite(deps.db, query.siteId, coverage))) {
    throw notFoundError('site');
  }
  const [seats, bookings, requests, waits] = await Promise.all([
    seatCounts(deps.db, query, coverage),
    bookingCounts(deps.db, query, coverage),
    requestCounts(deps.db, query, coverage),
    waitCounts(deps.db, query, coverage),
  ]);
  const rows = statsRows(seats, bookings, requests, waits);
  return { query, rows, weeks: weekTotals(rows, weeksBetween(query.from, query.to)) };
}

/** The page /agents/statistiques: the filters, and the report or the refused fields. */
export async function statsPage(
  deps: StatsDeps,
  principal: Principal,
  raw: Readonly<Record<string, unknown>>,
): Promise<StatsPage> {
  const coverage = coverageFor(principal, 'stats.read');
  const form = {
    from: textOf(raw, 'from'),
    to: textOf(raw, 'to'),
    site: textOf(raw, 'site'),
    procedure: textOf(raw, 'procedure'),
  };
  const choices = await filterChoices(deps.db, coverage);
  try {
    const report = await statsReport(deps, principal, raw);
    return {
      principal,
      form: { ...form, from: report.query.from, to: report.query.to },
      choices,
      report,
      errors: [],
    };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) throw error;
    return { principal, form, choices, errors: error.fields ?? [], status: 422 };
  }
}
