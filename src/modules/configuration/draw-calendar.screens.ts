import type { FieldError } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';
import type { DrawWindow } from '../draw/calendar.ts';
import type { Redirect } from '../web/web.plugin.ts';
import type { CalendarDraft } from './draw-calendar.input.ts';
import {
  type CalendarOffer,
  type CalendarView,
  getDrawCalendar,
  saveDrawCalendar,
} from './draw-calendar.usecases.ts';
import { type Acting, type ConfigDeps, notFoundError } from './offices.access.ts';
import { type FormValues, fieldRefusal, integerOf } from './offices.forms.ts';
import { findSite } from './offices.repository.ts';

// A draw offer's calendar page as use cases: the same actions as the admin API's, the form's texts
// turned into the API's input (numbers, the checkbox 'oui').

/** The fields of the calendar form. */
export const CALENDAR_FORM = [
  'firstOpensOn',
  'opensAt',
  'windowDays',
  'closesAt',
  'periodDays',
  'leadDays',
  'active',
] as const;

export interface CalendarFormPage {
  principal: Principal;
  site: { id: number; name: string };
  offer: CalendarOffer;
  values: FormValues;
  errors: FieldError[];
  saved: boolean;
  /** Whether a calendar is stored already. */
  exists: boolean;
  windows: { current: DrawWindow | undefined; next: DrawWindow } | undefined;
  status?: number;
}

const DEFAULTS: FormValues = {
  firstOpensOn: '',
  opensAt: '09:00',
  windowDays: '2',
  closesAt: '12:00',
  periodDays: '7',
  leadDays: '5',
  active: 'oui',
};

function valuesOf(view: CalendarView): FormValues {
  const calendar = view.calendar;
  if (!calendar) return DEFAULTS;
  return {
    firstOpensOn: calendar.firstOpensOn,
    opensAt: calendar.opensAt,
    windowDays: String(calendar.windowDays),
    closesAt: calendar.closesAt,
    periodDays: String(calendar.periodDays),
    leadDays: String(calendar.leadDays),
    active: calendar.active ? 'oui' : '',
  };
}

/** The form's texts as the API's input: an empty number stays missing, a word is refused. */
function draftOf(values: FormValues): CalendarDraft {
  const number = (name: string) => integerOf(values[name]) ?? undefined;
  return {
    firstOpensOn: values.firstOpensOn?.trim() ?? '',
    opensAt: values.opensAt?.trim() ?? '',
    windowDays: number('windowDays'),
    closesAt: values.closesAt?.trim() ?? '',
    periodDays: number('periodDays'),
    leadDays: number('leadDays'),
    active: values.active === 'oui',
  };
}

/** The calendar page of a draw offer at the site of the address (404 when it is another site's). */
export async function calendarPage(
  deps: ConfigDeps,
  principal: Principal,
  ids: { siteId: number; offerId: number },
  saved: boolean,
): Promise<CalendarFormPage> {
  const view = await getDrawCalendar(deps, principal, ids.offerId);
  const site = view.offer.siteId === ids.siteId ? await findSite(deps.db, ids.siteId) : undefined;
  if (!site) throw notFoundError('offer');
  return {
    principal,
    site: { id: site.id, name: site.name },
    offer: view.offer,
    values: valuesOf(view),
    errors: [],
    saved,
    exists: view.calendar !== null,
    windows: view.windows,
  };
}

/** The form's button: saved (303 to the page), or the form again with what to fix. */
export async function submitCalendar(
  deps: ConfigDeps,
  acting: Acting,
  ids: { siteId: number; offerId: number },
  values: FormValues,
): Promise<CalendarFormPage | Redirect> {
  const page = await calendarPage(deps, acting.principal, ids, false);
  try {
    await saveDrawCalendar(deps, acting, ids.offerId, draftOf(values));
    return { redirect: `/agents/services/${ids.siteId}/offres/${ids.offerId}/tirages?enregistre=1` };
  } catch (error) {
    const refusal = fieldRefusal(error);
    if (!refusal) throw error;
    return { ...page, values, ...refusal };
  }
}
