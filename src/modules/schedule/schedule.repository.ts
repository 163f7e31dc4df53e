import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import type { HolidayRegion, ReleaseMode } from '../../db/schema.ts';
import { bookableSlots, firstComeOffers, offersWithPlace, REMAINING_SEATS } from './offers.repository.ts';
import type { GeneratedSlot, OpeningRuleInput } from './slot-generation.ts';

/** What slot generation needs of one offer: its place's zone and holidays, its rules, its policy. */
export interface OfferSchedule {
  offerId: number;
  siteId: number;
  zone: string;
  holidayRegion: HolidayRegion;
  durationMinutes: number;
  /** Days ahead to publish, today included (offer.publication_days). */
  publicationDays: number;
  releaseMode: ReleaseMode;
  /** Release modes: the last local day released so far. */
  releasedThrough: string | null;
  rules: OpeningRuleInput[];
  /** The site's closures from `fromDate` on. */
  closures: Set<string>;
}

/**
 * A first-come offer's schedule (undefined for another channel: only first-come offers publish slots
 * from their rules), read in the caller's transaction; `lock` takes the offer's row first, so that a
 * change of its schedule ('update') and a publication ('share') never interleave.
 */
export async function loadOfferSchedule(
  db: Executor,
  offerId: number,
  fromDate: string,
  lock?: 'update' | 'share',
): Promise<OfferSchedule | undefined> {
  const query = firstComeOffers(db)
    .select([
      'offer.id as offerId',
      'site.id as siteId',
      'department.timezone as zone',
      'department.holiday_region as holidayRegion',
      'procedure.duration_minutes as durationMinutes',
      'offer.publication_days as publicationDays',
      'offer.release_mode as releaseMode',
      'offer.released_through as releasedThrough',
    ])
    .where('offer.id', '=', offerId);
  const offer = await (lock === 'update'
    ? query.forNoKeyUpdate('offer')
    : lock === 'share'
      ? query.forShare('offer')
      : query
  ).executeTakeFirst();
  if (!offer) return undefined;
  const [rules, closures] = await Promise.all([
    db
      .selectFrom('opening_rule')
      .select([
        'weekday',
        sql<string>`to_char(starts_at, 'HH24:MI')`.as('startsAt'),
        sql<string>`to_char(ends_at, 'HH24:MI')`.as('endsAt'),
        'capacity',
        'valid_from as validFrom',
        'valid_until as validUntil',
      ])
      .where('offer_id', '=', offerId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('closure')
      .select('day')
      .where('site_id', '=', offer.siteId)
      .where('day', '>=', fromDate)
      .execute(),
  ]);
  return { ...offer, rules, closures: new Set(closures.map((c) => c.day)) };
}

/** The first-come offers, or the one `offerId` if it is one: those the publication job publishes. */
export async function publishableOfferIds(db: Executor, offerId?: number): Promise<number[]> {
  let query = firstComeOffers(db).select('offer.id').orderBy('offer.id');
  if (offerId !== undefined) query = query.where('offer.id', '=', offerId);
  return (await query.execute()).map((row) => row.id);
}

/** Inserts the slots that do not exist yet; publishing twice changes nothing. Returns how many were new. */
export async function insertSlots(db: Executor, offerId: number, slots: GeneratedSlot[]): Promise<number> {
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
      REMAINING_SEATS.as('remaining'),
    ])
    .where('offer.id', '=', range.offerId)
    .where('slot.starts_at', '>=', range.from)
    .where('slot.starts_at', '<', range.to)
    .orderBy('slot.starts_at')
    .limit(5000)
    .execute();
}
