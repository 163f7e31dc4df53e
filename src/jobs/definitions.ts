import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { expireHolds } from '../modules/booking/booking.repository.ts';
import { purgePersonalData } from '../modules/booking/retention.ts';
import { purgeSpentChallenges } from '../modules/protection/captcha.ts';
import { purgeWriteBudget } from '../modules/protection/write-budget.ts';
import { publishSlots } from '../modules/schedule/publication.ts';
import type { PeriodicJob } from './scheduler.ts';

/** The periodic jobs of Créneau. */
export function periodicJobs({ db, clock, config }: { db: Db; clock: Clock; config: Config }): PeriodicJob[] {
  return [
    // Unconfirmed holds give their seat back; confirming also checks the hold, so a late run is safe.
    { id: 'expire-holds', everyMs: 30_000, run: () => expireHolds(db, clock.now()) },
    // The rolling publication horizon moves every day; hourly runs pick up new opening rules quickly.
    {
      id: 'publish-slots',
      everyMs: 60 * 60_000,
      run: () => publishSlots({ db, clock, days: config.publicationDays }),
    },
    { id: 'purge-captcha', everyMs: 10 * 60_000, run: () => purgeSpentChallenges(db, clock.now()) },
    // Finished windows of the write budget: the table keeps about one row per recently active client.
    { id: 'purge-write-budget', everyMs: 5 * 60_000, run: () => purgeWriteBudget(db, clock.now()) },
    // Personal data is kept RETENTION_DAYS after the appointment, as /donnees-personnelles says.
    { id: 'purge-personal-data', everyMs: 6 * 60 * 60_000, run: () => purgePersonalData(db, clock.now()) },
  ];
}
