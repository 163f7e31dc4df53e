import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * A fresh token for an emailed link: 256 random bits, base64url. Only its SHA-256 is stored, so the
 * database alone never yields a usable link.
 */
export function newToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** The stored form of a token. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** True when a string can be one of our tokens at all (43 base64url characters). */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Crockford's base 32 without I, L, O, U: nothing to confuse when read over the phone or at a counter. */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A booking reference such as "74-K7M3-QX9P": the département, then 40 random bits. */
export function newReference(departmentCode: string): string {
  const pick = () => ALPHABET[randomInt(ALPHABET.length)];
  const group = () => Array.from({ length: 4 }, pick).join('');
  return `${departmentCode}-${group()}-${group()}`;
}

/** References are typed by people: accept lower case and surrounding spaces. */
export function normaliseReference(reference: string): string {
  return reference.trim().toUpperCase();
}
