import { isCode } from '../../codes.ts';
import type { IdentityValues } from '../../db/schema.counter.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';
import { normaliseReference } from '../booking/tokens.ts';
import { type Acting, allows, coverageFor } from '../configuration/offices.access.ts';
import { type Body, text } from '../journey/journey.input.ts';
import { parseCheckIn } from './checkin.input.ts';
import { placeOf } from './checkin.repository.ts';
import { type CheckedIn, type CheckInDeps, checkIn } from './checkin.usecases.ts';
import { correctIdentity, parseCorrection } from './identity-correction.usecases.ts';

// The reception's page (/agents/accueil): the scan or the typed reference, the booking and the two
// identities side by side, and the correction's form for those who may correct. Each use case returns
// the page's model; the view is pure.

/** A refusal shown on the page: its code, the day for `wrong_day`, the fields for a 422. */
export interface PageError {
  code: string;
  date?: string;
  fields?: FieldError[];
}

/** What the correction's form shows after its POST. */
export interface CorrectionState {
  corrected?: (keyof IdentityValues)[];
  errors: FieldError[];
  code?: string;
  typed?: Record<string, string>;
}

/** /agents/accueil: the form, and after a scan the booking or why it was refused. */
export interface CheckInPage {
  principal: Principal;
  qr: string;
  reference: string;
  result?: CheckedIn & { canCorrect: boolean; scanned: string };
  error?: PageError;
  correction?: CorrectionState;
  status?: number;
}

/** The empty form (403 without booking.check_in anywhere). */
export function checkInPage(principal: Principal): CheckInPage {
  coverageFor(principal, 'booking.check_in');
  return { principal, qr: '', reference: '' };
}

/** A refusal a person at the reception needs to hear about; the rule's own 403s stay errors. */
function shown(error: unknown): error is AppError {
  return error instanceof AppError && error.code !== 'not_permitted' && error.code !== 'out_of_scope';
}

/** The form's input: what a scanner typed into the code's field may also be a reference typed there. */
function inputOf(body: Body) {
  const qr = (text(body, 'qr') ?? '').slice(0, 2000);
  const reference = (text(body, 'reference') ?? '').slice(0, 40);
  if (reference === '' && isCode('reference', normaliseReference(qr))) return { qr: '', reference: qr };
  return { qr, reference };
}

async function run(deps: CheckInDeps, acting: Acting, typed: { qr: string; reference: string }) {
  const checkedIn = await checkIn(deps, acting, parseCheckIn(typed));
  const canCorrect = allows(acting.principal, 'booking.correct_identity', placeOf(checkedIn.appointment));
  return { ...checkedIn, canCorrect, scanned: typed.qr };
}

/** The form's POST: the check-in, then the page with the booking, or with what refused it. */
export async function checkInFromPage(deps: CheckInDeps, acting: Acting, body: Body): Promise<CheckInPage> {
  const typed = inputOf(body);
  try {
    return { principal: acting.principal, qr: '', reference: '', result: await run(deps, acting, typed) };
  } catch (error) {
    if (!shown(error)) throw error;
    return { principal: acting.principal, ...typed, qr: '', error: errorOf(error), status: error.status };
  }
}

function errorOf(error: AppError): PageError {
  const date = error.details?.date;
  return {
    code: error.code,
    ...(typeof date === 'string' ? { date } : {}),
    ...(error.fields ? { fields: error.fields } : {}),
  };
}

const TYPED = ['lastName', 'firstName', 'birthDate', 'foreignerNumber', 'reason'] as const;

/** The correction's POST: corrected, then the booking shown again beside the code scanned, if any. */
export async function correctFromPage(deps: CheckInDeps, acting: Acting, body: Body): Promise<CheckInPage> {
  const reference = (text(body, 'reference') ?? '').slice(0, 40);
  const scanned = (text(body, 'qr') ?? '').slice(0, 2000);
  let correction: CorrectionState;
  let status: number | undefined;
  try {
    const done = await correctIdentity(deps, acting, { reference, correction: parseCorrection(body) });
    correction = { corrected: done.corrected, errors: [] };
  } catch (error) {
    if (!shown(error) || error.status === 404) throw error;
    const typed = Object.fromEntries(TYPED.map((name) => [name, (text(body, name) ?? '').slice(0, 500)]));
    correction = { errors: error.fields ?? [], code: error.code, typed };
    status = error.status;
  }
  const again = scanned !== '' ? { qr: scanned, reference: '' } : { qr: '', reference };
  try {
    const result = await run(deps, acting, again);
    return {
      principal: acting.principal,
      qr: '',
      reference: '',
      result,
      correction,
      ...(status ? { status } : {}),
    };
  } catch (error) {
    if (!shown(error)) throw error;
    return { principal: acting.principal, qr: '', reference, error: errorOf(error), status: error.status };
  }
}
