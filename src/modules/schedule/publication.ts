import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { insertSlots, listPublishableOffers } from './schedule.repository.ts';
import { generateSlots } from './slot-generation.ts';
import { localDate } from './timezone.ts';

/**
 * Publishes the slots of every first-come offer over the rolling horizon: today (in each site's zone)
 * and the `days` that follow — or of the one offer `offerId`. Run by the publish-slots job; existing
 * slots are left as they are.
 */
export async function publishSlots({
  db,
  clock,
  days,
  offerId,
}: {
  db: Db;
  clock: Clock;
  days: number;
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
      days,
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
