import type { Db } from '../../db/database.ts';
import { bookableSlots, firstComeOffers, horizonEnd, REMAINING_SEATS } from './offers.repository.ts';

// The SQL of the week of free slots that step 2 and the change of slot show (week.usecases.ts): the
// offices of a procedure with their first free slot, and one office's free slots of a week. Both start
// from the one public pool (`bookableSlots`), so a draw offer's seats never show here, and stop at each
// offer's publication horizon (`offer.publication_days`).

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
  const offices = await firstComeOffers(db)
    .select(['site.id as siteId', 'offer.id as offerId', 'site.name', 'site.address'])
    .where('site.department_code', '=', query.departmentCode)
    .where('offer.procedure_id', '=', query.procedureId)
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
  if (offices.length === 0) return [];
  const firsts = await bookableSlots(db, query.now)
    .where('slot.starts_at', '<', horizonEnd(query.now))
    .select(['offer.id as offerId', (eb) => eb.fn.min('slot.starts_at').as('first')])
    .where(
      'offer.id',
      'in',
      offices.map((office) => office.offerId),
    )
    .$if(query.exceptSlotId !== undefined, (q) => q.where('slot.id', '!=', query.exceptSlotId ?? ''))
    .groupBy('offer.id')
    .execute();
  const first = new Map(firsts.map((row) => [row.offerId, new Date(row.first)]));
  return offices.map((office) => ({ ...office, nextFree: first.get(office.offerId) ?? null }));
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
    bookableSlots(db, query.now)
      .where('offer.id', '=', query.offerId)
      .where('slot.starts_at', '<', horizonEnd(query.now))
      .$if(query.exceptSlotId !== undefined, (q) => q.where('slot.id', '!=', query.exceptSlotId ?? ''));
  const [slots, later] = await Promise.all([
    free()
      .select(['slot.id', 'slot.starts_at as startsAt', REMAINING_SEATS.as('remaining')])
      .where('slot.starts_at', '>=', query.from)
      .where('slot.starts_at', '<', query.to)
      .orderBy('slot.starts_at')
      .limit(1000)
      .execute(),
    free().select('slot.id').where('slot.starts_at', '>=', query.to).limit(1).executeTakeFirst(),
  ]);
  return { slots, later: later !== undefined };
}
