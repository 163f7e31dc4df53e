import { type Static, Type } from '@sinclair/typebox';

// The same schemas validate requests and generate /api/openapi.json. Domain rules (foreigner number,
// names, permit window, postal code) are checked by applicant.ts, with messages that say how to fix.

const text = (maxLength: number, description: string) => Type.String({ maxLength, description });

export const ApplicantSchema = Type.Object(
  {
    lastName: text(100, 'Nom de naissance, en caractères latins'),
    firstName: text(100, 'Prénom(s)'),
    birthDate: Type.String({ format: 'date', description: 'YYYY-MM-DD' }),
    email: text(254, 'Adresse électronique'),
    phone: Type.Optional(text(30, 'Téléphone, français ou international')),
    foreignerNumber: Type.Optional(text(20, 'Numéro étranger (AGDREF), 10 chiffres')),
    titleExpiry: Type.Optional(
      Type.String({ format: 'date', description: 'Date de fin de validité du titre' }),
    ),
    postalCode: Type.Optional(text(10, 'Code postal du domicile')),
  },
  { additionalProperties: false },
);

export const BookingRequestSchema = Type.Object(
  {
    slotId: Type.Integer({ minimum: 1 }),
    acceptConditions: Type.Literal(true, { description: 'The applicant accepted the conditions of use' }),
    captcha: Type.Optional(Type.String({ maxLength: 8192, description: 'Solution of GET /api/v1/captcha' })),
    applicant: ApplicantSchema,
  },
  { additionalProperties: false },
);
export type BookingRequest = Static<typeof BookingRequestSchema>;

export const BookingCreatedSchema = Type.Object({
  id: Type.Integer(),
  reference: Type.String(),
  status: Type.Literal('pending'),
  holdExpiresAt: Type.String({ format: 'date-time' }),
});

export const TokenBodySchema = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const EarlierWishBodySchema = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200 }),
    wanted: Type.Boolean({ description: 'true: join the earlier-slot list; false: leave it' }),
  },
  { additionalProperties: false },
);

export const ReferenceParamsSchema = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 20 }) });
export const TokenQuerySchema = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const BookingViewSchema = Type.Object({
  reference: Type.String(),
  status: Type.String(),
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  timezone: Type.String(),
  holdExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  procedure: Type.Object({ id: Type.Integer(), title: Type.String(), durationMinutes: Type.Integer() }),
  site: Type.Object({ id: Type.Integer(), name: Type.String(), address: Type.String() }),
  applicant: Type.Object({ lastName: Type.String(), firstName: Type.String() }),
});

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          code: Type.String(),
          message: Type.String(),
          params: Type.Optional(
            Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
              description:
                'The values the message is made of, e.g. {"withinDays": 92, "opensOn": "2026-03-16"}',
            }),
          ),
        }),
      ),
    ),
  }),
});
