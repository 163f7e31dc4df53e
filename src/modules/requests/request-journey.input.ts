import type { Body } from '../journey/journey.input.ts';
import { text } from '../journey/journey.input.ts';
import { stepOnePath } from '../territory/directory.components.ts';
import { DEPARTMENT_CODE, PROCEDURE_CODE } from '../territory/directory.input.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { isHalfDay } from './choices.ts';

// What the request journey's pages read from a browser. Step 2's form has one checkbox per office
// (`site-ID`) and per half-day (`jour-CODE`): a form's repeated names would be lost by the parser.
// From step 3 on the choices travel in hidden fields (`sites`, `halfDays`, `earliest`), as a
// booking's slot does, so that nothing personal ever appears in a URL.

/** The URL of the request form (step 2) of a procedure in a département. */
export function requestFormUrl(departmentCode: string, procedureCode: string): string {
  return `${stepOnePath(departmentCode, procedureCode)}/demande?conditions=acceptees`;
}

/** The procedure a request journey is about, as its address and hidden fields name it. */
export interface JourneyAddress {
  code: string;
  procedureCode: string;
}

/** Step 2's address, or the way back to step 1 when the conditions were not accepted. */
export function parseRequestForm(params: unknown, query: unknown): JourneyAddress | Redirect | undefined {
  const { code, procedureCode } = params as JourneyAddress;
  if (!DEPARTMENT_CODE.test(code) || !PROCEDURE_CODE.test(procedureCode)) return undefined;
  const q = (query ?? {}) as Record<string, unknown>;
  if (q.conditions !== 'acceptees') {
    const description = stepOnePath(code, procedureCode);
    return { redirect: q.lang ? description : `${description}?erreur=conditions` };
  }
  return { code, procedureCode };
}

/** The choices as a form posted them: offices and half-days as typed, the earliest date as YYYY-MM-DD. */
export interface PostedChoices {
  siteIds: number[];
  halfDays: string[];
  /** '' when left empty; a French date typed by hand is turned into YYYY-MM-DD. */
  earliest: string;
}

/** What a POST step of the request journey received. */
export interface RequestStepInput {
  address: JourneyAddress | undefined;
  choices: PostedChoices;
  body: Body;
}

const ID = /^[0-9]{1,9}$/;

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((part) => part !== '');
}

/** The input of a POST step: the procedure's address, the choices (checkboxes or hidden fields). */
export function parseRequestStep(rawBody: unknown): RequestStepInput {
  const body = (rawBody ?? {}) as Body;
  const code = text(body, 'departement') ?? '';
  const procedureCode = text(body, 'demarche') ?? '';
  const address =
    DEPARTMENT_CODE.test(code) && PROCEDURE_CODE.test(procedureCode) ? { code, procedureCode } : undefined;
  const keys = Object.keys(body);
  const carried = text(body, 'sites');
  const sites =
    carried !== undefined
      ? list(carried)
      : keys.filter((key) => key.startsWith('site-')).map((key) => key.slice(5));
  const days =
    text(body, 'halfDays') !== undefined
      ? list(text(body, 'halfDays'))
      : keys.filter((key) => key.startsWith('jour-')).map((key) => key.slice(5));
  return {
    address,
    body,
    choices: {
      siteIds: sites.filter((id) => ID.test(id)).map(Number),
      // An unknown half-day is kept, so that the check names it rather than dropping it silently.
      halfDays: days.map((day) => (isHalfDay(day) ? day : 'invalid')),
      earliest: typedDate(text(body, 'earliest') ?? ''),
    },
  };
}

/** A date as typed: YYYY-MM-DD kept, 31/03/2030 turned into 2030-03-31, anything else kept for the check. */
export function typedDate(raw: string): string {
  const value = raw.trim().slice(0, 20);
  const match = /^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$/.exec(value);
  return match ? `${match[3]}-${match[2]?.padStart(2, '0')}-${match[1]?.padStart(2, '0')}` : value;
}

/** The hidden fields that carry a procedure's address and the choices to the next POST step. */
export function carriedChoices(address: JourneyAddress, choices: PostedChoices): Record<string, string> {
  return {
    departement: address.code,
    demarche: address.procedureCode,
    sites: choices.siteIds.join(','),
    halfDays: choices.halfDays.join(','),
    earliest: choices.earliest,
  };
}
