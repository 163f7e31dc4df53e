import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../booking/booking.schemas.ts';

// The JSON of the check-in and of the identity correction (PRODUCT §7.1); the same schemas validate
// and document. Which of `qr` and `reference` is given is checked by the use case (exactly one).

export const CheckInBodySchema = Type.Object(
  {
    qr: Type.Optional(
      Type.String({
        maxLength: 2000,
        description:
          'The convocation’s QR text as a scanner types it: the c1.… code, or the /verifier link holding it',
      }),
    ),
    reference: Type.Optional(
      Type.String({ maxLength: 40, description: 'The reference printed on the convocation (74-K7M3-QX9P)' }),
    ),
  },
  { additionalProperties: false },
);

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

const IdentitySchema = Type.Object({
  lastName: Type.String(),
  firstName: Type.String(),
  birthDate: Day,
  foreignerNumber: Type.Optional(Type.String()),
});

export const CheckedInSchema = Type.Object({
  reference: Type.String(),
  status: Type.String({ description: 'waiting once checked in; a second scan answers the status as it is' }),
  identity: Type.Object(IdentitySchema.properties, { description: 'The booking’s identity, as stored' }),
  signedIdentity: Type.Optional(
    Type.Object(
      { lastName: Type.String(), firstName: Type.String(), birthDate: Day },
      {
        description:
          'The identity the QR code signed (only when a code was given), to compare field by field',
      },
    ),
  ),
  appointment: Type.Object({
    start: Type.String({ description: 'ISO 8601 with the office’s offset' }),
    siteId: Type.Integer(),
    procedure: Type.String(),
  }),
  checkedInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** A refusal of the check-in; `date` (YYYY-MM-DD) names the appointment's day for `wrong_day`. */
export const CheckInErrorSchema = Type.Object({
  error: Type.Object({
    ...ErrorSchema.properties.error.properties,
    date: Type.Optional(Day),
  }),
});

export const CorrectionBodySchema = Type.Object(
  {
    lastName: Type.Optional(Type.String({ maxLength: 200 })),
    firstName: Type.Optional(Type.String({ maxLength: 200 })),
    birthDate: Type.Optional(Type.String({ maxLength: 20, description: 'YYYY-MM-DD' })),
    foreignerNumber: Type.Optional(
      Type.String({ maxLength: 20, description: '10 digits; empty to remove it where the procedure allows' }),
    ),
    // Optional here so that a missing reason gets the use case's message, like a short one.
    reason: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: 'Required: why the identity is corrected (3–500 characters), kept in the audit log',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CorrectedSchema = Type.Object({
  reference: Type.String(),
  identity: IdentitySchema,
  corrected: Type.Array(Type.String(), { description: 'The fields this call changed: none when already so' }),
});

export const ReferenceParamsSchema = Type.Object({ reference: Type.String({ maxLength: 40 }) });
