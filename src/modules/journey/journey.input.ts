import { addDays, isoWeekday } from '../schedule/timezone.ts';
import type { JourneySlot } from './journey.repository.ts';

// The journey's navigation and form input: step 2's address and the fields posted between steps.

export type Body = Record<string, unknown>;
/** Why step 2 is shown again: its `erreur` flag. */
export type StepError = 'conditions' | 'indisponible' | 'prise' | 'choix';

export const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** The URL of step 2 for a procedure, optionally at an office, a week and with an error flag. */
export function slotChoiceUrl(
  departmentCode: string,
  procedureCode: string,
  options: { site?: number; week?: string; error?: StepError } = {},
): string {
  const query = new URLSearchParams({ conditions: 'acceptees' });
  if (options.site !== undefined) query.set('site', String(options.site));
  if (options.week) query.set('semaine', options.week);
  if (options.error) query.set('erreur', options.error);
  return `/departements/${encodeURIComponent(departmentCode)}/demarches/${encodeURIComponent(procedureCode)}/plage?${query}`;
}

/** A posted text field, or undefined when absent or absurdly long. */
export function text(body: Body, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.length <= 10_000 ? value : undefined;
}

/** The posted slot id, when it is one. */
export function slotIdOf(body: Body): number | undefined {
  const raw = text(body, 'slotId');
  return raw && /^[0-9]{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** The Monday (local date) of the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The Monday of the week a `semaine` parameter names, or undefined when it is not a real date. */
export function weekOf(value: string | undefined): string | undefined {
  if (!value || !DATE.test(value)) return undefined;
  try {
    return mondayOf(value);
  } catch {
    return undefined;
  }
}

/** Whether a slot can still be booked now: online booking, in the future, a seat left. */
export function bookable(slot: JourneySlot, now: Date): boolean {
  return slot.channel === 'booking' && slot.startsAt > now && slot.taken < slot.capacity;
}
