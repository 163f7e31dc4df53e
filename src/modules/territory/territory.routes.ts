import { Type } from '@sinclair/typebox';
import { CODE_PATTERNS } from '../../codes.ts';
import type { AppContext, ModuleApp } from '../../context.ts';
import { invalid } from '../../errors.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import {
  departmentExists,
  listDepartmentsWithSites,
  listProceduresOfDepartment,
} from './territory.repository.ts';

const DepartmentSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  timezone: Type.String(),
  sites: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), address: Type.String() }),
  ),
});

const ProcedureSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  durationMinutes: Type.Integer(),
  channel: Type.String(),
  siteIds: Type.Array(Type.Integer()),
});

/** GET /api/v1/departments and GET /api/v1/procedures?department=CODE (PRODUCT §7). */
export function territoryRoutes(app: ModuleApp, ctx: AppContext): void {
  app.get(
    '/api/v1/departments',
    {
      schema: {
        tags: ['directory'],
        summary: 'Départements with their offices',
        response: { 200: Type.Array(DepartmentSchema) },
      },
    },
    async () => listDepartmentsWithSites(ctx.db),
  );

  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['directory'],
        summary: 'Procedures offered in a département, with their channel and offices',
        querystring: Type.Object(
          { department: Type.String({ pattern: CODE_PATTERNS.department }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(ProcedureSchema), 422: ErrorSchema },
      },
    },
    async (request) => {
      const { department } = request.query;
      if (!(await departmentExists(ctx.db, department))) {
        throw invalid([
          {
            field: 'department',
            code: 'not_found',
            message: `Le département ${department} n'est pas servi par Créneau.`,
            params: { department },
          },
        ]);
      }
      return listProceduresOfDepartment(ctx.db, department);
    },
  );
}
