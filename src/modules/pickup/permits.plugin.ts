import type { ModulePlugin } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { actingOf } from '../configuration/offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY, IdParamsSchema } from '../configuration/offices.schemas.ts';
import { readPermitCsv } from './permits.input.ts';
import { PermitsBodySchema, PermitsReadySchema } from './permits.schemas.ts';
import { markPermitsReady, type ReadyPermit } from './permits.usecases.ts';
import { deskView, officePermitsView } from './permits.views.ts';
import {
  deskPage,
  handOverFromPage,
  importFromPage,
  markOneFromPage,
  officePermitsPage,
  searchAtDesk,
} from './permits-pages.usecases.ts';

const HIDDEN = { schema: { hide: true } };
/** A CSV of a day's permits is larger than the 16 KB of other bodies: 5,000 lines with contacts. */
const CSV_BODY_LIMIT = 1_048_576;

type Body = Record<string, unknown>;

/** The back office's pages of permit pick-up, /agents/retraits (BACK_OFFICE_PAGES). */
export const permitsPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
  const siteIdOf = (params: unknown) => Number((params as { siteId?: string }).siteId);

  app.get('/retraits', HIDDEN, async (request, reply) => {
    const model = await officePermitsPage(deps, principalOf(request), (request.query ?? {}) as Body);
    return web.render(request, reply, officePermitsView, model);
  });

  app.post('/retraits/:siteId/titres', HIDDEN, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const model = await markOneFromPage(deps, actingOf(request, ctx), siteIdOf(request.params), body);
    return web.render(request, reply, officePermitsView, model);
  });

  app.post('/retraits/:siteId/import', { ...HIDDEN, bodyLimit: CSV_BODY_LIMIT }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const model = await importFromPage(deps, actingOf(request, ctx), siteIdOf(request.params), body);
    return web.render(request, reply, officePermitsView, model);
  });

  app.get('/retraits/guichet', HIDDEN, async (request, reply) =>
    web.render(request, reply, deskView, deskPage(principalOf(request))),
  );

  app.post('/retraits/guichet', HIDDEN, async (request, reply) => {
    const model = await searchAtDesk(deps, actingOf(request, ctx), (request.body ?? {}) as Body);
    return web.render(request, reply, deskView, model);
  });

  app.post('/retraits/titres/:permitId/remise', HIDDEN, async (request, reply) => {
    const permitId = String((request.params as { permitId?: string }).permitId ?? '');
    const model = await handOverFromPage(deps, actingOf(request, ctx), permitId);
    return web.render(request, reply, deskView, model);
  });
};

const presentReady = (ready: ReadyPermit[]) => ({ imported: ready.length, permits: ready });
const RESPONSES = { 201: PermitsReadySchema, 409: ErrorSchema, ...ADMIN_ERRORS };

/** The admin API's twins of the office's page: a JSON list, or the same CSV (ADMIN_API). */
export const permitsApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
  // In this scope only: the CSV route reads its body as text.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/sites/:id/permits',
    {
      schema: {
        tags: ['admin: permits'],
        summary:
          'Mark permits ready at an office (permission permit.manage): every line or none; each holder gets one SMS and email',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        body: PermitsBodySchema,
        response: RESPONSES,
      },
    },
    async (request, reply) => {
      const lines = request.body.permits.map((permit, i) => ({ line: i + 1, ...permit }));
      const ready = await markPermitsReady(
        deps,
        { siteId: request.params.id, lines },
        actingOf(request, ctx),
      );
      return reply.status(201).header('cache-control', 'no-store').send(presentReady(ready));
    },
  );

  app.post(
    '/sites/:id/permits.csv',
    {
      bodyLimit: CSV_BODY_LIMIT,
      schema: {
        tags: ['admin: permits'],
        summary:
          'The same from a CSV (text/csv): a foreigner number per line, then optionally phone, email, last and first names',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        response: RESPONSES,
      },
    },
    async (request, reply) => {
      const sent = readPermitCsv(typeof request.body === 'string' ? request.body : '');
      const ready = await markPermitsReady(
        deps,
        { siteId: request.params.id, ...sent },
        actingOf(request, ctx),
      );
      return reply.status(201).header('cache-control', 'no-store').send(presentReady(ready));
    },
  );
};
