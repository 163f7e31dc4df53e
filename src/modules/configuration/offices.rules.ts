import type { SiteKind } from '../../db/schema.ts';
import type { LocalizedText } from '../territory/localized-text.ts';
import { type FieldCheck, LIMITS } from './offices.fields.ts';
import type { SiteFields } from './offices.repository.ts';

// What makes a site's configuration valid, for the form and the admin API alike.

export const SITE_KINDS: readonly SiteKind[] = ['prefecture', 'sous_prefecture', 'antenne'];

/** A site's fields as sent: JSON from the API, or the form's texts (lists already split in lines). */
export interface SiteInput {
  name: string;
  kind: string;
  address: string;
  counters: readonly string[];
  /** The setting N: null when the form's field is empty; absent (API) keeps the stored value. */
  callsBeforeMissed?: number | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  transport?: Partial<LocalizedText> | null;
  accessibility?: Partial<LocalizedText> | null;
  arrivalAdvice?: Partial<LocalizedText> | null;
}

/** The fields of a new site, with the département it is created in. */
export interface NewSiteInput extends SiteInput {
  departmentCode: string;
}

function isSiteKind(kind: string): kind is SiteKind {
  return (SITE_KINDS as readonly string[]).includes(kind);
}

/** How many calls before a person may be marked missed (PRODUCT §4.4), as migration 0025 bounds it. */
export const CALLS_BEFORE_MISSED = { min: 1, max: 10 } as const;

function checkCalls(input: SiteInput, check: FieldCheck): { callsBeforeMissed?: number } {
  const value = input.callsBeforeMissed;
  if (value === undefined) return {};
  const checked =
    value === null
      ? check.fail('callsBeforeMissed', 'required')
      : check.integer('callsBeforeMissed', value, CALLS_BEFORE_MISSED);
  return checked === null ? {} : { callsBeforeMissed: checked };
}

/** The site's fields checked and normalised; every problem is recorded in `check`. */
export function checkSite(input: SiteInput, check: FieldCheck): SiteFields {
  const kind = isSiteKind(input.kind) ? input.kind : check.fail('kind', 'not_allowed');
  return {
    ...checkCalls(input, check),
    name: check.required('name', input.name, 200),
    kind: kind ?? 'prefecture',
    address: check.required('address', input.address, 500),
    counters: check.list('counters', input.counters, { min: 1, max: 100, maxLength: LIMITS.counterName }),
    contactPhone: check.phone('contactPhone', input.contactPhone),
    contactEmail: check.email('contactEmail', input.contactEmail),
    transport: check.localized('transport', input.transport),
    accessibility: check.localized('accessibility', input.accessibility),
    arrivalAdvice: check.localized('arrivalAdvice', input.arrivalAdvice),
  };
}
