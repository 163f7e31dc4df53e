import { type Static, Type } from '@sinclair/typebox';
import { CODE_PATTERNS } from '../../codes.ts';
import { LocalizedTextSchema } from './offices.schemas.ts';

// The admin API's procedures (PRODUCT §7.1; decision 0023): French texts in their fields, English and
// Arabic ones in `translations`, each optional. The lengths of the texts that may be null are the use
// case's to check (one clear field error, where a union's schema would report every branch).

const text = (maxLength: number) =>
  Type.Optional(Type.Union([Type.String({ description: `At most ${maxLength} characters` }), Type.Null()]));
const documents = Type.Optional(
  Type.Union([
    Type.Array(Type.String(), { description: 'At most 50, each at most 500 characters' }),
    Type.Null(),
  ]),
);
const optionalLocalized = Type.Optional(Type.Union([LocalizedTextSchema, Type.Null()]));

const TranslationSchema = Type.Object(
  { title: text(300), description: text(4000), audience: text(2000), documents, fees: text(2000) },
  { additionalProperties: false },
);

const TranslationsSchema = Type.Object(
  {
    en: Type.Optional(Type.Union([TranslationSchema, Type.Null()])),
    ar: Type.Optional(Type.Union([TranslationSchema, Type.Null()])),
  },
  {
    additionalProperties: false,
    description: 'The texts in English and Arabic; French is shown for what is missing',
  },
);

const procedureFields = {
  title: Type.String({ maxLength: 300 }),
  description: text(4000),
  audience: text(2000),
  documents,
  fees: text(2000),
  arrivalAdvice: optionalLocalized,
  admissionRule: optionalLocalized,
  requiresForeignerNumber: Type.Boolean(),
  requiresTitleExpiry: Type.Boolean(),
  requiresPostalCode: Type.Boolean({ description: 'A postal code of the département is required' }),
  titleExpiryWithinDays: Type.Optional(
    Type.Union([Type.Integer(), Type.Null()], {
      description: 'Open to permits expiring within this many days',
    }),
  ),
  titleExpiredSinceDays: Type.Optional(
    Type.Union([Type.Integer(), Type.Null()], {
      description: 'Open to permits expired at most this many days ago',
    }),
  ),
  translations: Type.Optional(Type.Union([TranslationsSchema, Type.Null()])),
};

export const ProcedureUpdateSchema = Type.Object(procedureFields, { additionalProperties: false });
export type ProcedureUpdate = Static<typeof ProcedureUpdateSchema>;

export const ProcedureCreateSchema = Type.Object(
  {
    code: Type.String({ pattern: CODE_PATTERNS.procedure, description: 'In the public pages’ addresses' }),
    departmentCode: Type.Union([Type.String({ pattern: CODE_PATTERNS.department }), Type.Null()], {
      description: 'null: the national catalogue (national scope only)',
    }),
    durationMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
    ...procedureFields,
  },
  { additionalProperties: false },
);

const nullableLocalized = Type.Union([LocalizedTextSchema, Type.Null()]);
const nullableInteger = Type.Union([Type.Integer(), Type.Null()]);
const Translation = Type.Object({
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  audience: Type.Optional(Type.String()),
  documents: Type.Optional(Type.Array(Type.String())),
  fees: Type.Optional(Type.String()),
});

export const ProcedureSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  durationMinutes: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  audience: Type.String(),
  documents: Type.Array(Type.String()),
  fees: Type.String(),
  arrivalAdvice: nullableLocalized,
  admissionRule: nullableLocalized,
  requiresForeignerNumber: Type.Boolean(),
  requiresTitleExpiry: Type.Boolean(),
  requiresPostalCode: Type.Boolean(),
  titleExpiryWithinDays: nullableInteger,
  titleExpiredSinceDays: nullableInteger,
  translations: Type.Object({ en: Type.Optional(Translation), ar: Type.Optional(Translation) }),
});
