import { Type } from '@sinclair/typebox';
import { CODE_PATTERNS } from '../../codes.ts';
import { ErrorSchema } from '../booking/booking.schemas.ts';
import { HOLIDAY_REGIONS, MAX_RULES, RELEASE_MODES } from './schedule.input.ts';

// The admin API's schemas of the schedule's configuration: they validate the JSON's types and
// generate /api/openapi.json; the rules a schema cannot say (an end after its start, a window, a day
// not past) are schedule.input.ts's, the same for the pages.

const MAX_ID = 2_147_483_647;
const time = (description: string) =>
  Type.String({
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
    description: `${description}, HH:MM local time`,
  });
const date = (description: string) => Type.String({ format: 'date', description });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: MAX_ID }) });
export const ClosureParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: MAX_ID }),
  day: date('The closed day, YYYY-MM-DD'),
});
export const DepartmentParams = Type.Object({ code: Type.String({ pattern: CODE_PATTERNS.department }) });

export const OpeningRuleSchema = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 Monday … 7 Sunday' }),
    startsAt: time('Start of the range'),
    endsAt: time('End of the range, after its start'),
    capacity: Type.Integer({ minimum: 1, maximum: 100, description: 'Counters open: places in each slot' }),
    validFrom: Type.Optional(Type.Union([date('First day the range applies'), Type.Null()])),
    validUntil: Type.Optional(Type.Union([date('Last day the range applies'), Type.Null()])),
  },
  { additionalProperties: false },
);

export const OpeningRulesBody = Type.Object(
  { rules: Type.Array(OpeningRuleSchema, { maxItems: MAX_RULES }) },
  { additionalProperties: false },
);

const Counts = Type.Object({
  inserted: Type.Integer(),
  updated: Type.Integer(),
  removed: Type.Integer(),
});

const StoredRule = Type.Object({
  weekday: Type.Integer(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  capacity: Type.Integer(),
  validFrom: Type.Union([Type.String(), Type.Null()]),
  validUntil: Type.Union([Type.String(), Type.Null()]),
});

export const OpeningRulesAnswer = Type.Object({
  offerId: Type.Integer(),
  rules: Type.Array(StoredRule),
  slots: Type.Optional(Counts),
});

export const PublicationBody = Type.Object(
  {
    publicationDays: Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'Days published, today included',
    }),
    mode: Type.Union(
      RELEASE_MODES.map((mode) => Type.Literal(mode)),
      { description: 'rolling: continuously; fixed: at `time`; random: at a secret moment in the window' },
    ),
    weekdays: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
        minItems: 1,
        maxItems: 7,
        description: 'Release weekdays (fixed and random)',
      }),
    ),
    time: Type.Optional(time('Release time (fixed)')),
    windowStart: Type.Optional(time('Start of the draw window (random)')),
    windowEnd: Type.Optional(time('End of the draw window (random)')),
  },
  { additionalProperties: false },
);

export const PublicationAnswer = Type.Object({
  offerId: Type.Integer(),
  publicationDays: Type.Integer(),
  mode: Type.String(),
  weekdays: Type.Optional(Type.Array(Type.Integer())),
  time: Type.Optional(Type.String()),
  windowStart: Type.Optional(Type.String()),
  windowEnd: Type.Optional(Type.String()),
  releasedThrough: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  nextReleaseAt: Type.Union([
    Type.String({ format: 'date-time', description: 'Fixed time only: a random moment is never shown' }),
    Type.Null(),
  ]),
});

export const ClosureBody = Type.Object(
  {
    day: date('The closed day, YYYY-MM-DD, today or later'),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const Closure = Type.Object({ day: Type.String({ format: 'date' }), reason: Type.String() });

export const ClosuresAnswer = Type.Object({ siteId: Type.Integer(), closures: Type.Array(Closure) });
export const ClosureAnswer = Type.Object({
  siteId: Type.Integer(),
  day: Type.String({ format: 'date' }),
  reason: Type.Optional(Type.String()),
  slots: Counts,
});

export const DepartmentBody = Type.Object(
  { holidayRegion: Type.Union(HOLIDAY_REGIONS.map((region) => Type.Literal(region))) },
  { additionalProperties: false },
);

export const DepartmentAnswer = Type.Object({
  code: Type.String(),
  name: Type.String(),
  timezone: Type.String(),
  holidayRegion: Type.String(),
});

export const DurationBody = Type.Object(
  { durationMinutes: Type.Integer({ minimum: 5, maximum: 480 }) },
  { additionalProperties: false },
);
export const DurationAnswer = Type.Object({ id: Type.Integer(), durationMinutes: Type.Integer() });

/** The 409 of a change that would leave bookings without a seat: the bookings, to revoke first. */
export const StrandedSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    bookings: Type.Optional(
      Type.Array(
        Type.Object({
          reference: Type.String(),
          start: Type.String({ format: 'date-time' }),
          lastName: Type.String(),
          firstName: Type.String(),
        }),
      ),
    ),
  }),
});

/** The answers every admin route of this module may give besides its success. */
export const ERRORS = {
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: StrandedSchema,
  422: ErrorSchema,
};

/** Every admin route: the agent's API token. */
export const SECURITY = [{ bearerAuth: [] }];
