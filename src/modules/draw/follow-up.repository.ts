import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import { drawOffers } from '../schedule/offers.repository.ts';

// What the follow-up draws (follow-up.ts, decision 0034) read: where freed seats of draw offers wait,
// the follow-up draws of a procedure, how far each draw offer's drawn periods reach, and which freed
// seats are still free.

/** A procedure in a département: follow-up draws are scheduled one such group at a time. */
export interface FollowUpGroup {
  procedureId: number;
  departmentCode: string;
  timezone: string;
}

/** The groups with unclaimed `seat.freed` events of their draw offers. */
export async function groupsWithFreedSeats(db: Db): Promise<FollowUpGroup[]> {
  return drawOffers(db)
    .innerJoin('seat_event', 'seat_event.offer_id', 'offer.id')
    .where('seat_event.consumed_at', 'is', null)
    .select([
      'offer.procedure_id as procedureId',
      'site.department_code as departmentCode',
      'department.timezone',
    ])
    .distinct()
    .orderBy('offer.procedure_id')
    .orderBy('site.department_code')
    .execute();
}

/** Serialises the schedulers of one group until the end of the transaction. */
export async function lockGroup(trx: Executor, group: FollowUpGroup): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('creneau.follow_up_draws'), hashtext(${`${group.procedureId}:${group.departmentCode}`}))`.execute(
    trx,
  );
}

/**
 * Whether a follow-up draw of the group is still to be drawn, and when the last one was created: a
 * follow-up draw's window opens at its creation, by the scheduler's clock.
 */
export async function followUpsOf(
  trx: Executor,
  group: FollowUpGroup,
): Promise<{ pending: boolean; lastCreatedAt: Date | null }> {
  const row = await trx
    .selectFrom('draw')
    .where('procedure_id', '=', group.procedureId)
    .where('department_code', '=', group.departmentCode)
    .where('kind', '=', 'follow_up')
    .select((eb) => [
      eb.fn.max('window_opens_at').as('lastCreatedAt'),
      eb.fn.countAll<string>().filterWhere('status', '<>', 'drawn').as('pending'),
    ])
    .executeTakeFirstOrThrow();
  return {
    pending: Number(row.pending) > 0,
    lastCreatedAt: row.lastCreatedAt ? new Date(row.lastCreatedAt) : null,
  };
}

/** A draw offer of a group, how far its drawn periods reach, and its oldest waiting freed seat. */
export interface DrawOfferCoverage {
  offerId: number;
  siteId: number;
  /** The latest `slots_to` of the main draws of this offer that were drawn. */
  drawnTo: string | null;
  /** The earliest `slots_from` of the draws of this offer still to be drawn. */
  undrawnFrom: string | null;
  /** The id of its oldest unclaimed seat event, or null. */
  oldestEvent: string | null;
}

export async function drawOfferCoverage(trx: Executor, group: FollowUpGroup): Promise<DrawOfferCoverage[]> {
  const offerIn = sql<boolean>`offer.id = any(draw.offer_ids)`;
  return drawOffers(trx)
    .where('offer.procedure_id', '=', group.procedureId)
    .where('site.department_code', '=', group.departmentCode)
    .select((eb) => [
      'offer.id as offerId',
      'offer.site_id as siteId',
      eb
        .selectFrom('draw')
        .where(offerIn)
        .where('draw.kind', '=', 'main')
        .where('draw.status', '=', 'drawn')
        .select((inner) => inner.fn.max('draw.slots_to').as('to'))
        .as('drawnTo'),
      eb
        .selectFrom('draw')
        .where(offerIn)
        .where('draw.status', '<>', 'drawn')
        .select((inner) => inner.fn.min('draw.slots_from').as('from'))
        .as('undrawnFrom'),
      eb
        .selectFrom('seat_event')
        .whereRef('seat_event.offer_id', '=', 'offer.id')
        .where('seat_event.consumed_at', 'is', null)
        .select((inner) => inner.fn.min('seat_event.id').as('id'))
        .as('oldestEvent'),
    ])
    .orderBy('offer.id')
    .execute();
}

/**
 * The offers, among `offerIds`, with a seat of `slotIds` that is free now, starts after `now` and
 * falls (local date) within [from, to].
 */
export async function offersWithFreeSeats(
  trx: Executor,
  query: { slotIds: string[]; offerIds: number[]; from: string; to: string; now: Date; timezone: string },
): Promise<{ offerId: number; siteId: number }[]> {
  if (query.slotIds.length === 0 || query.offerIds.length === 0) return [];
  const localDate = sql<string>`(slot.starts_at at time zone ${query.timezone})::date`;
  return trx
    .selectFrom('slot')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .where('slot.id', 'in', query.slotIds)
    .where('offer.id', 'in', query.offerIds)
    .where('slot.starts_at', '>', query.now)
    .whereRef('slot.taken', '<', 'slot.capacity')
    .where(localDate, '>=', query.from)
    .where(localDate, '<=', query.to)
    .select(['offer.id as offerId', 'offer.site_id as siteId'])
    .distinct()
    .orderBy('offer.id')
    .execute();
}
