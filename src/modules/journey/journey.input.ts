import type { ApplicantInput } from '../booking/applicant.ts';
import { stepOnePath } from '../territory/directory.components.ts';
import { DEPARTMENT_CODE, PROCEDURE_CODE } from '../territory/directory.input.ts';
import type { Redirect } from '../web/web.plugin.ts';

// What the journey's pages read from a browser: the addresses of steps 1 and 2 (links, so nothing
// personal) and the fields posted from step 3 on. Bad input becomes a redirect or a missing value here,
// before any use case runs.

/** A parsed form, as the pages receive it. */
export type Body = Record<string, unknown>;
/** Why step 2 is shown again: its `erreur` flag. */
export type StepError = 'conditions' | 'indisponible' | 'prise' | 'choix';

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const STEP_ERRORS: readonly StepError[] = ['conditions', 'indisponible', 'prise', 'choix'];

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
  return `${stepOnePath(departmentCode, procedureCode)}/plage?${query}`;
}

/** A posted text field, or undefined when absent or absurdly long. */
export function text(body: Body, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.length <= 10_000 ? value : undefined;
}

/** A procedure in a département, as steps 1 and 2 name it in their address. */
export interface ProcedureAddress {
  code: string;
  procedureCode: string;
}

/** Step 1's address: the procedure, and whether step 2 sent the person back for the conditions. */
export interface DescriptifInput extends ProcedureAddress {
  conditionsMissing: boolean;
}

/** Step 1's input; undefined when the address cannot name a procedure (a 404). */
export function parseDescriptif(params: unknown, query: unknown): DescriptifInput | undefined {
  const { code, procedureCode } = params as ProcedureAddress;
  if (!DEPARTMENT_CODE.test(code) || !PROCEDURE_CODE.test(procedureCode)) return undefined;
  return { code, procedureCode, conditionsMissing: (query as Body | undefined)?.erreur === 'conditions' };
}

/** Step 2's input: the procedure, then the office, the week and the error to show, when given. */
export interface SlotChoiceInput extends ProcedureAddress {
  site: number | undefined;
  /** The `semaine` parameter as given: any day of the week wanted. */
  wantedWeek: string | undefined;
  error: StepError | undefined;
}

/**
 * Step 2's input. Opened without the accepted conditions, it sends the person back to step 1 (with
 * the error, unless the person merely switched language there).
 */
export function parseSlotChoice(params: unknown, query: unknown): SlotChoiceInput | Redirect {
  const { code, procedureCode } = params as ProcedureAddress;
  const q = (query ?? {}) as Record<string, unknown>;
  if (q.conditions !== 'acceptees') {
    const description = stepOnePath(code, procedureCode);
    return { redirect: q.lang ? description : `${description}?erreur=conditions` };
  }
  const site = Number(q.site);
  const error = STEP_ERRORS.find((e) => e === q.erreur);
  return {
    code,
    procedureCode,
    site: Number.isFinite(site) ? site : undefined,
    wantedWeek: typeof q.semaine === 'string' ? q.semaine : undefined,
    error,
  };
}

/** What a POST step (3, 4, 5) received: the slot, the fields, and where to go back if the slot is missing. */
export interface StepInput {
  slotId: number | undefined;
  body: Body;
  /** Step 2 of the procedure the form came from, when its hidden fields name one. */
  backToChoice: string | undefined;
}

/** The input of a POST step of the journey. */
export function parseStep(rawBody: unknown): StepInput {
  const body = (rawBody ?? {}) as Body;
  const raw = text(body, 'slotId');
  const slotId = raw && /^[0-9]{1,15}$/.test(raw) ? Number(raw) : undefined;
  const department = text(body, 'departement');
  const procedure = text(body, 'demarche');
  let backToChoice: string | undefined;
  if (
    department &&
    procedure &&
    /^[0-9A-Za-z]{2,3}$/.test(department) &&
    /^[a-z0-9-]{1,100}$/.test(procedure)
  ) {
    const site = Number(text(body, 'site'));
    const week = text(body, 'semaine') ?? '';
    backToChoice = slotChoiceUrl(department, procedure, {
      site: Number.isSafeInteger(site) && site > 0 ? site : undefined,
      week: DATE.test(week) ? week : undefined,
      error: 'choix',
    });
  }
  return { slotId, body, backToChoice };
}

const FIELDS = [
  'lastName',
  'firstName',
  'birthDate',
  'email',
  'phone',
  'foreignerNumber',
  'titleExpiry',
  'postalCode',
] as const;

/** The names of the applicant's fields, in the order of step 4's form. */
export const APPLICANT_FIELDS: readonly (typeof FIELDS)[number][] = FIELDS;

/** The applicant's fields as submitted by step 4's form (names `applicant.*`), trimmed. */
export function applicantFromBody(body: Body): ApplicantInput {
  const value = (name: string) => {
    const raw = body[`applicant.${name}`];
    return typeof raw === 'string' ? raw.trim().slice(0, 300) : '';
  };
  const out: Record<string, string> = {};
  for (const name of FIELDS) out[name] = value(name);
  // Browsers without a date picker let people type the French way: 31/03/1990.
  for (const name of ['birthDate', 'titleExpiry']) {
    const match = /^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$/.exec(out[name] ?? '');
    if (match) out[name] = `${match[3]}-${match[2]?.padStart(2, '0')}-${match[1]?.padStart(2, '0')}`;
  }
  return out as unknown as ApplicantInput;
}
