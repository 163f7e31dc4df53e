// The input of a draw as published in its bundle (PRODUCT §5.1), checked and turned into the few
// numbers the allocation compares. Pure: no clock, no time zone database, no machine zone.
//
// Two choices a third party must make the same way (decision 0025):
// - ids (the draw's, slots', sites') are non-negative integers, given as JSON numbers or as strings of
//   decimal digits without leading zeros; they are compared as integers, so 101 and "101" are the same
//   id and 99 comes before 100.
// - a slot's `start` is read as written: its date and clock time are the local ones, and its offset
//   turns them into an instant. No IANA zone is consulted, so "10:00+02:00" is a morning whatever the
//   machine's zone and whatever the date's daylight-saving rule.

/** The version of the draw this code implements, as the bundle writes it. */
export const DRAW_VERSION = 'creneau-draw-v1';

/** An id as a bundle may write it: a JSON number or a string of decimal digits. */
export type DrawId = number | string;

/** A slot of the draw: `start` in ISO 8601 with the site's offset ("2026-12-08T09:00:00+01:00"). */
export interface DrawSlot {
  id: DrawId;
  siteId: DrawId;
  start: string;
  seats: number;
}

/** A request of the draw, without personal data: `label` is its receipt number. */
export interface DrawRequest {
  label: string;
  tier: number;
  lost: number;
  siteIds: DrawId[];
  halfDays: string[];
  /** The earliest local date (YYYY-MM-DD) the person can come, or null. */
  earliest: string | null;
}

/** What a draw is computed from: the bundle without its commitment and allocation. */
export interface DrawInput {
  id: DrawId;
  version: string;
  seed: string;
  beacon: string;
  slots: DrawSlot[];
  requests: DrawRequest[];
}

/** A bundle's field that cannot be drawn from, named by its path ("requests[3].halfDays[0]"). */
export class DrawInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'DrawInputError';
    this.field = field;
  }
}

/** The weekdays of half-day codes, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Every half-day code, "mon-am" … "sun-pm"; a code's index is weekday × 2 + (pm ? 1 : 0). */
export const HALF_DAY_CODES: readonly string[] = WEEKDAYS.flatMap((day) => [`${day}-am`, `${day}-pm`]);

const ALL_HALF_DAYS = (1 << HALF_DAY_CODES.length) - 1;

/** A slot with its canonical ids, instant, local day (days since 1970-01-01) and half-day index. */
export interface ParsedSlot {
  slot: DrawSlot;
  idKey: string;
  siteKey: string;
  instant: number;
  localDay: number;
  halfDay: number;
  seats: number;
}

/** A request with its site keys, its half-days as a bit mask (all bits when empty) and earliest day. */
export interface ParsedRequest {
  request: DrawRequest;
  siteKeys: string[];
  halfDayMask: number;
  earliestDay: number;
}

export interface ParsedDraw {
  idKey: string;
  seed: Buffer;
  beacon: string;
  slots: ParsedSlot[];
  requests: ParsedRequest[];
}

const SEED = /^[0-9a-fA-F]{64}$/;
const HEX = /^[0-9a-fA-F]*$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Seconds and up to milliseconds are optional; the offset is Z or ±HH:MM, never missing: a local time
// without its offset names no instant.
const START = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks a draw's input and returns what the allocation needs; throws DrawInputError naming the field. */
export function parseDrawInput(input: unknown): ParsedDraw {
  const draw = record(input, 'bundle');
  if (draw.version !== DRAW_VERSION) {
    throw new DrawInputError('version', `expected "${DRAW_VERSION}", got ${JSON.stringify(draw.version)}`);
  }
  const idKey = idKeyOf(draw.id, 'id');
  if (typeof draw.seed !== 'string' || !SEED.test(draw.seed)) {
    throw new DrawInputError('seed', 'expected 64 hexadecimal digits');
  }
  if (typeof draw.beacon !== 'string' || !HEX.test(draw.beacon)) {
    throw new DrawInputError('beacon', 'expected a hexadecimal string, or "" without a beacon');
  }
  return {
    idKey,
    seed: Buffer.from(draw.seed, 'hex'),
    beacon: draw.beacon,
    slots: parseSlots(draw.slots),
    requests: parseRequests(draw.requests),
  };
}

function parseSlots(value: unknown): ParsedSlot[] {
  const seen = new Set<string>();
  return list(value, 'slots').map((item, index) => {
    const field = `slots[${index}]`;
    const slot = record(item, field);
    const idKey = idKeyOf(slot.id, `${field}.id`);
    if (seen.has(idKey)) throw new DrawInputError(`${field}.id`, `slot ${idKey} appears twice`);
    seen.add(idKey);
    const start = parseStart(slot.start, `${field}.start`);
    return {
      slot: slot as unknown as DrawSlot,
      idKey,
      siteKey: idKeyOf(slot.siteId, `${field}.siteId`),
      instant: start.instant,
      localDay: start.localDay,
      halfDay: start.halfDay,
      seats: count(slot.seats, `${field}.seats`),
    };
  });
}

function parseRequests(value: unknown): ParsedRequest[] {
  const seen = new Set<string>();
  return list(value, 'requests').map((item, index) => {
    const field = `requests[${index}]`;
    const request = record(item, field);
    // A lone surrogate has no UTF-8 form: two such labels would share their bytes and their order key.
    if (typeof request.label !== 'string' || request.label === '' || !request.label.isWellFormed()) {
      throw new DrawInputError(`${field}.label`, 'expected a non-empty string of Unicode characters');
    }
    if (seen.has(request.label)) {
      throw new DrawInputError(`${field}.label`, `label ${JSON.stringify(request.label)} appears twice`);
    }
    seen.add(request.label);
    count(request.tier, `${field}.tier`);
    count(request.lost, `${field}.lost`);
    const siteIds = list(request.siteIds, `${field}.siteIds`);
    return {
      request: request as unknown as DrawRequest,
      siteKeys: [...new Set(siteIds.map((id, i) => idKeyOf(id, `${field}.siteIds[${i}]`)))],
      halfDayMask: halfDayMaskOf(request.halfDays, `${field}.halfDays`),
      earliestDay: request.earliest === null ? Number.NEGATIVE_INFINITY : dayOf(request.earliest, field),
    };
  });
}

function halfDayMaskOf(value: unknown, field: string): number {
  const codes = list(value, field);
  let mask = 0;
  codes.forEach((code, i) => {
    const index = typeof code === 'string' ? HALF_DAY_CODES.indexOf(code) : -1;
    if (index < 0) {
      throw new DrawInputError(
        `${field}[${i}]`,
        `expected a half-day code mon-am … sun-pm, got ${show(code)}`,
      );
    }
    mask |= 1 << index;
  });
  return codes.length === 0 ? ALL_HALF_DAYS : mask;
}

function dayOf(value: unknown, field: string): number {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  const day = match ? civilDay(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  if (day === undefined) {
    throw new DrawInputError(`${field}.earliest`, `expected null or a date YYYY-MM-DD, got ${show(value)}`);
  }
  return day;
}

/** A slot's start read as written: the instant (ms since the epoch), its local day and half-day index. */
export function parseStart(
  value: unknown,
  field = 'start',
): { instant: number; localDay: number; halfDay: number } {
  const match = typeof value === 'string' ? START.exec(value) : null;
  const fields = match?.slice(1, 8).map((part) => Number(part ?? 0)) ?? [];
  const [year = 0, month = 0, date = 0, hour = 0, minute = 0, second = 0] = fields;
  const localDay = match ? civilDay(year, month, date) : undefined;
  const offset = match ? offsetMinutes(match[8] ?? '') : undefined;
  if (localDay === undefined || offset === undefined || hour > 23 || minute > 59 || second > 59) {
    throw new DrawInputError(field, `expected an ISO 8601 time with its offset, got ${show(value)}`);
  }
  // Milliseconds are written with 1 to 3 digits: ".5" is 500 ms.
  const millis = Number((match?.[7] ?? '').padEnd(3, '0'));
  const local = localDay * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return {
    instant: local - offset * 60_000,
    localDay,
    halfDay: weekdayOf(localDay) * 2 + (hour < 12 ? 0 : 1),
  };
}

/** The half-day code of a slot's start ("tue-am"), in the local time its own offset shows. */
export function halfDayCode(start: string): string {
  return HALF_DAY_CODES[parseStart(start).halfDay] ?? '';
}

function offsetMinutes(text: string): number | undefined {
  if (text === 'Z') return 0;
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (text[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, or undefined when the date does not exist
 * (Hinnant's days_from_civil: plain integers, so no Date quirk such as years 0–99 meaning 19xx).
 */
export function civilDay(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 0 for Monday … 6 for Sunday; 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The canonical decimal writing of an id; throws for anything but a non-negative integer. */
export function idKeyOf(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  throw new DrawInputError(field, `expected a non-negative integer, got ${show(value)}`);
}

/** Compares canonical decimal ids as integers (a shorter writing is a smaller number). */
export function compareIdKeys(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function count(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new DrawInputError(field, `expected a non-negative integer, got ${show(value)}`);
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new DrawInputError(field, `expected an object, got ${show(value)}`);
}

function list(value: unknown, field: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new DrawInputError(field, `expected an array, got ${show(value)}`);
}

/** A short rendering of a bad value for an error message (bundles hold no personal data). */
function show(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
