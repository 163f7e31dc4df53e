import type { Transaction } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { claimSeatEvents, type FreedSeat } from '../schedule/seat-events.repository.ts';
import { addDays, localDate } from '../schedule/timezone.ts';
import type { Beacon } from './beacon.ts';
import { insertDraw } from './draws.repository.ts';
import {
  type DrawOfferCoverage,
  drawOfferCoverage,
  type FollowUpGroup,
  followUpsOf,
  groupsWithFreedSeats,
  lockGroup,
  offersWithFreeSeats,
} from './follow-up.repository.ts';

// Follow-up draws (PRODUCT §5 "Freed seats", issue 9 item 5, decision 0034). A seat freed in a draw
// offer (an expired hold, an unconfirmed win, a cancellation, a revocation) is never published: its
// `seat.freed` event waits here until a small draw among the waiting requests gives it out again — the
// same draw as any other (runDueDraws), with its own seed and commitment, created an hour before it
// is drawn so that its commitment is public first.

/** The consumer name written on the seat events a follow-up draw took. */
export const FOLLOW_UP_CONSUMER = 'follow-up-draws';
/** A follow-up draw's window: its commitment is public this long before it is drawn. */
export const FOLLOW_UP_WINDOW_MINUTES = 60;
const CLAIM_BATCH = 1_000;

export interface FollowUpDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'followUpDrawHours'>;
  beacon?: Beacon;
}

/**
 * Creates the follow-up draws that are due, one per procedure and département at most, and answers
 * their ids. A group gets one when it has freed seats waiting, no follow-up draw still to be drawn,
 * and none created in the last `followUpDrawHours`; otherwise its events stay unclaimed for a later
 * run. Safe with two instances: each group is scheduled under an advisory lock, each event claimed once.
 */
export async function scheduleFollowUpDraws(deps: FollowUpDeps): Promise<number[]> {
  const groups = await groupsWithFreedSeats(deps.db);
  if (groups.length === 0) return [];
  const now = deps.clock.now();
  const closesAt = new Date(now.getTime() + FOLLOW_UP_WINDOW_MINUTES * 60_000);
  // Pinned before any transaction: the beacon is read over HTTP.
  const beaconRound = deps.beacon ? await deps.beacon.roundAfter(closesAt) : null;
  const created: number[] = [];
  for (const group of groups) {
    const id = await deps.db
      .transaction()
      .execute((trx) =>
        scheduleGroup(trx, group, { now, closesAt, beaconRound, hours: deps.config.followUpDrawHours }),
      );
    if (id !== undefined) created.push(id);
  }
  return created;
}

interface Moment {
  now: Date;
  closesAt: Date;
  beaconRound: number | null;
  hours: number;
}

/**
 * The follow-up draw of one group, if one is due. A turn whose freed seats are all gone (taken,
 * begun, today's, beyond every drawn period) consumes its events without a draw, and the next turn
 * is looked at.
 */
async function scheduleGroup(
  trx: Transaction<Database>,
  group: FollowUpGroup,
  moment: Moment,
): Promise<number | undefined> {
  await lockGroup(trx, group);
  const { pending, lastCreatedAt } = await followUpsOf(trx, group);
  if (pending) return undefined;
  if (lastCreatedAt && moment.now.getTime() - lastCreatedAt.getTime() < moment.hours * 3_600_000)
    return undefined;
  for (;;) {
    const turn = offersOnTurn(await drawOfferCoverage(trx, group));
    if (!turn) return undefined;
    const { drawId, claimed } = await drawTurn(trx, group, moment, turn);
    // Nothing claimed: the events are another transaction's for now; a later run looks again.
    if (drawId !== undefined || claimed === 0) return drawId;
  }
}

/** Claims the turn's events and creates its draw over the seats still free, if any. */
async function drawTurn(
  trx: Transaction<Database>,
  group: FollowUpGroup,
  moment: Moment,
  turn: { offerIds: number[]; slotsTo: string },
): Promise<{ drawId?: number; claimed: number }> {
  const freed = await claimAll(trx, turn.offerIds, moment.now);
  const from = addDays(localDate(moment.now, group.timezone), 1);
  const offers = await offersWithFreeSeats(trx, {
    slotIds: [...new Set(freed.map((seat) => seat.slotId))],
    offerIds: turn.offerIds,
    from,
    to: turn.slotsTo,
    now: moment.now,
    timezone: group.timezone,
  });
  if (offers.length === 0) return { claimed: freed.length };
  const draw = await insertDraw(trx, {
    procedureId: group.procedureId,
    departmentCode: group.departmentCode,
    kind: 'follow_up',
    origin: 'follow_up',
    offerIds: offers.map((offer) => offer.offerId),
    siteIds: [...new Set(offers.map((offer) => offer.siteId))].sort((a, b) => a - b),
    windowOpensAt: moment.now,
    windowClosesAt: moment.closesAt,
    slotsFrom: from,
    slotsTo: turn.slotsTo,
    beaconRound: moment.beaconRound,
    createdBy: null,
  });
  if (!draw) throw new Error('a follow-up draw is always inserted');
  return { drawId: draw.id, claimed: freed.length };
}

/**
 * The draw offers whose freed seats the next follow-up draw takes, and the end of its period.
 *
 * An offer takes part once its drawn main draws cover a period (`drawnTo`) and no draw of it still to
 * be drawn starts within that period: a follow-up never takes a seat that a main draw still has to
 * allocate. One draw has one period, so offers whose drawn periods end on different days take turns:
 * the offer holding the oldest waiting event sets the period, and the offers ending on the same day
 * (usually all of them: one calendar per procedure) join it.
 */
export function offersOnTurn(
  coverage: DrawOfferCoverage[],
): { offerIds: number[]; slotsTo: string } | undefined {
  const ready = coverage.filter(
    (offer): offer is DrawOfferCoverage & { drawnTo: string } =>
      offer.drawnTo !== null && !(offer.undrawnFrom !== null && offer.undrawnFrom <= offer.drawnTo),
  );
  const waiting = ready.filter((offer) => offer.oldestEvent !== null);
  if (waiting.length === 0) return undefined;
  const first = waiting.reduce((a, b) => (BigInt(b.oldestEvent ?? 0) < BigInt(a.oldestEvent ?? 0) ? b : a));
  return {
    offerIds: ready.filter((offer) => offer.drawnTo === first.drawnTo).map((offer) => offer.offerId),
    slotsTo: first.drawnTo,
  };
}

/** Every unclaimed event of these offers, claimed for the follow-up draw in this transaction. */
async function claimAll(trx: Transaction<Database>, offerIds: number[], at: Date): Promise<FreedSeat[]> {
  const freed: FreedSeat[] = [];
  for (;;) {
    const batch = await claimSeatEvents(trx, {
      consumer: FOLLOW_UP_CONSUMER,
      at,
      limit: CLAIM_BATCH,
      offerIds,
    });
    freed.push(...batch);
    if (batch.length < CLAIM_BATCH) return freed;
  }
}
