import { Type } from '@sinclair/typebox';
import type { AppContext, ModuleApp } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import { actingOf } from './offices.access.ts';
import {
  ADMIN_ERRORS,
  ADMIN_SECURITY,
  DepartmentQuerySchema,
  IdParamsSchema,
  SiteCreateSchema,
  SiteSchema,
  SiteUpdateSchema,
} from './offices.schemas.ts';
import { createSite, getSite, listSites, updateSite } from './offices.usecases.ts';

const TAGS = ['admin: sites'];

/** GET/POST /api/v1/admin/sites, GET/PUT /api/v1/admin/sites/:id (mounted under /api/v1/admin). */
export function siteApiRoutes(app: ModuleApp, ctx: AppContext): void {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get(
    '/sites',
    {
      schema: {
        tags: TAGS,
        summary: 'The sites the agent may configure (of one département when given)',
        security: ADMIN_SECURITY,
        querystring: DepartmentQuerySchema,
        response: { 200: Type.Array(SiteSchema), ...ADMIN_ERRORS },
      },
    },
    async (request) => listSites(deps, principalOf(request), request.query.department),
  );

  app.post(
    '/sites',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a site in a département the agent covers',
        security: ADMIN_SECURITY,
        body: SiteCreateSchema,
        response: { 201: SiteSchema, ...ADMIN_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSite(deps, actingOf(request, ctx), request.body)),
  );

  app.get(
    '/sites/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One site with its counters, contact and access information',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        response: { 200: SiteSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => getSite(deps, principalOf(request), request.params.id),
  );

  app.put(
    '/sites/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Replace the configuration of a site',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        body: SiteUpdateSchema,
        response: { 200: SiteSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => updateSite(deps, actingOf(request, ctx), request.params.id, request.body),
  );
}
