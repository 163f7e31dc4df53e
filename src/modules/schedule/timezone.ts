// Wall-clock time in an IANA zone ↔ UTC instants, with nothing but Intl.
//
// Opening rules, closures and holidays are written in the site's wall-clock time ("09:00 in
// Europe/Paris"), slots are stored as UTC instants. Every conversion between the two goes through
// this file, so the daylight-saving traps are handled — and documented — in one place.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** What the wall clock of a zone shows at one instant. */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building an Intl.DateTimeFormat costs far more than using one, and slot generation converts
// thousands of instants for a handful of zones: keep one formatter per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    // Throws a RangeError for an unknown zone, which is what callers should see.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      // 'h23' rather than hour12: false, which some engines render as "24" at midnight.
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function wallClockAt(instant: Date, zone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? Number.NaN,
    month: fields.month ?? Number.NaN,
    day: fields.day ?? Number.NaN,
    hour: fields.hour ?? Number.NaN,
    minute: fields.minute ?? Number.NaN,
    second: fields.second ?? Number.NaN,
  };
}

/** The wall clock read as if it were UTC: the arithmetic base for offsets. */
function wallClockAsUtcMs(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at an instant, in milliseconds (Paris in summer: +2 h). */
function offsetMsAt(instantMs: number, zone: string): number {
  // The formatter has no milliseconds, so compare with the instant truncated to the second.
  const truncated = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return wallClockAsUtcMs(wallClockAt(new Date(truncated), zone)) - truncated;
}

function parseDate(date: string): { year: number; month: number; day: number } {
  const match = DATE_PATTERN.exec(date);
  if (match === null) throw new RangeError(`Invalid date "${date}", expected YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC silently rolls 2026-02-30 over to March: refuse it instead.
  if (month < 1 || month > 12 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) {
    throw new RangeError(`Invalid date "${date}"`);
  }
  return { year, month, day };
}

function parseTime(time: string): { hour: number; minute: number; second: number } {
  const match = TIME_PATTERN.exec(time);
  const [hour, minute, second] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3] ?? 0)];
  if (match === null || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Invalid time "${time}", expected HH:MM or HH:MM:SS`);
  }
  return { hour, minute, second };
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/**
 * The instant at which the wall clock in `zone` shows `date` at `time`.
 *
 * Daylight saving makes the wall clock skip or repeat an hour, so the answer is not always unique:
 * - spring-forward gap: 02:30 on 2026-03-29 in Europe/Paris never happens (02:00 CET jumps to
 *   03:00 CEST). We return the instant the clock jumps to, shifted forward by the gap: 03:30 CEST.
 * - autumn overlap: 02:30 on 2026-10-25 happens twice (CEST, then CET). We return the earlier
 *   instant, 02:30 CEST (+02:00).
 */
export function zonedTimeToUtc(date: string, time: string, zone: string): Date {
  const { year, month, day } = parseDate(date);
  const { hour, minute, second } = parseTime(time);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);

  // The offsets in force a day before and a day after bracket any transition near this wall
  // time (zones do not change offset twice within two days). Applying each gives the candidates.
  const offsetBefore = offsetMsAt(wallMs - MS_PER_DAY, zone);
  const offsetAfter = offsetMsAt(wallMs + MS_PER_DAY, zone);
  if (offsetBefore === offsetAfter) return new Date(wallMs - offsetBefore);

  // A candidate is right if the zone really shows the wanted wall time at that instant.
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter].filter(
    (instantMs) => instantMs + offsetMsAt(instantMs, zone) === wallMs,
  );
  // Overlap: both candidates are right, keep the earlier one.
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // Gap: neither is right. Reading the wall time with the offset from before the jump lands
  // after the jump, exactly one gap later on the wall clock (02:30 CET = 03:30 CEST).
  return new Date(wallMs - offsetBefore);
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2026-03-30T09:00:00+02:00`. */
export function formatInZone(instant: Date, zone: string): string {
  const wall = wallClockAt(instant, zone);
  const offsetMinutes = Math.round(offsetMsAt(instant.getTime(), zone) / MS_PER_MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const date = `${wall.year}-${pad2(wall.month)}-${pad2(wall.day)}`;
  const time = `${pad2(wall.hour)}:${pad2(wall.minute)}:${pad2(wall.second)}`;
  return `${date}T${time}${sign}${pad2(Math.floor(absolute / 60))}:${pad2(absolute % 60)}`;
}

/** The calendar date (YYYY-MM-DD) the wall clock in `zone` shows at `instant`. */
export function localDate(instant: Date, zone: string): string {
  const wall = wallClockAt(instant, zone);
  return `${wall.year}-${pad2(wall.month)}-${pad2(wall.day)}`;
}

/** The time of day (HH:MM) the wall clock in `zone` shows at `instant`. */
export function localTime(instant: Date, zone: string): string {
  const wall = wallClockAt(instant, zone);
  return `${pad2(wall.hour)}:${pad2(wall.minute)}`;
}

/** The calendar date `days` days after `date` (negative goes back), independent of any zone. */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
}

/** Whether the runtime knows `zone` as a named IANA time zone (aliases such as "Europe/Belfast" included). */
export function isValidTimeZone(zone: string): boolean {
  // Intl also accepts fixed offsets such as "+02:00"; a site's zone must follow daylight saving,
  // so only names are valid here.
  if (/^[+-]/.test(zone)) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}
