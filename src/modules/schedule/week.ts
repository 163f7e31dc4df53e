import { addDays, isoWeekday, localDate, zonedTimeToUtc } from './timezone.ts';

// The week of free slots that step 2 of the journey and the change of slot both show: which week,
// its bounds in the office's zone, and its slots by day. Pure: the slots come from week.repository.ts.

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** The Monday (local date) of the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The Monday of the week a `semaine` parameter names, or undefined when it is not a real date. */
export function parseWeek(value: string | undefined): string | undefined {
  if (!value || !DATE.test(value)) return undefined;
  try {
    return mondayOf(value);
  } catch {
    return undefined;
  }
}

/**
 * The week to show: the one asked for, else the first with a free slot — never one before the
 * current week, which has nothing left to book.
 */
export function pickWeek(options: { wanted?: string; firstFree: string; today: string }): string {
  const thisMonday = mondayOf(options.today);
  const week = options.wanted ?? mondayOf(options.firstFree);
  if (week < thisMonday) return thisMonday;
  return week;
}

/** The instants a week starts and ends at in a zone: [Monday 00:00, next Monday 00:00). */
export function weekBounds(monday: string, zone: string): { from: Date; to: Date } {
  return {
    from: zonedTimeToUtc(monday, '00:00', zone),
    to: zonedTimeToUtc(addDays(monday, 7), '00:00', zone),
  };
}

/** Slots grouped by their local date in `zone`, in the order given (earliest first). */
export function groupByDay<S extends { startsAt: Date }>(
  slots: readonly S[],
  zone: string,
): { date: string; slots: S[] }[] {
  const days = new Map<string, S[]>();
  for (const slot of slots) {
    const date = localDate(slot.startsAt, zone);
    days.set(date, [...(days.get(date) ?? []), slot]);
  }
  return [...days].map(([date, daySlots]) => ({ date, slots: daySlots }));
}
