import { recordAudit } from '../audit/audit.ts';
import { PASSWORD_MAX_LENGTH, passwordLength } from './password-policy.ts';
import { verifyNothing, verifyPassword } from './passwords.ts';
import { endAllSessions, endSession, openSession, touchSession } from './sessions.ts';
import {
  type Answer,
  CODE_PAGE,
  claimSignInAttempt,
  recordFailure,
  SIGN_IN_PAGE,
  type SignInDeps,
  signInActor,
  type Throttled,
  throttledOf,
  throttleKeys,
} from './sign-in.flow.ts';
import { findAccountByEmail, type SignInAccount } from './sign-in.repository.ts';

// The sign-in page (email and password), and signing out. Every refusal of the password step is the
// same page with the same status, whatever was wrong — unknown email, wrong password, deactivated or
// federation-only account — and takes the time of one Argon2id verification, so that neither the
// answer nor its delay tells whether an email is an agent's (decision 0021).

/** Why the sign-in page is shown again: after signing out, or a half-done sign-in that expired. */
export type SignInNotice = 'signed_out' | 'signed_out_everywhere' | 'expired';

const NOTICES: Record<string, SignInNotice> = {
  deconnexion: 'signed_out',
  'deconnexion-partout': 'signed_out_everywhere',
  expiree: 'expired',
};

/** The sign-in page's address with a notice (the link's `etat`, never anything personal). */
export function signInPageWith(notice: SignInNotice): string {
  const etat = Object.entries(NOTICES).find(([, value]) => value === notice)?.[0] ?? '';
  return `${SIGN_IN_PAGE}?etat=${etat}`;
}

/** The sign-in form: what was typed (never the password), a notice, or why it was refused. */
export interface SignInForm {
  email: string;
  /** ProConnect is configured (OIDC_ISSUER): the page offers it beside the password. */
  proConnect: boolean;
  notice?: SignInNotice;
  refused?: { code: 'missing'; fields: ('email' | 'password')[] } | { code: 'credentials' } | Throttled;
}

const form = (deps: SignInDeps, fields: Omit<SignInForm, 'proConnect'>): SignInForm => ({
  ...fields,
  proConnect: deps.config.oidcIssuer !== undefined,
});

/** The sign-in page, with the notice its link names (`?etat=`), if it is one. */
export function signInPage(deps: SignInDeps, etat: string): SignInForm {
  const notice = Object.hasOwn(NOTICES, etat) ? NOTICES[etat] : undefined;
  return form(deps, notice ? { email: '', notice } : { email: '' });
}

/** The account's password may be checked at all: active, with a password, not federation-only. */
function passwordHashOf(account: SignInAccount | undefined): string | undefined {
  if (!account?.active || account.federationOnly) return undefined;
  return account.passwordHash ?? undefined;
}

/**
 * The password step: throttle, then one verification, then a 'password'-stage session (a new cookie;
 * the one the browser had is ended) and the way to the code. No page of the back office answers such
 * a session: only the code step does.
 */
export async function signInWithPassword(
  deps: SignInDeps,
  input: { email: string; password: string; address: string; cookie: string | undefined },
): Promise<Answer<SignInForm>> {
  const email = input.email.trim().toLowerCase();
  const missing = [
    ...(email === '' ? ['email' as const] : []),
    ...(input.password === '' ? ['password' as const] : []),
  ];
  if (missing.length > 0)
    return { page: form(deps, { email: input.email, refused: { code: 'missing', fields: missing } }) };
  const account = await findAccountByEmail(deps.db, email);
  const actor = signInActor(deps.config, account?.id ?? null, input.address);
  const keys = throttleKeys(deps.config, account ? { agentId: account.id } : { email }, input.address);
  const claim = await claimSignInAttempt(deps, { keys, actor, step: 'password' });
  if (!claim.allowed) return { page: form(deps, { email, refused: throttledOf(claim, deps.clock.now()) }) };
  const hash = passwordHashOf(account);
  // A password longer than any allowed cannot be right: refused without hashing it.
  const plausible = passwordLength(input.password) <= PASSWORD_MAX_LENGTH;
  const ok =
    plausible && (hash ? await verifyPassword(hash, input.password) : await verifyNothing(input.password));
  const now = deps.clock.now();
  if (!ok || !account) {
    const detail = !account
      ? undefined
      : !account.active
        ? 'inactive'
        : account.federationOnly
          ? 'federation_only'
          : undefined;
    await recordFailure(
      deps.db,
      actor,
      { step: 'password', reason: 'password', ...(detail ? { detail } : {}) },
      now,
    );
    return { page: form(deps, { email, refused: { code: 'credentials' } }) };
  }
  const value = await deps.db.transaction().execute(async (trx) => {
    if (input.cookie) await endSession(trx, input.cookie, now);
    return openSession(trx, {
      agentId: account.id,
      stage: 'password',
      method: 'password',
      now,
      config: deps.config,
    });
  });
  return { page: { redirect: CODE_PAGE }, session: { set: value } };
}

/** Signs this browser out: its session ends (whatever its stage) and the cookie is cleared. */
export async function signOut(
  deps: SignInDeps,
  input: { cookie: string | undefined; address: string },
): Promise<Answer<never>> {
  const now = deps.clock.now();
  const session = input.cookie ? await touchSession(deps.db, input.cookie, now, deps.config) : undefined;
  if (input.cookie && session) {
    const cookie = input.cookie;
    await deps.db.transaction().execute(async (trx) => {
      await endSession(trx, cookie, now);
      const actor = signInActor(deps.config, session.agentId, input.address);
      await recordAudit(
        trx,
        actor,
        { action: 'agent.sign_out', target: { type: 'agent', id: session.agentId } },
        now,
      );
    });
  }
  return { page: { redirect: signInPageWith('signed_out') }, session: { clear: true } };
}

/**
 * Ends every session of the signed-in agent, on every device. Only a complete session may: someone
 * who has just the password must not be able to sign the agent out everywhere.
 */
export async function signOutEverywhere(
  deps: SignInDeps,
  input: { cookie: string | undefined; address: string },
): Promise<Answer<never>> {
  const now = deps.clock.now();
  const session = input.cookie ? await touchSession(deps.db, input.cookie, now, deps.config) : undefined;
  if (session?.stage !== 'complete') return { page: { redirect: SIGN_IN_PAGE }, session: { clear: true } };
  await deps.db.transaction().execute(async (trx) => {
    const ended = await endAllSessions(trx, session.agentId, now);
    const actor = signInActor(deps.config, session.agentId, input.address);
    await recordAudit(
      trx,
      actor,
      {
        action: 'agent.sign_out_everywhere',
        target: { type: 'agent', id: session.agentId },
        after: { sessionsEnded: ended },
      },
      now,
    );
  });
  return { page: { redirect: signInPageWith('signed_out_everywhere') }, session: { clear: true } };
}
