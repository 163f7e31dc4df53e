import assert from 'node:assert/strict';
import {
  type ApplicantInput,
  type ApplicantResult,
  type FieldError,
  type ProcedureRules,
  validateApplicant,
} from './applicant.ts';

// The applicants and procedures the applicant-*.test.ts files validate, and assertions on the result.

export const TODAY = '2026-03-15';

export const base: ApplicantInput = {
  lastName: 'Diallo',
  firstName: 'Aminata',
  birthDate: '1990-06-01',
  email: 'aminata.diallo@example.fr',
};

export const noRules: ProcedureRules = {
  requiresForeignerNumber: false,
  requiresTitleExpiry: false,
  requiresPostalCode: false,
  titleExpiryWithinDays: null,
  titleExpiredSinceDays: null,
};

// seeds/001: permit expiring within three months or expired less than six months ago.
export const renewal: ProcedureRules = {
  requiresForeignerNumber: true,
  requiresTitleExpiry: true,
  requiresPostalCode: true,
  titleExpiryWithinDays: 92,
  titleExpiredSinceDays: 183,
};

export const renewalInput: ApplicantInput = {
  ...base,
  foreignerNumber: '7501234567',
  titleExpiry: '2026-04-30',
  postalCode: '74000',
};

export function validate(
  input: Partial<ApplicantInput>,
  rules = noRules,
  department = '74',
): ApplicantResult {
  return validateApplicant({ ...base, ...input }, rules, department, TODAY);
}

export function accepted(result: ApplicantResult) {
  if (!result.ok) assert.fail(`expected the applicant to be accepted, got ${JSON.stringify(result.fields)}`);
  return result.applicant;
}

export function refused(result: ApplicantResult): FieldError[] {
  if (result.ok) assert.fail('expected the applicant to be refused');
  return result.fields;
}

/** The single error the result carries, asserting there is exactly one. */
export function onlyError(result: ApplicantResult): FieldError {
  const fields = refused(result);
  assert.equal(fields.length, 1, JSON.stringify(fields));
  return fields[0] as FieldError;
}
