import { Type } from '@sinclair/typebox';
import type { AppContext, ModuleApp, ModulePlugin } from '../../context.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { formatInZone } from '../schedule/timezone.ts';
import { drawListPage, drawPage } from './draw-pages.usecases.ts';
import {
  DrawDetailSchema,
  DrawIdParamsSchema,
  DrawListQuerySchema,
  DrawSummarySchema,
} from './draws.schemas.ts';
import { getDraw, listDraws, type ShownDraw } from './draws.usecases.ts';
import { drawListView, drawPageView } from './draws.views.ts';

const BUNDLE_FIELDS = ['version', 'seed', 'beacon', 'slots', 'requests', 'allocation'] as const;
const HIDDEN = { schema: { hide: true } };
const errors = { 400: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };

/** A draw as the API shows it (PRODUCT §7): instants with the offset of its département's zone. */
export function presentDraw(draw: ShownDraw) {
  return {
    id: draw.id,
    procedureId: draw.procedureId,
    siteIds: draw.siteIds,
    kind: draw.kind,
    status: draw.status,
    windowOpensAt: formatInZone(draw.windowOpensAt, draw.timezone),
    windowClosesAt: formatInZone(draw.windowClosesAt, draw.timezone),
    slotsFrom: draw.slotsFrom,
    slotsTo: draw.slotsTo,
    seats: draw.seats,
    commitment: draw.commitment,
  };
}

/** The draw and, once drawn, the frozen bundle's fields exactly as stored (PRODUCT §5.1). */
export function presentDrawDetail(draw: ShownDraw, bundle: Record<string, unknown> | undefined) {
  const published = bundle ? Object.fromEntries(BUNDLE_FIELDS.map((key) => [key, bundle[key]])) : {};
  return { ...presentDraw(draw), beaconRound: draw.beaconRound, ...published };
}

/** A positive PostgreSQL integer from a page's address, or undefined. */
function idOf(value: unknown): number | undefined {
  const text = typeof value === 'string' ? value : '';
  const id = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : 0;
  return id >= 1 && id <= 2_147_483_647 ? id : undefined;
}

/** GET /api/v1/draws and GET /api/v1/draws/:id (PRODUCT §7 "Draws"). */
function drawApiRoutes(app: ModuleApp, ctx: AppContext): void {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get(
    '/api/v1/draws',
    {
      schema: {
        tags: ['draws'],
        summary: 'The draws of a procedure (of one office when given), the latest first',
        querystring: DrawListQuerySchema,
        response: { 200: Type.Array(DrawSummarySchema), ...errors },
      },
    },
    async (request) => {
      const filter = { procedureId: request.query.procedure, siteId: request.query.site };
      return (await listDraws(deps, filter)).map(presentDraw);
    },
  );

  app.get(
    '/api/v1/draws/:id',
    {
      schema: {
        tags: ['draws'],
        summary: 'One draw; once drawn, with its bundle (PRODUCT §5.1), which npm run draw:verify checks',
        params: DrawIdParamsSchema,
        response: { 200: DrawDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { draw, bundle } = await getDraw(deps, request.params.id);
      // Serialised here: the bundle's ids stay as the draw wrote them, numbers or strings.
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .serializer((payload: unknown) => payload as string)
        .send(JSON.stringify(presentDrawDetail(draw, bundle)) as never);
    },
  );
}

/** The public draw pages: /tirages/ID and /tirages?procedure=ID. */
function drawPages(app: ModuleApp, ctx: AppContext, web: Parameters<ModulePlugin>[1]['web']): void {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config };

  app.get('/tirages/:id', HIDDEN, async (request, reply) => {
    const id = idOf((request.params as { id?: unknown }).id);
    if (id === undefined) return reply.callNotFound();
    return web.render(request, reply, drawPageView, await drawPage(deps, id));
  });

  app.get('/tirages', HIDDEN, async (request, reply) => {
    const id = idOf((request.query as { procedure?: unknown }).procedure);
    const model = id === undefined ? undefined : await drawListPage(deps, id);
    if (!model) return reply.callNotFound();
    return web.render(request, reply, drawListView, model);
  });
}

/** The draws module's public routes: the API and the pages. */
export const drawsPlugin: ModulePlugin = async (app, { ctx, web }) => {
  drawApiRoutes(app, ctx);
  drawPages(app, ctx, web);
};
