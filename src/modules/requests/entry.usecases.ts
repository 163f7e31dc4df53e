import type { Locale } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { coverageOf, type Principal } from '../agents/permissions.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { ApplicantInput } from '../booking/applicant.ts';
import { applicantFromBody, type Body, text } from '../journey/journey.input.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { listEntryOffers } from './entry.repository.ts';
import { isLabel } from './labels.ts';
import { type PostedChoices, parseRequestStep } from './request-journey.input.ts';
import { findProcedureRules, type ProcedureForRequest } from './requests.repository.ts';
import { enterRequest, type RequestDeps } from './requests.usecases.ts';

// The back office's entry of a request on someone's behalf (PRODUCT §4.4: at the counter, by phone,
// on paper, or by a partner association): the same use case as the API's twin, enterRequest.

/** What the entry page shows: the procedures the agent may enter requests for, then one's form. */
export interface EntryPage {
  principal: Principal;
  procedures: { id: number; title: string }[];
  chosen?: {
    procedure: ProcedureForRequest;
    offices: { siteId: number; name: string; address: string; departmentCode: string }[];
  };
  choices: PostedChoices;
  applicant: ApplicantInput;
  locale: Locale;
  errors: FieldError[];
  /** A refusal that names no field: the identity already booked, say. */
  refused?: { code: string; message: string };
  /** The request just recorded (after the POST's redirect). */
  recorded?: { label: string; receiptToken: string };
  status?: number;
}

const EMPTY_APPLICANT = applicantFromBody({});
const LOCALES: readonly Locale[] = ['fr', 'en', 'ar'];

/** The entry page: the covered draw offers, the chosen procedure's form, and what was just recorded. */
export async function entryPage(
  deps: Pick<RequestDeps, 'db'>,
  principal: Principal,
  query: Body,
): Promise<EntryPage> {
  const procedureId = Number(text(query, 'demarche'));
  const label = text(query, 'enregistree') ?? '';
  const receiptToken = text(query, 'recu') ?? '';
  const recorded =
    isLabel(label) && /^[A-Za-z0-9_-]{43}$/.test(receiptToken) ? { label, receiptToken } : undefined;
  const page = await formOf(deps, principal, Number.isSafeInteger(procedureId) ? procedureId : 0);
  return {
    ...page,
    choices: { siteIds: [], halfDays: [], earliest: '' },
    applicant: EMPTY_APPLICANT,
    locale: 'fr',
    errors: [],
    recorded,
  };
}

async function formOf(deps: Pick<RequestDeps, 'db'>, principal: Principal, procedureId: number) {
  const offers = await listEntryOffers(deps.db, coverageOf(principal, 'request.enter'));
  const procedures = [
    ...new Map(offers.map((o) => [o.procedureId, { id: o.procedureId, title: o.procedureTitle }])).values(),
  ];
  const mine = offers.filter((o) => o.procedureId === procedureId);
  const procedure = mine.length > 0 ? await findProcedureRules(deps.db, procedureId) : undefined;
  const offices = mine.map((o) => ({
    siteId: o.siteId,
    name: o.siteName,
    address: o.siteAddress,
    departmentCode: o.departmentCode,
  }));
  return { principal, procedures, ...(procedure ? { chosen: { procedure, offices } } : {}) };
}

/** The entry form's POST: the request recorded (then its page), or the form again with what is wrong. */
export async function enterFromPage(
  deps: RequestDeps,
  input: { principal: Principal; actor: AuditActor; body: Body },
): Promise<EntryPage | Redirect> {
  const { principal, body } = input;
  const procedureId = Number(text(body, 'demarche'));
  const { choices } = parseRequestStep(body);
  const applicant = applicantFromBody(body);
  const locale = LOCALES.find((l) => l === text(body, 'langue')) ?? 'fr';
  try {
    const recorded = await enterRequest(deps, {
      choices: {
        procedureId,
        siteIds: choices.siteIds,
        halfDays: choices.halfDays,
        earliest: choices.earliest || null,
      },
      applicant,
      locale,
      by: { principal, actor: input.actor },
    });
    const query = new URLSearchParams({ enregistree: recorded.label, recu: recorded.receiptToken });
    return { redirect: `/agents/demandes/nouvelle?${query}` };
  } catch (error) {
    // Out of scope is no form to fix: it stays the 403 of the error pages.
    if (!(error instanceof AppError) || error.status === 403) throw error;
    const page = await formOf(deps, principal, Number.isSafeInteger(procedureId) ? procedureId : 0);
    const refused = error.fields ? undefined : { code: error.code, message: error.message };
    return { ...page, choices, applicant, locale, errors: error.fields ?? [], refused, status: error.status };
  }
}
