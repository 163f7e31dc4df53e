import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { type AuditActor, recordAudit } from '../audit/audit.ts';
import type { Redirect } from '../web/web.plugin.ts';
import {
  FEDERATION_PATH,
  type Federation,
  FederationRefusal,
  FederationUnavailable,
  type RefusalReason,
} from './federation.client.ts';
import { agentByEmail, insertFlow, takeFlow } from './federation.repository.ts';
import { endSession, openSession } from './sessions.ts';

// Signing in through the identity federation (decision 0022): the agent is sent to the provider with a
// fresh state, nonce and PKCE verifier kept server-side; the provider's answer is checked against them
// and the email it vouches for names an existing, active account — never one created on the fly. Each
// outcome writes one audit entry.

export interface FederationDeps {
  db: Db;
  clock: Clock;
  config: Config;
  federation: Federation;
}

/** Why a federated sign-in failed, as the audit log records it. */
export type FailureReason =
  | RefusalReason
  | 'no_flow'
  | 'state_mismatch'
  | 'provider_unavailable'
  | 'no_email'
  | 'unknown_account'
  | 'inactive_account';

export const PROBLEMS = ['account', 'second_factor', 'unavailable', 'failed'] as const;

/** What the agent is told: the account, the second factor, the provider down, or the attempt failed. */
export interface FederationProblem {
  problem: (typeof PROBLEMS)[number];
}

/** The start's answer: the provider's address and the cookie that names the flow. */
export type FederationStart = (Redirect & { flowCookie: string }) | FederationProblem;

/**
 * The callback's answer, always a redirect so that the code and state leave the address bar: the
 * back office with a new session, or the page that tells the problem.
 */
export type FederationOutcome = Redirect & { sessionCookie?: string };

/** The page telling a problem, by its name in the address. */
export const PROBLEM_PATH = `${FEDERATION_PATH}/refus`;

/** The page between the callback and the back office (federation.views.ts says why). */
export const CONTINUE_PATH = `${FEDERATION_PATH}/suite`;

/** The problem a page's address names; anything else is a failed attempt. */
export function problemOf(name: string): FederationProblem {
  return { problem: PROBLEMS.find((problem) => problem === name) ?? 'failed' };
}

/** Prepares an authorization request and ends the session the browser had, if any. */
export async function startFederatedSignIn(
  deps: FederationDeps,
  input: { previousSession: string | undefined },
): Promise<FederationStart> {
  const flow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
  };
  let url: URL;
  try {
    url = await deps.federation.authorizationUrl(flow);
  } catch (error) {
    if (error instanceof FederationUnavailable) return { problem: 'unavailable' };
    throw error;
  }
  const now = deps.clock.now();
  const flowCookie = randomBytes(32).toString('base64url');
  await insertFlow(deps.db, flowCookie, flow, now);
  // Signing in again replaces the session: a cookie from before is worth nothing after.
  if (input.previousSession) await endSession(deps.db, input.previousSession, now);
  return { redirect: url.href, flowCookie };
}

/** Checks the provider's answer and opens a complete session for the account its email names. */
export async function finishFederatedSignIn(
  deps: FederationDeps,
  input: {
    flowCookie: string | undefined;
    previousSession: string | undefined;
    query: URLSearchParams;
    actor: AuditActor;
  },
): Promise<FederationOutcome> {
  const { db, clock } = deps;
  const refuse = (reason: FailureReason, details: { agentId?: number; emailClaim?: boolean } = {}) =>
    recordFailure(deps, input.actor, reason, details);
  const flow = input.flowCookie ? await takeFlow(db, input.flowCookie, clock.now()) : undefined;
  if (!flow) return refuse('no_flow');
  if (!sameText(input.query.get('state') ?? '', flow.state)) return refuse('state_mismatch');
  let email: string | undefined;
  try {
    email = (await deps.federation.identify(input.query, flow)).email?.trim().toLowerCase();
  } catch (error) {
    if (error instanceof FederationUnavailable) return refuse('provider_unavailable');
    if (error instanceof FederationRefusal) return refuse(error.reason);
    throw error;
  }
  if (!email) return refuse('no_email', { emailClaim: false });
  const agent = await agentByEmail(db, email);
  if (!agent?.active) {
    const reason = agent ? 'inactive_account' : 'unknown_account';
    return refuse(reason, { emailClaim: true, ...(agent ? { agentId: agent.id } : {}) });
  }
  const sessionCookie = await signIn(deps, agent.id, input);
  return { redirect: CONTINUE_PATH, sessionCookie };
}

/** Opens the session and records the sign-in in one transaction; ends the browser's previous session. */
async function signIn(
  deps: FederationDeps,
  agentId: number,
  input: { previousSession: string | undefined; actor: AuditActor },
): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (input.previousSession) await endSession(trx, input.previousSession, now);
    const cookie = await openSession(trx, {
      agentId,
      stage: 'complete',
      method: 'federation',
      now,
      config: deps.config,
    });
    await recordAudit(
      trx,
      { ...input.actor, agentId },
      { action: 'agent.sign_in', target: { type: 'agent', id: agentId }, after: { method: 'federation' } },
      now,
    );
    return cookie;
  });
}

const PROBLEM_OF: Record<FailureReason, FederationProblem['problem']> = {
  no_flow: 'failed',
  state_mismatch: 'failed',
  provider_error: 'failed',
  code_refused: 'failed',
  nonce_mismatch: 'failed',
  id_token_invalid: 'failed',
  userinfo_invalid: 'failed',
  provider_unavailable: 'unavailable',
  second_factor_missing: 'second_factor',
  no_email: 'account',
  unknown_account: 'account',
  inactive_account: 'account',
};

/** One audit entry for the failure (its reason, never a token or a claim's value), and the problem. */
async function recordFailure(
  deps: FederationDeps,
  actor: AuditActor,
  reason: FailureReason,
  details: { agentId?: number; emailClaim?: boolean },
): Promise<Redirect> {
  await recordAudit(
    deps.db,
    { ...actor, agentId: null },
    {
      action: 'agent.sign_in_failed',
      target: { type: 'agent', id: details.agentId ?? null },
      after: {
        method: 'federation',
        reason,
        ...(details.emailClaim === undefined ? {} : { emailClaim: details.emailClaim }),
      },
    },
    deps.clock.now(),
  );
  return { redirect: `${PROBLEM_PATH}?raison=${PROBLEM_OF[reason]}` };
}

/** Compares two strings in a time that does not depend on where they differ. */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
