import type { FastifyRequest } from 'fastify';
import type { ModulePlugin } from '../../context.ts';
import { actorOf, principalOf } from '../agents/auth.ts';
import {
  closureDay,
  closureForm,
  durationForm,
  offerPath,
  policyForm,
  regionForm,
  rulesForm,
  savedNotice,
  sitePath,
} from './schedule.forms.ts';
import type { Acting } from './schedule.usecases.ts';
import { hoursView } from './schedule.views.ts';
import { closuresView } from './schedule-closures.views.ts';
import {
  CLOSURES_SAVES,
  closuresPage,
  HOURS_SAVES,
  hoursPage,
  submitClosure,
  submitClosureRemoval,
  submitDuration,
  submitHolidayRegion,
  submitPublication,
  submitRules,
} from './schedule-pages.usecases.ts';

const HIDDEN = { schema: { hide: true } };
const OFFER = '/services/:siteId/offres/:offerId';
const SITE = '/services/:siteId';

/**
 * The schedule's pages under /agents, behind the session guard (app.ts): an offer's hours page with
 * its three forms, a site's closures page with its two forms and each closure's delete button.
 */
export const schedulePagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock };
  const acting = (request: FastifyRequest): Acting => ({
    principal: principalOf(request),
    actor: actorOf(request, ctx),
  });

  app.get(`${OFFER}/horaires`, HIDDEN, async (request, reply) => {
    const saved = savedNotice(request.query, HOURS_SAVES);
    const model = await hoursPage(
      deps,
      principalOf(request),
      offerPath(request.params),
      saved ? { saved } : {},
    );
    return web.render(request, reply, hoursView, model);
  });

  app.post(`${OFFER}/horaires`, HIDDEN, async (request, reply) => {
    const model = await submitRules(
      deps,
      acting(request),
      offerPath(request.params),
      rulesForm(request.body),
    );
    return web.render(request, reply, hoursView, model);
  });

  app.post(`${OFFER}/publication`, HIDDEN, async (request, reply) => {
    const input = policyForm(request.body);
    const model = await submitPublication(deps, acting(request), offerPath(request.params), input);
    return web.render(request, reply, hoursView, model);
  });

  app.post(`${OFFER}/duree`, HIDDEN, async (request, reply) => {
    const input = durationForm(request.body);
    const model = await submitDuration(deps, acting(request), offerPath(request.params), input);
    return web.render(request, reply, hoursView, model);
  });

  app.get(`${SITE}/fermetures`, HIDDEN, async (request, reply) => {
    const saved = savedNotice(request.query, CLOSURES_SAVES);
    const { siteId } = sitePath(request.params);
    const model = await closuresPage(deps, principalOf(request), siteId, saved ? { saved } : {});
    return web.render(request, reply, closuresView, model);
  });

  app.post(`${SITE}/fermetures`, HIDDEN, async (request, reply) => {
    const { siteId } = sitePath(request.params);
    const model = await submitClosure(deps, acting(request), siteId, closureForm(request.body));
    return web.render(request, reply, closuresView, model);
  });

  app.post(`${SITE}/fermetures/:day/supprimer`, HIDDEN, async (request, reply) => {
    const { siteId } = sitePath(request.params);
    const model = await submitClosureRemoval(deps, acting(request), siteId, closureDay(request.params));
    return web.render(request, reply, closuresView, model);
  });

  app.post(`${SITE}/jours-feries`, HIDDEN, async (request, reply) => {
    const { siteId } = sitePath(request.params);
    const model = await submitHolidayRegion(deps, acting(request), siteId, regionForm(request.body));
    return web.render(request, reply, closuresView, model);
  });
};
