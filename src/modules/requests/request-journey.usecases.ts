import type { Locale } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { Applicant, ApplicantInput } from '../booking/applicant.ts';
import { findProcedureInDepartment } from '../booking/journey.repository.ts';
import type { DrawAnnouncement } from '../draw/announcement.ts';
import { applicantFromBody, text } from '../journey/journey.input.ts';
import type { Captcha } from '../protection/captcha.ts';
import type { JourneyAddress, PostedChoices, RequestStepInput } from './request-journey.input.ts';
import { choiceError } from './requests.errors.ts';
import { findProcedureRules, listDrawOffices, type ProcedureForRequest } from './requests.repository.ts';
import {
  type CheckedChoices,
  checkApplicant,
  checkChoices,
  nextDrawWindow,
  type RequestDeps,
  submitRequest,
} from './requests.usecases.ts';

// The request journey's pages as use cases (PRODUCT §4.3 for a draw offer): step 2 asks for the
// offices, half-days and earliest date; steps 3 to 5 are the booking journey's (security check,
// personal details, summary), then the request is recorded.

/** What the request journey's use cases need: the requests' dependencies and the proof-of-work check. */
export interface RequestJourneyDeps extends RequestDeps {
  captcha: Pick<Captcha, 'enabled' | 'verify'>;
}

/** The procedure and the département's offices that offer it by draw. */
export interface RequestContext {
  address: JourneyAddress;
  departmentName: string;
  timezone: string;
  procedure: ProcedureForRequest;
  offices: { siteId: number; name: string; address: string }[];
  /** The window collecting requests now, or the next one, when one is announced. */
  window: DrawAnnouncement | undefined;
}

/** What a page of the request journey shows. */
export type RequestStep =
  | { step: 'restart'; status: number }
  | { step: 'unknown' }
  | { step: 'choices'; context: RequestContext; choices: PostedChoices; errors: FieldError[] }
  | {
      step: 'security';
      context: RequestContext;
      choices: PostedChoices;
      checked: CheckedChoices;
      captcha: boolean;
      failed: boolean;
    }
  | {
      step: 'details';
      context: RequestContext;
      choices: PostedChoices;
      checked: CheckedChoices;
      applicant: ApplicantInput;
      altcha?: string;
      errors: FieldError[];
    }
  | {
      step: 'summary';
      context: RequestContext;
      choices: PostedChoices;
      checked: CheckedChoices;
      applicant: Applicant;
      submitted: ApplicantInput;
      altcha?: string;
    }
  | { step: 'result'; context: RequestContext; label: string; receiptToken: string }
  | {
      step: 'refused';
      status: number;
      code: string;
      message: string;
      emailLimit: number;
      /** Seconds to wait, for a 429 (its Retry-After header). */
      retryAfter?: string;
    };

const NO_CHOICES: PostedChoices = { siteIds: [], halfDays: [], earliest: '' };

async function loadContext(
  deps: Pick<RequestDeps, 'db' | 'clock'>,
  address: JourneyAddress | undefined,
): Promise<RequestContext | undefined> {
  if (!address) return undefined;
  const [found, offices] = await Promise.all([
    findProcedureInDepartment(deps.db, address.code, address.procedureCode),
    listDrawOffices(deps.db, address.code, address.procedureCode),
  ]);
  const procedure = found && offices.length > 0 ? await findProcedureRules(deps.db, found.id) : undefined;
  if (!found || !procedure) return undefined;
  const window = await nextDrawWindow(deps, { procedureId: found.id, departmentCode: address.code });
  return {
    address,
    departmentName: found.departmentName,
    timezone: found.timezone,
    procedure,
    offices: offices.map(({ siteId, name, address: street }) => ({ siteId, name, address: street })),
    window,
  };
}

/** The posted choices checked: only this département's draw offices, then the database's rules. */
async function checkPosted(
  deps: RequestJourneyDeps,
  context: RequestContext,
  choices: PostedChoices,
): Promise<CheckedChoices | { errors: FieldError[] }> {
  const foreign = choices.siteIds.filter((id) => !context.offices.some((office) => office.siteId === id));
  if (foreign.length > 0) return { errors: [choiceError('siteIds', 'not_offered')] };
  return checkChoices(deps, {
    procedureId: context.procedure.id,
    siteIds: choices.siteIds,
    halfDays: choices.halfDays,
    earliest: choices.earliest === '' ? null : choices.earliest,
  });
}

/** Step 2: the form of a procedure offered by draw in the département. */
export async function requestForm(deps: RequestJourneyDeps, address: JourneyAddress): Promise<RequestStep> {
  const context = await loadContext(deps, address);
  return context ? { step: 'choices', context, choices: NO_CHOICES, errors: [] } : { step: 'unknown' };
}

type Checked =
  | { context: RequestContext; checked: CheckedChoices; answer?: undefined }
  | { context?: undefined; checked?: undefined; answer: RequestStep };

async function checkedStep(deps: RequestJourneyDeps, input: RequestStepInput): Promise<Checked> {
  const context = await loadContext(deps, input.address);
  if (!context) return { answer: { step: 'restart', status: 400 } };
  const checked = await checkPosted(deps, context, input.choices);
  if ('errors' in checked)
    return { answer: { step: 'choices', context, choices: input.choices, errors: checked.errors } };
  return { context, checked };
}

/** Step 2 again with the choices carried, to change them. */
export async function changeChoices(deps: RequestJourneyDeps, input: RequestStepInput): Promise<RequestStep> {
  const context = await loadContext(deps, input.address);
  if (!context) return { step: 'restart', status: 400 };
  return { step: 'choices', context, choices: input.choices, errors: [] };
}

/** Step 3 (Contrôle de sécurité), once the choices are acceptable. */
export async function requestSecurity(
  deps: RequestJourneyDeps,
  input: RequestStepInput,
): Promise<RequestStep> {
  const found = await checkedStep(deps, input);
  if (found.answer) return found.answer;
  const { context, checked } = found;
  return {
    step: 'security',
    context,
    checked,
    choices: input.choices,
    captcha: deps.captcha.enabled,
    failed: false,
  };
}

/** Step 4 (Coordonnées personnelles), then the summary of step 5 once every field is valid. */
export async function requestDetailsOrSummary(
  deps: RequestJourneyDeps,
  input: RequestStepInput,
): Promise<RequestStep> {
  const found = await checkedStep(deps, input);
  if (found.answer) return found.answer;
  const { context, checked } = found;
  const applicant = applicantFromBody(input.body);
  const altcha = text(input.body, 'altcha');
  const details = { step: 'details' as const, context, checked, choices: input.choices, applicant, altcha };
  if (text(input.body, 'action') !== 'verifier') return { ...details, errors: [] };
  const result = checkApplicant(checked, applicant);
  if (!result.ok) return { ...details, errors: result.fields };
  return { ...details, step: 'summary', applicant: result.applicant, submitted: applicant };
}

/** Step 5's button, the only write of the journey: the fields, then the proof of work, then the request. */
export async function submitFromJourney(
  deps: RequestJourneyDeps,
  input: RequestStepInput & { locale: Locale; networkKey: Buffer | null },
): Promise<RequestStep> {
  const found = await checkedStep(deps, input);
  if (found.answer) return found.answer;
  const { context, checked } = found;
  const applicant = applicantFromBody(input.body);
  const details = { step: 'details' as const, context, checked, choices: input.choices, applicant };
  const result = checkApplicant(checked, applicant);
  if (!result.ok) return { ...details, errors: result.fields };
  if (!(await deps.captcha.verify(text(input.body, 'altcha'), 'request'))) {
    return {
      step: 'security',
      context,
      checked,
      choices: input.choices,
      captcha: deps.captcha.enabled,
      failed: true,
    };
  }
  const choices = {
    procedureId: context.procedure.id,
    siteIds: checked.siteIds,
    halfDays: checked.halfDays,
    earliest: checked.earliest,
  };
  try {
    const recorded = await submitRequest(deps, {
      choices,
      applicant,
      locale: input.locale,
      networkKey: input.networkKey,
    });
    return { step: 'result', context, label: recorded.label, receiptToken: recorded.receiptToken };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.fields?.some((f) => !f.field.startsWith('applicant.'))) {
      return { step: 'choices', context, choices: input.choices, errors: error.fields };
    }
    if (error.fields) return { ...details, errors: error.fields };
    return {
      step: 'refused',
      status: error.status,
      code: error.code,
      message: error.message,
      emailLimit: deps.config.maxActivePerEmail,
      ...(error.headers?.['retry-after'] ? { retryAfter: error.headers['retry-after'] } : {}),
    };
  }
}
