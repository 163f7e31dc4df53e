import type { ModulePlugin } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { actingOf } from '../configuration/offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY } from '../configuration/offices.schemas.ts';
import { beaconAt } from './beacon.ts';
import { DrawCreatedSchema, DrawCreateSchema } from './draws.schemas.ts';
import { createDraw } from './draws.usecases.ts';
import { createDrawFromPage, drawsOfficePageAfter } from './draws-office.usecases.ts';
import { drawsOfficeView } from './draws-office.views.ts';

const HIDDEN = { schema: { hide: true } };

/** POST /api/v1/admin/draws, a one-off draw of a draw offer (PRODUCT §7.1; ADMIN_API). */
export const drawsAdminApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = {
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    beacon: beaconAt(ctx.config.drawBeaconUrl),
  };

  app.post(
    '/draws',
    {
      schema: {
        tags: ['admin: draws'],
        summary:
          'Create a one-off draw of a draw offer (permission draw.manage on its office); its commitment is public at once',
        security: ADMIN_SECURITY,
        body: DrawCreateSchema,
        response: { 201: DrawCreatedSchema, 503: ErrorSchema, ...ADMIN_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createDraw(deps, request.body, actingOf(request, ctx))),
  );
};

/** The back office's page of draws, /agents/tirages (BACK_OFFICE_PAGES). */
export const drawsPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = {
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    beacon: beaconAt(ctx.config.drawBeaconUrl),
  };

  app.get('/tirages', HIDDEN, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const model = await drawsOfficePageAfter(deps, principalOf(request), query);
    return web.render(request, reply, drawsOfficeView, model);
  });

  app.post('/tirages', HIDDEN, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const model = await createDrawFromPage(deps, actingOf(request, ctx), body);
    return web.render(request, reply, drawsOfficeView, model);
  });
};
