import type { Clock } from '../../clock.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { HolidayRegion } from '../../db/schema.ts';
import { AppError, conflict, invalid, notFound } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import type { Permission, Principal, Target } from '../agents/permissions.ts';
import { type AuditActor, recordAudit } from '../audit/audit.ts';
import { cryptoDraw } from '../schedule/publication.ts';
import { regenerateOrRefuse, type SlotCounts } from '../schedule/regeneration.ts';
import {
  type Draw,
  lastPublishedDay,
  nextReleaseAt,
  type ReleasePolicy,
  releases,
} from '../schedule/release-policy.ts';
import type { OpeningRuleInput } from '../schedule/slot-generation.ts';
import { localDate } from '../schedule/timezone.ts';
import { procedureTarget } from './procedures.usecases.ts';
import {
  type Checked,
  checkClosure,
  checkDuration,
  checkHolidayRegion,
  checkOpeningRules,
  checkPolicy,
  fieldError,
  isDate,
  type PolicyDraft,
  type RuleDraft,
} from './schedule.input.ts';
import {
  deleteClosure,
  findDepartment,
  findOfferPlace,
  findProcedure,
  findSitePlace,
  firstComeOfferIds,
  insertClosure,
  listClosures,
  listOpeningRules,
  lockReleaseState,
  type OfferPlace,
  releaseState,
  replaceOpeningRules,
  type SitePlace,
  storedPolicy,
  updateDuration,
  updateHolidayRegion,
  updatePublication,
} from './schedule.repository.ts';

// The schedule's configuration (issue 8, point 4): one use case per action, shared by the admin API
// and the pages. Each authorizes on the target's place read from the database, checks its input,
// then changes, regenerates the slots concerned and records one audit entry in one transaction — so a
// change refused for stranded bookings (regeneration.ts) leaves nothing behind, not even its entry.

export interface ScheduleDeps {
  db: Db;
  clock: Clock;
  /** The draw of random release moments; crypto.randomInt unless a test says otherwise. */
  draw?: Draw;
}

/** Who acts: the agent's rights, and how the audit log names them. */
export interface Acting {
  principal: Principal;
  actor: AuditActor;
}

const CONFIGURE: Permission = 'site.configure';

/**
 * Who may change a procedure's duration, and where it belongs: the national catalogue's procedures
 * nationally, a département's own procedures in that département (procedures.usecases.ts).
 */
export function procedureAuthority(procedure: { departmentCode: string | null }): {
  permission: Permission;
  target: Target;
} {
  return { permission: 'procedure.configure', target: procedureTarget(procedure) };
}

const unwrap = <T>(checked: Checked<T>): T => {
  if (!checked.ok) throw invalid(checked.errors);
  return checked.value;
};

/** An offer the agent may configure (its site's place read here), or 404 / 403. */
export async function offerInScope(db: Executor, principal: Principal, offerId: number): Promise<OfferPlace> {
  const offer = await findOfferPlace(db, offerId);
  if (!offer) throw notFound('offer_not_found', 'Offre introuvable.');
  ensureAllowed(principal, CONFIGURE, {
    kind: 'site',
    siteId: offer.siteId,
    departmentCode: offer.departmentCode,
  });
  return offer;
}

/** A site the agent may configure, or 404 / 403. */
export async function siteInScope(db: Executor, principal: Principal, siteId: number): Promise<SitePlace> {
  const site = await findSitePlace(db, siteId);
  if (!site) throw notFound('site_not_found', 'Service introuvable.');
  ensureAllowed(principal, CONFIGURE, { kind: 'site', siteId, departmentCode: site.departmentCode });
  return site;
}

const placeOf = (offer: { siteId: number; departmentCode: string }) => ({
  siteId: offer.siteId,
  departmentCode: offer.departmentCode,
});

/** An offer's opening rules. */
export async function getOpeningRules(
  deps: ScheduleDeps,
  principal: Principal,
  offerId: number,
): Promise<{ offerId: number; rules: OpeningRuleInput[] }> {
  await offerInScope(deps.db, principal, offerId);
  return { offerId, rules: await listOpeningRules(deps.db, offerId) };
}

/** Replaces an offer's opening rules and regenerates its future slots. */
export async function saveOpeningRules(
  deps: ScheduleDeps,
  { principal, actor }: Acting,
  offerId: number,
  drafts: readonly RuleDraft[],
): Promise<{ offerId: number; rules: OpeningRuleInput[]; slots: SlotCounts }> {
  const offer = await offerInScope(deps.db, principal, offerId);
  const rules = unwrap(checkOpeningRules(drafts, offer.durationMinutes));
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockReleaseState(trx, offerId);
    const before = await listOpeningRules(trx, offerId);
    await replaceOpeningRules(trx, offerId, rules);
    const slots = await regenerateOrRefuse(trx, [offerId], now);
    const target = { type: 'offer', id: offerId };
    await recordAudit(
      trx,
      actor,
      {
        action: 'opening_rules.replace',
        target,
        place: placeOf(offer),
        before: { rules: before },
        after: { rules },
      },
      now,
    );
    return { offerId, rules, slots };
  });
}

/** What the admin API and the pages show of a publication policy: never a drawn moment. */
export interface PublicationView {
  offerId: number;
  publicationDays: number;
  policy: ReleasePolicy;
  /** Release modes: the last day released so far. */
  releasedThrough: string | null;
  /** A fixed time's next release (a random one's stays secret). */
  nextReleaseAt: Date | null;
}

/** An offer's publication policy. */
export async function getPublication(
  deps: ScheduleDeps,
  principal: Principal,
  offerId: number,
): Promise<PublicationView> {
  const offer = await offerInScope(deps.db, principal, offerId);
  return publicationView(offer, storedPolicy(offer), await releaseState(deps.db, offerId));
}

function publicationView(
  offer: { offerId: number; publicationDays: number },
  policy: ReleasePolicy,
  state: { releasedThrough: string | null; nextReleaseAt: Date | null },
): PublicationView {
  return {
    offerId: offer.offerId,
    publicationDays: offer.publicationDays,
    policy,
    releasedThrough: state.releasedThrough,
    nextReleaseAt: policy.mode === 'fixed' ? state.nextReleaseAt : null,
  };
}

/**
 * Sets an offer's horizon and publication policy. Going from rolling to releases keeps what is
 * published (the released days start at the horizon's end); a changed release schedule gets a new
 * next moment (drawn, for a random window), an unchanged one keeps its own.
 */
export async function savePublication(
  deps: ScheduleDeps,
  { principal, actor }: Acting,
  offerId: number,
  draft: PolicyDraft,
): Promise<PublicationView> {
  await offerInScope(deps.db, principal, offerId);
  const { publicationDays, policy } = unwrap(checkPolicy(draft));
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const state = await lockReleaseState(trx, offerId);
    const offer = await findOfferPlace(trx, offerId);
    if (!offer) throw notFound('offer_not_found', 'Offre introuvable.');
    const previous = storedPolicy(offer);
    const today = localDate(now, offer.zone);
    // What is published now stays published: the released days start where the old policy stopped.
    const releasedThrough = releases(policy.mode)
      ? lastPublishedDay({ ...offer, releasedThrough: state.releasedThrough }, today)
      : null;
    const unchanged = JSON.stringify(previous) === JSON.stringify(policy);
    const nextAt =
      policy.mode === 'rolling'
        ? null
        : unchanged && state.nextReleaseAt && state.nextReleaseAt > now
          ? state.nextReleaseAt
          : nextReleaseAt(policy, offer.zone, now, deps.draw ?? cryptoDraw);
    await updatePublication(trx, offerId, {
      publicationDays,
      policy,
      releasedThrough,
      nextReleaseAt: nextAt,
    });
    await regenerateOrRefuse(trx, [offerId], now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'offer.update_publication',
        target: { type: 'offer', id: offerId },
        place: placeOf(offer),
        before: { publicationDays: offer.publicationDays, policy: previous },
        after: { publicationDays, policy },
      },
      now,
    );
    return publicationView({ offerId, publicationDays }, policy, { releasedThrough, nextReleaseAt: nextAt });
  });
}

/** A site's closures from today (in its zone) on. */
export async function getClosures(deps: ScheduleDeps, principal: Principal, siteId: number) {
  const site = await siteInScope(deps.db, principal, siteId);
  const today = localDate(deps.clock.now(), site.zone);
  return { site, closures: await listClosures(deps.db, siteId, today) };
}

/** Closes a site for a day: its offers' slots of that day are removed, unless someone is booked. */
export async function addClosure(
  deps: ScheduleDeps,
  { principal, actor }: Acting,
  siteId: number,
  draft: { day?: unknown; reason?: unknown },
): Promise<{ siteId: number; day: string; reason: string; slots: SlotCounts }> {
  const site = await siteInScope(deps.db, principal, siteId);
  const now = deps.clock.now();
  const closure = unwrap(checkClosure(draft, localDate(now, site.zone)));
  return deps.db.transaction().execute(async (trx) => {
    if (!(await insertClosure(trx, { siteId, ...closure }))) {
      throw conflict('closure_exists', 'Ce service est déjà fermé ce jour-là.');
    }
    const slots = await regenerateOrRefuse(trx, await firstComeOfferIds(trx, { siteId }), now);
    const record = { action: 'closure.create', target: { type: 'site', id: siteId }, after: closure };
    await recordAudit(trx, actor, { ...record, place: placeOf(site) }, now);
    return { siteId, ...closure, slots };
  });
}

/** Opens a closed day again: its slots come back. */
export async function removeClosure(
  deps: ScheduleDeps,
  { principal, actor }: Acting,
  siteId: number,
  day: string,
): Promise<{ siteId: number; day: string; slots: SlotCounts }> {
  const site = await siteInScope(deps.db, principal, siteId);
  if (!isDate(day)) throw invalid([fieldError('day', 'date_format')]);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const removed = await deleteClosure(trx, siteId, day);
    if (!removed) throw notFound('closure_not_found', "Ce service n'est pas fermé ce jour-là.");
    const slots = await regenerateOrRefuse(trx, await firstComeOfferIds(trx, { siteId }), now);
    const record = { action: 'closure.delete', target: { type: 'site', id: siteId }, before: removed };
    await recordAudit(trx, actor, { ...record, place: placeOf(site) }, now);
    return { siteId, day, slots };
  });
}

/** Sets the public-holiday calendar of a département: every offer of its sites is regenerated. */
export async function saveHolidayRegion(
  deps: ScheduleDeps,
  { principal, actor }: Acting,
  code: string,
  value: unknown,
): Promise<{ code: string; name: string; timezone: string; holidayRegion: HolidayRegion }> {
  const department = await findDepartment(deps.db, code);
  if (!department) throw notFound('department_not_found', 'Département introuvable.');
  ensureAllowed(principal, CONFIGURE, { kind: 'department', departmentCode: code });
  const holidayRegion = unwrap(checkHolidayRegion(value));
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await updateHolidayRegion(trx, code, holidayRegion);
    await regenerateOrRefuse(trx, await firstComeOfferIds(trx, { departmentCode: code }), now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'department.update',
        target: { type: 'department', id: code },
        place: { departmentCode: code },
        before: { holidayRegion: department.holidayRegion },
        after: { holidayRegion },
      },
      now,
    );
    return { ...department, holidayRegion };
  });
}

/** Sets a procedure's duration: every offer of it, in every office, is regenerated. */
export async function saveDuration(
  deps: ScheduleDeps,
  { principal, actor }: Acting,
  procedureId: number,
  value: unknown,
): Promise<{ id: number; durationMinutes: number }> {
  const procedure = await findProcedure(deps.db, procedureId);
  if (!procedure) throw notFound('procedure_not_found', 'Démarche introuvable.');
  const authority = procedureAuthority(procedure);
  ensureAllowed(principal, authority.permission, authority.target);
  const durationMinutes = unwrap(checkDuration(value));
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await updateDuration(trx, procedureId, durationMinutes);
    await regenerateOrRefuse(trx, await firstComeOfferIds(trx, { procedureId }), now);
    const place =
      authority.target.kind === 'national' ? {} : { departmentCode: authority.target.departmentCode };
    await recordAudit(
      trx,
      actor,
      {
        action: 'procedure.update_duration',
        target: { type: 'procedure', id: procedureId },
        place,
        before: { durationMinutes: procedure.durationMinutes },
        after: { durationMinutes },
      },
      now,
    );
    return { id: procedureId, durationMinutes };
  });
}

/** Whether an error is the refusal of a check (422), with its fields. */
export function fieldsOf(error: unknown) {
  return error instanceof AppError && error.status === 422 ? (error.fields ?? []) : undefined;
}
