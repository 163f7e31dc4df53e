import type { ApplicantInput } from '../booking/applicant.ts';
import { applicantFromBody, type Body, text } from '../journey/journey.input.ts';
import { DEPARTMENT_CODE, PROCEDURE_CODE } from '../territory/directory.input.ts';

// What the certificate's form reads from a browser: the procedure it is about (in the query of the
// GET, in hidden fields of the POST) and, posted, the identity and the proof of work.

/** The procedure of a département the certificate is about. */
export interface CertificateAddress {
  code: string;
  procedureCode: string;
}

/** The address of the form for a procedure of a département (navigation only: nothing personal). */
export function certificateFormUrl(departmentCode: string, procedureCode: string): string {
  return `/attestation?${new URLSearchParams({ departement: departmentCode, demarche: procedureCode })}`;
}

/** The procedure named by `departement` and `demarche`; undefined when they cannot name one (a 404). */
export function parseCertificateAddress(source: unknown): CertificateAddress | undefined {
  const fields = (source ?? {}) as Body;
  const code = text(fields, 'departement') ?? '';
  const procedureCode = text(fields, 'demarche') ?? '';
  if (!DEPARTMENT_CODE.test(code) || !PROCEDURE_CODE.test(procedureCode)) return undefined;
  return { code, procedureCode };
}

/** The posted form: its procedure, the identity as typed, the proof of work. */
export function parseCertificateForm(
  rawBody: unknown,
): (CertificateAddress & { applicant: ApplicantInput; altcha: string | undefined }) | undefined {
  const address = parseCertificateAddress(rawBody);
  if (!address) return undefined;
  const body = (rawBody ?? {}) as Body;
  return { ...address, applicant: applicantFromBody(body), altcha: text(body, 'altcha') };
}
