import { type Static, Type } from '@sinclair/typebox';
import { CHANNELS } from './offers.rules.ts';

// The admin API's offers (PRODUCT §7.1). The use cases check what the schemas cannot say: an email
// channel's address, an external service's https link, a postal address.

const channel = Type.Union(
  CHANNELS.map((name) => Type.Literal(name)),
  { description: 'booking (first come), draw, postal, email, walk_in or external (online service)' },
);
// Lengths are the use case's to check (one clear field error rather than one per branch of the union).
const optionalText = (maxLength: number, description: string) =>
  Type.Optional(
    Type.Union([
      Type.String({ description: `${description}; at most ${maxLength} characters` }),
      Type.Null(),
    ]),
  );

const offerFields = {
  channel,
  instructions: optionalText(4000, 'What to do, as the directory says it'),
  contactEmail: optionalText(254, 'The office’s address for this procedure (required for email)'),
  url: optionalText(2000, 'A page or the online service (https, required for external)'),
  postalAddress: optionalText(500, 'Where to send the application (required for postal)'),
};

export const OfferUpdateSchema = Type.Object(offerFields, { additionalProperties: false });
export type OfferUpdate = Static<typeof OfferUpdateSchema>;

const id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const OfferCreateSchema = Type.Object(
  { procedureId: id, siteId: id, ...offerFields },
  { additionalProperties: false },
);

/** An entry of GET /api/v1/admin/offers, exactly as §7.1 lists it. */
export const OfferSummarySchema = Type.Object({
  id: Type.Integer(),
  procedureId: Type.Integer(),
  siteId: Type.Integer(),
  channel: Type.String(),
});

export const OfferSchema = Type.Object({
  id: Type.Integer(),
  procedureId: Type.Integer(),
  siteId: Type.Integer(),
  channel: Type.String(),
  instructions: Type.String(),
  contactEmail: Type.Union([Type.String(), Type.Null()]),
  url: Type.Union([Type.String(), Type.Null()]),
  postalAddress: Type.Union([Type.String(), Type.Null()]),
  updatedOn: Type.String({ format: 'date' }),
});
