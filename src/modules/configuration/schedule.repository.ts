import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { HolidayRegion } from '../../db/schema.ts';
import { firstComeOffers, offersWithPlace } from '../schedule/offers.repository.ts';
import { POLICY_COLUMNS, policyColumns, policyOf } from '../schedule/release.repository.ts';
import type { ReleasePolicy } from '../schedule/release-policy.ts';
import type { OpeningRuleInput } from '../schedule/slot-generation.ts';

// The SQL of the schedule's configuration: an offer's opening rules and publication policy, a site's
// closures, a département's holidays, a procedure's duration, and where each of them is.

/** An offer with where it is (read from the database: authorization decides on it) and what it offers. */
export async function findOfferPlace(db: Executor, offerId: number) {
  return offersWithPlace(db)
    .select([
      'offer.id as offerId',
      'offer.channel',
      'site.id as siteId',
      'site.name as siteName',
      'department.code as departmentCode',
      'department.timezone as zone',
      'procedure.id as procedureId',
      'procedure.title as procedureTitle',
      'procedure.duration_minutes as durationMinutes',
      'procedure.department_code as procedureDepartmentCode',
      'offer.publication_days as publicationDays',
      ...POLICY_COLUMNS,
    ])
    .where('offer.id', '=', offerId)
    .executeTakeFirst();
}

export type OfferPlace = NonNullable<Awaited<ReturnType<typeof findOfferPlace>>>;

/** The policy an offer's row holds. */
export function storedPolicy(offer: OfferPlace): ReleasePolicy {
  return policyOf(offer);
}

/** A site with its département's zone and holidays. */
export async function findSitePlace(db: Executor, siteId: number) {
  return db
    .selectFrom('site')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select([
      'site.id as siteId',
      'site.name as siteName',
      'department.code as departmentCode',
      'department.name as departmentName',
      'department.timezone as zone',
      'department.holiday_region as holidayRegion',
    ])
    .where('site.id', '=', siteId)
    .executeTakeFirst();
}

export type SitePlace = NonNullable<Awaited<ReturnType<typeof findSitePlace>>>;

export async function findDepartment(db: Executor, code: string) {
  return db
    .selectFrom('department')
    .select(['code', 'name', 'timezone', 'holiday_region as holidayRegion'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function findProcedure(db: Executor, procedureId: number) {
  return db
    .selectFrom('procedure')
    .select(['id', 'title', 'duration_minutes as durationMinutes', 'department_code as departmentCode'])
    .where('id', '=', procedureId)
    .executeTakeFirst();
}

/** An offer's opening rules, times as 'HH:MM', in the order they were written. */
export async function listOpeningRules(db: Executor, offerId: number): Promise<OpeningRuleInput[]> {
  return db
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
    .execute();
}

/** Replaces the whole set of an offer's opening rules. */
export async function replaceOpeningRules(
  trx: Executor,
  offerId: number,
  rules: readonly OpeningRuleInput[],
): Promise<void> {
  await trx.deleteFrom('opening_rule').where('offer_id', '=', offerId).execute();
  if (rules.length === 0) return;
  await trx
    .insertInto('opening_rule')
    .values(
      rules.map((rule) => ({
        offer_id: offerId,
        weekday: rule.weekday,
        starts_at: rule.startsAt,
        ends_at: rule.endsAt,
        capacity: rule.capacity,
        valid_from: rule.validFrom,
        valid_until: rule.validUntil,
      })),
    )
    .execute();
}

/** Stores a publication policy with the release state it starts from. */
export async function updatePublication(
  trx: Executor,
  offerId: number,
  update: {
    publicationDays: number;
    policy: ReleasePolicy;
    releasedThrough: string | null;
    nextReleaseAt: Date | null;
  },
): Promise<void> {
  await trx
    .updateTable('offer')
    .set({ publication_days: update.publicationDays, ...policyColumns(update.policy, update) })
    .where('id', '=', offerId)
    .execute();
}

function releaseStateQuery(db: Executor, offerId: number) {
  return db
    .selectFrom('offer')
    .select(['released_through as releasedThrough', 'next_release_at as nextReleaseAt'])
    .where('id', '=', offerId);
}

/** The release state of an offer: the last day released, the next release's moment. */
export async function releaseState(db: Executor, offerId: number) {
  return releaseStateQuery(db, offerId).executeTakeFirstOrThrow();
}

/**
 * The release state of an offer, its row locked first: every change of an offer's schedule takes
 * this lock before reading anything, so that two saves of one offer happen one after the other.
 */
export async function lockReleaseState(trx: Executor, offerId: number) {
  return releaseStateQuery(trx, offerId).forNoKeyUpdate().executeTakeFirstOrThrow();
}

/** A site's closures from `fromDay` on, earliest first. */
export async function listClosures(db: Executor, siteId: number, fromDay: string) {
  return db
    .selectFrom('closure')
    .select(['day', 'reason'])
    .where('site_id', '=', siteId)
    .where('day', '>=', fromDay)
    .orderBy('day')
    .limit(1000)
    .execute();
}

/** Adds a closure; false when the site already has one that day. */
export async function insertClosure(
  trx: Executor,
  closure: { siteId: number; day: string; reason: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('closure')
    .values({ site_id: closure.siteId, day: closure.day, reason: closure.reason })
    .onConflict((oc) => oc.columns(['site_id', 'day']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes a closure and answers what it was, or undefined when there was none that day. */
export async function deleteClosure(trx: Executor, siteId: number, day: string) {
  return trx
    .deleteFrom('closure')
    .where('site_id', '=', siteId)
    .where('day', '=', day)
    .returning(['day', 'reason'])
    .executeTakeFirst();
}

export async function updateHolidayRegion(trx: Executor, code: string, region: HolidayRegion): Promise<void> {
  await trx.updateTable('department').set({ holiday_region: region }).where('code', '=', code).execute();
}

export async function updateDuration(trx: Executor, procedureId: number, minutes: number): Promise<void> {
  await trx
    .updateTable('procedure')
    .set({ duration_minutes: minutes })
    .where('id', '=', procedureId)
    .execute();
}

/** The first-come offers a change of a site, a département or a procedure regenerates. */
export async function firstComeOfferIds(
  db: Executor,
  of: { siteId: number } | { departmentCode: string } | { procedureId: number },
): Promise<number[]> {
  let query = firstComeOffers(db).select('offer.id');
  if ('siteId' in of) query = query.where('site.id', '=', of.siteId);
  else if ('departmentCode' in of) query = query.where('department.code', '=', of.departmentCode);
  else query = query.where('procedure.id', '=', of.procedureId);
  return (await query.orderBy('offer.id').execute()).map((row) => row.id);
}

/** An offer's next slots after `now` (full ones too), for the hours page. */
export async function nextSlots(db: Executor, offerId: number, now: Date, limit: number) {
  return db
    .selectFrom('slot')
    .select(['starts_at as startsAt', 'ends_at as endsAt', 'capacity', 'taken'])
    .where('offer_id', '=', offerId)
    .where('starts_at', '>', now)
    .where('capacity', '>', 0)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
}

/** A site's offers with their procedure, for the links of the closures page. */
export async function siteOffers(db: Executor, siteId: number) {
  return offersWithPlace(db)
    .select(['offer.id as offerId', 'offer.channel', 'procedure.title as procedureTitle'])
    .where('site.id', '=', siteId)
    .orderBy('procedure.title')
    .orderBy('offer.id')
    .execute();
}
