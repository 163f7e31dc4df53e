/**
 * The security check of the booking journey (PRODUCT §4.3 step 3): a self-hosted ALTCHA proof of work.
 *
 * Protocol: ALTCHA PoW v2 (`altcha-lib` default export), not the legacy v1 (`altcha-lib/v1`). The 3.x
 * browser widget (`altcha` on npm) speaks v2 natively: it recognises a v2 challenge by its
 * `{ parameters, signature }` shape, solves it in Web Workers with a `uint32` counter, and puts
 * `base64(JSON.stringify({ challenge, solution }))` in its hidden `altcha` field; it still accepts a v1
 * challenge (`{ algorithm, challenge, salt, … }`) only to convert it for backward compatibility.
 *
 * Mode: deterministic. The server draws the counter, so every applicant does the same amount of work
 * (no unlucky ten-second solve on a phone), and verification re-derives the key from the submitted
 * counter: one key derivation, which binds every field of the submitted solution. The faster
 * HMAC-only path (`hmacKeySignatureSecret`) is not used because it ignores the counter.
 */
import { createHmac } from 'node:crypto';
import {
  type Challenge,
  createChallenge,
  randomInt,
  type Solution,
  solveChallenge,
  verifySolution,
} from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { deleteSpentChallengesBefore, spendChallenge } from './captcha.repository.ts';

/**
 * The write a challenge is for, signed into it (`parameters.data.action`): a challenge solved for one
 * form is refused by every other, so that a stock of solutions made for the cheapest write cannot be
 * spent on another.
 */
export const CAPTCHA_ACTIONS = ['booking', 'request', 'manage_link', 'certificate'] as const;
export type CaptchaAction = (typeof CAPTCHA_ACTIONS)[number];

export interface Captcha {
  enabled: boolean;
  /** A fresh signed challenge for `action`, as JSON for the widget / API clients. */
  challenge(action: CaptchaAction): Promise<unknown>;
  /**
   * True when `payload` solves a challenge we signed for `action`, not expired, and never used before
   * (replay refused).
   */
  verify(payload: string | undefined, action: CaptchaAction): Promise<boolean>;
}

export interface CaptchaOptions {
  db: Db;
  secretKey: string;
  clock: Clock;
  enabled: boolean;
  /** PBKDF2 iterations per attempt; tests pass 1. */
  cost?: number;
  expiresInSeconds?: number;
}

// PBKDF2 is native in every browser (SubtleCrypto) and bundled with the widget; Argon2id or scrypt
// would need WebAssembly workers to be served as well.
const ALGORITHM = 'PBKDF2/SHA-256';

// Work = cost × counter derivations. With 2,000 iterations per attempt and the counter drawn in
// [500, 1,500], a solve is 1 to 3 million PBKDF2-SHA-256 iterations (2 million on average). A cheap
// phone without SHA instructions runs about 1 million per second per core in WebCrypto, and the widget
// splits the counters across 4 workers on such a phone: ~0.5 s on average, 0.75 s at worst; a laptop
// needs about a tenth of that. Creating or verifying a challenge costs the server one attempt
// (~0.3 ms). Bots are slowed, not stopped: rate limits and the database constraints do the rest.
const DEFAULT_COST = 2_000;
const COUNTER_MIN = 500;
const COUNTER_MAX = 1_500;
const DEFAULT_EXPIRES_IN_SECONDS = 10 * 60;

// The widget's payload is about 1 KB; anything much larger is not from it and is refused unread.
const MAX_PAYLOAD_LENGTH = 8_192;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

// A spent challenge is kept this long past its expiry, so that an instance whose clock lags behind
// cannot accept a challenge whose row another instance has already purged.
const PURGE_GRACE_MS = 5 * 60 * 1_000;

/** Builds the proof-of-work check: challenges signed with a key derived from SECRET_KEY, spent in `captcha_use`. */
export function createCaptcha(options: CaptchaOptions): Captcha {
  const { db, clock, enabled } = options;
  const cost = options.cost ?? DEFAULT_COST;
  const expiresInSeconds = options.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS;
  if (!options.secretKey) throw new Error('The captcha needs a non-empty secret key.');
  // A key of its own, so that a captcha signature can never stand for another signed value of the app.
  const hmacSignatureSecret = createHmac('sha256', options.secretKey)
    .update('creneau/captcha/v2')
    .digest('hex');

  return {
    enabled,

    async challenge(action) {
      return createChallenge({
        algorithm: ALGORITHM,
        cost,
        counter: randomInt(COUNTER_MAX, COUNTER_MIN),
        data: { action },
        deriveKey,
        expiresAt: new Date(clock.now().getTime() + expiresInSeconds * 1_000),
        hmacSignatureSecret,
      });
    },

    async verify(payload, action) {
      if (!enabled) return true;
      const submitted = parsePayload(payload);
      if (!submitted) return false;
      const { challenge, solution } = submitted;
      // Checked before the signature, which covers it: a forged action fails there anyway.
      if (challenge.parameters.data?.action !== action) return false;
      const expiresAt = challenge.parameters.expiresAt;
      if (typeof expiresAt !== 'number' || expiresAt * 1_000 <= clock.now().getTime()) return false;
      try {
        // The library also compares the expiry with the system time: with a clock set in the past,
        // every challenge would look expired to it. Production uses the system clock.
        const result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret });
        if (!result.verified) return false;
      } catch {
        return false;
      }
      // Spent only once verified, so that forged payloads cannot fill the table; a replay spends nothing.
      return spendChallenge(db, challenge.signature, new Date(expiresAt * 1_000));
    },
  };
}

interface SubmittedPayload {
  challenge: Challenge & { signature: string };
  solution: Solution;
}

/** The widget's payload decoded, or undefined for anything that does not have its shape. */
function parsePayload(payload: string | undefined): SubmittedPayload | undefined {
  if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD_LENGTH || !BASE64.test(payload))
    return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(decoded)) return undefined;
  const { challenge, solution } = decoded;
  if (!isObject(challenge) || !isObject(solution)) return undefined;
  const { parameters, signature } = challenge;
  if (!isObject(parameters) || typeof signature !== 'string') return undefined;
  if (parameters.algorithm !== ALGORITHM || typeof parameters.expiresAt !== 'number') return undefined;
  for (const field of ['nonce', 'salt', 'keyPrefix'] as const) {
    if (typeof parameters[field] !== 'string') return undefined;
  }
  if (!Number.isSafeInteger(parameters.cost) || !Number.isSafeInteger(parameters.keyLength)) return undefined;
  if (!isObject(parameters.data) || typeof parameters.data.action !== 'string') return undefined;
  if (!Number.isSafeInteger(solution.counter) || typeof solution.derivedKey !== 'string') return undefined;
  return {
    challenge: { parameters: parameters as unknown as Challenge['parameters'], signature },
    solution: { counter: solution.counter as number, derivedKey: solution.derivedKey },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Test and benchmark helper: solves a challenge the way the widget does and returns the payload string to submit. */
export async function solveForTest(challenge: unknown): Promise<string> {
  const signed = challenge as Challenge;
  // The widget counts from 0 in uint32 mode (split across workers), then encodes exactly this shape.
  const solution = await solveChallenge({ challenge: signed, deriveKey, counterMode: 'uint32' });
  if (!solution) throw new Error('The challenge could not be solved in time.');
  return Buffer.from(
    JSON.stringify({ challenge: { ...signed, codeChallenge: undefined }, solution }),
  ).toString('base64');
}

/** Deletes spent-challenge rows past their expiry (called by a periodic job). */
export async function purgeSpentChallenges(db: Db, now: Date): Promise<number> {
  return deleteSpentChallengesBefore(db, new Date(now.getTime() - PURGE_GRACE_MS));
}
