import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { JobLogger } from '../../jobs/job.ts';
import { daysBetween } from '../schedule/publication.ts';
import { insertSlots, loadDrawOfferSchedule } from '../schedule/schedule.repository.ts';
import { generateSlots } from '../schedule/slot-generation.ts';
import { type Beacon, beaconAt } from './beacon.ts';
import { type DrawWindow, windowsAround } from './calendar.ts';
import {
  type ActiveCalendar,
  addOffersToDraw,
  type CalendarDrawKey,
  findCalendarDraw,
  listActiveCalendars,
} from './draw-calendar.repository.ts';
import { insertDraw } from './draws.repository.ts';

// The draws of the recurring calendars (job open-draw-windows, decision 0032): the current window of
// every active calendar and the next one have their draw, so that the next window, its commitment and
// its seats are public before it opens. Offers of one procedure in one département whose calendars
// give the same windows share one draw: a request naming several offices is drawn once per window.

export interface DrawWindowsDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'drawBeaconUrl'>;
  log?: JobLogger;
  /** The public beacon; by default the one of DRAW_BEACON_URL, if set. */
  beacon?: Beacon | undefined;
}

/** The offers of one procedure and département that one window's draw allocates. */
export interface WindowGroup {
  procedureId: number;
  departmentCode: string;
  window: DrawWindow;
  offers: { offerId: number; siteId: number }[];
}

/** The current and next windows of each calendar, offers giving the same window together. */
export function groupWindows(calendars: readonly ActiveCalendar[], now: Date): WindowGroup[] {
  const groups = new Map<string, WindowGroup>();
  for (const calendar of calendars) {
    const { current, next } = windowsAround(calendar, calendar.zone, now);
    for (const window of current ? [current, next] : [next]) {
      const key = [
        calendar.procedureId,
        calendar.departmentCode,
        window.opensAt.toISOString(),
        window.closesAt.toISOString(),
        window.slotsFrom,
        window.slotsTo,
      ].join(' ');
      const group = groups.get(key) ?? {
        procedureId: calendar.procedureId,
        departmentCode: calendar.departmentCode,
        window,
        offers: [],
      };
      group.offers.push({ offerId: calendar.offerId, siteId: calendar.siteId });
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

const keyOf = (group: WindowGroup): CalendarDrawKey => ({
  procedureId: group.procedureId,
  departmentCode: group.departmentCode,
  windowOpensAt: group.window.opensAt,
  windowClosesAt: group.window.closesAt,
  slotsFrom: group.window.slotsFrom,
  slotsTo: group.window.slotsTo,
});

const ids = (group: WindowGroup) => ({
  offerIds: [...new Set(group.offers.map((offer) => offer.offerId))].sort((a, b) => a - b),
  siteIds: [...new Set(group.offers.map((offer) => offer.siteId))].sort((a, b) => a - b),
});

/**
 * The slots a draw allocates, generated from each offer's rules over its period (after `now`): a
 * draw offer's slots exist only for the periods its draws announce. Generating twice adds nothing.
 */
async function generateDrawSlots(trx: Executor, group: WindowGroup, now: Date): Promise<number> {
  const { slotsFrom, slotsTo } = group.window;
  let inserted = 0;
  for (const { offerId } of group.offers) {
    const schedule = await loadDrawOfferSchedule(trx, offerId, slotsFrom);
    if (!schedule) continue;
    const slots = generateSlots({
      from: slotsFrom,
      days: daysBetween(slotsFrom, slotsTo) + 1,
      zone: schedule.zone,
      holidayRegion: schedule.holidayRegion,
      durationMinutes: schedule.durationMinutes,
      rules: schedule.rules,
      closures: schedule.closures,
    }).filter((slot) => slot.startsAt > now);
    inserted += await insertSlots(trx, offerId, slots);
  }
  return inserted;
}

type Outcome = 'created' | 'extended' | 'unchanged' | 'skipped';

/** Creates one window's draw, pinning the beacon's round; undefined when another run created it first. */
async function createWindowDraw(
  deps: DrawWindowsDeps,
  group: WindowGroup,
  beacon: Beacon | undefined,
): Promise<Outcome | undefined> {
  let beaconRound: number | null = null;
  if (beacon) {
    try {
      beaconRound = await beacon.roundAfter(group.window.closesAt);
    } catch (error) {
      // Without its round the draw's key is not fixed yet: the next run tries again.
      deps.log?.warn({ procedureId: group.procedureId, err: String(error) }, 'beacon unavailable');
      return 'skipped';
    }
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const created = await insertDraw(trx, {
      procedureId: group.procedureId,
      departmentCode: group.departmentCode,
      kind: 'main',
      origin: 'calendar',
      ...ids(group),
      windowOpensAt: group.window.opensAt,
      windowClosesAt: group.window.closesAt,
      slotsFrom: group.window.slotsFrom,
      slotsTo: group.window.slotsTo,
      beaconRound,
      createdBy: null,
    });
    if (!created) return undefined;
    await generateDrawSlots(trx, group, now);
    return 'created';
  });
}

/** One window: its draw created, or the existing one given the offers it lacks. */
async function openWindow(
  deps: DrawWindowsDeps,
  group: WindowGroup,
  beacon: Beacon | undefined,
): Promise<Outcome> {
  let existing = await findCalendarDraw(deps.db, keyOf(group));
  if (!existing) {
    const outcome = await createWindowDraw(deps, group, beacon);
    if (outcome) return outcome;
    existing = await findCalendarDraw(deps.db, keyOf(group));
    if (!existing) return 'skipped';
  }
  // Calendar draws are per procedure and département (migration 0021): this one is the group's.
  if (existing.status !== 'open') return 'unchanged';
  const drawId = existing.id;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const extended = await addOffersToDraw(trx, drawId, ids(group), now);
    await generateDrawSlots(trx, group, now);
    return extended ? 'extended' : 'unchanged';
  });
}

/**
 * Creates the draws of every active calendar's current and next windows, each once whatever the runs
 * (the database's unique index decides between two at once). Run hourly by open-draw-windows.
 */
export async function openDrawWindows(deps: DrawWindowsDeps): Promise<Record<Outcome, number>> {
  const beacon = 'beacon' in deps ? deps.beacon : beaconAt(deps.config.drawBeaconUrl);
  const counts: Record<Outcome, number> = { created: 0, extended: 0, unchanged: 0, skipped: 0 };
  const groups = groupWindows(await listActiveCalendars(deps.db), deps.clock.now());
  for (const group of groups) counts[await openWindow(deps, group, beacon)] += 1;
  return counts;
}
