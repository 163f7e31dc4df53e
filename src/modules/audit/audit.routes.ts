import { Type } from '@sinclair/typebox';
import type { ModulePlugin } from '../../context.ts';
import { ADMIN_ERRORS, BEARER } from '../agents/agent-admin.schemas.ts';
import { principalOf } from '../agents/auth.ts';
import { presentAuditEntry, searchAudit } from './audit-search.usecases.ts';

const text = (maxLength: number, description: string) =>
  Type.Optional(Type.String({ maxLength, description }));

const AuditQuerySchema = Type.Object(
  {
    from: text(40, 'Start: YYYY-MM-DD (a day in Paris time) or an ISO 8601 date-time with offset'),
    to: text(40, 'End, included: YYYY-MM-DD, or an ISO 8601 date-time (excluded)'),
    agent: text(254, "The acting agent's email"),
    action: text(80, 'e.g. agent.create, grant.add, token.revoke'),
    targetType: text(40, 'e.g. agent, api_token, site'),
    targetId: text(80, "The target's id"),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: '100 by default' })),
  },
  { additionalProperties: false },
);

const AuditEntrySchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  agent: Type.Union([Type.String(), Type.Null()], { description: 'Email; null for no signed-in agent' }),
  action: Type.String(),
  target: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

/** GET /api/v1/admin/audit (PRODUCT §7.1), behind the token guard (app.ts's ADMIN_API). */
export const auditApiPlugin: ModulePlugin = async (app, { ctx }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['admin: audit'],
        summary: 'The audit log within your audit.read scope, newest first',
        security: BEARER,
        querystring: AuditQuerySchema,
        response: { 200: Type.Array(AuditEntrySchema), ...ADMIN_ERRORS },
      },
    },
    async (request) => {
      const query = { ...request.query, limit: request.query.limit ?? 100 };
      const result = await searchAudit(ctx, principalOf(request), query);
      return result.entries.map(presentAuditEntry);
    },
  );
};
