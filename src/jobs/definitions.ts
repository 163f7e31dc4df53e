import { Type } from '@sinclair/typebox';
import { purgeAuditEntries } from '../modules/audit/audit-retention.ts';
import { runCoolDown } from '../modules/booking/held-seats.usecases.ts';
import { expireHolds } from '../modules/booking/holds.usecases.ts';
import { purgePersonalData } from '../modules/booking/retention.ts';
import { beaconAt } from '../modules/draw/beacon.ts';
import { runDueDraws } from '../modules/draw/draw-run.ts';
import { openDrawWindows } from '../modules/draw/draw-windows.ts';
import { scheduleFollowUpDraws } from '../modules/draw/follow-up.ts';
import { purgeSpentChallenges } from '../modules/protection/captcha.ts';
import { purgeIdentityBudget } from '../modules/protection/identity-budget.ts';
import { purgeWriteBudget } from '../modules/protection/write-budget.ts';
import { closeFinishedDays } from '../modules/queue/end-of-day.ts';
import { publishSlots, releaseDueSlots } from '../modules/schedule/publication.ts';
import { purgeSeatEvents } from '../modules/schedule/seat-events.repository.ts';
import { purgeAvailabilitySamples, sampleAvailability } from '../modules/stats/availability-samples.ts';
import { defineJob, type JobDefinition } from './job.ts';
import { purgeJobRuns } from './runs.repository.ts';

const Nothing = Type.Object({}, { additionalProperties: false });

// The periodic jobs are singletons: one run at a time across the deployment, one more waiting at most.
// Every one of them is safe to run late or twice, as the interval jobs before them were.

/** Unconfirmed holds give their seat back, each with a `seat.freed` event. */
export const expireHoldsJob = defineJob({
  id: 'expire-holds',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '* * * * *',
  runAtStart: true,
  timeoutSeconds: 120,
  handler: async (_payload, { db, clock }) => ({ freed: (await expireHolds({ db, clock })).length }),
});

/**
 * The cool-down of freed first-come seats (decision 0029): unanswered earlier-slot offers expire, held
 * seats are offered to the next person on the list, or return to the public pool when their time is up.
 */
export const coolDownJob = defineJob({
  id: 'cool-down',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '* * * * *',
  runAtStart: true,
  timeoutSeconds: 120,
  handler: async (_payload, { db, clock, config }) => ({ ...(await runCoolDown({ db, clock, config })) }),
});

/**
 * Publishes each first-come offer's slots up to the last day its policy published (the rolling
 * horizon, or the last release): every offer, or one (`offerId`). Hourly picks up the next day early.
 * A change of schedule does not wait for it: it regenerates the slots in its own transaction.
 */
export const publishSlotsJob = defineJob({
  id: 'publish-slots',
  version: 1,
  payload: Type.Object(
    { offerId: Type.Optional(Type.Integer({ minimum: 1 })) },
    { additionalProperties: false },
  ),
  singleton: true,
  cron: '7 * * * *',
  runAtStart: true,
  handler: async ({ offerId }, { db, clock }) => ({
    published: await publishSlots({ db, clock, offerId }),
  }),
});

/**
 * The releases whose moment has come (fixed times, random moments in a window: decision 0024), within
 * the minute: each opens the days up to its offer's horizon and sets the next moment.
 */
export const releaseSlotsJob = defineJob({
  id: 'release-slots',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '* * * * *',
  runAtStart: true,
  handler: async (_payload, { db, clock }) => releaseDueSlots({ db, clock }),
});

export const purgeCaptchaJob = defineJob({
  id: 'purge-captcha',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '*/10 * * * *',
  handler: async (_payload, { db, clock }) => ({ deleted: await purgeSpentChallenges(db, clock.now()) }),
});

/** Finished windows of the write budget: the table keeps about one row per recently active client. */
export const purgeWriteBudgetJob = defineJob({
  id: 'purge-write-budget',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '*/5 * * * *',
  handler: async (_payload, { db, clock }) => ({ deleted: await purgeWriteBudget(db, clock.now()) }),
});

/** Finished windows of the identities' submission budget (a day each). */
export const purgeIdentityBudgetJob = defineJob({
  id: 'purge-identity-budget',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '23 * * * *',
  handler: async (_payload, { db, clock }) => ({ deleted: await purgeIdentityBudget(db, clock.now()) }),
});

/** Personal data is kept RETENTION_DAYS after the appointment, as /donnees-personnelles says. */
export const purgePersonalDataJob = defineJob({
  id: 'purge-personal-data',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '17 */6 * * *',
  runAtStart: true,
  timeoutSeconds: 30 * 60,
  handler: async (_payload, { db, clock }) => ({ bookings: await purgePersonalData(db, clock.now()) }),
});

/** The records kept about jobs and seats: runs after JOB_RUN_RETENTION_DAYS, events of past seats. */
export const purgeRecordsJob = defineJob({
  id: 'purge-records',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '43 * * * *',
  handler: async (_payload, { db, clock }) => ({
    runs: await purgeJobRuns(db, clock.now()),
    seatEvents: await purgeSeatEvents(db, clock.now()),
    availabilitySamples: await purgeAvailabilitySamples(db, clock.now()),
  }),
});

/** The audit log's retention tiers: personal values blanked after a year, entries deleted after five. */
export const purgeAuditJob = defineJob({
  id: 'purge-audit',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '31 3 * * *',
  timeoutSeconds: 30 * 60,
  handler: async (_payload, { db, clock }) => purgeAuditEntries(db, clock.now()),
});

/**
 * Freed seats of draw offers gather into follow-up draws (decision 0034): one per procedure and
 * département at a time, at most every FOLLOW_UP_DRAW_HOURS; run-draws draws them.
 */
export const scheduleFollowUpDrawsJob = defineJob({
  id: 'schedule-follow-up-draws',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '*/15 * * * *',
  handler: async (_payload, { db, clock, config }) => ({
    created: (await scheduleFollowUpDraws({ db, clock, config, beacon: beaconAt(config.drawBeaconUrl) }))
      .length,
  }),
});

/**
 * The draws whose window has closed, each once (PRODUCT §5): a draw waiting for its beacon round is
 * tried again each minute until the round is out. The beacon is built from DRAW_BEACON_URL per run.
 */
export const runDrawsJob = defineJob({
  id: 'run-draws',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '* * * * *',
  runAtStart: true,
  timeoutSeconds: 15 * 60,
  handler: async (_payload, { db, clock, config, log }) => ({
    drawn: (await runDueDraws({ db, clock, config, log, beacon: beaconAt(config.drawBeaconUrl) })).length,
  }),
});

/**
 * The draws of the draw offers' calendars (decision 0032): every calendar's current and next window
 * has its draw, created once, so that the next window and its commitment are public ahead.
 */
export const openDrawWindowsJob = defineJob({
  id: 'open-draw-windows',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '3 * * * *',
  runAtStart: true,
  handler: async (_payload, { db, clock, config, log }) => openDrawWindows({ db, clock, config, log }),
});

/**
 * Each hour, what the public pool shows for every first-come offer: its next free slot, or none
 * (decision 0047). The statistics' median wait to the next free slot is read from these samples.
 */
export const sampleAvailabilityJob = defineJob({
  id: 'sample-availability',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '1 * * * *',
  runAtStart: true,
  handler: async (_payload, { db, clock }) => ({ sampled: await sampleAvailability(db, clock.now()) }),
});

/**
 * The end of each office's day (decision 0041): appointments of a finished local day still in the
 * counter loop end attended (served) or no-show, each with a `close_day` counter event.
 */
export const closeDaysJob = defineJob({
  id: 'close-days',
  version: 1,
  payload: Nothing,
  singleton: true,
  cron: '13 * * * *',
  runAtStart: true,
  handler: async (_payload, { db, clock }) => closeFinishedDays({ db, clock }),
});

/** Every job of Créneau; the queue of each instance works them all. */
export const jobDefinitions: readonly JobDefinition[] = [
  expireHoldsJob,
  publishSlotsJob,
  releaseSlotsJob,
  scheduleFollowUpDrawsJob,
  purgeCaptchaJob,
  purgeWriteBudgetJob,
  purgePersonalDataJob,
  purgeRecordsJob,
  purgeAuditJob,
  purgeIdentityBudgetJob,
  coolDownJob,
  runDrawsJob,
  openDrawWindowsJob,
  sampleAvailabilityJob,
  closeDaysJob,
];
