import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { insertSlots, listPublishableOffers } from './schedule.repository.ts';
import { generateSlots } from './slot-generation.ts';
import { localDate } from './timezone.ts';

/**
 * Publishes the slots of every first-come offer over its rolling horizon: today (in each site's zone)
 * and the days after it, `offer.publication_days` in all — or of the one offer `offerId`. Run by the
 * publish-slots job; existing slots are left as they are.
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
  const now = clock.now();
  const offers = (await listPublishableOffers(db, localDate(now, 'UTC'))).filter(
    (offer) => offerId === undefined || offer.offerId === offerId,
  );
  let published = 0;
  for (const offer of offers) {
    const slots = generateSlots({
      from: localDate(now, offer.zone),
      days: offer.publicationDays,
      zone: offer.zone,
      holidayRegion: offer.holidayRegion,
      durationMinutes: offer.durationMinutes,
      rules: offer.rules,
      closures: offer.closures,
    }).filter((slot) => slot.startsAt > now);
    published += await insertSlots(db, offer.offerId, slots);
  }
  return published;
}
