import { Type } from '@sinclair/typebox';

// The JSON of revocations and of booking again with priority; the same schemas validate and document.

const Reason = Type.String({ maxLength: 2000, description: 'Why the office revokes (sent to each person)' });
const Bound = (what: string) =>
  Type.String({
    maxLength: 40,
    description: `${what}: a day YYYY-MM-DD of the office, or an ISO 8601 instant`,
  });

export const RevokeBookingBodySchema = Type.Object({ reason: Reason }, { additionalProperties: false });

export const ReferenceParamsSchema = Type.Object({ reference: Type.String({ maxLength: 40 }) });

export const BookingRevokedSchema = Type.Object({
  reference: Type.String(),
  status: Type.Literal('revoked'),
  revoked: Type.Integer({ description: 'Bookings this call revoked: 0 when it already was' }),
});

export const RevokePeriodBodySchema = Type.Object(
  {
    from: Bound('First day (included) or instant'),
    to: Bound('Last day (included) or end instant (excluded)'),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const PeriodRevokedSchema = Type.Object({
  revoked: Type.Integer({
    description: 'Bookings this call revoked (each person notified once): 0 on a retry',
  }),
});

/** A site's period revoked: the bookings revoked and the days closed (decision 0049). */
export const PeriodClosedSchema = Type.Object({
  revoked: PeriodRevokedSchema.properties.revoked,
  closedDays: Type.Array(Type.String({ format: 'date' }), {
    description:
      'Days of the office (YYYY-MM-DD) this call made closures: those the period covers whole; none on a retry',
  }),
});

const Token = Type.String({ maxLength: 200, description: 'The token of the revocation notice’s link' });

export const PriorityQuerySchema = Type.Object({ token: Token }, { additionalProperties: false });

export const PriorityChoicesSchema = Type.Object({
  expiresAt: Type.String({ format: 'date-time' }),
  slots: Type.Array(
    Type.Object({
      id: Type.Integer(),
      start: Type.String(),
      end: Type.String(),
      site: Type.String(),
      remaining: Type.Integer(),
      held: Type.Boolean({ description: 'The seat kept for this person (listed first)' }),
    }),
  ),
});

export const PriorityBookingBodySchema = Type.Object(
  { token: Token, slotId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const PriorityBookedSchema = Type.Object({
  reference: Type.String(),
  status: Type.Literal('confirmed'),
});
