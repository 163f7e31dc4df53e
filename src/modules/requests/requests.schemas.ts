import { type Static, Type } from '@sinclair/typebox';
import { ApplicantSchema } from '../booking/booking.schemas.ts';
import { HALF_DAYS } from './choices.ts';

// The same schemas validate the requests API (PRODUCT §7) and generate /api/openapi.json. Whether the
// offices offer the procedure by draw, and the applicant's domain rules, are checked by the use case.

const HalfDaySchema = Type.Union(
  HALF_DAYS.map((day) => Type.Literal(day)),
  { description: 'Weekday and morning (before 12:00 local) or afternoon, e.g. "tue-am"' },
);

const choices = {
  procedureId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  siteIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), {
    minItems: 1,
    maxItems: 20,
    uniqueItems: true,
    description: 'The offices the applicant can go to; each must offer the procedure by draw',
  }),
  halfDays: Type.Optional(
    Type.Array(HalfDaySchema, { maxItems: 14, uniqueItems: true, description: 'Empty or absent: any' }),
  ),
  earliest: Type.Optional(
    Type.Union([Type.String({ format: 'date' }), Type.Null()], {
      description: 'YYYY-MM-DD, the first day the applicant can attend; null or absent: any',
    }),
  ),
};

export const RequestBodySchema = Type.Object(
  {
    ...choices,
    acceptConditions: Type.Literal(true, { description: 'The applicant accepted the conditions of use' }),
    captcha: Type.Optional(Type.String({ maxLength: 8192, description: 'Solution of GET /api/v1/captcha' })),
    applicant: ApplicantSchema,
  },
  { additionalProperties: false },
);
export type RequestBody = Static<typeof RequestBodySchema>;

/** The back office's entry on someone's behalf: the same body without the proof of work. */
export const EnteredRequestBodySchema = Type.Object(
  {
    ...choices,
    acceptConditions: Type.Literal(true, { description: 'The applicant accepted the conditions of use' }),
    applicant: ApplicantSchema,
    locale: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en'), Type.Literal('ar')])),
  },
  { additionalProperties: false },
);

export const ReceiptSchema = Type.Object({
  code: Type.String({ description: 'The signed receipt, verifiable at /verifier (prefix "r1.")' }),
  submittedAt: Type.String({ format: 'date-time' }),
  pdf: Type.String({ format: 'uri', description: 'The receipt as a PDF (a link valid for a day)' }),
});

export const RequestRecordedSchema = Type.Object({
  label: Type.String({ description: 'The receipt number, 10 characters' }),
  status: Type.Literal('waiting'),
  receipt: ReceiptSchema,
});

export const LabelParamsSchema = Type.Object({ label: Type.String({ minLength: 1, maxLength: 20 }) });

export const RequestViewSchema = Type.Object({
  label: Type.String(),
  status: Type.Union([
    Type.Literal('waiting'),
    Type.Literal('won'),
    Type.Literal('withdrawn'),
    Type.Literal('closed'),
  ]),
  lost: Type.Integer({ description: 'Draws lost so far' }),
  bookingReference: Type.Optional(Type.String({ description: 'The booking a won draw gave it' })),
});
