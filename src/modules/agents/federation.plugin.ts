import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import type { ModulePlugin } from '../../context.ts';
import { RETRY_AFTER_SECONDS } from '../../http/unavailable.ts';
import { field } from '../web/forms.ts';
import { actorOf } from './auth.ts';
import { createFederation } from './federation.client.ts';
import { FLOW_LIFETIME_MS } from './federation.repository.ts';
import { finishFederatedSignIn, problemOf, startFederatedSignIn } from './federation.usecases.ts';
import { federationContinueView, federationProblemView } from './federation.views.ts';
import { sessionCookieName, sessionCookieOptions } from './sessions.ts';

const HIDDEN = { schema: { hide: true } };

/** The cookie naming a pending sign-in: `__Host-` (Secure, path /, no domain) in production. */
const flowCookieName = (config: Config) =>
  config.production ? '__Host-creneau-federation' : 'creneau-federation';

/**
 * Lax, not Strict: the provider sends the browser back from its own site, a cross-site navigation
 * that a Strict cookie would not follow. It only names a flow, which is taken once.
 */
const flowCookieOptions = (config: Config) =>
  ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.production,
  }) as const;

/** The 503's Retry-After, and nothing of these pages in any cache. */
function answerHeaders(reply: FastifyReply, outcome: object): void {
  reply.header('cache-control', 'no-store');
  if ('problem' in outcome && outcome.problem === 'unavailable') {
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  }
}

/**
 * The sign-in through the identity federation (ProConnect), under /agents, unguarded: the start, the
 * provider's callback, the step on to the back office and the page telling a problem. Without
 * OIDC_ISSUER, none of them exists.
 */
export const federationPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const federation = createFederation(ctx.config, app.log);
  if (!federation) return;
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, federation };
  const sessionCookie = sessionCookieName(ctx.config);

  app.get('/connexion/proconnect', HIDDEN, async (request, reply) => {
    const start = await startFederatedSignIn(deps, { previousSession: request.cookies[sessionCookie] });
    if ('flowCookie' in start) {
      const options = { ...flowCookieOptions(ctx.config), maxAge: FLOW_LIFETIME_MS / 1000 };
      reply.setCookie(flowCookieName(ctx.config), start.flowCookie, options);
    }
    answerHeaders(reply, start);
    return web.render(request, reply, federationProblemView, start);
  });

  app.get('/connexion/proconnect/retour', HIDDEN, async (request, reply) => {
    const outcome = await finishFederatedSignIn(deps, {
      flowCookie: request.cookies[flowCookieName(ctx.config)],
      previousSession: request.cookies[sessionCookie],
      query: new URLSearchParams(request.url.split('?')[1] ?? ''),
      actor: actorOf(request, ctx),
    });
    reply.clearCookie(flowCookieName(ctx.config), flowCookieOptions(ctx.config));
    if (outcome.sessionCookie) {
      reply.setCookie(sessionCookie, outcome.sessionCookie, sessionCookieOptions(ctx.config));
    }
    answerHeaders(reply, outcome);
    return web.render(request, reply, federationProblemView, outcome);
  });

  app.get('/connexion/proconnect/suite', HIDDEN, async (request, reply) =>
    web.render(request, reply, federationContinueView, undefined),
  );

  app.get('/connexion/proconnect/refus', HIDDEN, async (request, reply) => {
    const model = problemOf(field(request.query, 'raison', 20));
    answerHeaders(reply, model);
    return web.render(request, reply, federationProblemView, model);
  });
};
