import { Type } from '@sinclair/typebox';

// The admin API's shapes of permit pick-up (POST /api/v1/admin/sites/ID/permits and permits.csv).
// Lengths are loose here: each line is checked by the use case, which names the line and the field.

const text = (description: string) => Type.Optional(Type.String({ maxLength: 254, description }));

export const PermitLineSchema = Type.Object(
  {
    foreignerNumber: Type.String({ maxLength: 40, description: 'The AGDREF number, 10 digits' }),
    phone: text(
      'A mobile number; by default the one of the latest booking or request of this number in the département',
    ),
    email: text('An email address; by default as the phone'),
    lastName: text('The holder’s last name; by default as the phone'),
    firstName: text('The holder’s first name; by default as the phone'),
  },
  { additionalProperties: false },
);

export const PermitsBodySchema = Type.Object(
  { permits: Type.Array(PermitLineSchema, { minItems: 1, maxItems: 5_000 }) },
  { additionalProperties: false },
);

export const PermitsReadySchema = Type.Object({
  imported: Type.Integer({ description: 'How many permits were marked ready (every line, or none)' }),
  permits: Type.Array(
    Type.Object({
      id: Type.String(),
      foreignerNumber: Type.String(),
      reference: Type.String({ description: 'The code sent to the holder, checked at the pick-up desk' }),
    }),
  ),
});
