// The sign-in throttle as a pure rule (decision 0021): failures are counted per account and per client
// address; past a few, each attempt must wait a delay that doubles with every failure; past more, the
// key is locked for a while. An attempt counts as a failure from the moment it is allowed until the
// sign-in completes, so that a burst of parallel requests cannot slip many guesses into one delay.

/** The figures of one kind of key. */
export interface ThrottlePolicy {
  /** Failures allowed without any delay. */
  freeFailures: number;
  /** Failures after which the next attempt locks the key. */
  lockAfter: number;
  lockMs: number;
  /** The longest delay between two attempts. */
  maxDelayMs: number;
  /** A key whose last failure is older than this starts again from nothing. */
  forgetAfterMs: number;
}

/** An account (or an unknown email): 3 free failures, then 1 s, 2 s, 4 s… up to 60 s; locked 15 min at 10. */
export const ACCOUNT_THROTTLE: ThrottlePolicy = {
  freeFailures: 3,
  lockAfter: 10,
  lockMs: 15 * 60_000,
  maxDelayMs: 60_000,
  forgetAfterMs: 60 * 60_000,
};

/**
 * A client address: a préfecture's agents may all sign in from behind one proxy, so the figures are
 * ten times the account's — it stops one machine trying many accounts, not an office working.
 */
export const ADDRESS_THROTTLE: ThrottlePolicy = {
  freeFailures: 30,
  lockAfter: 100,
  lockMs: 15 * 60_000,
  maxDelayMs: 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** A key's row: failures counted, when the last one was, and the end of its lock. */
export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export type AttemptDecision =
  | { allowed: true; next: ThrottleState }
  | { allowed: false; reason: 'throttled'; retryAt: Date }
  /** `lockedNow`: this attempt is the one that locked it (the agent is told, once). */
  | { allowed: false; reason: 'locked'; until: Date; lockedNow: boolean; next?: ThrottleState };

/** The wait after `failures` failures before the next attempt: 0, then doubling from 1 s, capped. */
export function delayMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxDelayMs, 1000 * 2 ** (failures - policy.freeFailures));
}

/** Whether an attempt may go on now for a key in `state` (undefined: never failed), and its next state. */
export function decideAttempt(
  state: ThrottleState | undefined,
  now: Date,
  policy: ThrottlePolicy,
): AttemptDecision {
  const at = now.getTime();
  if (state?.lockedUntil && state.lockedUntil.getTime() > at) {
    return { allowed: false, reason: 'locked', until: state.lockedUntil, lockedNow: false };
  }
  // A lock that has ended, or failures long past, leave nothing behind.
  const stale =
    !state || state.lockedUntil !== null || at - state.lastFailureAt.getTime() > policy.forgetAfterMs;
  const failures = stale ? 0 : state.failures;
  if (failures >= policy.lockAfter) {
    const until = new Date(at + policy.lockMs);
    return {
      allowed: false,
      reason: 'locked',
      until,
      lockedNow: true,
      next: { failures, lastFailureAt: now, lockedUntil: until },
    };
  }
  const wait = delayMs(failures, policy);
  if (!stale && wait > 0 && state.lastFailureAt.getTime() + wait > at) {
    return { allowed: false, reason: 'throttled', retryAt: new Date(state.lastFailureAt.getTime() + wait) };
  }
  return { allowed: true, next: { failures: failures + 1, lastFailureAt: now, lockedUntil: null } };
}
