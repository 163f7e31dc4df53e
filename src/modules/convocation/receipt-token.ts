// The signed code of a request's receipt (récépissé, PRODUCT §5): printed as a QR code on the receipt
// and given by the API, it proves that Créneau recorded this request, with these choices, at that time.
//
// Same key and format as the convocation's code (qr-token.ts) under its own version prefix, `r1`: the
// prefix is inside what is signed, so a receipt's code can never be presented as a convocation's (the
// counter's check refuses any other prefix) nor the reverse.
//
// Personal data: none. A receipt names its request by its label, the pseudonym the draw publishes;
// the person's identity is tied to it only behind the emailed link.

import { createPublicKey, type KeyObject } from 'node:crypto';
import { keyPairFor, openFields, signFields } from './qr-token.ts';

/** What a receipt asserts. */
export interface ReceiptClaims {
  label: string;
  procedureId: number;
  siteIds: number[];
  /** `mon-am` … `sun-pm`; empty: any. */
  halfDays: string[];
  /** YYYY-MM-DD, or null: any date. */
  earliest: string | null;
  /** When the request was last submitted (created or its choices updated), ISO 8601 in UTC. */
  submittedAt: string;
  /** When this receipt was signed, ISO 8601 in UTC: its timestamp. */
  issuedAt: string;
}

export type ReceiptVerification =
  | { ok: true; claims: ReceiptClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' };

const VERSION = 'r1';

/** Whether a code claims to be a receipt's (its prefix); its signature is checked by `verifyReceipt`. */
export function looksLikeReceipt(code: string): boolean {
  return code.trim().startsWith(`${VERSION}.`);
}

/** Signs a receipt's claims with the server's key. */
export function signReceipt(claims: ReceiptClaims, secretKey: string): string {
  return signFields(
    VERSION,
    [
      claims.label,
      claims.procedureId,
      claims.siteIds,
      claims.halfDays,
      claims.earliest,
      claims.submittedAt,
      claims.issuedAt,
    ],
    secretKey,
  );
}

/** Checks a receipt's code with the key derived from the server's secret. */
export function verifyReceipt(code: string, secretKey: string): ReceiptVerification {
  return verifyWith(code, keyPairFor(secretKey).publicKey);
}

/** Checks a receipt's code with the public key only (`convocationPublicKey`), as anyone may. */
export function verifyReceiptWithPublicKey(code: string, publicKeyPem: string): ReceiptVerification {
  return verifyWith(code, createPublicKey(publicKeyPem));
}

function verifyWith(code: string, publicKey: KeyObject): ReceiptVerification {
  const opened = openFields(code, VERSION, publicKey);
  if (!opened.ok) return opened;
  const claims = parseClaims(opened.fields);
  return claims ? { ok: true, claims } : { ok: false, reason: 'malformed' };
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function parseClaims(fields: unknown): ReceiptClaims | null {
  if (!Array.isArray(fields) || fields.length !== 7) return null;
  const [label, procedureId, siteIds, halfDays, earliest, submittedAt, issuedAt] = fields as unknown[];
  if (
    !isString(label) ||
    !isInteger(procedureId) ||
    !Array.isArray(siteIds) ||
    !siteIds.every(isInteger) ||
    !Array.isArray(halfDays) ||
    !halfDays.every(isString) ||
    !(earliest === null || isString(earliest)) ||
    !isString(submittedAt) ||
    !isString(issuedAt)
  ) {
    return null;
  }
  return { label, procedureId, siteIds, halfDays, earliest, submittedAt, issuedAt };
}
