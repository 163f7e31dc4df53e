import type { AppContext, ModuleApp } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import type { Web } from '../web/web.plugin.ts';
import { actingOf } from './offices.access.ts';
import { formValues, pathId, savedFlag } from './offices.forms.ts';
import {
  newSitePage,
  SITE_FORM,
  servicesPage,
  sitePage,
  submitNewSite,
  submitSite,
} from './offices.screens.ts';
import { servicesView, siteFormView } from './offices.views.ts';

const HIDDEN = { schema: { hide: true } };

/** /agents/services and each site's page (mounted under /agents, behind the session guard). */
export function sitePages(app: ModuleApp, ctx: AppContext, web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get('/services', HIDDEN, async (request, reply) => {
    const model = await servicesPage(deps, principalOf(request));
    return web.render(request, reply, servicesView, model);
  });

  app.get('/services/nouveau', HIDDEN, async (request, reply) => {
    const model = await newSitePage(deps, principalOf(request));
    return web.render(request, reply, siteFormView, model);
  });

  app.post('/services', HIDDEN, async (request, reply) => {
    const model = await submitNewSite(deps, actingOf(request, ctx), formValues(request.body, SITE_FORM));
    return web.render(request, reply, siteFormView, model);
  });

  app.get('/services/:siteId', HIDDEN, async (request, reply) => {
    const { siteId } = request.params as { siteId: string };
    const model = await sitePage(
      deps,
      principalOf(request),
      pathId(siteId, 'site'),
      savedFlag(request.query),
    );
    return web.render(request, reply, siteFormView, model);
  });

  app.post('/services/:siteId', HIDDEN, async (request, reply) => {
    const id = pathId((request.params as { siteId: string }).siteId, 'site');
    const model = await submitSite(deps, actingOf(request, ctx), id, formValues(request.body, SITE_FORM));
    return web.render(request, reply, siteFormView, model);
  });
}
