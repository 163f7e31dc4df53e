import type { ModulePlugin } from '../../context.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { callsOfToday, screenLocale } from './call-screen.usecases.ts';
import { callScreenView } from './call-screen.views.ts';
import { CallsSchema, SiteParamsSchema } from './queue.schemas.ts';

const HIDDEN = { schema: { hide: true } };

/** The public call screen of an office and its JSON twin (no sign-in: references and counters only). */
export const callScreenPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get(
    '/sites/:id/appel',
    { ...HIDDEN, schema: { ...HIDDEN.schema, params: SiteParamsSchema } },
    async (request, reply) => {
      const screen = await callsOfToday(deps, request.params.id);
      const locale = screenLocale(request.query, web.locale(request, reply));
      const page = { locale, csrf: '' };
      return web.sendPage(reply, { locale, ...callScreenView(page, { ...screen, locale }) });
    },
  );

  app.get(
    '/api/v1/sites/:id/calls',
    {
      schema: {
        tags: ['counter'],
        summary:
          'The people an office calls now, today, the latest call first: the reference and the counter, never a name (the call screen’s feed)',
        params: SiteParamsSchema,
        response: { 200: CallsSchema, 404: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (request, reply) => {
      const screen = await callsOfToday(deps, request.params.id);
      const calls = screen.calls.map((call) => ({ ...call, calledAt: call.calledAt.toISOString() }));
      return reply.header('cache-control', 'no-store').send({ calls });
    },
  );
};
