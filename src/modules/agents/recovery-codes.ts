import { createHash, randomBytes } from 'node:crypto';

// Ten single-use codes for an agent who lost their authenticator, shown once at enrolment and kept as
// SHA-256: 50 random bits each, in an alphabet without the look-alikes 0/O and 1/I, read in two
// groups of five ("K7QMR-2XWPD"). Typed back in any case, with or without the dash.

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // 32 symbols: 5 bits each, no bias
export const RECOVERY_CODE_COUNT = 10;

/** New recovery codes, in clear: the caller shows them once and stores their hashes. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const symbols = [...randomBytes(10)].map((byte) => ALPHABET[byte % 32]).join('');
    return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
  });
}

/** A typed code as stored: upper case, only the alphabet's symbols; '' when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string {
  const symbols = typed.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-HJ-NP-Z2-9]{10}$/.test(symbols) ? symbols : '';
}

/** The stored form of a code (normalized first). */
export function hashRecoveryCode(code: string): Buffer {
  return createHash('sha256').update(normalizeRecoveryCode(code), 'utf8').digest();
}
