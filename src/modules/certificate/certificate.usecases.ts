import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Locale } from '../../db/schema.ts';
import { type ApplicantInput, validateApplicant } from '../booking/applicant.ts';
import { type CertificateOffice, renderCertificatePdf } from '../convocation/certificate.pdf.ts';
import { type CertificateClaims, signCertificate } from '../convocation/certificate-token.ts';
import type { Captcha } from '../protection/captcha.ts';
import { requestErrors } from '../requests/requests.errors.ts';
import type { RequestDetails } from '../requests/requests.repository.ts';
import { lastPublishedDay } from '../schedule/release-policy.ts';
import { addDays, localDate } from '../schedule/timezone.ts';
import { listOffices } from '../schedule/week.repository.ts';
import {
  type CertificateProcedure,
  findCertificateProcedure,
  findRequestIdentity,
  findWaitingRequest,
  listBookingHorizons,
  listDrawSites,
} from './certificate.repository.ts';
import type { CertificateForm } from './certificate.views.ts';

// The certificate of unavailability (PRODUCT §2.3, §4.6; issue 9 item 8): at the moment it is asked
// for, what the journey's step 2 would find for the procedure in the département — every office, the
// days published, the first free slot — and the identity's request waiting for a draw, signed.
// Nothing is stored: the signed code carries everything the certificate states.

/** What the certificate's use cases need. */
export interface CertificateDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'secretKey' | 'publicUrl'>;
  captcha: Pick<Captcha, 'enabled' | 'verify'>;
}

/** Whom a certificate is about: the identity as typed or as the request holds it, and its key. */
export interface CertificatePerson {
  lastName: string;
  firstName: string;
  birthDate: string;
  foreignerNumber: string | null;
  identityKey: string;
}

/** A certificate made: the PDF and a file name that names no one. */
export interface IssuedCertificate {
  pdf: Buffer;
  filename: string;
  code: string;
}

interface Search {
  today: string;
  offices: (CertificateOffice & { siteId: number; nextFreeIso: string | null })[];
  nextFree: Date | null;
}

/** Every office of the procedure in the département as step 2 sees it now: booking first, then draw. */
async function searchOffices(deps: Pick<CertificateDeps, 'db'>, procedure: CertificateProcedure, now: Date) {
  const { departmentCode, id: procedureId, timezone } = procedure;
  const [offices, horizons, drawSites] = await Promise.all([
    listOffices(deps.db, { departmentCode, procedureId, now }),
    listBookingHorizons(deps.db, departmentCode, procedureId),
    listDrawSites(deps.db, departmentCode, procedureId),
  ]);
  const today = localDate(now, timezone);
  const booking = offices.map((office) => {
    const horizon = horizons.find((h) => h.offerId === office.offerId);
    const lastDay = horizon ? lastPublishedDay(horizon, today) : addDays(today, -1);
    const capped = horizon ? addDays(today, horizon.publicationDays - 1) : lastDay;
    return {
      siteId: office.siteId,
      name: office.name,
      address: office.address,
      channel: 'booking' as const,
      through: lastDay < capped ? lastDay : capped,
      nextFree: office.nextFree,
      nextFreeIso: office.nextFree?.toISOString() ?? null,
    };
  });
  const draw = drawSites.map((site) => ({
    ...site,
    channel: 'draw' as const,
    through: null,
    nextFree: null,
    nextFreeIso: null,
  }));
  const firsts = booking.flatMap((office) => (office.nextFree ? [office.nextFree] : []));
  const nextFree = firsts.length === 0 ? null : new Date(Math.min(...firsts.map((d) => d.getTime())));
  return { today, offices: [...booking, ...draw], nextFree } satisfies Search;
}

/**
 * Issues the certificate of a person for a procedure in a département, signed now. With `emailKey`
 * (the form, where anyone may type any identity) the waiting request is stated only when it was
 * submitted with that address too: the identity alone does not reveal it (decision 0030).
 */
export async function issueCertificate(
  deps: Pick<CertificateDeps, 'db' | 'clock' | 'config'>,
  input: { procedure: CertificateProcedure; person: CertificatePerson; emailKey?: string; locale: Locale },
): Promise<IssuedCertificate> {
  const { procedure, person } = input;
  const now = deps.clock.now();
  // Both lookups run whoever the person is, so that the answer takes the same work for anyone.
  const [search, waiting] = await Promise.all([
    searchOffices(deps, procedure, now),
    findWaitingRequest(deps.db, procedure.id, person.identityKey),
  ]);
  const request =
    waiting && (input.emailKey === undefined || waiting.emailKey === input.emailKey) ? waiting : null;
  const claims: CertificateClaims = {
    issuedAt: now.toISOString(),
    lastName: person.lastName,
    firstName: person.firstName,
    birthDate: person.birthDate,
    procedureId: procedure.id,
    departmentCode: procedure.departmentCode,
    searchedFrom: search.today,
    offices: search.offices.map((o) => ({
      siteId: o.siteId,
      channel: o.channel,
      through: o.through,
      nextFree: o.nextFreeIso,
    })),
    nextFree: search.nextFree?.toISOString() ?? null,
    request: request && {
      label: request.label,
      lost: request.lost,
      createdAt: request.createdAt.toISOString(),
    },
  };
  const code = signCertificate(claims, deps.config.secretKey);
  const pdf = await renderCertificatePdf({
    ...person,
    issuedAt: now,
    timezone: procedure.timezone,
    procedureTitle: procedure.title,
    departmentName: `${procedure.departmentName} (${procedure.departmentCode})`,
    searchedFrom: search.today,
    offices: search.offices,
    nextFree: search.nextFree,
    request,
    requestLookup: input.emailKey === undefined ? 'person' : 'typed',
    code,
    verifyUrl: `${deps.config.publicUrl}/verifier`,
    locale: input.locale,
  });
  return { pdf, code, filename: `attestation-indisponibilite-${search.today}.pdf` };
}

/** The certificate of the person a request is for, from the request's page (behind its emailed link). */
export async function requestCertificate(
  deps: Pick<CertificateDeps, 'db' | 'clock' | 'config'>,
  details: RequestDetails,
  locale: Locale,
): Promise<IssuedCertificate> {
  const departmentCode = details.sites[0]?.departmentCode;
  const [procedure, person] = await Promise.all([
    departmentCode ? findCertificateProcedure(deps.db, departmentCode, details.procedureCode) : undefined,
    findRequestIdentity(deps.db, details.id),
  ]);
  if (!procedure || !person) throw requestErrors.requestNotFound();
  return issueCertificate(deps, { procedure, person, locale });
}

/** The form's address names a procedure of a département: its form, or undefined (a 404). */
export async function certificateForm(
  deps: Pick<CertificateDeps, 'db' | 'captcha'>,
  input: { code: string; procedureCode: string },
): Promise<CertificateForm | undefined> {
  const procedure = await findCertificateProcedure(deps.db, input.code, input.procedureCode);
  if (!procedure) return undefined;
  return { procedure, applicant: emptyApplicant(), errors: [], captcha: deps.captcha.enabled, failed: false };
}

function emptyApplicant(): ApplicantInput {
  return { lastName: '', firstName: '', birthDate: '', email: '', foreignerNumber: '' };
}

// The certificate asks for the identity only: no permit window, no postal code, no phone.
const IDENTITY_ONLY = {
  requiresForeignerNumber: false,
  requiresTitleExpiry: false,
  requiresPostalCode: false,
  titleExpiryWithinDays: null,
  titleExpiredSinceDays: null,
};

/**
 * The form's button: checks the fields (every invalid one named, 422), then the proof of work (403),
 * then issues the certificate. Nothing is stored either way.
 */
export async function submitCertificateForm(
  deps: CertificateDeps,
  input: { code: string; procedureCode: string; applicant: ApplicantInput; altcha?: string; locale: Locale },
): Promise<IssuedCertificate | CertificateForm | undefined> {
  const procedure = await findCertificateProcedure(deps.db, input.code, input.procedureCode);
  if (!procedure) return undefined;
  const typed: ApplicantInput = {
    lastName: input.applicant.lastName,
    firstName: input.applicant.firstName,
    birthDate: input.applicant.birthDate,
    email: input.applicant.email,
    foreignerNumber: input.applicant.foreignerNumber ?? '',
  };
  const today = localDate(deps.clock.now(), procedure.timezone);
  const result = validateApplicant(typed, IDENTITY_ONLY, procedure.departmentCode, today);
  const form = { procedure, applicant: typed, captcha: deps.captcha.enabled };
  if (!result.ok) return { ...form, errors: result.fields, failed: false };
  // Checked after the fields, so that a typo does not cost a new proof of work.
  if (!(await deps.captcha.verify(input.altcha, 'certificate'))) return { ...form, errors: [], failed: true };
  const { applicant } = result;
  const person = {
    lastName: applicant.lastName,
    firstName: applicant.firstName,
    birthDate: applicant.birthDate,
    foreignerNumber: applicant.foreignerNumber,
    identityKey: applicant.identityKey,
  };
  return issueCertificate(deps, { procedure, person, emailKey: applicant.emailKey, locale: input.locale });
}

/** Whether a form's answer is the certificate itself. */
export function isIssued(value: unknown): value is IssuedCertificate {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as IssuedCertificate).pdf);
}
