// The publication policy of an offer, as pure functions (decision 0024).
//
// A rolling horizon publishes today and the `publicationDays - 1` days after it, continuously. A
// release policy publishes the same horizon, but only at its releases: each one brings the released
// days up to the horizon seen from the day it happens, so a daily release opens one new day, a weekly
// one seven. The Hérault measure (seeds/004) puts releases at random moments: resellers' bots that
// wait for a known time lose their head start. The moment is drawn when the previous release
// happens, uniformly inside the day's window, and kept secret.

import type { ReleaseMode } from '../../db/schema.ts';
import { addDays, isoWeekday, localDate, zonedTimeToUtc } from './timezone.ts';

export type { ReleaseMode } from '../../db/schema.ts';

/** How an offer's new days are published. Times are wall-clock 'HH:MM' in the site's zone. */
export type ReleasePolicy =
  | { mode: 'rolling' }
  | { mode: 'fixed'; weekdays: readonly number[]; time: string }
  | { mode: 'random'; weekdays: readonly number[]; windowStart: string; windowEnd: string };

/** A policy that releases (not rolling). */
export type ReleaseSchedule = Exclude<ReleasePolicy, { mode: 'rolling' }>;

/** A uniform integer in [min, max): crypto.randomInt in production, anything in tests. */
export type Draw = (min: number, max: number) => number;

/** Whether a mode publishes by releases rather than continuously. */
export function releases(mode: ReleaseMode): boolean {
  return mode !== 'rolling';
}

// A weekday set always has a day within the next seven; one more covers a window already past today.
const DAYS_AHEAD = 8;

/**
 * The next release strictly after `after`: on the first release weekday whose time (fixed) or window
 * (random) is still ahead. A random moment is drawn in milliseconds over the real instants of the
 * window, so that a daylight-saving day's window is as long as the clock says and no moment is likelier.
 * When `after` falls inside today's window, the draw is over what remains of it.
 */
export function nextReleaseAt(policy: ReleaseSchedule, zone: string, after: Date, draw: Draw): Date {
  const today = localDate(after, zone);
  for (let offset = 0; offset < DAYS_AHEAD; offset += 1) {
    const day = addDays(today, offset);
    if (!policy.weekdays.includes(isoWeekday(day))) continue;
    if (policy.mode === 'fixed') {
      const moment = zonedTimeToUtc(day, policy.time, zone);
      if (moment > after) return moment;
      continue;
    }
    const start = zonedTimeToUtc(day, policy.windowStart, zone).getTime();
    const end = zonedTimeToUtc(day, policy.windowEnd, zone).getTime();
    const from = Math.max(start, after.getTime() + 1);
    if (from < end) return new Date(draw(from, end));
  }
  throw new RangeError('A release policy needs at least one weekday');
}

/**
 * The release after one that happened at `released`: on a later day, one release a day at most (the
 * window's rest that day is not drawn again).
 */
export function releaseAfter(policy: ReleaseSchedule, zone: string, released: Date, draw: Draw): Date {
  const tomorrow = zonedTimeToUtc(addDays(localDate(released, zone), 1), '00:00', zone);
  return nextReleaseAt(policy, zone, new Date(Math.max(released.getTime(), tomorrow.getTime() - 1)), draw);
}

/**
 * The last local day whose slots are published for an offer on `today`: the horizon's for a rolling
 * offer, the last released one otherwise (none when nothing was released: the day before today).
 */
export function lastPublishedDay(
  offer: { releaseMode: ReleaseMode; publicationDays: number; releasedThrough: string | null },
  today: string,
): string {
  if (!releases(offer.releaseMode)) return addDays(today, offer.publicationDays - 1);
  return offer.releasedThrough ?? addDays(today, -1);
}

/** The last day released by a release on `today`: the horizon, never less than before. */
export function releasedThroughAt(today: string, publicationDays: number, previous: string | null): string {
  const horizon = addDays(today, publicationDays - 1);
  return previous !== null && previous > horizon ? previous : horizon;
}
