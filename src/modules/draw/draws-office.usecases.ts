import type { FieldError } from '../../errors.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';
import type { Acting } from '../configuration/offices.access.ts';
import { coverageFor } from '../configuration/offices.access.ts';
import { type Body, text } from '../journey/journey.input.ts';
import { zonedTimeToUtc } from '../schedule/timezone.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { drawFieldError } from './draws.rules.ts';
import { createDraw, type DrawsDeps, type ShownDraw, shownStatus } from './draws.usecases.ts';
import { listManagedDraws, listManagedOffers } from './published-draws.repository.ts';

// The back office's page of draws (/agents/tirages): the latest draws of the agent's offices and the
// form of a one-off draw, the twin of POST /api/v1/admin/draws (the same use case, createDraw). Times
// are typed in the office's local time.

/** What the form sends back when it is refused. */
export interface DrawForm {
  offerId: string;
  opensOn: string;
  opensAt: string;
  closesOn: string;
  closesAt: string;
  slotsFrom: string;
  slotsTo: string;
}

export interface DrawsOfficePage {
  principal: Principal;
  offers: { id: number; procedureTitle: string; siteName: string }[];
  draws: ShownDraw[];
  form: DrawForm;
  errors: FieldError[];
  created?: number;
  status?: number;
}

const EMPTY: DrawForm = {
  offerId: '',
  opensOn: '',
  opensAt: '09:00',
  closesOn: '',
  closesAt: '12:00',
  slotsFrom: '',
  slotsTo: '',
};

/** The page: the draws and draw offers in the agent's `draw.manage` coverage (403 without any). */
export async function drawsOfficePage(
  deps: DrawsDeps,
  principal: Principal,
  extra: { form?: DrawForm; errors?: FieldError[]; created?: number; status?: number } = {},
): Promise<DrawsOfficePage> {
  const coverage = coverageFor(principal, 'draw.manage');
  const offers = await listManagedOffers(deps.db, coverage);
  const now = deps.clock.now();
  const draws = (await listManagedDraws(deps.db, coverage, now)).map((d) => ({
    ...d,
    status: shownStatus(d, now),
  }));
  return { principal, offers, draws, form: extra.form ?? EMPTY, errors: extra.errors ?? [], ...extra };
}

/** The page after `?cree=ID`, the draw just created. */
export async function drawsOfficePageAfter(deps: DrawsDeps, principal: Principal, query: Body) {
  const created = Number(text(query, 'cree'));
  return drawsOfficePage(deps, principal, Number.isSafeInteger(created) && created > 0 ? { created } : {});
}

function formOf(body: Body): DrawForm {
  // A date typed as the DSFR writes it (JJ/MM/AAAA) where the browser shows no date picker.
  const field = (name: keyof DrawForm) =>
    (text(body, name) ?? '').trim().replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, '$3-$2-$1');
  return {
    offerId: field('offerId'),
    opensOn: field('opensOn'),
    opensAt: field('opensAt'),
    closesOn: field('closesOn'),
    closesAt: field('closesAt'),
    slotsFrom: field('slotsFrom'),
    slotsTo: field('slotsTo'),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** A local date and time of the office as an ISO instant, or a field error. */
function instantOf(date: string, time: string, zone: string, field: string, errors: FieldError[]): string {
  const valid = DATE.test(date) && TIME.test(time) && !Number.isNaN(Date.parse(`${date}T${time}:00Z`));
  if (!valid || Number(time.slice(0, 2)) > 23) {
    errors.push(drawFieldError(field, 'date_time_invalid'));
    return '';
  }
  return zonedTimeToUtc(date, time, zone).toISOString();
}

/** The form's POST: the draw created (then the page with it), or the form again with what is wrong. */
export async function createDrawFromPage(
  deps: DrawsDeps,
  acting: Acting,
  body: Body,
): Promise<DrawsOfficePage | Redirect> {
  const form = formOf(body);
  const offers = await listManagedOffers(deps.db, coverageFor(acting.principal, 'draw.manage'));
  const offer = offers.find((o) => String(o.id) === form.offerId);
  const errors: FieldError[] = offer ? [] : [drawFieldError('offerId', 'required')];
  const zone = offer?.timezone ?? 'Europe/Paris';
  const windowOpensAt = instantOf(form.opensOn, form.opensAt, zone, 'windowOpensAt', errors);
  const windowClosesAt = instantOf(form.closesOn, form.closesAt, zone, 'windowClosesAt', errors);
  for (const name of ['slotsFrom', 'slotsTo'] as const) {
    if (!DATE.test(form[name]) || Number.isNaN(Date.parse(form[name]))) {
      errors.push(drawFieldError(name, 'date_time_invalid'));
    }
  }
  try {
    if (errors.length > 0 || !offer) throw new AppError(422, 'invalid', '', errors);
    const input = {
      offerId: offer.id,
      windowOpensAt,
      windowClosesAt,
      slotsFrom: form.slotsFrom,
      slotsTo: form.slotsTo,
    };
    const created = await createDraw(deps, input, acting);
    return { redirect: `/agents/tirages?cree=${created.id}` };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) throw error;
    return drawsOfficePage(deps, acting.principal, { form, errors: error.fields ?? [], status: 422 });
  }
}
