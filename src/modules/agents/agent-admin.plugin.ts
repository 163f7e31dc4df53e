import type { ModulePlugin } from '../../context.ts';
import { field } from '../web/forms.ts';
import {
  agentListPage,
  agentPage,
  newAgentPage,
  parseAgentId,
  parseNewAgentForm,
  submitAccountEdit,
  submitAccountState,
  submitGrantAdd,
  submitGrantRemove,
  submitNewAgent,
} from './agent-admin.pages.ts';
import { agentListView, agentPageView, newAgentView } from './agent-admin.views.ts';
import { actorOf, principalOf } from './auth.ts';

const HIDDEN = { schema: { hide: true } };

/** The screens of the agents' administration, under /agents behind the session guard (app.ts). */
export const agentAdminPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config };

  app.get('/comptes', HIDDEN, async (request, reply) => {
    const model = await agentListPage(deps, principalOf(request));
    return web.render(request, reply, agentListView, model);
  });

  app.get('/comptes/nouveau', HIDDEN, async (request, reply) => {
    const model = await newAgentPage(deps, principalOf(request));
    return web.render(request, reply, newAgentView, model);
  });

  app.post('/comptes/nouveau', HIDDEN, async (request, reply) => {
    const values = parseNewAgentForm(request.body);
    const model = await submitNewAgent(deps, principalOf(request), actorOf(request, ctx), values);
    return web.render(request, reply, newAgentView, model);
  });

  app.get('/comptes/:id', HIDDEN, async (request, reply) => {
    const done = field(request.query, 'fait', 20);
    const model = await agentPage(deps, principalOf(request), parseAgentId(request.params), { done });
    return web.render(request, reply, agentPageView, model);
  });

  // The account's form, its state button, and the roles' forms: each a POST, then the page again.
  const changes = {
    '': submitAccountEdit,
    '/etat': submitAccountState,
    '/roles': submitGrantAdd,
    '/roles/retirer': submitGrantRemove,
  };
  for (const [path, submit] of Object.entries(changes)) {
    app.post(`/comptes/:id${path}`, HIDDEN, async (request, reply) => {
      const agentId = parseAgentId(request.params);
      const actor = actorOf(request, ctx);
      const model = await submit(deps, principalOf(request), actor, agentId, request.body);
      return web.render(request, reply, agentPageView, model);
    });
  }
};
