// Running a draw (PRODUCT §5, §5.1; issue 9 items 3 and 4; decision 0028): once its window has closed,
// in one transaction — eligibility, the allocation, the winners' pending bookings and emails, the
// losers' seniority and emails, the entries, and the frozen public bundle. A crash before the commit
// leaves nothing; a second instance waits on the draw's row lock, then finds it drawn.
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { JobLogger } from '../../jobs/job.ts';
import { allocate } from './allocation.ts';
import { type Beacon, BeaconUnavailableError } from './beacon.ts';
import { closingDayOf, decideEligibility, drawInputOf } from './draw-entrants.ts';
import { writeOutcome } from './draw-outcome.ts';
import {
  activeBookingsByEmail,
  bookedIdentities,
  closeRequests,
  type DrawToRun,
  dueDrawIds,
  findDraw,
  findPermitWindow,
  freezeDraw,
  lockCandidates,
  lockDrawSlots,
  markClosed,
} from './draw-run.repository.ts';

export interface DrawDeps {
  db: Db;
  clock: Clock;
  config: Config;
  beacon?: Beacon;
  /** Where a draw that waits or fails is told (ids and counts only: no personal data). */
  log?: Pick<JobLogger, 'info' | 'warn'>;
  /** Tells the outbox worker that messages are waiting. */
  wakeOutbox?: () => void;
}

export type DrawRunOutcome = 'drawn' | 'already_drawn' | 'waiting_for_beacon' | 'not_due';

/** Runs one draw if it is due and not drawn yet; safe to call any number of times, from any instance. */
export async function runDraw(deps: DrawDeps, drawId: number): Promise<DrawRunOutcome> {
  const now = deps.clock.now();
  // Read without a lock first: a drawn or future draw needs no transaction, and the beacon (an HTTP
  // call of up to a few seconds) is asked outside one. A round's randomness never changes once out.
  const peek = await findDraw(deps.db, drawId);
  if (!peek) throw new Error(`no draw ${drawId}`);
  if (peek.status === 'drawn') return 'already_drawn';
  if (peek.windowClosesAt > now) return 'not_due';
  const beacon = await beaconOf(deps, peek);
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const draw = await findDraw(trx, drawId, { lock: true });
    if (!draw) throw new Error(`no draw ${drawId}`);
    if (draw.status === 'drawn') return 'already_drawn';
    if (draw.windowClosesAt > now) return 'not_due';
    if (beacon === null) {
      await markClosed(trx, draw.id);
      return 'waiting_for_beacon';
    }
    await drawIn(trx, deps, draw, beacon, now);
    return 'drawn';
  });
  if (outcome === 'drawn') deps.wakeOutbox?.();
  if (outcome === 'waiting_for_beacon') {
    deps.log?.info({ drawId, beaconRound: Number(peek.beaconRound) }, 'draw waits for its beacon round');
  }
  return outcome;
}

/** The beacon's randomness for the draw: '' without a pinned round, null while it cannot be had. */
async function beaconOf(deps: DrawDeps, draw: DrawToRun): Promise<string | null> {
  if (draw.beaconRound === null) return '';
  if (!deps.beacon) return null;
  try {
    return await deps.beacon.randomness(Number(draw.beaconRound));
  } catch (error) {
    if (error instanceof BeaconUnavailableError) {
      deps.log?.warn({ drawId: draw.id, reason: error.message }, 'the beacon cannot be read');
      return null;
    }
    throw error;
  }
}

async function drawIn(
  trx: Parameters<typeof writeOutcome>[0],
  deps: DrawDeps,
  draw: DrawToRun,
  beacon: string,
  now: Date,
): Promise<void> {
  const candidates = await lockCandidates(trx, draw);
  const eligibility = decideEligibility(candidates, draw, {
    closingDay: closingDayOf(draw),
    permitWindow: await findPermitWindow(trx, draw.procedureId),
    booked: await bookedIdentities(
      trx,
      draw.procedureId,
      candidates.map((c) => c.identityKey),
    ),
    activeByEmail: await activeBookingsByEmail(trx, [
      ...new Set(candidates.filter((c) => c.enteredBy === null).map((c) => c.emailKey)),
    ]),
    maxActivePerEmail: deps.config.maxActivePerEmail,
  });
  await closeRequests(
    trx,
    eligibility.closed.map((c) => c.id),
    now,
  );
  const slots = await lockDrawSlots(trx, draw, now);
  const input = drawInputOf(draw, beacon, slots, eligibility.entrants);
  const { allocation } = allocate(input);
  const counts = await writeOutcome(trx, deps.config, {
    draw,
    entrants: eligibility.entrants,
    slots,
    allocation,
    now,
  });
  const bundle = {
    id: input.id,
    version: input.version,
    commitment: draw.commitment,
    seed: input.seed,
    beacon: input.beacon,
    slots: input.slots,
    requests: input.requests,
    allocation,
  };
  await freezeDraw(trx, { id: draw.id, beacon, bundle, now });
  deps.log?.info(
    {
      drawId: draw.id,
      requests: input.requests.length,
      slots: input.slots.length,
      ...counts,
      closed: eligibility.closed.length,
      skipped: eligibility.skipped.length,
    },
    'draw drawn',
  );
}

/**
 * Runs every undrawn draw whose window has closed, oldest first, each in its own transaction; answers
 * the ids drawn now. A draw that fails does not hold back the others; the run then fails, naming them.
 */
export async function runDueDraws(deps: DrawDeps): Promise<number[]> {
  const drawn: number[] = [];
  const failed: number[] = [];
  let firstError: unknown;
  for (const id of await dueDrawIds(deps.db, deps.clock.now())) {
    try {
      if ((await runDraw(deps, id)) === 'drawn') drawn.push(id);
    } catch (error) {
      failed.push(id);
      firstError ??= error;
    }
  }
  if (failed.length > 0) {
    throw new Error(`draws ${failed.join(', ')} failed (drawn now: ${drawn.join(', ') || 'none'})`, {
      cause: firstError,
    });
  }
  return drawn;
}
