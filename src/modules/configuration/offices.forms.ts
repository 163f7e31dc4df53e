import { AppError, type FieldError } from '../../errors.ts';
import type { LocalizedText } from '../territory/localized-text.ts';
import { field } from '../web/forms.ts';
import { notFoundError } from './offices.access.ts';

// How the configuration pages read their forms: every field as the text typed, then the same input
// the admin API sends, built from those texts (lists one entry per line, checkboxes 'oui').

/** A form's fields as typed, by name: what the page shows again when something must be fixed. */
export type FormValues = Record<string, string>;

// Longer than any field may be, so that a value too long is refused rather than silently shortened.
const MAX_READ = 20_000;

/** The named text fields of a parsed form body. */
export function formValues(body: unknown, names: readonly string[]): FormValues {
  return Object.fromEntries(names.map((name) => [name, field(body, name, MAX_READ)]));
}

/** The names of a localized text's three fields. */
export function localizedNames(name: string): string[] {
  return [`${name}.fr`, `${name}.en`, `${name}.ar`];
}

/** A localized text from its three fields (the use case trims and checks them). */
export function localizedOf(values: FormValues, name: string): Partial<LocalizedText> {
  return { fr: values[`${name}.fr`] ?? '', en: values[`${name}.en`] ?? '', ar: values[`${name}.ar`] ?? '' };
}

/** A stored localized text as its three fields. */
export function localizedValues(name: string, text: LocalizedText | null | undefined): FormValues {
  return { [`${name}.fr`]: text?.fr ?? '', [`${name}.en`]: text?.en ?? '', [`${name}.ar`]: text?.ar ?? '' };
}

/** A textarea's lines, one list entry each. */
export function lines(value: string | undefined): string[] {
  return (value ?? '').split(/\r\n|\r|\n/);
}

/** A whole number typed in a field: null when empty, NaN when not a number (the use case refuses it). */
export function integerOf(value: string | undefined): number | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  return /^-?[0-9]{1,9}$/.test(text) ? Number(text) : Number.NaN;
}

/** An id in a page's address, or the 404 of the thing it names. */
export function pathId(value: unknown, what: 'site' | 'procedure' | 'offer'): number {
  const text = typeof value === 'string' ? value : '';
  const id = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : 0;
  if (id < 1 || id > 2_147_483_647) throw notFoundError(what);
  return id;
}

/** Whether the page asked to show the notice of a successful save (after the 303). */
export function savedFlag(query: unknown): boolean {
  return field(query, 'enregistre', 2) === '1';
}

/** The field errors of a refused change (422 invalid, 409 with fields), or undefined for other errors. */
export function fieldRefusal(error: unknown): { status: number; errors: FieldError[] } | undefined {
  if (error instanceof AppError && error.fields && (error.status === 422 || error.status === 409)) {
    return { status: error.status, errors: error.fields };
  }
  return undefined;
}
