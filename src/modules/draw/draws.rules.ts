import type { FieldError, FieldParams } from '../../errors.ts';
import { addDays, localDate } from '../schedule/timezone.ts';
import { drawFieldMessage } from './draws.messages.ts';

// The checks of a one-off draw (PRODUCT §7.1 POST /api/v1/admin/draws), pure: the window, the period
// whose slots it allocates, and the beacon round. Every problem names its field.

/** The longest period one draw allocates: about a quarter, as a calendar's `period_days` (≤ 91). */
export const MAX_PERIOD_DAYS = 92;
/** How far after its window's close a draw's period may start (a calendar's `lead_days` ≤ 180). */
export const MAX_LEAD_DAYS = 180;
/** The longest window of requests (a calendar's `window_days` ≤ 60). */
export const MAX_WINDOW_DAYS = 60;

/** A one-off draw as asked for: instants of its window, local dates of its period. */
export interface DrawRequestInput {
  offerId: number;
  windowOpensAt: string;
  windowClosesAt: string;
  slotsFrom: string;
  slotsTo: string;
  beaconRound?: number | undefined;
}

/** The window and period once checked. */
export interface CheckedWindow {
  windowOpensAt: Date;
  windowClosesAt: Date;
  slotsFrom: string;
  slotsTo: string;
}

/** One refused field, with its French message. */
export function drawFieldError(field: string, code: string, params?: FieldParams): FieldError {
  const error = { field, code, ...(params ? { params } : {}) };
  return { ...error, message: drawFieldMessage(error, 'fr') };
}

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Checks a draw's window and period against `now` and the office's zone: the window closes after it
 * opens, in the future, within MAX_WINDOW_DAYS; the period starts after the closing day (local date),
 * within MAX_LEAD_DAYS of it, and lasts at most MAX_PERIOD_DAYS.
 */
export function checkDrawWindow(
  input: DrawRequestInput,
  now: Date,
  zone: string,
): { window: CheckedWindow; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const opens = new Date(input.windowOpensAt);
  const closes = new Date(input.windowClosesAt);
  if (closes.getTime() <= opens.getTime()) errors.push(drawFieldError('windowClosesAt', 'not_after_opening'));
  else if (closes.getTime() - opens.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    errors.push(drawFieldError('windowClosesAt', 'window_too_long', { maxDays: MAX_WINDOW_DAYS }));
  }
  if (closes.getTime() <= now.getTime()) errors.push(drawFieldError('windowClosesAt', 'past'));
  const closesOn = localDate(closes, zone);
  if (input.slotsFrom <= closesOn) {
    errors.push(drawFieldError('slotsFrom', 'not_after_closing', { closesOn }));
  } else if (input.slotsFrom > addDays(closesOn, MAX_LEAD_DAYS)) {
    errors.push(drawFieldError('slotsFrom', 'too_far', { maxDays: MAX_LEAD_DAYS }));
  }
  if (input.slotsTo < input.slotsFrom) errors.push(drawFieldError('slotsTo', 'before_from'));
  else if (daysBetween(input.slotsFrom, input.slotsTo) + 1 > MAX_PERIOD_DAYS) {
    errors.push(drawFieldError('slotsTo', 'period_too_long', { maxDays: MAX_PERIOD_DAYS }));
  }
  const window = {
    windowOpensAt: opens,
    windowClosesAt: closes,
    slotsFrom: input.slotsFrom,
    slotsTo: input.slotsTo,
  };
  return { window, errors };
}

/**
 * The beacon round a draw pins: without a beacon, none (a round given is refused); with one, the
 * round given if it is published after the window closes (≥ `firstAfterClose`), else that first one.
 */
export function checkBeaconRound(
  given: number | undefined,
  firstAfterClose: number | undefined,
): { round: number | null; errors: FieldError[] } {
  if (firstAfterClose === undefined) {
    const errors = given === undefined ? [] : [drawFieldError('beaconRound', 'no_beacon')];
    return { round: null, errors };
  }
  if (given === undefined) return { round: firstAfterClose, errors: [] };
  if (given < firstAfterClose) {
    return {
      round: null,
      errors: [drawFieldError('beaconRound', 'before_closing', { minimum: firstAfterClose })],
    };
  }
  return { round: given, errors: [] };
}
