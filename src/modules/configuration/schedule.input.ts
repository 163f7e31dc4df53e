// The rules of the schedule's configuration inputs, written once for the admin API and the pages:
// each check takes what was sent (JSON already typed by its schema, or a form's fields converted by
// the page) and answers the typed value or the invalid fields, each with a code and its values; the
// message comes from the catalog (French for the API, the page's language on the pages).

import type { HolidayRegion } from '../../db/schema.ts';
import type { FieldError, FieldParams } from '../../errors.ts';
import type { ReleaseMode, ReleasePolicy } from '../schedule/release-policy.ts';
import type { OpeningRuleInput } from '../schedule/slot-generation.ts';
import { type FieldCode, fieldMessage } from './schedule.messages.ts';

/** A typed value, or why it is refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const MAX_RULES = 100;
export const HOLIDAY_REGIONS: readonly HolidayRegion[] = [
  'metropole',
  'alsace_moselle',
  'guadeloupe',
  'martinique',
  'guyane',
  'reunion',
  'mayotte',
];
export const RELEASE_MODES: readonly ReleaseMode[] = ['rolling', 'fixed', 'random'];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One invalid field, its French message made from its code and values. */
export function fieldError(field: string, code: FieldCode, params?: FieldParams): FieldError {
  return { field, code, message: fieldMessage('fr', code, params), ...(params ? { params } : {}) };
}

/** Whether a value is a real calendar date written YYYY-MM-DD. */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** What an opening rule may be sent as: anything, checked field by field. */
export interface RuleDraft {
  weekday?: unknown;
  startsAt?: unknown;
  endsAt?: unknown;
  capacity?: unknown;
  validFrom?: unknown;
  validUntil?: unknown;
}

/**
 * An offer's set of opening rules: each a weekday, a time range long enough for one appointment of
 * `durationMinutes`, 1–100 counters, and an optional validity period.
 */
export function checkOpeningRules(
  drafts: readonly RuleDraft[],
  durationMinutes: number,
): Checked<OpeningRuleInput[]> {
  if (drafts.length > MAX_RULES) {
    return { ok: false, errors: [fieldError('rules', 'too_many', { max: MAX_RULES })] };
  }
  const errors: FieldError[] = [];
  const rules = drafts.map((draft, index) => {
    const at = (name: string) => `rules.${index}.${name}`;
    const before = errors.length;
    if (!isIntegerIn(draft.weekday, 1, 7))
      errors.push(fieldError(at('weekday'), 'out_of_range', { min: 1, max: 7 }));
    if (!isTime(draft.startsAt)) errors.push(fieldError(at('startsAt'), 'time_format'));
    if (!isTime(draft.endsAt)) errors.push(fieldError(at('endsAt'), 'time_format'));
    else if (isTime(draft.startsAt)) {
      const length = minutes(draft.endsAt) - minutes(draft.startsAt);
      if (length <= 0) errors.push(fieldError(at('endsAt'), 'before_start'));
      else if (length < durationMinutes) {
        errors.push(fieldError(at('endsAt'), 'shorter_than_duration', { durationMinutes }));
      }
    }
    if (!isIntegerIn(draft.capacity, 1, 100))
      errors.push(fieldError(at('capacity'), 'out_of_range', { min: 1, max: 100 }));
    const validFrom = optionalDate(draft.validFrom, at('validFrom'), errors);
    const validUntil = optionalDate(draft.validUntil, at('validUntil'), errors);
    if (validFrom && validUntil && validUntil < validFrom)
      errors.push(fieldError(at('validUntil'), 'before_from'));
    if (errors.length > before) return undefined;
    return {
      weekday: draft.weekday as number,
      startsAt: draft.startsAt as string,
      endsAt: draft.endsAt as string,
      capacity: draft.capacity as number,
      validFrom,
      validUntil,
    };
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: rules as OpeningRuleInput[] };
}

function optionalDate(value: unknown, field: string, errors: FieldError[]): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (isDate(value)) return value;
  errors.push(fieldError(field, 'date_format'));
  return null;
}

/** What a publication policy may be sent as. */
export interface PolicyDraft {
  publicationDays?: unknown;
  mode?: unknown;
  weekdays?: unknown;
  time?: unknown;
  windowStart?: unknown;
  windowEnd?: unknown;
}

/**
 * A publication policy: a horizon of 1–365 days, and the mode with its settings — release weekdays
 * for both release modes, a time for 'fixed', a window (start before end) for 'random'.
 */
export function checkPolicy(draft: PolicyDraft): Checked<{ publicationDays: number; policy: ReleasePolicy }> {
  const errors: FieldError[] = [];
  if (!isIntegerIn(draft.publicationDays, 1, 365)) {
    errors.push(fieldError('publicationDays', 'out_of_range', { min: 1, max: 365 }));
  }
  const mode = draft.mode as ReleaseMode;
  if (!RELEASE_MODES.includes(mode)) errors.push(fieldError('mode', 'not_allowed'));
  const releasing = mode === 'fixed' || mode === 'random';
  const weekdays = releasing ? checkWeekdays(draft.weekdays, errors) : [];
  if (mode === 'fixed' && !isTime(draft.time)) errors.push(fieldError('time', 'time_format'));
  if (mode === 'random') {
    if (!isTime(draft.windowStart)) errors.push(fieldError('windowStart', 'time_format'));
    if (!isTime(draft.windowEnd)) errors.push(fieldError('windowEnd', 'time_format'));
    else if (isTime(draft.windowStart) && draft.windowEnd <= draft.windowStart) {
      errors.push(fieldError('windowEnd', 'before_start'));
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const publicationDays = draft.publicationDays as number;
  if (mode === 'fixed')
    return { ok: true, value: { publicationDays, policy: { mode, weekdays, time: draft.time as string } } };
  if (mode === 'random') {
    const window = { windowStart: draft.windowStart as string, windowEnd: draft.windowEnd as string };
    return { ok: true, value: { publicationDays, policy: { mode, weekdays, ...window } } };
  }
  return { ok: true, value: { publicationDays, policy: { mode: 'rolling' } } };
}

function checkWeekdays(value: unknown, errors: FieldError[]): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(fieldError('weekdays', 'required'));
    return [];
  }
  if (!value.every((day) => isIntegerIn(day, 1, 7))) {
    errors.push(fieldError('weekdays', 'out_of_range', { min: 1, max: 7 }));
    return [];
  }
  return [...new Set(value as number[])].sort((a, b) => a - b);
}

/** A closure: a day from today on (in the site's zone) and a reason of at most 200 characters. */
export function checkClosure(
  draft: { day?: unknown; reason?: unknown },
  today: string,
): Checked<{ day: string; reason: string }> {
  const errors: FieldError[] = [];
  if (!isDate(draft.day)) errors.push(fieldError('day', 'date_format'));
  else if (draft.day < today) errors.push(fieldError('day', 'past'));
  const reason = typeof draft.reason === 'string' ? draft.reason.trim() : '';
  if (typeof draft.reason !== 'string' && draft.reason !== undefined)
    errors.push(fieldError('reason', 'required'));
  else if (reason.length > 200) errors.push(fieldError('reason', 'too_long', { max: 200 }));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { day: draft.day as string, reason } };
}

export function checkHolidayRegion(value: unknown): Checked<HolidayRegion> {
  if (HOLIDAY_REGIONS.includes(value as HolidayRegion)) return { ok: true, value: value as HolidayRegion };
  return { ok: false, errors: [fieldError('holidayRegion', 'not_allowed')] };
}

/** A procedure's duration: 5 to 480 minutes, as the table allows. */
export function checkDuration(value: unknown): Checked<number> {
  if (isIntegerIn(value, 5, 480)) return { ok: true, value };
  return { ok: false, errors: [fieldError('durationMinutes', 'out_of_range', { min: 5, max: 480 })] };
}
