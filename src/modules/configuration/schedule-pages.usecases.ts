import { type FieldError, notFound } from '../../errors.ts';
import { authorize, type Principal } from '../agents/permissions.ts';
import { isFirstCome } from '../schedule/channels.ts';
import { publicHolidays } from '../schedule/holidays.ts';
import { type StrandedBooking, StrandedBookingsError } from '../schedule/regeneration.ts';
import type { ReleasePolicy } from '../schedule/release-policy.ts';
import { localDate } from '../schedule/timezone.ts';
import type { Redirect } from '../web/web.plugin.ts';
import type { PolicyDraft, RuleDraft } from './schedule.input.ts';
import { closuresPath, hoursPath } from './schedule.paths.ts';
import {
  listClosures,
  listOpeningRules,
  nextSlots,
  releaseState,
  type SitePlace,
  siteOffers,
  storedPolicy,
} from './schedule.repository.ts';
import {
  type Acting,
  addClosure,
  fieldsOf,
  offerInScope,
  procedureAuthority,
  removeClosure,
  type ScheduleDeps,
  saveDuration,
  saveHolidayRegion,
  saveOpeningRules,
  savePublication,
  siteInScope,
} from './schedule.usecases.ts';

// The schedule's pages as use cases: each page's model, and each form's save — the action use case
// of schedule.usecases.ts (the admin API's), then a redirect to the page saying it is saved, or the
// page again with what was refused: the fields, or the bookings that would lose their place.

const NEXT_SLOTS = 20;
const NEXT_HOLIDAYS = 5;

/** What a refused save shows: the form it came from, its invalid fields or the stranded bookings. */
export interface Problem<F extends string> {
  form: F;
  fields?: FieldError[];
  stranded?: StrandedBooking[];
}

export type HoursForm = 'rules' | 'publication' | 'duration';
export const HOURS_SAVES: readonly HoursForm[] = ['rules', 'publication', 'duration'];

/** The hours page of an offer: its rules, next slots, publication policy and procedure's duration. */
export interface HoursPage {
  principal: Principal;
  offer: {
    siteId: number;
    siteName: string;
    offerId: number;
    procedureTitle: string;
    durationMinutes: number;
    zone: string;
    firstCome: boolean;
  };
  rules: RuleDraft[];
  slots: { startsAt: Date; endsAt: Date; capacity: number; taken: number }[];
  publication: PolicyDraft;
  releasedThrough: string | null;
  /** A fixed time's next release; a random moment is shown to nobody. */
  nextFixedRelease: Date | null;
  mayEditDuration: boolean;
  duration: number | string;
  saved?: HoursForm;
  problem?: Problem<HoursForm>;
}

export type ClosuresForm = 'closure' | 'remove' | 'region';
export type ClosuresSave = 'created' | 'deleted' | 'holidays';
export const CLOSURES_SAVES: readonly ClosuresSave[] = ['created', 'deleted', 'holidays'];

/** The closures page of a site: its closures, its offers' hours pages, its département's holidays. */
export interface ClosuresPage {
  principal: Principal;
  site: SitePlace;
  closures: { day: string; reason: string }[];
  offers: { offerId: number; procedureTitle: string }[];
  holidays: { day: string; name: string }[];
  mayEditRegion: boolean;
  draft: { day: string; reason: string };
  saved?: ClosuresSave;
  problem?: Problem<ClosuresForm>;
}

/** The form's view of a stored policy. */
function policyDraft(policy: ReleasePolicy, publicationDays: number): PolicyDraft {
  // A rolling offer has no release days: every day is ticked, for a switch to releases.
  const weekdays = policy.mode === 'rolling' ? [1, 2, 3, 4, 5, 6, 7] : [...policy.weekdays];
  return { publicationDays, ...policy, weekdays };
}

/** The offer of an hours page's address, if the agent may configure it (404 when the site is not its own). */
async function offerAt(deps: ScheduleDeps, principal: Principal, path: { siteId: number; offerId: number }) {
  const offer = await offerInScope(deps.db, principal, path.offerId);
  if (offer.siteId !== path.siteId) throw notFound('offer_not_found', 'Offre introuvable.');
  return offer;
}

/** The hours page, with what a refused save sent shown again in its form. */
export async function hoursPage(
  deps: ScheduleDeps,
  principal: Principal,
  path: { siteId: number; offerId: number },
  shown: Partial<Pick<HoursPage, 'saved' | 'problem' | 'rules' | 'publication' | 'duration'>> = {},
): Promise<HoursPage> {
  const offer = await offerAt(deps, principal, path);
  const [rules, slots, state] = await Promise.all([
    shown.rules ?? listOpeningRules(deps.db, offer.offerId),
    nextSlots(deps.db, offer.offerId, deps.clock.now(), NEXT_SLOTS),
    releaseState(deps.db, offer.offerId),
  ]);
  const policy = storedPolicy(offer);
  const authority = procedureAuthority({ departmentCode: offer.procedureDepartmentCode });
  return {
    principal,
    offer: { ...offer, firstCome: isFirstCome(offer.channel) },
    rules,
    slots,
    publication: shown.publication ?? policyDraft(policy, offer.publicationDays),
    releasedThrough: policy.mode === 'rolling' ? null : state.releasedThrough,
    nextFixedRelease: policy.mode === 'fixed' ? state.nextReleaseAt : null,
    mayEditDuration: authorize(principal, authority.permission, authority.target).allowed,
    duration: shown.duration ?? offer.durationMinutes,
    ...(shown.saved ? { saved: shown.saved } : {}),
    ...(shown.problem ? { problem: shown.problem } : {}),
  };
}

/** Runs a save: the redirect when it succeeds, else what `again` makes of its refusal. */
async function attempt<M>(
  save: () => Promise<unknown>,
  redirect: string,
  again: (problem: { fields?: FieldError[]; stranded?: StrandedBooking[] }) => Promise<M>,
): Promise<M | Redirect> {
  try {
    await save();
    return { redirect };
  } catch (error) {
    if (error instanceof StrandedBookingsError) return again({ stranded: error.bookings });
    const fields = fieldsOf(error);
    if (fields) return again({ fields });
    throw error;
  }
}

/** The opening rules' form. */
export async function submitRules(
  deps: ScheduleDeps,
  acting: Acting,
  path: { siteId: number; offerId: number },
  rules: RuleDraft[],
): Promise<HoursPage | Redirect> {
  await offerAt(deps, acting.principal, path);
  return attempt(
    () => saveOpeningRules(deps, acting, path.offerId, rules),
    `${hoursPath(path)}?enregistre=rules`,
    (problem) => hoursPage(deps, acting.principal, path, { problem: { form: 'rules', ...problem }, rules }),
  );
}

/** The publication policy's form. */
export async function submitPublication(
  deps: ScheduleDeps,
  acting: Acting,
  path: { siteId: number; offerId: number },
  publication: PolicyDraft,
): Promise<HoursPage | Redirect> {
  await offerAt(deps, acting.principal, path);
  return attempt(
    () => savePublication(deps, acting, path.offerId, publication),
    `${hoursPath(path)}?enregistre=publication`,
    (problem) =>
      hoursPage(deps, acting.principal, path, { problem: { form: 'publication', ...problem }, publication }),
  );
}

/** The duration's form: the offer's procedure, as the database says, never an id from the form. */
export async function submitDuration(
  deps: ScheduleDeps,
  acting: Acting,
  path: { siteId: number; offerId: number },
  duration: number | string,
): Promise<HoursPage | Redirect> {
  const offer = await offerAt(deps, acting.principal, path);
  return attempt(
    () => saveDuration(deps, acting, offer.procedureId, duration),
    `${hoursPath(path)}?enregistre=duration`,
    (problem) =>
      hoursPage(deps, acting.principal, path, { problem: { form: 'duration', ...problem }, duration }),
  );
}

/** The closures page, with what a refused save sent shown again. */
export async function closuresPage(
  deps: ScheduleDeps,
  principal: Principal,
  siteId: number,
  shown: Partial<Pick<ClosuresPage, 'saved' | 'problem' | 'draft'>> = {},
): Promise<ClosuresPage> {
  const site = await siteInScope(deps.db, principal, siteId);
  const today = localDate(deps.clock.now(), site.zone);
  const [closures, offers] = await Promise.all([
    listClosures(deps.db, siteId, today),
    siteOffers(deps.db, siteId),
  ]);
  const year = Number(today.slice(0, 4));
  const holidays = [year, year + 1]
    .flatMap((y) => [...publicHolidays(site.holidayRegion, y)].map(([day, name]) => ({ day, name })))
    .filter((holiday) => holiday.day >= today)
    .slice(0, NEXT_HOLIDAYS);
  const region = { kind: 'department', departmentCode: site.departmentCode } as const;
  return {
    principal,
    site,
    closures,
    offers,
    holidays,
    mayEditRegion: authorize(principal, 'site.configure', region).allowed,
    draft: shown.draft ?? { day: '', reason: '' },
    ...(shown.saved ? { saved: shown.saved } : {}),
    ...(shown.problem ? { problem: shown.problem } : {}),
  };
}

/** The add-a-closure form. */
export async function submitClosure(
  deps: ScheduleDeps,
  acting: Acting,
  siteId: number,
  draft: { day: string; reason: string },
): Promise<ClosuresPage | Redirect> {
  return attempt(
    () => addClosure(deps, acting, siteId, draft),
    `${closuresPath(siteId)}?enregistre=created`,
    (problem) =>
      closuresPage(deps, acting.principal, siteId, { problem: { form: 'closure', ...problem }, draft }),
  );
}

/** A closure's delete button. */
export async function submitClosureRemoval(
  deps: ScheduleDeps,
  acting: Acting,
  siteId: number,
  day: string,
): Promise<ClosuresPage | Redirect> {
  return attempt(
    () => removeClosure(deps, acting, siteId, day),
    `${closuresPath(siteId)}?enregistre=deleted`,
    (problem) => closuresPage(deps, acting.principal, siteId, { problem: { form: 'remove', ...problem } }),
  );
}

/** The holiday calendar's form: the site's département, as the database says. */
export async function submitHolidayRegion(
  deps: ScheduleDeps,
  acting: Acting,
  siteId: number,
  region: string,
): Promise<ClosuresPage | Redirect> {
  const site = await siteInScope(deps.db, acting.principal, siteId);
  return attempt(
    () => saveHolidayRegion(deps, acting, site.departmentCode, region),
    `${closuresPath(siteId)}?enregistre=holidays`,
    (problem) => closuresPage(deps, acting.principal, siteId, { problem: { form: 'region', ...problem } }),
  );
}
