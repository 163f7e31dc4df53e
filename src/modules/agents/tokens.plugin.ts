import type { ModulePlugin } from '../../context.ts';
import { actorOf, principalOf } from './auth.ts';
import { accountPage, submitNewToken, submitRevokeToken } from './tokens.pages.ts';
import { accountView } from './tokens.views.ts';

const HIDDEN = { schema: { hide: true } };

/** "Mon compte" and its API tokens, under /agents behind the session guard (app.ts). */
export const accountPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config };

  app.get('/compte', HIDDEN, async (request, reply) => {
    const model = await accountPage(deps, principalOf(request), request.query);
    return web.render(request, reply, accountView, model);
  });

  app.post('/compte/jetons', HIDDEN, async (request, reply) => {
    const model = await submitNewToken(deps, principalOf(request), actorOf(request, ctx), request.body);
    return web.render(request, reply, accountView, model);
  });

  app.post('/compte/jetons/:id/revoquer', HIDDEN, async (request, reply) => {
    const model = await submitRevokeToken(deps, principalOf(request), actorOf(request, ctx), request.params);
    return web.render(request, reply, accountView, model);
  });
};
