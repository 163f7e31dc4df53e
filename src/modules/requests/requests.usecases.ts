import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { Locale } from '../../db/schema.ts';
import { AppError, type FieldError, invalid } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import { coverageOf, isEmpty, type Principal } from '../agents/permissions.ts';
import { type AuditActor, recordAudit } from '../audit/audit.ts';
import { type Applicant, type ApplicantInput, validateApplicant } from '../booking/applicant.ts';
import { constraintOf } from '../booking/booking.usecases.ts';
import { newToken } from '../booking/tokens.ts';
import { signReceipt } from '../convocation/receipt-token.ts';
import { announcedDraw, type DrawAnnouncement } from '../draw/announcement.ts';
import { notify } from '../notify/notify.ts';
import { spendIdentitySubmission } from '../protection/identity-budget.ts';
import { localDate } from '../schedule/timezone.ts';
import { canonicalHalfDays, checkTimes, type HalfDay } from './choices.ts';
import { claimedAnswer, notifyClaim } from './claimed.ts';
import { newLabel } from './labels.ts';
import { choiceError, requestErrors } from './requests.errors.ts';
import {
  type DrawSite,
  findDrawSites,
  findLiveRequest,
  findProcedureRules,
  insertRequestToken,
  type ProcedureForRequest,
  upsertRequest,
} from './requests.repository.ts';

export interface RequestDeps {
  db: Db;
  clock: Clock;
  /** `secretKey` signs receipts and seals the links of notifications. */
  config: Pick<
    Config,
    'publicUrl' | 'maxActivePerEmail' | 'secretKey' | 'rateLimit' | 'requestUpdatesPerDay'
  >;
  wakeOutbox?: () => void;
}

/** What a request asks for: a procedure, the offices, the half-days (empty: any), the first day. */
export interface RequestChoices {
  procedureId: number;
  siteIds: number[];
  halfDays: string[];
  earliest: string | null;
}

/** Choices found acceptable: the procedure and offices as the database has them, in canonical form. */
export interface CheckedChoices {
  procedure: ProcedureForRequest;
  sites: DrawSite[];
  departmentCode: string;
  timezone: string;
  /** The offices' local date now. */
  today: string;
  siteIds: number[];
  halfDays: HalfDay[];
  earliest: string | null;
}

/** A request just recorded, as the API, the journey and the back office answer it. */
export interface SubmittedRequest {
  /** Null when the identity's live request, recorded with another address, was left as it was. */
  id: string | null;
  label: string;
  status: 'waiting';
  /** False when the identity's live request was updated rather than created. */
  created: boolean;
  submittedAt: Date;
  /** The signed code of the receipt (receipt-token.ts). */
  receiptCode: string;
  /** A token that downloads this receipt only, for the one who just submitted. */
  receiptToken: string;
}

// A manage link serves as long as a request may wait: draws come every few weeks for a year or more.
const MANAGE_TOKEN_DAYS = 400;
const RECEIPT_TOKEN_HOURS = 24;
const DAY_MS = 86_400_000;

/**
 * Checks the choices against the database: the procedure exists, every office offers it by draw (all
 * in one département, whose local date the half-days and earliest date are read in). Every problem is
 * reported at once.
 */
export async function checkChoices(
  deps: Pick<RequestDeps, 'db' | 'clock'>,
  choices: RequestChoices,
): Promise<CheckedChoices | { errors: FieldError[] }> {
  const procedure = await findProcedureRules(deps.db, choices.procedureId);
  if (!procedure) return { errors: [choiceError('procedureId', 'not_found')] };
  const sites = await findDrawSites(deps.db, procedure.id, choices.siteIds);
  const errors: FieldError[] = [];
  const missing = choices.siteIds.filter((id) => !sites.some((site) => site.siteId === id));
  if (choices.siteIds.length === 0) errors.push(choiceError('siteIds', 'required'));
  else if (missing.length > 0)
    errors.push(choiceError('siteIds', 'not_offered', { siteIds: missing.join(',') }));
  else if (new Set(sites.map((site) => site.departmentCode)).size > 1) {
    errors.push(choiceError('siteIds', 'several_departments'));
  }
  const first = sites[0];
  const timezone = first?.timezone ?? 'Europe/Paris';
  const today = localDate(deps.clock.now(), timezone);
  errors.push(...checkTimes(choices, today));
  if (errors.length > 0 || !first) return { errors };
  return {
    procedure,
    sites,
    departmentCode: first.departmentCode,
    timezone,
    today,
    // In ascending order, as stored and signed: the same choices always read the same.
    siteIds: sites.map((site) => site.siteId).sort((a, b) => a - b),
    halfDays: canonicalHalfDays(choices.halfDays),
    earliest: choices.earliest,
  };
}

/** The applicant checked against the procedure's rules, in the offices' département. */
export function checkApplicant(checked: CheckedChoices, input: ApplicantInput) {
  return validateApplicant(input, checked.procedure, checked.departmentCode, checked.today);
}

/** The choices and the applicant, or the 422 naming every invalid field. */
async function checkAll(
  deps: RequestDeps,
  input: { choices: RequestChoices; applicant: ApplicantInput },
): Promise<{ checked: CheckedChoices; applicant: Applicant }> {
  const checked = await checkChoices(deps, input.choices);
  if ('errors' in checked) throw invalid(checked.errors);
  const result = checkApplicant(checked, input.applicant);
  if (!result.ok) throw invalid(result.fields);
  return { checked, applicant: result.applicant };
}

/**
 * A request submitted online (PRODUCT §7): recorded, or — when the identity already has a live request
 * for the procedure with the same address — that request's choices updated, keeping its label. A live
 * request recorded with another address is left as it is, and the answer tells nothing of it
 * (decision 0033). Every path does the same work (one upsert, three more statements, one signature),
 * so that their timing tells nothing. Each identity has a budget of submissions a day.
 */
export async function submitRequest(
  deps: RequestDeps,
  input: {
    choices: RequestChoices;
    applicant: ApplicantInput;
    locale: Locale;
    /** The keyed hash of the client's network (protection/network-key.ts), for the fraud review. */
    networkKey?: Buffer | null;
  },
): Promise<SubmittedRequest> {
  const { checked, applicant } = await checkAll(deps, input);
  const { config } = deps;
  if (config.rateLimit) {
    const budget = { db: deps.db, clock: deps.clock, secretKey: config.secretKey };
    await spendIdentitySubmission(budget, {
      identityKey: applicant.identityKey,
      max: config.requestUpdatesPerDay,
    });
  }
  return recordRequest(deps, {
    checked,
    applicant,
    locale: input.locale,
    enteredBy: null,
    networkKey: input.networkKey ?? null,
  });
}

/** Who enters a request on someone's behalf, and what the audit log records of them. */
export interface EnteredBy {
  principal: Principal;
  actor: AuditActor;
}

/**
 * A request entered by an agent or a partner association (PRODUCT §4.4): the same queue and the same
 * rules, the per-address limit excepted; every chosen office must be in the agent's scope. One audit
 * entry, in the request's transaction.
 */
export async function enterRequest(
  deps: RequestDeps,
  input: { choices: RequestChoices; applicant: ApplicantInput; locale: Locale; by: EnteredBy },
): Promise<SubmittedRequest> {
  const { principal } = input.by;
  // Refused before anything is read for someone who may enter requests nowhere.
  if (isEmpty(coverageOf(principal, 'request.enter')))
    ensureAllowed(principal, 'request.enter', { kind: 'national' });
  const checked = await checkChoices(deps, input.choices);
  if ('errors' in checked) throw invalid(checked.errors);
  // Every office chosen, as the database places it, must be in the agent's scope.
  for (const site of checked.sites) ensureAllowed(principal, 'request.enter', { kind: 'site', ...site });
  const result = checkApplicant(checked, input.applicant);
  if (!result.ok) throw invalid(result.fields);
  return recordRequest(deps, {
    checked,
    applicant: result.applicant,
    locale: input.locale,
    enteredBy: input.by,
    // The office's or the association's address would put everyone it enters in one group.
    networkKey: null,
  });
}

async function recordRequest(
  deps: RequestDeps,
  input: {
    checked: CheckedChoices;
    applicant: Applicant;
    locale: Locale;
    enteredBy: EnteredBy | null;
    networkKey: Buffer | null;
  },
): Promise<SubmittedRequest> {
  const { db, clock, config } = deps;
  const { checked, applicant } = input;
  const now = clock.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const saved = await db.transaction().execute(async (trx) => {
        const row = await upsertRequest(
          trx,
          {
            ...applicant,
            label: newLabel(),
            procedureId: checked.procedure.id,
            locale: input.locale,
            siteIds: checked.siteIds,
            halfDays: checked.halfDays,
            earliest: checked.earliest,
            enteredBy: input.enteredBy?.principal.agentId ?? null,
            networkKey: input.networkKey,
            now,
          },
          { sameEmailOnly: !input.enteredBy },
        );
        if (!row) {
          const held = await findLiveRequest(trx, checked.procedure.id, applicant.identityKey);
          // Withdrawn or drawn between the two statements: the next attempt records it anew.
          if (!held) return undefined;
          await notifyClaim(trx, { held, emailKey: applicant.emailKey, locale: input.locale, now }, config);
          return claimedAnswer(
            {
              procedureId: checked.procedure.id,
              siteIds: checked.siteIds,
              halfDays: checked.halfDays,
              earliest: checked.earliest,
            },
            now,
          );
        }
        const manage = newToken();
        const receipt = newToken();
        const day = (days: number) => new Date(now.getTime() + days * DAY_MS);
        await insertRequestToken(trx, {
          requestId: row.id,
          purpose: 'manage',
          hash: manage.hash,
          expiresAt: day(MANAGE_TOKEN_DAYS),
        });
        await insertRequestToken(trx, {
          requestId: row.id,
          purpose: 'receipt',
          hash: receipt.hash,
          expiresAt: day(RECEIPT_TOKEN_HOURS / 24),
        });
        await notify(
          trx,
          {
            event: 'request.submitted',
            requestId: row.id,
            locale: input.locale,
            dueAt: now,
            tokens: { manage: manage.token },
            params: { updated: !row.inserted },
          },
          config,
        );
        if (input.enteredBy) await auditEntry(trx, input.enteredBy.actor, { row, checked, applicant, now });
        return { ...row, receiptToken: receipt.token };
      });
      if (!saved && attempt < 3) continue;
      if (!saved) throw new Error('The live request kept changing under the submission.');
      deps.wakeOutbox?.();
      if (!('inserted' in saved)) return saved;
      const receiptCode = signReceipt(
        {
          label: saved.label,
          procedureId: checked.procedure.id,
          siteIds: checked.siteIds,
          halfDays: checked.halfDays,
          earliest: checked.earliest,
          submittedAt: saved.updatedAt.toISOString(),
          issuedAt: now.toISOString(),
        },
        config.secretKey,
      );
      return {
        id: saved.id,
        label: saved.label,
        status: 'waiting',
        created: saved.inserted,
        submittedAt: saved.updatedAt,
        receiptCode,
        receiptToken: saved.receiptToken,
      };
    } catch (error) {
      // 50 random bits make a collision rare; when one happens, draw another label.
      if (constraintOf(error) === 'request_label_key' && attempt < 3) continue;
      throw translateConstraint(error, config.maxActivePerEmail);
    }
  }
}

async function auditEntry(
  trx: Executor,
  actor: AuditActor,
  entry: {
    row: { id: string; label: string; inserted: boolean };
    checked: CheckedChoices;
    applicant: Applicant;
    now: Date;
  },
): Promise<void> {
  const { row, checked, applicant } = entry;
  await recordAudit(
    trx,
    actor,
    {
      action: 'request.enter',
      target: { type: 'request', id: row.id },
      place: {
        departmentCode: checked.departmentCode,
        siteId: checked.siteIds.length === 1 ? checked.siteIds[0] : null,
      },
      after: {
        label: row.label,
        created: row.inserted,
        procedureId: checked.procedure.id,
        siteIds: checked.siteIds,
        halfDays: checked.halfDays,
        earliest: checked.earliest,
        lastName: applicant.lastName,
        firstName: applicant.firstName,
        birthDate: applicant.birthDate,
        email: applicant.email,
      },
      personal: true,
    },
    entry.now,
  );
}

/** Maps the schema's refusals to the applicant's errors; anything else stays a server fault. */
function translateConstraint(error: unknown, maxActivePerEmail: number): unknown {
  if (error instanceof AppError) return error;
  switch (constraintOf(error)) {
    case 'request_identity_booked':
      return requestErrors.alreadyBooked();
    case 'request_email_limit':
      return requestErrors.emailLimit(maxActivePerEmail);
    case 'request_sites_offer_draw':
      return invalid([choiceError('siteIds', 'not_offered')]);
    default:
      return error;
  }
}

/**
 * The window in which a procedure's draw offers of a département collect requests now, or else the
 * next one announced, with its commitment and seats (draw/announcement.ts). Requests are taken at any
 * time: made between two windows, one waits for the next draw.
 */
export async function nextDrawWindow(
  deps: Pick<RequestDeps, 'db' | 'clock'>,
  offer: { procedureId: number; departmentCode: string },
): Promise<DrawAnnouncement | undefined> {
  return announcedDraw(deps.db, offer, deps.clock.now());
}
