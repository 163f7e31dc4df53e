import { Type } from '@sinclair/typebox';

// The admin API's statistics (GET /api/v1/admin/stats): filters as text, checked by parseStatsQuery
// so that a refused one is a 422 naming it, and one JSON row per site, procedure and week.

const text = (description: string) => Type.Optional(Type.String({ maxLength: 40, description }));

export const StatsQuerySchema = Type.Object(
  {
    from: text('A day, YYYY-MM-DD: the report starts on the Monday of its ISO week (4 weeks ago by default)'),
    to: text('A day, YYYY-MM-DD: the report ends on the Sunday of its ISO week (in 4 weeks by default)'),
    site: text('A site id (404 when absent or outside the token’s stats.read scope)'),
    procedure: text('A procedure id'),
  },
  { additionalProperties: false },
);

const count = Type.Integer({ minimum: 0 });
const nullableNumber = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

export const StatsRowSchema = Type.Object({
  siteId: Type.Integer(),
  siteName: Type.String(),
  procedureId: Type.Integer(),
  procedureTitle: Type.String(),
  week: Type.String({ description: 'ISO week in the office’s local time, e.g. 2030-W02' }),
  seats: count,
  booked: count,
  confirmed: count,
  cancelled: count,
  revoked: count,
  attended: count,
  noShow: count,
  seatsUsed: count,
  fillRate: nullableNumber('seatsUsed / seats, 0–1; null without seats'),
  medianWaitDays: nullableNumber(
    'Median days from each hour of the week to the next free slot the public pool showed then (hourly samples)',
  ),
  noFreeSlotRate: nullableNumber('Share (0–1) of the hours when the public pool showed no free slot at all'),
  requestsWaiting: count,
  requestsUnserved: count,
  bookedOnline: count,
  bookedCounter: count,
  bookedPartner: count,
  medianWaitingMinutes: nullableNumber(
    'Median minutes from check-in to the call answered, over the visits seen at a counter (attended)',
  ),
  medianWalkingMinutes: nullableNumber(
    'Median minutes from that call to the agent marking the person served',
  ),
  medianServiceMinutes: nullableNumber(
    'Median minutes from served to the visit’s end by an agent (not counting visits the end-of-day job closed)',
  ),
});

export const StatsReportSchema = Type.Object({
  from: Type.String({ description: 'The Monday of the first week' }),
  to: Type.String({ description: 'The Sunday of the last week' }),
  rows: Type.Array(StatsRowSchema),
});
