import { type AppError, type FieldError, type FieldParams, invalid } from '../../errors.ts';
import { checkEmailAddress } from '../booking/email-address.ts';
import type { LocalizedText } from '../territory/localized-text.ts';
import { fieldErrorMessage } from './offices.fields.messages.ts';

// The checks of what an agent types into a configuration form or sends to the admin API: the same
// checks for both (the use cases call them), each problem a field, a stable code and the values that
// explain it, with the French message the catalog makes of them (pages show it in their language).

/** How long each kind of text may be, as the migrations' checks say. */
export const LIMITS = {
  localizedText: 1000,
  listItem: 500,
  counterName: 50,
} as const;

const PHONE = /^\+?[0-9][0-9 .()-]{2,28}[0-9]$/;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u;

/** Collects the problems of one request's fields, then throws them all at once as a 422. */
export class FieldCheck {
  readonly errors: FieldError[] = [];

  /** Records a problem; returns null so that a check can end with it. */
  fail(field: string, code: string, params?: FieldParams): null {
    this.errors.push(fieldError(field, code, params));
    return null;
  }

  /** A text trimmed; empty gives null, or `required` when it must be given. */
  text(field: string, value: string | null | undefined, limits: { max: number; required?: boolean }) {
    // Browsers send a textarea's line breaks as CRLF: stored as LF.
    const trimmed = (value ?? '').replace(/\r\n?/g, '\n').trim();
    if (trimmed === '') return limits.required ? this.fail(field, 'required') : null;
    if (INVISIBLE.test(trimmed.replace(/[\n\t]/g, ''))) return this.fail(field, 'invisible_character');
    if (trimmed.length > limits.max) return this.fail(field, 'too_long', { max: limits.max });
    return trimmed;
  }

  /** A text that must be given. */
  required(field: string, value: string | null | undefined, max: number): string {
    return this.text(field, value, { max, required: true }) ?? '';
  }

  /** A list of short texts, each trimmed (empty entries dropped), without repeats. */
  list(field: string, values: readonly string[], limits: { min: number; max: number; maxLength: number }) {
    const items = values.map((value) => value.trim()).filter((value) => value !== '');
    if (items.length < limits.min) return this.fail(field, 'required') ?? [];
    if (items.length > limits.max) return this.fail(field, 'too_many', { max: limits.max }) ?? [];
    const long = items.findIndex((item) => item.length > limits.maxLength);
    if (long >= 0) return this.fail(field, 'item_too_long', { item: long + 1, max: limits.maxLength }) ?? [];
    if (items.some((item) => INVISIBLE.test(item))) return this.fail(field, 'invisible_character') ?? [];
    const repeated = items.findIndex((item, index) => items.indexOf(item) !== index);
    if (repeated >= 0) return this.fail(field, 'repeated_item', { item: repeated + 1 }) ?? [];
    return items;
  }

  /**
   * A text for applicants in French with optional English and Arabic versions: all empty gives null;
   * a translation without its French original is refused.
   */
  localized(field: string, value: Partial<LocalizedText> | null | undefined): LocalizedText | null {
    const max = LIMITS.localizedText;
    const fr = this.text(`${field}.fr`, value?.fr, { max });
    const en = this.text(`${field}.en`, value?.en, { max });
    const ar = this.text(`${field}.ar`, value?.ar, { max });
    if (fr === null) return en !== null || ar !== null ? this.fail(`${field}.fr`, 'french_required') : null;
    return { fr, ...(en !== null ? { en } : {}), ...(ar !== null ? { ar } : {}) };
  }

  /** An email address any SMTP server can deliver to (booking/email-address.ts), or null. */
  email(field: string, value: string | null | undefined): string | null {
    if ((value ?? '').trim() === '') return null;
    const checked = checkEmailAddress(value ?? '');
    return checked.ok ? checked.address : this.fail(field, 'email_invalid');
  }

  /** An office's phone number as it is written for the public ("04 50 33 60 00", "+33 …"), or null. */
  phone(field: string, value: string | null | undefined): string | null {
    const trimmed = (value ?? '').trim();
    if (trimmed === '') return null;
    return PHONE.test(trimmed) ? trimmed : this.fail(field, 'phone_invalid');
  }

  /** A web address, http or https (`https` only when `secure`), or null. */
  url(field: string, value: string | null | undefined, secure: boolean): string | null {
    const trimmed = (value ?? '').trim();
    if (trimmed === '') return null;
    if (trimmed.length > 2000) return this.fail(field, 'too_long', { max: 2000 });
    const parsed = URL.canParse(trimmed) ? new URL(trimmed) : undefined;
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || /\s/.test(trimmed)) {
      return this.fail(field, 'url_invalid');
    }
    if (secure && parsed.protocol !== 'https:') return this.fail(field, 'url_not_https');
    return trimmed;
  }

  /** A whole number within bounds, or null when not given. */
  integer(field: string, value: number | null | undefined, bounds: { min: number; max: number }) {
    if (value === null || value === undefined) return null;
    if (!Number.isInteger(value)) return this.fail(field, 'integer_invalid');
    if (value < bounds.min || value > bounds.max) return this.fail(field, 'out_of_range', bounds);
    return value;
  }

  /** Throws the 422 listing every problem, if any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw invalid(this.errors);
  }
}

/** One field error with the catalog's French message, as the API returns it. */
export function fieldError(field: string, code: string, params?: FieldParams): FieldError {
  const error = { field, code, ...(params ? { params } : {}) };
  return { ...error, message: fieldErrorMessage(error, 'fr') };
}

/** The 422 of one refused field (a name taken, an unknown département). */
export function refused(field: string, code: string): AppError {
  return invalid([fieldError(field, code)]);
}

/** An error from the database's unique index, by its constraint name. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}
