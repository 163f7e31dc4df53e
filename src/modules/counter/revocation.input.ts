import { type FieldError, invalid } from '../../errors.ts';
import { isDate } from '../configuration/schedule.input.ts';
import { addDays, zonedTimeToUtc } from '../schedule/timezone.ts';

// The input of a revocation: a reason, and for a period its bounds. Every refusal is a 422 naming
// its field (French message; the page shows its own text for the same code).

/** The instants a revocation over a period covers: slots starting at or after `from`, before `to`. */
export interface RevocationPeriod {
  from: Date;
  to: Date;
}

export const REASON_MAX = 500;
/** A closure is a day, a strike a week; a longer revocation is a configuration change. */
export const PERIOD_MAX_DAYS = 93;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 24 * 3_600_000;

const field = (name: string, code: string, message: string): FieldError => ({ field: name, code, message });

function bodyOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** The office's reason, required: it is shown to every person revoked. */
export function parseRevocationReason(body: unknown): string {
  const raw = bodyOf(body).reason;
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (reason.length < 3) throw invalid([field('reason', 'required', 'Indiquez le motif de l’annulation.')]);
  if (reason.length > REASON_MAX)
    throw invalid([field('reason', 'too_long', `Le motif tient en ${REASON_MAX} caractères au plus.`)]);
  return reason;
}

/**
 * `from` and `to`: two days `YYYY-MM-DD` of the office (both included, from the start of `from` to
 * the end of `to`), or two instants in ISO 8601 with an offset (`to` excluded) — the afternoon of a
 * strike, say.
 */
export function parseRevocationPeriod(body: unknown, timezone: string): RevocationPeriod {
  const input = bodyOf(body);
  const from = bound(input.from, 'from', timezone, 0);
  const to = bound(input.to, 'to', timezone, 1);
  const errors = [from, to].filter((b): b is FieldError => !(b instanceof Date));
  if (errors.length > 0) throw invalid(errors);
  const [start, end] = [from as Date, to as Date];
  if (end <= start) throw invalid([field('to', 'before_from', 'La fin doit être après le début.')]);
  if (end.getTime() - start.getTime() > PERIOD_MAX_DAYS * DAY_MS)
    throw invalid([field('to', 'too_long', `La période couvre ${PERIOD_MAX_DAYS} jours au plus.`)]);
  return { from: start, to: end };
}

function bound(value: unknown, name: string, timezone: string, dayShift: number): Date | FieldError {
  if (isDate(value)) return zonedTimeToUtc(addDays(value, dayShift), '00:00', timezone);
  if (typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
    return new Date(value);
  return field(
    name,
    'invalid_date',
    'Indiquez une date (AAAA-MM-JJ) ou un instant ISO 8601 avec son décalage.',
  );
}
