import type { StatsColumns } from './stats.messages.ts';
import type { BookingCounts, RequestCounts, SeatCounts, StatsKey, WaitCounts } from './stats.repository.ts';

// The figures of a report, from the four grouped reads: one row per site, procedure and week that
// has anything, and the weekly totals the charts draw. Pure (types only imported).

/** One row of the report (and of its CSV and JSON). */
export interface StatsRow extends StatsKey {
  seats: number;
  booked: number;
  confirmed: number;
  cancelled: number;
  revoked: number;
  attended: number;
  noShow: number;
  seatsUsed: number;
  /** Seats used over seats offered, 0–1 rounded to 3 decimals; null without seats offered. */
  fillRate: number | null;
  /** Days from each hour to the next free slot the public pool showed then, median, 1 decimal; null without any. */
  medianWaitDays: number | null;
  /** Share of the hours when the public pool showed no free slot at all, 0–1; null without samples. */
  noFreeSlotRate: number | null;
  requestsWaiting: number;
  requestsUnserved: number;
  bookedOnline: number;
  bookedCounter: number;
  bookedPartner: number;
  /** Minutes from check-in to the call answered, median over the visits seen at a counter, 1 decimal. */
  medianWaitingMinutes: number | null;
  /** Minutes from that call to the agent's "served", median, 1 decimal. */
  medianWalkingMinutes: number | null;
  /** Minutes from "served" to the visit's end by an agent, median, 1 decimal. */
  medianServiceMinutes: number | null;
}

/** One week over every row of the report: what the charts draw. */
export interface WeekTotals {
  week: string;
  seats: number;
  seatsUsed: number;
  bookedOnline: number;
  bookedCounter: number;
  bookedPartner: number;
  attended: number;
  noShow: number;
  fillRate: number | null;
  /** No-shows over the appointments that passed (attended or no-show), 0–1; null without any. */
  noShowRate: number | null;
}

/** The detail table's columns, in the CSV's order too. */
export const DETAIL_COLUMNS: readonly (keyof StatsColumns)[] = [
  'site',
  'procedure',
  'week',
  'seats',
  'booked',
  'confirmed',
  'cancelled',
  'revoked',
  'attended',
  'noShow',
  'fillRate',
  'medianWaitDays',
  'noFreeSlotRate',
  'requestsWaiting',
  'requestsUnserved',
  'bookedOnline',
  'bookedCounter',
  'bookedPartner',
  'medianWaitingMinutes',
  'medianWalkingMinutes',
  'medianServiceMinutes',
];

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const roundOrNull = (value: number | null) => (value === null ? null : round(value, 1));
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole, 3) : null);

function emptyRow(key: StatsKey): StatsRow {
  return {
    ...key,
    seats: 0,
    booked: 0,
    confirmed: 0,
    cancelled: 0,
    revoked: 0,
    attended: 0,
    noShow: 0,
    seatsUsed: 0,
    fillRate: null,
    medianWaitDays: null,
    noFreeSlotRate: null,
    requestsWaiting: 0,
    requestsUnserved: 0,
    bookedOnline: 0,
    bookedCounter: 0,
    bookedPartner: 0,
    medianWaitingMinutes: null,
    medianWalkingMinutes: null,
    medianServiceMinutes: null,
  };
}

const keyOf = (k: StatsKey) => `${k.siteId}|${k.procedureId}|${k.week}`;

/** The rows of a report, sorted by site name, procedure title and week. */
export function statsRows(
  seats: SeatCounts[],
  bookings: BookingCounts[],
  requests: RequestCounts[],
  waits: WaitCounts[] = [],
): StatsRow[] {
  const rows = new Map<string, StatsRow>();
  const rowOf = (key: StatsKey) => {
    const found = rows.get(keyOf(key));
    if (found) return found;
    const row = emptyRow(key);
    rows.set(keyOf(key), row);
    return row;
  };
  for (const s of seats) rowOf(s).seats = s.seats;
  for (const b of bookings) {
    const { siteId, siteName, procedureId, procedureTitle, week, ...counts } = b;
    Object.assign(rowOf(b), counts, {
      medianWaitingMinutes: roundOrNull(b.medianWaitingMinutes),
      medianWalkingMinutes: roundOrNull(b.medianWalkingMinutes),
      medianServiceMinutes: roundOrNull(b.medianServiceMinutes),
    });
  }
  for (const w of waits) {
    Object.assign(rowOf(w), {
      medianWaitDays: roundOrNull(w.medianWaitDays),
      noFreeSlotRate: ratio(w.samplesWithoutSlot, w.samples),
    });
  }
  for (const r of requests)
    Object.assign(rowOf(r), { requestsWaiting: r.waiting, requestsUnserved: r.unserved });
  for (const row of rows.values()) row.fillRate = ratio(row.seatsUsed, row.seats);
  return [...rows.values()].sort(
    (a, b) =>
      a.siteName.localeCompare(b.siteName, 'fr') ||
      a.procedureTitle.localeCompare(b.procedureTitle, 'fr') ||
      a.week.localeCompare(b.week),
  );
}

/** Every week of the range with its totals over the rows (weeks without data are zeros). */
export function weekTotals(rows: StatsRow[], weeks: string[]): WeekTotals[] {
  return weeks.map((week) => {
    const of = rows.filter((row) => row.week === week);
    const sum = (name: keyof StatsRow) => of.reduce((total, row) => total + Number(row[name] ?? 0), 0);
    const totals = {
      week,
      seats: sum('seats'),
      seatsUsed: sum('seatsUsed'),
      bookedOnline: sum('bookedOnline'),
      bookedCounter: sum('bookedCounter'),
      bookedPartner: sum('bookedPartner'),
      attended: sum('attended'),
      noShow: sum('noShow'),
    };
    return {
      ...totals,
      fillRate: ratio(totals.seatsUsed, totals.seats),
      noShowRate: ratio(totals.noShow, totals.attended + totals.noShow),
    };
  });
}
