import type { Executor } from '../../db/database.ts';
import { firstComeOffers, nextFreeByOffer } from '../schedule/offers.repository.ts';

// What an applicant saw, hour by hour (migration 0029, decision 0047): for every first-come offer, the
// earliest slot anyone could book — the public pool's own reading, the one the directory shows as the
// next free date — or nothing. The statistics read the median wait to the next free slot from it.

/** How long samples are kept: a year and a month, so that a week compares with the same week last year. */
export const SAMPLE_RETENTION_DAYS = 400;

const HOUR_MS = 3_600_000;

/** The hour a sample taken at `now` belongs to. */
function sampleHour(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * Records this hour's sample of every first-come offer, once: a second run in the same hour (another
 * instance, a retry) keeps the first. Returns how many samples were written.
 */
export async function sampleAvailability(db: Executor, now: Date): Promise<number> {
  const offers = await firstComeOffers(db).select('offer.id').execute();
  if (offers.length === 0) return 0;
  const ids = offers.map((offer) => offer.id);
  const nextFree = await nextFreeByOffer(db, ids, now);
  const sampledAt = sampleHour(now);
  const inserted = await db
    .insertInto('availability_sample')
    .values(
      ids.map((id) => ({ offer_id: id, sampled_at: sampledAt, next_free_at: nextFree.get(id) ?? null })),
    )
    .onConflict((oc) => oc.columns(['offer_id', 'sampled_at']).doNothing())
    .returning('offer_id')
    .execute();
  return inserted.length;
}

/** Deletes the samples older than SAMPLE_RETENTION_DAYS. */
export async function purgeAvailabilitySamples(db: Executor, now: Date): Promise<number> {
  const limit = new Date(now.getTime() - SAMPLE_RETENTION_DAYS * 24 * HOUR_MS);
  const result = await db
    .deleteFrom('availability_sample')
    .where('sampled_at', '<', limit)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
