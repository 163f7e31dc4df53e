import type { AppContext, ModuleApp } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import type { Web } from '../web/web.plugin.ts';
import { newOfferPage, OFFER_FORM, offerPage, submitNewOffer, submitOffer } from './offers.screens.ts';
import { offerFormView } from './offers.views.ts';
import { actingOf } from './offices.access.ts';
import { formValues, pathId, savedFlag } from './offices.forms.ts';

const HIDDEN = { schema: { hide: true } };

/** The site and offer an address names (a 404 for anything but ids). */
function offerIds(params: unknown) {
  const { siteId, offerId } = params as { siteId: string; offerId: string };
  return { siteId: pathId(siteId, 'site'), offerId: pathId(offerId, 'offer') };
}

/** A site's offers: /agents/services/:siteId/offres/… (under /agents, behind the session guard). */
export function offerPages(app: ModuleApp, ctx: AppContext, web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get('/services/:siteId/offres/nouvelle', HIDDEN, async (request, reply) => {
    const siteId = pathId((request.params as { siteId: string }).siteId, 'site');
    const model = await newOfferPage(deps, principalOf(request), siteId);
    return web.render(request, reply, offerFormView, model);
  });

  app.post('/services/:siteId/offres', HIDDEN, async (request, reply) => {
    const siteId = pathId((request.params as { siteId: string }).siteId, 'site');
    const values = formValues(request.body, OFFER_FORM);
    const model = await submitNewOffer(deps, actingOf(request, ctx), siteId, values);
    return web.render(request, reply, offerFormView, model);
  });

  app.get('/services/:siteId/offres/:offerId', HIDDEN, async (request, reply) => {
    const model = await offerPage(
      deps,
      principalOf(request),
      offerIds(request.params),
      savedFlag(request.query),
    );
    return web.render(request, reply, offerFormView, model);
  });

  app.post('/services/:siteId/offres/:offerId', HIDDEN, async (request, reply) => {
    const values = formValues(request.body, OFFER_FORM);
    const model = await submitOffer(deps, actingOf(request, ctx), offerIds(request.params), values);
    return web.render(request, reply, offerFormView, model);
  });
}
