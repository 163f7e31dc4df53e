import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { HolidayRegion } from '../../db/schema.ts';
import type { GeneratedSlot, OpeningRuleInput } from './slot-generation.ts';

export interface PublishableOffer {
  offerId: number;
  siteId: number;
  zone: string;
  holidayRegion: HolidayRegion;
  durationMinutes: number;
  rules: OpeningRuleInput[];
  closures: Set<string>;
}

/** Every first-come offer with its opening rules and the closures of its site. */
export async function listPublishableOffers(db: Db, fromDate: string): Promise<PublishableOffer[]> {
  const [offers, rules, closures] = await Promise.all([
    db
      .selectFrom('offer')
      .innerJoin('procedure', 'procedure.id', 'offer.procedure_id')
      .innerJoin('site', 'site.id', 'offer.site_id')
      .innerJoin('department', 'department.code', 'site.department_code')
      .select([
        'offer.id as offerId',
        'site.id as siteId',
        'department.timezone as zone',
        'department.holiday_region as holidayRegion',
        'procedure.duration_minutes as durationMinutes',
      ])
      .where('offer.channel', '=', 'booking')
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

/** The offer of a procedure at a site, with the zone it is shown in. */
export async function findOffer(db: Db, procedureId: number, siteId: number) {
  return db
    .selectFrom('offer')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select(['offer.id', 'offer.channel', 'department.timezone'])
    .where('offer.procedure_id', '=', procedureId)
    .where('offer.site_id', '=', siteId)
    .executeTakeFirst();
}

/** Free slots of an offer starting in [from, to), earliest first. */
export async function listFreeSlots(db: Db, offerId: number, from: Date, to: Date) {
  return db
    .selectFrom('slot')
    .select([
      'id',
      'starts_at as startsAt',
      'ends_at as endsAt',
      sql<number>`capacity - taken`.as('remaining'),
    ])
    .where('offer_id', '=', offerId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .where(sql<boolean>`taken < capacity`)
    .orderBy('starts_at')
    .limit(5000)
    .execute();
}
