import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { addDays, localDate } from './timezone.ts';
import { findFreeWeek, type WeekSlot } from './week.repository.ts';
import { groupByDay, mondayOf, parseWeek, pickWeek, weekBounds } from './week.ts';

/** One week of an offer's free slots, by day, with what its navigation needs. */
export interface FreeWeek {
  /** Monday and Sunday of the week shown (local dates of the office's zone). */
  monday: string;
  sunday: string;
  /** Monday of the current week: no earlier week is worth showing. */
  thisMonday: string;
  /** Monday of the week of the offer's first free slot. */
  firstMonday: string;
  days: { date: string; slots: WeekSlot[] }[];
  /** Whether a free slot starts after this week. */
  hasLater: boolean;
}

/**
 * The week of free slots of an offer to show: the `week` asked for (a `semaine` parameter, any day of
 * it), else the week of `firstFree`; never a week before the current one. Step 2 of the journey and
 * the change of slot (which leaves out the slot the booking holds) both show it.
 */
export async function freeWeek(
  deps: { db: Db; clock: Clock },
  input: { offerId: number; zone: string; firstFree: Date; week?: string; exceptSlotId?: string },
): Promise<FreeWeek> {
  const now = deps.clock.now();
  const today = localDate(now, input.zone);
  const firstFree = localDate(input.firstFree, input.zone);
  const monday = pickWeek({ wanted: parseWeek(input.week), firstFree, today });
  const { from, to } = weekBounds(monday, input.zone);
  const { slots, later } = await findFreeWeek(deps.db, {
    offerId: input.offerId,
    from,
    to,
    now,
    exceptSlotId: input.exceptSlotId,
  });
  return {
    monday,
    sunday: addDays(monday, 6),
    thisMonday: mondayOf(today),
    firstMonday: mondayOf(firstFree),
    days: groupByDay(slots, input.zone),
    hasLater: later,
  };
}
