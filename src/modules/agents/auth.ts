import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { type AuditActor, addressHash } from '../audit/audit.ts';
import { agentOfToken } from './api-tokens.ts';
import { authorize, type Permission, type Principal, type Target } from './permissions.ts';
import { loadPrincipal } from './principal.repository.ts';
import { sessionCookieName, touchSession } from './sessions.ts';

// Who is asking, for the two parts of the site that need it: the back office's pages (a session
// cookie at its 'complete' stage: no page answers between the password and the code) and the admin
// API (a Bearer token). app.ts mounts every guarded module behind one of these two hooks.

export const SIGN_IN_PATH = '/agents/connexion';

/**
 * Where a completed sign-in goes: the choice of one's counter (the counter loop, decision 0041), which
 * sends on to /agents those who hold no counter's permission and may be skipped by the others.
 */
export const AFTER_SIGN_IN_PATH = '/agents/mon-guichet';

/** The counter a page's session sits at (/agents/mon-guichet), or null. */
export type SessionSeat = { siteId: number; counter: string } | null;

const callers = new WeakMap<FastifyRequest, { principal: Principal; seat?: SessionSeat }>();

/** The agent a guarded route answers; only guarded scopes call it. */
export function principalOf(request: FastifyRequest): Principal {
  const caller = callers.get(request);
  if (!caller) throw new Error('principalOf called outside a guarded scope');
  return caller.principal;
}

/** The counter the signed-in page's session sits at; null for none, and for the admin API. */
export function seatOf(request: FastifyRequest): SessionSeat {
  return callers.get(request)?.seat ?? null;
}

/** The audit log's view of who acts: the signed-in agent, if any, and a keyed hash of the address. */
export function actorOf(request: FastifyRequest, ctx: AppContext): AuditActor {
  return {
    agentId: callers.get(request)?.principal.agentId ?? null,
    addressHash: addressHash(ctx.config.secretKey, request.ip),
  };
}

/** Throws the 403 naming why, unless `principal` may use `permission` on `target`. */
export function ensureAllowed(principal: Principal, permission: Permission, target: Target): void {
  const decision = authorize(principal, permission, target);
  if (!decision.allowed) throw new AppError(403, decision.reason, decision.message);
}

/** The pages' guard: a complete session, or the sign-in page (303) for a browser. */
export function agentPagesGuard(ctx: AppContext): onRequestHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const cookie = request.cookies[sessionCookieName(ctx.config)];
    const session = cookie ? await touchSession(ctx.db, cookie, ctx.clock.now(), ctx.config) : undefined;
    const principal =
      session?.stage === 'complete' ? await loadPrincipal(ctx.db, session.agentId) : undefined;
    if (!principal) {
      reply.header('cache-control', 'no-store');
      return reply.redirect(SIGN_IN_PATH, 303);
    }
    const seat =
      session?.siteId != null && session.counter !== null
        ? { siteId: session.siteId, counter: session.counter }
        : null;
    callers.set(request, { principal, seat });
  };
}

/** The admin API's guard: `Authorization: Bearer TOKEN` of an active agent, or 401. */
export function adminApiGuard(ctx: AppContext): onRequestHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(request.headers.authorization ?? '');
    const agentId = match?.[1] ? await agentOfToken(ctx.db, match[1], ctx.clock.now()) : undefined;
    const principal = agentId === undefined ? undefined : await loadPrincipal(ctx.db, agentId);
    if (!principal) {
      reply.header('www-authenticate', 'Bearer realm="creneau-admin"');
      throw new AppError(401, 'unauthenticated', "Jeton d'accès absent, inconnu ou révoqué.");
    }
    callers.set(request, { principal });
  };
}
