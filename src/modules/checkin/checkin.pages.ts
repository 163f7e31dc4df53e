import type { FastifyReply } from 'fastify';
import type { ModulePlugin } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import { actingOf } from '../configuration/offices.access.ts';
import type { Body } from '../journey/journey.input.ts';
import { checkInView } from './checkin.views.ts';
import { checkInFromPage, checkInPage, correctFromPage } from './checkin-page.usecases.ts';

const HIDDEN = { schema: { hide: true } };

/**
 * The camera is allowed on this page alone (its reader of QR codes); every other page keeps
 * `camera=()` (web.plugin.ts sets it where a page has not set its own).
 */
function allowCamera(reply: FastifyReply): void {
  reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
}

/** The reception's page, /agents/accueil (BACK_OFFICE_PAGES): the check-in and the identity correction. */
export const checkInPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config };

  app.get('/accueil', HIDDEN, async (request, reply) => {
    const model = checkInPage(principalOf(request));
    allowCamera(reply);
    return web.render(request, reply, checkInView, model);
  });

  app.post('/accueil', HIDDEN, async (request, reply) => {
    const model = await checkInFromPage(deps, actingOf(request, ctx), (request.body ?? {}) as Body);
    allowCamera(reply);
    return web.render(request, reply, checkInView, model);
  });

  app.post('/accueil/identite', HIDDEN, async (request, reply) => {
    const model = await correctFromPage(deps, actingOf(request, ctx), (request.body ?? {}) as Body);
    allowCamera(reply);
    return web.render(request, reply, checkInView, model);
  });
};
