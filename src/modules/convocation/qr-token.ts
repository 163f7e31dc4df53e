// The token printed as a QR code on a convocation, so that a counter can check it offline.
//
// Why Ed25519 rather than HMAC: an HMAC can only be checked by someone holding the secret, and a
// secret copied onto every scanning device at every counter is a secret that will leak — and with it
// the power to forge convocations. With a signature, the devices hold only the public key
// (`convocationPublicKey`): enough to verify, useless to forge. The key pair is derived from the
// server's SECRET_KEY, so there is no second secret to generate, store or back up, and every
// instance sharing SECRET_KEY signs with the same key.
//
// Format: `c1.<payload>.<signature>`, both parts base64url. The payload is a JSON array rather than an
// object (no field names: a smaller QR code), and the signature covers the text `c1.<payload>`, so
// the version cannot be swapped and any changed character breaks it.
//
// Personal data: the token carries the names and the birth date because the agent compares them with
// the identity document; without them a valid token proves nothing about who holds it. It carries
// nothing else (no email, no foreigner number, no procedure), because the QR code is printed on paper
// that the applicant carries around, loses, or hands to whoever helps them.

import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign, verify } from 'node:crypto';

/** What a convocation token asserts; the counter compares the identity with the document shown. */
export interface ConvocationClaims {
  reference: string;
  siteId: number;
  /** The start of the appointment, ISO 8601 in UTC. */
  startsAt: string;
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
}

export type VerifyResult =
  | { ok: true; claims: ConvocationClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' };

const VERSION = 'c1';
const SIGNATURE_BYTES = 64;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

// An Ed25519 private key in PKCS#8 DER is this fixed 16-byte header followed by the 32-byte seed
// (RFC 8410): the way to turn a derived seed into a key that node:crypto accepts.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

// Deriving is cheap but not free, and a server signs with one secret for its whole life.
const keyPairs = new Map<string, KeyPair>();

/**
 * The server's Ed25519 key pair, derived from SECRET_KEY: convocations and receipts are signed with it,
 * each under its own version prefix, so that one can never pass as the other.
 */
export function keyPairFor(secretKey: string): KeyPair {
  let pair = keyPairs.get(secretKey);
  if (pair === undefined) {
    if (secretKey.length < 16) throw new RangeError('The secret key is too short to sign convocations');
    // HKDF with a purpose-specific salt and info: the same SECRET_KEY used elsewhere (other tokens)
    // yields an unrelated key here, and a new key version only needs a new info string.
    const seed = Buffer.from(
      hkdfSync('sha256', secretKey, 'creneau/convocation', 'ed25519 signing key v1', 32),
    );
    const privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    pair = { privateKey, publicKey: createPublicKey(privateKey) };
    keyPairs.set(secretKey, pair);
  }
  return pair;
}

/** The public key (SPKI PEM) a scanning device needs to verify convocations without the secret. */
export function convocationPublicKey(secretKey: string): string {
  return keyPairFor(secretKey).publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

/** Signs the claims into a compact, URL-safe token small enough for a QR code. */
export function signConvocation(claims: ConvocationClaims, secretKey: string): string {
  const fields = [
    claims.reference,
    claims.siteId,
    claims.startsAt,
    claims.lastName,
    claims.firstName,
    claims.birthDate,
  ];
  return signFields(VERSION, fields, secretKey);
}

/**
 * `<version>.<payload>.<signature>`: the fields as a base64url JSON array, signed with the server's
 * key over `<version>.<payload>`, so that neither the version nor any character can be changed.
 */
export function signFields(version: string, fields: readonly unknown[], secretKey: string): string {
  const signed = `${version}.${Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url')}`;
  const signature = sign(null, Buffer.from(signed, 'ascii'), keyPairFor(secretKey).privateKey);
  return `${signed}.${signature.toString('base64url')}`;
}

/** Checks a token with the key derived from the server's secret. */
export function verifyConvocation(token: string, secretKey: string): VerifyResult {
  return verifyWith(token, keyPairFor(secretKey).publicKey);
}

/** Checks a token with the public key only, as a counter device would. */
export function verifyConvocationWithPublicKey(token: string, publicKeyPem: string): VerifyResult {
  return verifyWith(token, createPublicKey(publicKeyPem));
}

function verifyWith(token: string, publicKey: KeyObject): VerifyResult {
  const opened = openFields(token, VERSION, publicKey);
  if (!opened.ok) return opened;
  const claims = parseClaims(opened.fields);
  return claims === null ? { ok: false, reason: 'malformed' } : { ok: true, claims };
}

/**
 * The fields of a token of `signFields` with this version whose signature holds; `malformed` for any
 * other shape, version or spelling of the signature, `bad_signature` when it does not hold.
 */
export function openFields(
  token: string,
  version: string,
  publicKey: KeyObject,
): { ok: true; fields: unknown } | { ok: false; reason: 'malformed' | 'bad_signature' } {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [given, payload, signatureText] = parts as [string, string, string];
  if (given !== version || !BASE64URL.test(payload) || !BASE64URL.test(signatureText)) {
    return { ok: false, reason: 'malformed' };
  }
  const signature = Buffer.from(signatureText, 'base64url');
  // Buffer decoding is lenient: insist on the one canonical spelling, so that a token has one form.
  if (signature.length !== SIGNATURE_BYTES || signature.toString('base64url') !== signatureText) {
    return { ok: false, reason: 'malformed' };
  }
  if (!verify(null, Buffer.from(`${given}.${payload}`, 'ascii'), publicKey, signature)) {
    return { ok: false, reason: 'bad_signature' };
  }
  try {
    return { ok: true, fields: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

function parseClaims(fields: unknown): ConvocationClaims | null {
  if (!Array.isArray(fields) || fields.length !== 6) return null;
  const [reference, siteId, startsAt, lastName, firstName, birthDate] = fields as unknown[];
  if (
    typeof reference !== 'string' ||
    typeof siteId !== 'number' ||
    !Number.isInteger(siteId) ||
    typeof startsAt !== 'string' ||
    typeof lastName !== 'string' ||
    typeof firstName !== 'string' ||
    typeof birthDate !== 'string'
  ) {
    return null;
  }
  return { reference, siteId, startsAt, lastName, firstName, birthDate };
}
