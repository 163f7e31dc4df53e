import { Type } from '@sinclair/typebox';
import type { AppContext, ModuleApp } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { OfferCreateSchema, OfferSchema, OfferSummarySchema, OfferUpdateSchema } from './offers.schemas.ts';
import { createOffer, getOffer, listOffers, updateOffer } from './offers.usecases.ts';
import { actingOf } from './offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY, DepartmentQuerySchema, IdParamsSchema } from './offices.schemas.ts';

const TAGS = ['admin: offers'];

/** GET/POST /api/v1/admin/offers, GET/PUT /api/v1/admin/offers/:id (mounted under /api/v1/admin). */
export function offerApiRoutes(app: ModuleApp, ctx: AppContext): void {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get(
    '/offers',
    {
      schema: {
        tags: TAGS,
        summary: 'The offers of the sites the agent may configure (of one département when given)',
        security: ADMIN_SECURITY,
        querystring: DepartmentQuerySchema,
        response: { 200: Type.Array(OfferSummarySchema), ...ADMIN_ERRORS },
      },
    },
    async (request) => {
      const offers = await listOffers(deps, principalOf(request), {
        departmentCode: request.query.department,
      });
      return offers.map(({ id, procedureId, siteId, channel }) => ({ id, procedureId, siteId, channel }));
    },
  );

  app.post(
    '/offers',
    {
      schema: {
        tags: TAGS,
        summary: 'Offer a procedure (national or of the site’s département) at a site the agent configures',
        security: ADMIN_SECURITY,
        body: OfferCreateSchema,
        response: { 201: OfferSchema, ...ADMIN_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOffer(deps, actingOf(request, ctx), request.body)),
  );

  app.get(
    '/offers/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One offer with its channel and instructions',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        response: { 200: OfferSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => getOffer(deps, principalOf(request), request.params.id),
  );

  app.put(
    '/offers/:id',
    {
      schema: {
        tags: TAGS,
        summary:
          'Replace an offer’s channel and instructions; 409 when bookings to come depend on its channel',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        body: OfferUpdateSchema,
        response: { 200: OfferSchema, 409: ErrorSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => updateOffer(deps, actingOf(request, ctx), request.params.id, request.body),
  );
}
