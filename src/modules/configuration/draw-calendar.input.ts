import type { FieldError, FieldParams } from '../../errors.ts';
import { calendarOverlap, type DrawCalendarRule } from '../draw/calendar.ts';
import { type CalendarFieldCode, calendarFieldMessage } from './draw-calendar.messages.ts';
import { isDate } from './schedule.input.ts';

// The rules of a draw calendar as an agent sends it (admin API) or types it (page): the bounds of
// migration 0019's checks, said field by field, and a window that closes before the next one opens.

/** What a calendar may be sent as: anything, checked field by field. */
export interface CalendarDraft {
  firstOpensOn?: unknown;
  opensAt?: unknown;
  windowDays?: unknown;
  closesAt?: unknown;
  periodDays?: unknown;
  leadDays?: unknown;
  active?: unknown;
}

export interface CalendarInput extends DrawCalendarRule {
  active: boolean;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const BOUNDS = {
  windowDays: { min: 1, max: 60 },
  periodDays: { min: 1, max: 91 },
  leadDays: { min: 1, max: 180 },
} as const;

function fieldError(field: string, code: CalendarFieldCode, params?: FieldParams): FieldError {
  return { field, code, message: calendarFieldMessage('fr', code, params), ...(params ? { params } : {}) };
}

/** The calendar, or every refused field. */
export function checkCalendar(
  draft: CalendarDraft,
): { ok: true; value: CalendarInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const missing = (value: unknown) => value === undefined || value === null || value === '';
  const date = (field: 'firstOpensOn') => {
    const value = draft[field];
    if (missing(value)) errors.push(fieldError(field, 'required'));
    else if (!isDate(value)) errors.push(fieldError(field, 'date_format'));
    return String(value);
  };
  const time = (field: 'opensAt' | 'closesAt') => {
    const value = draft[field];
    if (missing(value)) errors.push(fieldError(field, 'required'));
    else if (typeof value !== 'string' || !TIME.test(value)) errors.push(fieldError(field, 'time_format'));
    return String(value);
  };
  const days = (field: keyof typeof BOUNDS) => {
    const value = draft[field];
    if (missing(value)) errors.push(fieldError(field, 'required'));
    else if (typeof value !== 'number' || !Number.isInteger(value))
      errors.push(fieldError(field, 'integer_invalid'));
    else if (value < BOUNDS[field].min || value > BOUNDS[field].max)
      errors.push(fieldError(field, 'out_of_range', BOUNDS[field]));
    return Number(value);
  };
  const value: CalendarInput = {
    firstOpensOn: date('firstOpensOn'),
    opensAt: time('opensAt'),
    windowDays: days('windowDays'),
    closesAt: time('closesAt'),
    periodDays: days('periodDays'),
    leadDays: days('leadDays'),
    active: draft.active === undefined ? true : draft.active === true,
  };
  if (errors.length > 0) return { ok: false, errors };
  const overlap = calendarOverlap(value);
  if (overlap) return { ok: false, errors: [fieldError(overlap, 'window_overlaps_next')] };
  return { ok: true, value };
}
