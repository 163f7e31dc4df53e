import type { FieldError } from '../../errors.ts';
import { addDays } from '../schedule/timezone.ts';
import { choiceError } from './requests.errors.ts';

// What a request accepts (PRODUCT §5.1 "Acceptance"), checked the same way for the API, the journey's
// form and the back office's: the half-days and the earliest date. The offices are checked against
// the database (requests.usecases.ts).

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Every half-day code, Monday morning first: weekday and `am` (before 12:00 local) or `pm`. */
export const HALF_DAYS = WEEKDAYS.flatMap((day) => [`${day}-am`, `${day}-pm`] as const);

export type HalfDay = (typeof HALF_DAYS)[number];

/** The weekdays, Monday first, as the half-day codes start. */
export const WEEKDAY_CODES: readonly (typeof WEEKDAYS)[number][] = WEEKDAYS;

/** Whether a string is a half-day code. */
export function isHalfDay(value: string): value is HalfDay {
  return (HALF_DAYS as readonly string[]).includes(value);
}

/** The half-days in their canonical order, each once: what is stored and signed. */
export function canonicalHalfDays(days: readonly string[]): HalfDay[] {
  const given = new Set(days);
  return HALF_DAYS.filter((day) => given.has(day));
}

/** How far ahead an earliest date may be: a request waits for draws of the coming year. */
export const EARLIEST_MAX_DAYS = 366;

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** The problems of the half-days and the earliest date, `today` being the offices' local date. */
export function checkTimes(
  input: { halfDays: readonly string[]; earliest: string | null },
  today: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (input.halfDays.some((day) => !isHalfDay(day))) errors.push(choiceError('halfDays', 'half_day_invalid'));
  const earliest = input.earliest;
  if (earliest !== null) {
    if (!isCalendarDate(earliest)) errors.push(choiceError('earliest', 'date_invalid'));
    else if (earliest < today) errors.push(choiceError('earliest', 'past'));
    else if (earliest > addDays(today, EARLIEST_MAX_DAYS)) {
      errors.push(choiceError('earliest', 'too_far', { maxDays: EARLIEST_MAX_DAYS }));
    }
  }
  return errors;
}
