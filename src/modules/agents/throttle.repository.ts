import type { Executor } from '../../db/database.ts';
import { type AttemptDecision, decideAttempt, type ThrottlePolicy } from './throttle.ts';

/** A key of sign_in_throttle ('agent:ID', 'email:HASH', 'address:HASH') and the figures it follows. */
export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/** What became of an attempt: allowed, or refused with the key's decision that refused it. */
export type AttemptClaim =
  | { allowed: true }
  | { allowed: false; reason: 'throttled' | 'locked'; retryAt: Date; locked: LockedKey[] };

/** A key that this attempt locked: its agent is told. */
export interface LockedKey {
  key: string;
  until: Date;
  failures: number;
}

/**
 * Claims one sign-in attempt on every key, in the caller's transaction: each key's row is locked (in
 * the keys' order, so that two attempts never wait on each other crosswise), decided, and written.
 * Refused on any key, the attempt counts nowhere — only the locks it triggered are written.
 */
export async function claimAttempt(
  trx: Executor,
  keys: readonly ThrottleKey[],
  now: Date,
): Promise<AttemptClaim> {
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  const decisions: { key: ThrottleKey; decision: AttemptDecision }[] = [];
  for (const key of sorted) {
    // One statement that creates or locks the row and reads it: a sign-in completing at the same
    // moment may delete the row (resetThrottle), which an insert followed by a select would miss.
    const row = await trx
      .insertInto('sign_in_throttle')
      .values({ key: key.key, failures: 0, last_failure_at: now, locked_until: null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({ failures: eb.ref('sign_in_throttle.failures') })),
      )
      .returning(['failures', 'last_failure_at as lastFailureAt', 'locked_until as lockedUntil'])
      .executeTakeFirstOrThrow();
    const state = row.failures === 0 && row.lockedUntil === null ? undefined : row;
    decisions.push({ key, decision: decideAttempt(state, now, key.policy) });
  }
  const refused = decisions.filter((d) => !d.decision.allowed);
  const locked: LockedKey[] = [];
  for (const { key, decision } of decisions) {
    const next = 'next' in decision ? decision.next : undefined;
    if (!next || (decision.allowed && refused.length > 0)) continue;
    await trx
      .updateTable('sign_in_throttle')
      .set({ failures: next.failures, last_failure_at: next.lastFailureAt, locked_until: next.lockedUntil })
      .where('key', '=', key.key)
      .execute();
    if (!decision.allowed && decision.reason === 'locked' && decision.lockedNow) {
      locked.push({ key: key.key, until: decision.until, failures: next.failures });
    }
  }
  if (refused.length === 0) return { allowed: true };
  const isLock = refused.some((d) => !d.decision.allowed && d.decision.reason === 'locked');
  const retryAt = new Date(
    Math.max(
      ...refused.map(({ decision: d }) =>
        d.allowed ? 0 : d.reason === 'locked' ? d.until.getTime() : d.retryAt.getTime(),
      ),
    ),
  );
  return { allowed: false, reason: isLock ? 'locked' : 'throttled', retryAt, locked };
}

/** Forgets the failures of the keys: a sign-in completed. */
export async function resetThrottle(db: Executor, keys: readonly ThrottleKey[]): Promise<void> {
  await db
    .deleteFrom('sign_in_throttle')
    .where(
      'key',
      'in',
      keys.map((key) => key.key),
    )
    .execute();
}
