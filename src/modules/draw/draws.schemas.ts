import { Type } from '@sinclair/typebox';

// The same schemas validate the draws' API (PRODUCT §7 "Draws", §7.1) and generate /api/openapi.json.
// The window, the period and the beacon round are checked against each other by draws.rules.ts.

const MAX_ID = 2_147_483_647;
const Id = Type.Integer({ minimum: 1, maximum: MAX_ID });

export const DrawIdParamsSchema = Type.Object({ id: Id });

export const DrawListQuerySchema = Type.Object(
  {
    procedure: Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'A procedure id' }),
    site: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'Only draws of this office' }),
    ),
  },
  { additionalProperties: false },
);

export const DrawCreateSchema = Type.Object(
  {
    offerId: Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'An offer in channel "draw"' }),
    windowOpensAt: Type.String({
      format: 'date-time',
      description: 'When requests open (ISO 8601 with offset)',
    }),
    windowClosesAt: Type.String({ format: 'date-time', description: 'When requests close, in the future' }),
    slotsFrom: Type.String({ format: 'date', description: 'First local date of the slots allocated' }),
    slotsTo: Type.String({
      format: 'date',
      description: 'Last local date of the slots allocated (≤ 92 days)',
    }),
    beaconRound: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'With DRAW_BEACON_URL: a round published after the window closes (default: the first)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DrawCreatedSchema = Type.Object({
  id: Type.Integer(),
  commitment: Type.String({ description: 'Lowercase hex SHA-256 of the secret seed' }),
});

const summary = {
  id: Type.Integer(),
  procedureId: Type.Integer(),
  siteIds: Type.Array(Type.Integer()),
  kind: Type.Union([Type.Literal('main'), Type.Literal('follow_up')]),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('drawn')], {
    description: 'closed: the window has closed, the draw is still to run',
  }),
  windowOpensAt: Type.String({ format: 'date-time' }),
  windowClosesAt: Type.String({ format: 'date-time' }),
  slotsFrom: Type.String({ format: 'date' }),
  slotsTo: Type.String({ format: 'date' }),
  seats: Type.Integer({ description: 'Free seats at stake before the draw; the seats drawn after' }),
  commitment: Type.String({ description: 'Lowercase hex SHA-256 of the seed, published from creation' }),
};

export const DrawSummarySchema = Type.Object(summary);

const BundleId = Type.Union([Type.Integer(), Type.String({ pattern: '^(0|[1-9][0-9]*)$' })]);

/** A draw and, once drawn, the bundle of PRODUCT §5.1 (sent as stored: the frozen bundle's JSON). */
export const DrawDetailSchema = Type.Object({
  ...summary,
  beaconRound: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The public beacon round pinned at creation, or null without a beacon',
  }),
  version: Type.Optional(Type.Literal('creneau-draw-v1')),
  seed: Type.Optional(Type.String({ description: '64 hex digits, published once drawn' })),
  beacon: Type.Optional(Type.String({ description: 'The beacon round’s randomness, "" without a beacon' })),
  slots: Type.Optional(
    Type.Array(Type.Object({ id: BundleId, siteId: BundleId, start: Type.String(), seats: Type.Integer() })),
  ),
  requests: Type.Optional(
    Type.Array(
      Type.Object({
        label: Type.String(),
        tier: Type.Integer(),
        lost: Type.Integer(),
        siteIds: Type.Array(BundleId),
        halfDays: Type.Array(Type.String()),
        earliest: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
      }),
    ),
  ),
  allocation: Type.Optional(Type.Array(Type.Object({ label: Type.String(), slotId: BundleId }))),
});
