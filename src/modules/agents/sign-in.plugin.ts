import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { ModulePlugin } from '../../context.ts';
import { field } from '../web/forms.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { sessionCookieName, sessionCookieOptions } from './sessions.ts';
import type { Answer, SignInDeps } from './sign-in.flow.ts';
import { signInPage, signInWithPassword, signOut, signOutEverywhere } from './sign-in.usecases.ts';
import { codeView, signInView } from './sign-in.views.ts';
import { codePage, submitCode } from './sign-in-code.usecases.ts';

const HIDDEN = { schema: { hide: true } };
// The sign-in forms have their own throttle per account and per address (throttle.ts): the write
// budget would hold a préfecture's agents behind one proxy to a few sign-ins a minute.
const SIGN_IN_FORM = { ...HIDDEN, config: { write: false } };

/** Sets or clears the session cookie as the use case decided, and hands back its page. */
function withSession<M>(reply: FastifyReply, config: Config, answer: Answer<M>): M | Redirect {
  const name = sessionCookieName(config);
  if (answer.session && 'set' in answer.session)
    reply.setCookie(name, answer.session.set, sessionCookieOptions(config));
  if (answer.session && 'clear' in answer.session) reply.clearCookie(name, sessionCookieOptions(config));
  return answer.page;
}

/** What a sign-in form's request carries besides its fields: the browser's cookie and its address. */
function caller(request: FastifyRequest, config: Config) {
  return { cookie: request.cookies[sessionCookieName(config)], address: request.ip };
}

/**
 * The agents' sign-in, mounted under /agents without the session guard: the password page, the
 * second factor's page, and signing out (this browser, or every device). Decision 0021.
 */
export const signInPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps: SignInDeps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
  const { config } = ctx;

  app.get('/connexion', HIDDEN, async (request, reply) =>
    web.render(request, reply, signInView, signInPage(deps, field(request.query, 'etat', 40))),
  );

  app.post('/connexion', SIGN_IN_FORM, async (request, reply) => {
    const input = {
      ...caller(request, config),
      email: field(request.body, 'email', 320),
      // Not cut: a password longer than any allowed must be refused, not shortened into another one.
      password: field(request.body, 'password', 10_000),
    };
    const answer = await signInWithPassword(deps, input);
    return web.render(request, reply, signInView, withSession(reply, config, answer));
  });

  app.get('/connexion/code', HIDDEN, async (request, reply) => {
    const input = { ...caller(request, config), recovery: field(request.query, 'secours', 5) !== '' };
    return web.render(request, reply, codeView, await codePage(deps, input));
  });

  app.post('/connexion/code', SIGN_IN_FORM, async (request, reply) => {
    const input = {
      ...caller(request, config),
      code: field(request.body, 'code', 20),
      recoveryCode: field(request.body, 'recoveryCode', 40),
    };
    const answer = await submitCode(deps, input);
    return web.render(request, reply, codeView, withSession(reply, config, answer));
  });

  app.post('/deconnexion', SIGN_IN_FORM, async (request, reply) => {
    const answer = await signOut(deps, caller(request, config));
    return web.render(request, reply, signInView, withSession(reply, config, answer));
  });

  app.post('/deconnexion-partout', SIGN_IN_FORM, async (request, reply) => {
    const answer = await signOutEverywhere(deps, caller(request, config));
    return web.render(request, reply, signInView, withSession(reply, config, answer));
  });
};
