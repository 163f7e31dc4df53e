import { type Static, Type } from '@sinclair/typebox';
import { CODE_PATTERNS } from '../../codes.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { CALLS_BEFORE_MISSED, SITE_KINDS } from './offices.rules.ts';

// The admin API's sites (PRODUCT §7.1): the schemas validate the requests and make /api/openapi.json.
// What they cannot say (a French text before its translations, a deliverable email) is checked by the
// use cases, with the same 422 and field names as the forms.

/** Every admin route: an agent's API token (`Authorization: Bearer crn_…`). */
export const ADMIN_SECURITY = [{ bearerAuth: [] }];

/** The errors every admin route may answer. */
export const ADMIN_ERRORS = { 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };

/** A database id in a path: PostgreSQL's integer. */
export const IdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

// Inside a union with null, a schema's length limit would be reported once per branch: the use cases
// check those lengths (at most 1000 characters per language here), with one clear field error.
export const LocalizedTextSchema = Type.Object(
  {
    fr: Type.String({ description: 'Le texte en français (1000 caractères au plus)' }),
    en: Type.Optional(Type.String({ description: 'English version' })),
    ar: Type.Optional(Type.String({ description: 'النسخة العربية' })),
  },
  { additionalProperties: false, description: 'A text for applicants, French first' },
);

const optionalLocalized = Type.Optional(Type.Union([LocalizedTextSchema, Type.Null()]));

const siteFields = {
  name: Type.String({ maxLength: 200 }),
  kind: Type.Union(SITE_KINDS.map((kind) => Type.Literal(kind))),
  address: Type.String({ maxLength: 500 }),
  counters: Type.Array(Type.String({ maxLength: 50 }), {
    minItems: 1,
    maxItems: 100,
    description: 'The names of the counters (guichets), e.g. ["Guichet 1", "Guichet 2"]',
  }),
  callsBeforeMissed: Type.Optional(
    Type.Integer({
      minimum: CALLS_BEFORE_MISSED.min,
      maximum: CALLS_BEFORE_MISSED.max,
      description:
        'How many calls before a person may be marked missed (1 to 10); left out, the stored value stays (3 for a new site)',
    }),
  ),
  contactPhone: Type.Optional(nullable(Type.String({ description: 'As written for the public' }))),
  contactEmail: Type.Optional(nullable(Type.String())),
  transport: optionalLocalized,
  accessibility: optionalLocalized,
  arrivalAdvice: optionalLocalized,
};

export const SiteUpdateSchema = Type.Object(siteFields, { additionalProperties: false });
export type SiteUpdate = Static<typeof SiteUpdateSchema>;

export const SiteCreateSchema = Type.Object(
  { departmentCode: Type.String({ pattern: CODE_PATTERNS.department }), ...siteFields },
  { additionalProperties: false },
);
export type SiteCreate = Static<typeof SiteCreateSchema>;

const localizedOrNull = Type.Union([LocalizedTextSchema, Type.Null()]);

export const SiteSchema = Type.Object({
  id: Type.Integer(),
  departmentCode: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  address: Type.String(),
  counters: Type.Array(Type.String()),
  callsBeforeMissed: Type.Integer({ minimum: CALLS_BEFORE_MISSED.min, maximum: CALLS_BEFORE_MISSED.max }),
  contactPhone: nullable(Type.String()),
  contactEmail: nullable(Type.String()),
  transport: localizedOrNull,
  accessibility: localizedOrNull,
  arrivalAdvice: localizedOrNull,
});

export const DepartmentQuerySchema = Type.Object(
  { department: Type.Optional(Type.String({ pattern: CODE_PATTERNS.department })) },
  { additionalProperties: false },
);
