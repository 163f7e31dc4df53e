import type { ModulePlugin } from '../../context.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { actingOf } from '../configuration/offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY } from '../configuration/offices.schemas.ts';
import { beaconAt } from './beacon.ts';
import { DrawCreatedSchema, DrawCreateSchema } from './draws.schemas.ts';
import { createDraw } from './draws.usecases.ts';

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
