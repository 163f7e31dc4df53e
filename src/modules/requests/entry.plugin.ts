import type { ModulePlugin } from '../../context.ts';
import { actorOf, principalOf } from '../agents/auth.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { enterFromPage, entryPage } from './entry.usecases.ts';
import { entryView } from './entry.views.ts';
import { choicesOf, presentRecorded } from './requests.routes.ts';
import { EnteredRequestBodySchema, RequestRecordedSchema } from './requests.schemas.ts';
import { enterRequest } from './requests.usecases.ts';

const HIDDEN = { schema: { hide: true } };

/** The back office's page to enter a request on someone's behalf, under /agents (BACK_OFFICE_PAGES). */
export const requestEntryPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  app.get('/demandes/nouvelle', HIDDEN, async (request, reply) => {
    const model = await entryPage(
      deps,
      principalOf(request),
      (request.query ?? {}) as Record<string, unknown>,
    );
    return web.render(request, reply, entryView, model);
  });

  app.post('/demandes/nouvelle', HIDDEN, async (request, reply) => {
    const input = {
      principal: principalOf(request),
      actor: actorOf(request, ctx),
      body: (request.body ?? {}) as Record<string, unknown>,
    };
    const model = await enterFromPage(deps, input);
    return web.render(request, reply, entryView, model);
  });
};

const errors = { 401: ErrorSchema, 403: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };

/** POST /api/v1/admin/requests, the entry page's twin (ADMIN_API). */
export const requestEntryApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  app.post(
    '/requests',
    {
      schema: {
        tags: ['admin'],
        summary: 'Enter a request on someone’s behalf (permission request.enter on every office chosen)',
        security: [{ bearerAuth: [] }],
        body: EnteredRequestBodySchema,
        response: { 200: RequestRecordedSchema, 201: RequestRecordedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const recorded = await enterRequest(deps, {
        choices: choicesOf(request.body),
        applicant: request.body.applicant,
        locale: request.body.locale ?? 'fr',
        by: { principal: principalOf(request), actor: actorOf(request, ctx) },
      });
      reply.header('cache-control', 'no-store');
      return reply.status(recorded.created ? 201 : 200).send(presentRecorded(ctx.config.publicUrl, recorded));
    },
  );
};
