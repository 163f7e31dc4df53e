import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

// The SQL of the week of free slots that step 2 and the change of slot show (week.usecases.ts): the
// offices of a procedure with their first free slot, and one office's free slots of a week. The
// first-come conditions — online booking, a free seat, not yet started — are written here for now;
// they belong in the one `bookableSlots` base query.

/** An office where a procedure is booked online, with its earliest free slot (null when none). */
export interface Office {
  siteId: number;
  offerId: number;
  name: string;
  address: string;
  nextFree: Date | null;
}

/**
 * The offices of a département where a procedure is booked online, by kind then name, with the start
 * of their earliest free slot after `now` (leaving out `exceptSlotId`, the slot of a booking being moved).
 */
export async function listOffices(
  db: Db,
  query: { departmentCode: string; procedureId: number; now: Date; exceptSlotId?: string },
): Promise<Office[]> {
  const rows = await db
    .selectFrom('offer')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .select((eb) => [
      'site.id as siteId',
      'offer.id as offerId',
      'site.name',
      'site.address',
      eb
        .selectFrom('slot')
        .select(sql<Date>`min(slot.starts_at)`.as('first'))
        .whereRef('slot.offer_id', '=', 'offer.id')
        .where('slot.starts_at', '>', query.now)
        .where(sql<boolean>`slot.taken < slot.capacity`)
        .$if(query.exceptSlotId !== undefined, (q) => q.where('slot.id', '!=', query.exceptSlotId ?? ''))
        .as('nextFree'),
    ])
    .where('site.department_code', '=', query.departmentCode)
    .where('offer.procedure_id', '=', query.procedureId)
    .where('offer.channel', '=', 'booking')
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
  return rows.map((row) => ({ ...row, nextFree: row.nextFree ? new Date(row.nextFree) : null }));
}

/** A free slot as a week shows it. */
export interface WeekSlot {
  id: string;
  startsAt: Date;
  remaining: number;
}

/**
 * The free slots of an offer starting in [from, to) and after `now`, earliest first (one slot may be
 * left out: the one a booking being moved already holds), and whether a free slot starts at `to` or later.
 */
export async function findFreeWeek(
  db: Db,
  query: { offerId: number; from: Date; to: Date; now: Date; exceptSlotId?: string },
): Promise<{ slots: WeekSlot[]; later: boolean }> {
  const free = () =>
    db
      .selectFrom('slot')
      .where('offer_id', '=', query.offerId)
      .where(sql<boolean>`taken < capacity`)
      .$if(query.exceptSlotId !== undefined, (q) => q.where('id', '!=', query.exceptSlotId ?? ''));
  const [slots, later] = await Promise.all([
    free()
      .select(['id', 'starts_at as startsAt', sql<number>`capacity - taken`.as('remaining')])
      .where('starts_at', '>=', new Date(Math.max(query.from.getTime(), query.now.getTime())))
      .where('starts_at', '<', query.to)
      .orderBy('starts_at')
      .limit(1000)
      .execute(),
    free().select('id').where('starts_at', '>=', query.to).limit(1).executeTakeFirst(),
  ]);
  return { slots, later: later !== undefined };
}
