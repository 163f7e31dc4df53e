import { notFound } from '../../errors.ts';
import { field } from '../web/forms.ts';
import { MAX_RULES, type PolicyDraft, type RuleDraft } from './schedule.input.ts';

// What the schedule's pages read from a browser: the ids in their address and their forms' fields,
// turned into the drafts the use cases check (the same as the admin API's JSON). A number that does
// not parse stays the text it was, for the check to refuse and the form to show again.

/** The number a form field holds, or what was typed when it is not one. */
function integer(value: string): number | string {
  return /^\s*-?\d{1,6}\s*$/.test(value) ? Number(value) : value;
}

/** A positive id in an address; anything else is an unknown page. */
function id(value: unknown): number {
  const text = typeof value === 'string' ? value : '';
  if (!/^[1-9][0-9]{0,8}$/.test(text)) throw notFound('not_found', "Cette adresse n'existe pas.");
  return Number(text);
}

/** The site and offer of the hours page's address. */
export function offerPath(params: unknown): { siteId: number; offerId: number } {
  const { siteId, offerId } = (params ?? {}) as Record<string, unknown>;
  return { siteId: id(siteId), offerId: id(offerId) };
}

/** The site of the closures page's address. */
export function sitePath(params: unknown): { siteId: number } {
  return { siteId: id(((params ?? {}) as Record<string, unknown>).siteId) };
}

const RULE_FIELDS = ['weekday', 'startsAt', 'endsAt', 'capacity', 'validFrom', 'validUntil'] as const;

/**
 * The rows of the opening rules' form (`rules.N.weekday` …), in order: a row ticked "remove" or left
 * empty is not a rule.
 */
export function rulesForm(body: unknown): RuleDraft[] {
  const drafts: RuleDraft[] = [];
  for (let row = 0; row < MAX_RULES + 10; row += 1) {
    const value = (name: string) => field(body, `rules.${row}.${name}`, 20).trim();
    if (value('remove') !== '') continue;
    const filled = RULE_FIELDS.filter((name) => name !== 'weekday' && value(name) !== '');
    if (filled.length === 0) continue;
    drafts.push({
      weekday: integer(value('weekday')),
      startsAt: value('startsAt'),
      endsAt: value('endsAt'),
      capacity: integer(value('capacity')),
      validFrom: value('validFrom') || null,
      validUntil: value('validUntil') || null,
    });
  }
  return drafts;
}

/** The publication form: horizon, mode, release weekdays (`weekday.1` … `weekday.7`), times. */
export function policyForm(body: unknown): PolicyDraft {
  const weekdays = [1, 2, 3, 4, 5, 6, 7].filter((day) => field(body, `weekday.${day}`, 10) !== '');
  return {
    publicationDays: integer(field(body, 'publicationDays', 20)),
    mode: field(body, 'mode', 20),
    weekdays,
    time: field(body, 'time', 10).trim(),
    windowStart: field(body, 'windowStart', 10).trim(),
    windowEnd: field(body, 'windowEnd', 10).trim(),
  };
}

/** The duration form's minutes. */
export function durationForm(body: unknown): number | string {
  return integer(field(body, 'durationMinutes', 20));
}

/** The closure form: a day and a reason (cut at 201, so that a longer one is refused, not shortened). */
export function closureForm(body: unknown): { day: string; reason: string } {
  return { day: field(body, 'day', 20).trim(), reason: field(body, 'reason', 201) };
}

/** The day in a closure's delete address. */
export function closureDay(params: unknown): string {
  return field(params, 'day', 20);
}

/** The holiday calendar form. */
export function regionForm(body: unknown): string {
  return field(body, 'holidayRegion', 40);
}

/** Which save a page's notice confirms (`?enregistre=`), when it names one of `known`. */
export function savedNotice<K extends string>(query: unknown, known: readonly K[]): K | undefined {
  const value = field(query, 'enregistre', 20) as K;
  return known.includes(value) ? value : undefined;
}
