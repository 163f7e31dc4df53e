// The signed code of a certificate of unavailability (attestation d'indisponibilité, PRODUCT §2.3 and
// §4.6): printed as a QR code and as text on the certificate, it proves that Créneau found, at that
// time, what the certificate states — the offices and dates searched, the next free date, the person's
// pending request — so that a judge or a lawyer can check a printed copy.
//
// Same key and format as the convocation's code (qr-token.ts) under its own version prefix, `a1`: the
// prefix is inside what is signed, so a certificate can never pass for a convocation or a receipt.
//
// Personal data: the names and birth date, as on a convocation's code (without them the certificate
// proves nothing about whom it concerns); no email, no foreigner number. The request is named by its
// label, the pseudonym the draw publishes.

import { createPublicKey, type KeyObject } from 'node:crypto';
import { keyPairFor, openFields, signFields } from './qr-token.ts';

/** One office searched: by booking (the dates published, the first free slot) or allocated by draw. */
export interface SearchedOffice {
  siteId: number;
  channel: 'booking' | 'draw';
  /** Booking: the last local day published (YYYY-MM-DD), before `searchedFrom` when none is. Draw: null. */
  through: string | null;
  /** Booking: the start of its first free slot, ISO 8601 in UTC, or null when none. Draw: null. */
  nextFree: string | null;
}

/** The identity's request of the procedure waiting for a draw, as the certificate states it. */
export interface PendingRequest {
  label: string;
  /** Draws it took part in without getting a seat. */
  lost: number;
  /** When it was first submitted, ISO 8601 in UTC: the waiting time starts there. */
  createdAt: string;
}

/** What a certificate asserts. */
export interface CertificateClaims {
  /** When it was issued, ISO 8601 in UTC. */
  issuedAt: string;
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  procedureId: number;
  departmentCode: string;
  /** The offices' local date at issue, the first day searched. */
  searchedFrom: string;
  /** In ascending order of `siteId`. */
  offices: SearchedOffice[];
  /** The earliest of the offices' first free slots, or null: none. */
  nextFree: string | null;
  request: PendingRequest | null;
}

export type CertificateVerification =
  | { ok: true; claims: CertificateClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' };

const VERSION = 'a1';

/** Whether a code claims to be a certificate's (its prefix); `verifyCertificate` checks its signature. */
export function looksLikeCertificate(code: string): boolean {
  return code.trim().startsWith(`${VERSION}.`);
}

/**
 * The canonical payload: a JSON array in a fixed order, offices as `[siteId, channel, through,
 * nextFree]` sorted by site, the request as `[label, lost, createdAt]` or null.
 */
function fieldsOf(claims: CertificateClaims): unknown[] {
  const offices = [...claims.offices]
    .sort((a, b) => a.siteId - b.siteId)
    .map((office) => [office.siteId, office.channel, office.through, office.nextFree]);
  const request = claims.request && [claims.request.label, claims.request.lost, claims.request.createdAt];
  return [
    claims.issuedAt,
    claims.lastName,
    claims.firstName,
    claims.birthDate,
    claims.procedureId,
    claims.departmentCode,
    claims.searchedFrom,
    offices,
    claims.nextFree,
    request,
  ];
}

/** Signs a certificate's claims with the server's key. */
export function signCertificate(claims: CertificateClaims, secretKey: string): string {
  return signFields(VERSION, fieldsOf(claims), secretKey);
}

/** Checks a certificate's code with the key derived from the server's secret. */
export function verifyCertificate(code: string, secretKey: string): CertificateVerification {
  return verifyWith(code, keyPairFor(secretKey).publicKey);
}

/** Checks a certificate's code with the public key only (`convocationPublicKey`), as anyone may. */
export function verifyCertificateWithPublicKey(code: string, publicKeyPem: string): CertificateVerification {
  return verifyWith(code, createPublicKey(publicKeyPem));
}

function verifyWith(code: string, publicKey: KeyObject): CertificateVerification {
  const opened = openFields(code, VERSION, publicKey);
  if (!opened.ok) return opened;
  const claims = parseClaims(opened.fields);
  return claims ? { ok: true, claims } : { ok: false, reason: 'malformed' };
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): value is string | null => value === null || isString(value);

function parseOffice(value: unknown): SearchedOffice | null {
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [siteId, channel, through, nextFree] = value as unknown[];
  if (!isInteger(siteId) || (channel !== 'booking' && channel !== 'draw')) return null;
  if (!isStringOrNull(through) || !isStringOrNull(nextFree)) return null;
  return { siteId, channel, through, nextFree };
}

function parseRequest(value: unknown): PendingRequest | null | undefined {
  if (value === null) return null;
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [label, lost, createdAt] = value as unknown[];
  return isString(label) && isInteger(lost) && isString(createdAt) ? { label, lost, createdAt } : undefined;
}

function parseClaims(fields: unknown): CertificateClaims | null {
  if (!Array.isArray(fields) || fields.length !== 10) return null;
  const [issuedAt, lastName, firstName, birthDate, procedureId, departmentCode, searchedFrom, ...rest] =
    fields as unknown[];
  const [rawOffices, nextFree, rawRequest] = rest;
  if (
    ![issuedAt, lastName, firstName, birthDate, departmentCode, searchedFrom].every(isString) ||
    !isInteger(procedureId) ||
    !Array.isArray(rawOffices) ||
    !isStringOrNull(nextFree)
  ) {
    return null;
  }
  const offices = rawOffices.map(parseOffice);
  const request = parseRequest(rawRequest);
  if (offices.some((office) => office === null) || request === undefined) return null;
  return {
    issuedAt: issuedAt as string,
    lastName: lastName as string,
    firstName: firstName as string,
    birthDate: birthDate as string,
    procedureId,
    departmentCode: departmentCode as string,
    searchedFrom: searchedFrom as string,
    offices: offices as SearchedOffice[],
    nextFree,
    request,
  };
}
