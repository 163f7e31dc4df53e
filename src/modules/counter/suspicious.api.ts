import { Type } from '@sinclair/typebox';
import { CODE_PATTERNS } from '../../codes.ts';
import type { ModulePlugin } from '../../context.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { actingOf } from '../configuration/offices.access.ts';
import { ADMIN_ERRORS, ADMIN_SECURITY } from '../configuration/offices.schemas.ts';
import { PeriodRevokedSchema } from './revocation.schemas.ts';
import { BULK_MAX, reviewSuspicious, revokeSelected } from './suspicious.usecases.ts';

const ReviewQuerySchema = Type.Object(
  { department: Type.Optional(Type.String({ pattern: CODE_PATTERNS.department })) },
  { additionalProperties: false },
);

const ReasonSchema = Type.Union([
  Type.Literal('email'),
  Type.Literal('phone'),
  Type.Literal('network'),
  Type.Literal('name'),
]);

// A group is named by its kind and number (`network-2`): a network's key and address never leave.
const GroupLabelSchema = Type.String({ pattern: '^(email|phone|network|name)-[0-9]+$' });

const ReviewSchema = Type.Object({
  groups: Type.Array(
    Type.Object({
      reason: ReasonSchema,
      group: GroupLabelSchema,
      bookings: Type.Array(
        Type.Object({
          reference: Type.String(),
          status: Type.String(),
          start: Type.String(),
          siteId: Type.Integer(),
          lastName: Type.String(),
          firstName: Type.String(),
          /** Every group of this answer the booking is in. */
          reasons: Type.Array(Type.Object({ kind: ReasonSchema, group: GroupLabelSchema })),
        }),
      ),
    }),
  ),
});

const BulkBodySchema = Type.Object(
  {
    references: Type.Array(Type.String({ maxLength: 40 }), { maxItems: BULK_MAX }),
    reason: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);

/** The suspicious-bookings review and its bulk revocation (ADMIN_API). */
export const suspiciousAdminApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  app.get(
    '/suspicious-bookings',
    {
      schema: {
        tags: ['admin: revocations'],
        summary:
          'Active bookings grouped by shared email address, phone, network (a keyed hash, never shown) or near-identical names (permission fraud.review)',
        security: ADMIN_SECURITY,
        querystring: ReviewQuerySchema,
        response: { 200: ReviewSchema, 503: ErrorSchema, ...ADMIN_ERRORS },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reviewSuspicious(deps, actingOf(request, ctx), request.query);
    },
  );

  app.post(
    '/bookings/revocations',
    {
      schema: {
        tags: ['admin: revocations'],
        summary:
          'Revoke selected bookings with one reason, all or none (booking.revoke on each); each person notified once',
        security: ADMIN_SECURITY,
        body: BulkBodySchema,
        response: { 200: PeriodRevokedSchema, 503: ErrorSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => revokeSelected(deps, actingOf(request, ctx), request.body),
  );
};
