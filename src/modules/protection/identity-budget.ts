import { createHmac } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { countSubmission, deleteIdentityWindowsStartedBy } from './identity-budget.repository.ts';

// One budget of online submissions per identity (issue 9 point 9, decision 0033): the write budget
// bounds what one address may send, this bounds what may be sent about one person, from any number
// of addresses and emails. A fixed window of a day, opened by the identity's first submission.

/** The window of the identity budget; REQUEST_UPDATES_PER_DAY submissions fit in one. */
export const IDENTITY_WINDOW_MS = 86_400_000;

/** The row key of an identity: a keyed hash, so that the table holds no foreigner number nor name. */
export function identityBudgetKey(secretKey: string, identityKey: string): string {
  return createHmac('sha256', secretKey).update(`identity-budget:${identityKey}`).digest('base64url');
}

/**
 * Counts one submission for `identityKey`; past `max` in the window, refuses it with 429
 * `rate_limited` and the seconds until the window ends (its Retry-After). Never names the identity.
 */
export async function spendIdentitySubmission(
  deps: { db: Db; clock: Clock; secretKey: string },
  input: { identityKey: string; max: number },
): Promise<void> {
  const now = deps.clock.now();
  const row = await countSubmission(
    deps.db,
    identityBudgetKey(deps.secretKey, input.identityKey),
    now,
    IDENTITY_WINDOW_MS,
  );
  if (row.used <= input.max) return;
  // Instances' clocks differ by a little: never announce a wait outside (0, window].
  const ttlMs = Math.min(
    IDENTITY_WINDOW_MS,
    Math.max(1, row.windowStart.getTime() + IDENTITY_WINDOW_MS - now.getTime()),
  );
  throw identityOverBudget(Math.ceil(ttlMs / 1_000));
}

/** The 429 of an identity over its budget, with its Retry-After. */
export function identityOverBudget(seconds: number): AppError {
  return new AppError(
    429,
    'rate_limited',
    'Trop de demandes pour cette personne aujourd’hui : réessayez plus tard.',
    undefined,
    undefined,
    { 'retry-after': String(seconds) },
  );
}

/** Deletes the windows over at `now`: an identity without a row simply has its whole budget. */
export async function purgeIdentityBudget(db: Db, now: Date): Promise<number> {
  return deleteIdentityWindowsStartedBy(db, new Date(now.getTime() - IDENTITY_WINDOW_MS));
}
