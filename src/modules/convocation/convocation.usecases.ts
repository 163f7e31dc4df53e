import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { textsIn } from '../territory/localized-text.ts';
import { messagesFor } from '../web/i18n.ts';
import { renderIcs } from './calendar.ts';
import { type CertificateClaims, looksLikeCertificate, verifyCertificate } from './certificate-token.ts';
import { convocationMessages } from './convocation.messages.ts';
import { renderConvocationPdf } from './convocation.pdf.ts';
import {
  type ConvocationData,
  findCertificateContext,
  findConvocationData,
  findReceiptContext,
  findVerificationContext,
} from './convocation.repository.ts';
import { type ConvocationClaims, signConvocation, verifyConvocation } from './qr-token.ts';
import { looksLikeReceipt, type ReceiptClaims, verifyReceipt } from './receipt-token.ts';

export interface ConvocationDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'secretKey' | 'publicUrl'>;
}

/** The booking a convocation is made from; undefined when it does not exist. */
export function loadConvocation(deps: Pick<ConvocationDeps, 'db'>, bookingId: string) {
  return findConvocationData(deps.db, bookingId);
}

/** The convocation PDF of a booking, with its signed QR code pointing at `/verifier`. */
export function convocationPdf(deps: ConvocationDeps, data: ConvocationData): Promise<Buffer> {
  const claims: ConvocationClaims = {
    reference: data.reference,
    siteId: data.siteId,
    startsAt: data.startsAt.toISOString(),
    lastName: data.lastName,
    firstName: data.firstName,
    birthDate: data.birthDate,
  };
  return renderConvocationPdf({
    reference: data.reference,
    procedureTitle: data.procedureTitle,
    durationMinutes: data.durationMinutes,
    documents: data.documents,
    siteName: data.siteName,
    siteAddress: data.siteAddress,
    startsAt: data.startsAt,
    timezone: data.timezone,
    lastName: data.lastName,
    firstName: data.firstName,
    birthDate: data.birthDate,
    foreignerNumber: data.foreignerNumber,
    arrivalAdvice: data.arrivalAdvice,
    admissionRule: data.admissionRule,
    qrToken: signConvocation(claims, deps.config.secretKey),
    verifyUrl: `${deps.config.publicUrl}/verifier`,
    locale: data.locale,
  });
}

/** The calendar file of a booking: no identity in it, calendars get synchronised everywhere. */
export function convocationIcs(deps: ConvocationDeps, data: ConvocationData): string {
  const { language, calendar: t } = messagesFor(convocationMessages, data.locale);
  const advice = textsIn([data.arrivalAdvice, data.admissionRule], language);
  return renderIcs({
    reference: data.reference,
    title: t.title(data.procedureTitle),
    startsAt: data.startsAt,
    endsAt: data.endsAt,
    timezone: data.timezone,
    location: `${data.siteName}, ${data.siteAddress}`,
    description: [t.reference(data.reference), ...advice].join('\n'),
    url: `${deps.config.publicUrl}/rendez-vous/gerer`,
    now: deps.clock.now(),
  });
}

/**
 * The convocation PDF and calendar file of a booking, made when its email is sent, for the booking as
 * it is then; none for a booking no longer confirmed.
 */
export async function convocationFiles(deps: ConvocationDeps, bookingId: string): Promise<Attachment[]> {
  const data = await loadConvocation(deps, bookingId);
  if (!data || data.status !== 'confirmed') return [];
  return [
    {
      filename: `convocation-${data.reference}.pdf`,
      content: await convocationPdf(deps, data),
      contentType: 'application/pdf',
    },
    {
      filename: `rendez-vous-${data.reference}.ics`,
      content: convocationIcs(deps, data),
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    },
  ];
}

/** What the verification page shows for a code: a convocation's, a receipt's, or neither. */
export type Verification =
  | {
      genuine: true;
      kind: 'convocation';
      claims: ConvocationClaims;
      siteName: string | null;
      timezone: string;
      /** False when the booking has since been cancelled or moved: the paper is genuine but stale. */
      current: boolean;
    }
  | {
      genuine: true;
      kind: 'receipt';
      claims: ReceiptClaims;
      procedureTitle: string | null;
      siteNames: string[];
      timezone: string;
      /** The request now: still waiting as printed, changed since, or no longer waiting (or gone). */
      state: 'waiting' | 'updated' | 'ended';
    }
  | {
      genuine: true;
      kind: 'certificate';
      claims: CertificateClaims;
      procedureTitle: string | null;
      /** The offices' names by site id, as they are now. */
      siteNames: Map<number, string>;
      timezone: string;
    }
  | { genuine: false; kind: 'convocation' | 'receipt' | 'certificate' };

/**
 * Checks a code: a receipt's (prefix r1), a certificate's (a1) or a convocation's, its signature first, then whether what it
 * certifies still stands as printed.
 */
export async function verifyCode(deps: ConvocationDeps, code: string): Promise<Verification> {
  if (looksLikeReceipt(code)) return verifyReceiptCode(deps, code);
  if (looksLikeCertificate(code)) return verifyCertificateCode(deps, code);
  const result = verifyConvocation(code.slice(0, 2000), deps.config.secretKey);
  if (!result.ok) return { genuine: false, kind: 'convocation' };
  const { claims } = result;
  const { site, booking } = await findVerificationContext(deps.db, claims.siteId, claims.reference);
  const current =
    booking !== undefined &&
    ['pending', 'confirmed', 'attended'].includes(booking.status) &&
    booking.startsAt.toISOString() === claims.startsAt;
  return {
    genuine: true,
    kind: 'convocation',
    claims,
    siteName: site?.name ?? null,
    timezone: site?.timezone ?? 'Europe/Paris',
    current,
  };
}

async function verifyReceiptCode(deps: ConvocationDeps, code: string): Promise<Verification> {
  const result = verifyReceipt(code.slice(0, 2000), deps.config.secretKey);
  if (!result.ok) return { genuine: false, kind: 'receipt' };
  const { claims } = result;
  const { procedure, sites, request } = await findReceiptContext(deps.db, claims);
  const state =
    request?.status !== 'waiting'
      ? 'ended'
      : request.updatedAt.toISOString() === claims.submittedAt
        ? 'waiting'
        : 'updated';
  return {
    genuine: true,
    kind: 'receipt',
    claims,
    procedureTitle: procedure?.title ?? null,
    siteNames: claims.siteIds.map((id) => sites.find((site) => site.id === id)?.name ?? `#${id}`),
    timezone: sites[0]?.timezone ?? 'Europe/Paris',
    state,
  };
}

async function verifyCertificateCode(deps: ConvocationDeps, code: string): Promise<Verification> {
  const result = verifyCertificate(code.slice(0, 2000), deps.config.secretKey);
  if (!result.ok) return { genuine: false, kind: 'certificate' };
  const { claims } = result;
  const siteIds = claims.offices.map((office) => office.siteId);
  const { procedure, sites, department } = await findCertificateContext(deps.db, {
    procedureId: claims.procedureId,
    siteIds,
    departmentCode: claims.departmentCode,
  });
  return {
    genuine: true,
    kind: 'certificate',
    claims,
    procedureTitle: procedure?.title ?? null,
    siteNames: new Map(sites.map((site) => [site.id, site.name])),
    timezone: department?.timezone ?? 'Europe/Paris',
  };
}
