import { createHmac } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import { type AuditActor, addressHash, recordAudit } from '../audit/audit.ts';
import { notify } from '../notify/notify.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { type AttemptClaim, claimAttempt, resetThrottle, type ThrottleKey } from './throttle.repository.ts';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE } from './throttle.ts';

// What the password step and the code step share: their dependencies, the throttle's keys, the
// refusal an over-eager client gets, and the audit entries of failures.

/** What the sign-in use cases need from the context. */
export interface SignInDeps {
  db: Db;
  clock: Clock;
  config: Config;
  /** Asks the outbox worker to send now (the lock's email). */
  wakeOutbox: () => void;
}

export const SIGN_IN_PAGE = '/agents/connexion';
export const CODE_PAGE = '/agents/connexion/code';

/** What the answer does to the session cookie: sets a new one (rotation), or clears it. */
export type SessionChange = { set: string } | { clear: true };

/** A use case's answer: the page or the redirect, and the cookie to set or clear. */
export interface Answer<M> {
  page: M | Redirect;
  session?: SessionChange;
}

/** Why an attempt was not even tried: too soon after the last failure, or the key is locked. */
export type Throttled = { code: 'throttled'; retryAfterSeconds: number } | { code: 'locked'; until: Date };

/** Which step of the sign-in an entry is about. */
export type SignInStep = 'password' | 'code';

/** The keys an attempt is counted on: the account (or, unknown, the typed email) and the address. */
export function throttleKeys(
  config: Pick<Config, 'secretKey'>,
  account: { agentId: number } | { email: string },
  address: string,
): ThrottleKey[] {
  // An unknown email is throttled like an account, under a keyed hash: the answers then say
  // nothing of whether the email is an agent's, and the table holds no address in clear.
  const accountKey =
    'agentId' in account
      ? `agent:${account.agentId}`
      : `email:${createHmac('sha256', `${config.secretKey}/sign-in-email`).update(account.email).digest('base64url').slice(0, 22)}`;
  return [
    { key: accountKey, policy: ACCOUNT_THROTTLE },
    { key: `address:${addressHash(config.secretKey, address)}`, policy: ADDRESS_THROTTLE },
  ];
}

/** The audit log's actor of a sign-in attempt: the account it names, if any, and the address. */
export function signInActor(
  config: Pick<Config, 'secretKey'>,
  agentId: number | null,
  address: string,
): AuditActor {
  return { agentId, addressHash: addressHash(config.secretKey, address) };
}

/**
 * Claims the attempt before any secret is checked (no hash work for a locked key). Refused, it writes
 * the failure's entry and, for each key it locked, the lock's entry — and the email to the agent
 * when their account is the key — in the same transaction.
 */
export async function claimSignInAttempt(
  deps: SignInDeps,
  options: { keys: ThrottleKey[]; actor: AuditActor; step: SignInStep },
): Promise<AttemptClaim> {
  const now = deps.clock.now();
  const { actor, step } = options;
  const claim = await deps.db.transaction().execute(async (trx) => {
    const claim = await claimAttempt(trx, options.keys, now);
    if (claim.allowed) return claim;
    for (const lock of claim.locked) {
      const by = lock.key.slice(0, lock.key.indexOf(':'));
      await recordAudit(
        trx,
        actor,
        {
          action: 'agent.lock',
          target: agentTarget(actor),
          after: { by, until: lock.until, failures: lock.failures },
        },
        now,
      );
      if (actor.agentId !== null && lock.key === `agent:${actor.agentId}`) {
        await notify(
          trx,
          {
            event: 'agent.locked',
            agentId: actor.agentId,
            locale: 'fr',
            params: { lockedUntil: lock.until.toISOString() },
          },
          deps.config,
        );
      }
    }
    await recordFailure(trx, actor, { step, reason: claim.reason }, now);
    return claim;
  });
  if (!claim.allowed && claim.locked.length > 0) deps.wakeOutbox();
  return claim;
}

/** The refusal a page shows for a refused claim. */
export function throttledOf(claim: Extract<AttemptClaim, { allowed: false }>, now: Date): Throttled {
  return claim.reason === 'locked'
    ? { code: 'locked', until: claim.retryAt }
    : {
        code: 'throttled',
        retryAfterSeconds: Math.max(1, Math.ceil((claim.retryAt.getTime() - now.getTime()) / 1000)),
      };
}

/** The entry of a failed attempt: which step, and why (a detail only the log keeps). */
export async function recordFailure(
  db: Executor,
  actor: AuditActor,
  failure: { step: SignInStep; reason: string; detail?: string },
  now: Date,
): Promise<void> {
  await recordAudit(
    db,
    actor,
    { action: 'agent.sign_in_failed', target: agentTarget(actor), after: { method: 'password', ...failure } },
    now,
  );
}

/** Forgets the failures of a completed sign-in's keys, in its transaction. */
export function forgetFailures(trx: Executor, keys: ThrottleKey[]): Promise<void> {
  return resetThrottle(trx, keys);
}

function agentTarget(actor: AuditActor) {
  return { type: 'agent', id: actor.agentId };
}
