import { Type } from '@sinclair/typebox';
import type { AppContext, ModuleApp } from '../../context.ts';
import { principalOf } from '../agents/auth.ts';
import { actingOf } from './offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY, DepartmentQuerySchema, IdParamsSchema } from './offices.schemas.ts';
import { ProcedureCreateSchema, ProcedureSchema, ProcedureUpdateSchema } from './procedures.schemas.ts';
import { createProcedure, getProcedure, listProcedures, updateProcedure } from './procedures.usecases.ts';

const TAGS = ['admin: procedures'];

/** GET/POST /api/v1/admin/procedures, GET/PUT /api/v1/admin/procedures/:id (under /api/v1/admin). */
export function procedureApiRoutes(app: ModuleApp, ctx: AppContext): void {
  const deps = { db: ctx.db, clock: ctx.clock };

  app.get(
    '/procedures',
    {
      schema: {
        tags: TAGS,
        summary: 'The national catalogue and the procedures of the départements the agent covers',
        security: ADMIN_SECURITY,
        querystring: DepartmentQuerySchema,
        response: { 200: Type.Array(ProcedureSchema), ...ADMIN_ERRORS },
      },
    },
    async (request) => listProcedures(deps, principalOf(request), request.query.department),
  );

  app.post(
    '/procedures',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a procedure: national (national scope) or of a département the agent covers',
        security: ADMIN_SECURITY,
        body: ProcedureCreateSchema,
        response: { 201: ProcedureSchema, ...ADMIN_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProcedure(deps, actingOf(request, ctx), request.body)),
  );

  app.get(
    '/procedures/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One procedure with its texts, translations and eligibility',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        response: { 200: ProcedureSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => getProcedure(deps, principalOf(request), request.params.id),
  );

  app.put(
    '/procedures/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Replace a procedure’s texts and eligibility (its code, owner and duration stay)',
        security: ADMIN_SECURITY,
        params: IdParamsSchema,
        body: ProcedureUpdateSchema,
        response: { 200: ProcedureSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => updateProcedure(deps, actingOf(request, ctx), request.params.id, request.body),
  );
}
