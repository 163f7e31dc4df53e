import { Secret, TOTP } from 'otpauth';
import { openTokens, sealTokens } from '../notify/sealed-tokens.ts';

// The second factor: RFC 6238 codes (6 digits, 30 s, SHA-1, what every authenticator app reads)
// through otpauth. The secret is stored sealed with SECRET_KEY; a code is accepted once — the step it
// belongs to must be later than the last one accepted for the agent.

const PERIOD_SECONDS = 30;
const SEAL_CONTEXT = 'agent.totp.v1';

/** A new random secret (160 bits), in base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function sealTotpSecret(secretKey: string, base32: string): Buffer {
  return sealTokens(secretKey, { totp: base32 }, SEAL_CONTEXT);
}

export function openTotpSecret(secretKey: string, sealed: Buffer): string {
  return openTokens(secretKey, sealed, SEAL_CONTEXT).totp ?? '';
}

/** The `otpauth://` URI an authenticator app scans (the enrolment QR code). */
export function totpUri(base32: string, account: string): string {
  return new TOTP({
    issuer: 'Créneau',
    label: account,
    secret: Secret.fromBase32(base32),
    period: PERIOD_SECONDS,
  }).toString();
}

/** The code of `base32` at `at` (for tests, the demo's printout and enrolment checks). */
export function totpCode(base32: string, at: Date): string {
  return TOTP.generate({
    secret: Secret.fromBase32(base32),
    period: PERIOD_SECONDS,
    timestamp: at.getTime(),
  });
}

/**
 * The time step of `code` if it is valid at `now` (the current step or either neighbour, for clocks
 * a little apart) and later than `lastStep`; undefined otherwise (wrong, stale or replayed).
 */
export function acceptedStep(
  base32: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(base32),
    period: PERIOD_SECONDS,
    timestamp: now.getTime(),
    window: 1,
  });
  if (delta === null) return undefined;
  const step = Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}
