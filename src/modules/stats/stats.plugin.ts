import type { ModulePlugin } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY } from '../configuration/offices.schemas.ts';
import { statsCsv } from './stats.csv.ts';
import { statsTexts } from './stats.messages.ts';
import { StatsQuerySchema, StatsReportSchema } from './stats.schemas.ts';
import { statsPage, statsReport } from './stats.usecases.ts';
import { statsView } from './stats.views.ts';

const HIDDEN = { schema: { hide: true } };
const queryOf = (query: unknown) => (query ?? {}) as Record<string, unknown>;

/** The statistics page and its CSV, /agents/statistiques(.csv) (BACK_OFFICE_PAGES). */
export const statsPagesPlugin: ModulePlugin = async (app, { ctx, web }) => {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get('/statistiques', HIDDEN, async (request, reply) => {
    const model = await statsPage(deps, principalOf(request), queryOf(request.query));
    return web.render(request, reply, statsView, model);
  });

  app.get('/statistiques.csv', HIDDEN, async (request, reply) => {
    const report = await statsReport(deps, principalOf(request), queryOf(request.query));
    const columns = statsTexts(web.locale(request, reply)).columns;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="statistiques-${report.query.from}-${report.query.to}.csv"`,
      )
      .header('cache-control', 'no-store')
      .send(statsCsv(report.rows, columns));
  });
};

/** GET /api/v1/admin/stats, the page's twin (ADMIN_API). */
export const statsAdminApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get(
    '/stats',
    {
      schema: {
        tags: ['admin: statistics'],
        summary:
          'Statistics per site, procedure and ISO week within the token’s stats.read scope (decision 0040)',
        security: ADMIN_SECURITY,
        querystring: StatsQuerySchema,
        response: { 200: StatsReportSchema, 503: ErrorSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => {
      const report = await statsReport(deps, principalOf(request), request.query);
      return { from: report.query.from, to: report.query.to, rows: report.rows };
    },
  );
};
