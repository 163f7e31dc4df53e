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
          kind: Type.Literal('booking'),
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
      /** The waiting requests of the draw queue in the group (decision 0048). */
      requests: Type.Array(
        Type.Object({
          kind: Type.Literal('request'),
          label: Type.String({ description: 'The receipt number, to send back in `labels` to close it' }),
          status: Type.String({ description: 'waiting' }),
          procedure: Type.String({ description: 'The procedure’s title' }),
          siteIds: Type.Array(Type.Integer()),
          offices: Type.Array(Type.String(), { description: 'The names of the offices it accepts' }),
          createdAt: Type.String({ format: 'date-time' }),
          lastName: Type.String(),
          firstName: Type.String(),
          reasons: Type.Array(Type.Object({ kind: ReasonSchema, group: GroupLabelSchema })),
        }),
      ),
    }),
  ),
});

const BulkBodySchema = Type.Object(
  {
    references: Type.Optional(
      Type.Array(Type.String({ maxLength: 40 }), {
        maxItems: BULK_MAX,
        description: 'The bookings to revoke, by reference',
      }),
    ),
    labels: Type.Optional(
      Type.Array(Type.String({ maxLength: 40 }), {
        maxItems: BULK_MAX,
        description:
          'The waiting requests to close, by label (status closed with the reason; 409 `request_not_waiting` naming any that left the queue otherwise)',
      }),
    ),
    reason: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);

const BulkDoneSchema = Type.Object({
  revoked: PeriodRevokedSchema.properties.revoked,
  closed: Type.Optional(
    Type.Integer({
      description: 'Requests this call closed (each person notified once), when labels were sent',
    }),
  ),
});

/** The suspicious-bookings review and its bulk revocation (ADMIN_API). */
export const suspiciousAdminApiPlugin: ModulePlugin = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };

  app.get(
    '/suspicious-bookings',
    {
      schema: {
        tags: ['admin: revocations'],
        summary:
          'Active bookings and waiting requests grouped by shared email address, phone, network (a keyed hash, never shown) or near-identical names (permission fraud.review)',
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
          'Revoke selected bookings and close selected waiting requests with one reason, all or none (booking.revoke on each one’s offices); each person notified once',
        security: ADMIN_SECURITY,
        body: BulkBodySchema,
        response: { 200: BulkDoneSchema, 409: ErrorSchema, 503: ErrorSchema, ...ADMIN_ERRORS },
      },
    },
    async (request) => revokeSelected(deps, actingOf(request, ctx), request.body),
  );
};
