import { randomInt } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Db, Executor } from '../../db/database.ts';
import { findDueRelease, recordRelease } from './release.repository.ts';
import { type Draw, lastPublishedDay, releaseAfter, releasedThroughAt } from './release-policy.ts';
import {
  insertSlots,
  loadOfferSchedule,
  type OfferSchedule,
  publishableOfferIds,
} from './schedule.repository.ts';
import { type GeneratedSlot, generateSlots } from './slot-generation.ts';
import { addDays, localDate } from './timezone.ts';

/**
 * The slots an offer's schedule gives after `now`, from today (in the site's zone) through `lastDay`
 * — by default the last day its policy has published.
 */
export function plannedSlots(schedule: OfferSchedule, now: Date, lastDay?: string): GeneratedSlot[] {
  const today = localDate(now, schedule.zone);
  const last = lastDay ?? lastPublishedDay(schedule, today);
  if (last < today) return [];
  return generateSlots({
    from: today,
    days: daysBetween(today, last) + 1,
    zone: schedule.zone,
    holidayRegion: schedule.holidayRegion,
    durationMinutes: schedule.durationMinutes,
    rules: schedule.rules,
    closures: schedule.closures,
  }).filter((slot) => slot.startsAt > now);
}

/** The first closure day that can matter at `now`, whatever the zone (UTC's date may be a day ahead). */
export function closuresFrom(now: Date): string {
  return addDays(localDate(now, 'UTC'), -1);
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Publishes the slots of every first-come offer up to the last day its policy has published (the
 * rolling horizon, or the last release) — or of the one offer `offerId`. Run by the publish-slots job;
 * existing slots are left as they are (a change of schedule regenerates them, regeneration.ts).
 */
export async function publishSlots({
  db,
  clock,
  offerId,
}: {
  db: Db;
  clock: Clock;
  offerId?: number | undefined;
}): Promise<number> {
  let published = 0;
  for (const id of await publishableOfferIds(db, offerId)) {
    published += await db.transaction().execute((trx) => publishOffer(trx, id, clock.now()));
  }
  return published;
}

/** Inserts one offer's missing published slots, its row held so that no change of schedule interleaves. */
async function publishOffer(trx: Executor, offerId: number, now: Date): Promise<number> {
  const schedule = await loadOfferSchedule(trx, offerId, closuresFrom(now), 'share');
  return schedule ? insertSlots(trx, offerId, plannedSlots(schedule, now)) : 0;
}

/** The draw of a random release moment: the operating system's randomness, never Math.random. */
export const cryptoDraw: Draw = (min, max) => randomInt(min, max);

/**
 * Performs every release whose moment has come: the offer's released days are brought up to its
 * horizon, their slots published, and the next moment set (drawn, for a random window) — one
 * transaction per offer, each offer taken by one instance only. Run every minute by release-slots.
 */
export async function releaseDueSlots({
  db,
  clock,
  draw = cryptoDraw,
}: {
  db: Db;
  clock: Clock;
  draw?: Draw;
}): Promise<{ released: number; published: number }> {
  const outcome = { released: 0, published: 0 };
  for (;;) {
    const now = clock.now();
    const done = await db.transaction().execute(async (trx) => {
      const due = await findDueRelease(trx, now);
      if (!due) return undefined;
      const today = localDate(now, due.zone);
      const releasedThrough = releasedThroughAt(today, due.publicationDays, due.releasedThrough);
      const nextAt = releaseAfter(due.policy, due.zone, now, draw);
      await recordRelease(trx, due.offerId, { releasedThrough, nextAt });
      const schedule = await loadOfferSchedule(trx, due.offerId, closuresFrom(now));
      return schedule ? insertSlots(trx, due.offerId, plannedSlots(schedule, now)) : 0;
    });
    if (done === undefined) return outcome;
    outcome.released += 1;
    outcome.published += done;
  }
}
