import { Type } from '@sinclair/typebox';
import type { ModulePlugin } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY, IdParamsSchema } from '../configuration/offices.schemas.ts';
import { AgendaEntrySchema, AgendaQuerySchema } from './agenda.schemas.ts';
import { agendaOfDay } from './agenda.usecases.ts';
import { agendaFeed, agendaView } from './agenda.views.ts';
import { agendaPage, parseAgendaPage } from './agenda-page.usecases.ts';

const HIDDEN = { schema: { hide: true } };

/** The office's agenda in the back office: /agents/agenda and its JSON twin (BACK_OFFICE_PAGES). */
export const agendaPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get('/agenda', HIDDEN, async (request, reply) => {
    const input = parseAgendaPage((request.query ?? {}) as Record<string, unknown>);
    const model = await agendaPage(deps, principalOf(request), input);
    return web.render(request, reply, agendaView, model);
  });

  // What js/agenda.js fetches every minute: the same lists, their texts in the page's language.
  app.get('/agenda/donnees', HIDDEN, async (request, reply) => {
    const input = parseAgendaPage((request.query ?? {}) as Record<string, unknown>);
    const model = await agendaPage(deps, principalOf(request), { ...input, search: '' });
    return reply.header('cache-control', 'no-store').send(agendaFeed(web.locale(request, reply), model));
  });
};

/** GET /api/v1/admin/sites/ID/agenda (PRODUCT §7.1; ADMIN_API). */
export const agendaApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get(
    '/sites/:id/agenda',
    {
      schema: {
        tags: ['admin: agenda'],
        summary:
          'The appointments of an office on one day (permission agenda.read; 404 outside the scope), in time order',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        querystring: AgendaQuerySchema,
        response: { 200: Type.Array(AgendaEntrySchema), 503: ErrorSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) =>
      agendaOfDay(deps, principalOf(request), {
        siteId: request.params.id,
        date: request.query.date,
        counter: request.query.counter,
      }),
  );
};
