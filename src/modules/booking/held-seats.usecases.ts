import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { endHeldSeat, listIdleHeldSeats, lockHeldSeat } from './cool-down.repository.ts';
import { expireDueOffers } from './earlier-offers.repository.ts';
import { offerHeldSeat } from './earlier-offers.usecases.ts';

/** What one run of the cool-down job did. */
export interface CoolDownRun {
  /** Offers not answered in time. */
  expired: number;
  /** Held seats offered to someone on the earlier-slot list. */
  offered: number;
  /** Held seats back in the public pool. */
  returned: number;
}

/**
 * The cool-down's cycle, run every minute: offers not answered in time expire; then each held seat
 * nobody is being offered goes to the next person on the earlier-slot list it suits, or, when nobody
 * is left, back to the public pool once its cool-down has ended. One transaction per seat, each
 * seat locked (another run skips it). Safe to run late or twice.
 */
export async function runCoolDown(
  deps: { db: Db; clock: Clock; config: Pick<Config, 'earlierOfferHours' | 'secretKey'> },
  limit = 1000,
): Promise<CoolDownRun> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const run: CoolDownRun = { expired: await expireDueOffers(db, now), offered: 0, returned: 0 };
  for (const id of await listIdleHeldSeats(db, limit, now)) {
    const outcome = await db.transaction().execute(async (trx) => {
      const seat = await lockHeldSeat(trx, id);
      if (!seat || seat.status !== 'held') return undefined;
      const upcoming = seat.startsAt > now;
      if (upcoming && (await offerHeldSeat(trx, seat, { now, config }))) return 'offered' as const;
      if (upcoming && seat.returnsAt > now) return undefined;
      await endHeldSeat(trx, seat.id, 'returned', now);
      return 'returned' as const;
    });
    if (outcome) run[outcome]++;
  }
  return run;
}
