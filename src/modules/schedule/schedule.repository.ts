import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { HolidayRegion } from '../../db/schema.ts';
import { bookableSlots, firstComeOffers, offersWithPlace } from './offers.repository.ts';
import type { GeneratedSlot, OpeningRuleInput } from './slot-generation.ts';

export interface PublishableOffer {
  offerId: number;
  siteId: number;
  zone: string;
  holidayRegion: HolidayRegion;
  durationMinutes: number;
  /** Days ahead to publish, today included (offer.publication_days). */
  publicationDays: number;
  rules: OpeningRuleInput[];
  closures: Set<string>;
}

/** Every first-come offer with its opening rules and the closures of its site. */
export async function listPublishableOffers(db: Db, fromDate: string): Promise<PublishableOffer[]> {
  const [offers, rules, closures] = await Promise.all([
    firstComeOffers(db)
      .select([
        'offer.id as offerId',
        'site.id as siteId',
        'department.timezone as zone',
        'department.holiday_region as holidayRegion',
        'procedure.duration_minutes as durationMinutes',
        'offer.publication_days as publicationDays',
      ])
      .execute(),
    db
      .selectFrom('opening_rule')
      .select([
        'offer_id as offerId',
        'weekday',
        sql<string>`to_char(starts_at, 'HH24:MI:SS')`.as('startsAt'),
        sql<string>`to_char(ends_at, 'HH24:MI:SS')`.as('endsAt'),
        'capacity',
        'valid_from as validFrom',
        'valid_until as validUntil',
      ])
      .execute(),
    db.selectFrom('closure').select(['site_id as siteId', 'day']).where('day', '>=', fromDate).execute(),
  ]);
  return offers.map((offer) => ({
    ...offer,
    rules: rules.filter((rule) => rule.offerId === offer.offerId),
    closures: new Set(closures.filter((c) => c.siteId === offer.siteId).map((c) => c.day)),
  }));
}

/** Inserts the slots that do not exist yet; publishing twice changes nothing. Returns how many were new. */
export async function insertSlots(db: Db, offerId: number, slots: GeneratedSlot[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < slots.length; i += 1000) {
    const chunk = slots.slice(i, i + 1000);
    const result = await db
      .insertInto('slot')
      .values(
        chunk.map((s) => ({
          offer_id: offerId,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          capacity: s.capacity,
        })),
      )
      .onConflict((oc) => oc.columns(['offer_id', 'starts_at']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return inserted;
}

/** The offer of a procedure at a site, whatever its channel, with its zone and publication horizon. */
export async function findOffer(db: Db, procedureId: number, siteId: number) {
  return offersWithPlace(db)
    .select(['offer.id', 'offer.channel', 'offer.publication_days as publicationDays', 'department.timezone'])
    .where('offer.procedure_id', '=', procedureId)
    .where('offer.site_id', '=', siteId)
    .executeTakeFirst();
}

/** Bookable slots of an offer starting in [from, to) and after `now`, earliest first. */
export async function listFreeSlots(db: Db, range: { offerId: number; from: Date; to: Date; now: Date }) {
  return bookableSlots(db, range.now)
    .select([
      'slot.id',
      'slot.starts_at as startsAt',
      'slot.ends_at as endsAt',
      sql<number>`slot.capacity - slot.taken`.as('remaining'),
    ])
    .where('offer.id', '=', range.offerId)
    .where('slot.starts_at', '>=', range.from)
    .where('slot.starts_at', '<', range.to)
    .orderBy('slot.starts_at')
    .limit(5000)
    .execute();
}
