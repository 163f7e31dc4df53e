/**
 * `npm run bench:fairness` (issue 9, Benchmarks): whether arriving first, or submitting several
 * times, wins seats — first-come against a draw, through the real HTTP API and server. Not a test: it
 * prints its figures, then one line of JSON, last.
 *
 * Same population in both modes (identities distinct between the modes): `--fast` clients (5,000)
 * fired at the window's opening, one in five also submitting 3 duplicates with the same identity
 * under other emails and X-Forwarded-For addresses, and `--slow` clients (5,000) arriving at random
 * over a scaled window of `--window-seconds` (60). 1,000 seats in each mode.
 * - First-come: each submission books a slot with seats (GET /api/v1/availability, then
 *   POST /api/v1/bookings): one at random among them (`--slot-choice=random`, default) or the earliest
 *   (`earliest`: every client then queues on the same slot's row lock, decision 0035). Each group's share of the seats: the bias the harness must detect.
 * - Draw: each submission is a POST /api/v1/requests; after the window the eligible requests and the
 *   slots are loaded as the bundle holds them and allocated by `allocate()` (PRODUCT §5.1) for
 *   `--seeds` seeds (20); shares with 95 % intervals across seeds, mean ± t(0.975, n−1)·s/√n.
 *
 * Options: --fast=N --slow=N --window-seconds=N --seeds=N --fast-concurrency=N (keep-alive
 * connections of the fast burst, default 1000), --mode=both|first-come|draw, --slot-choice=random|earliest.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import {
  type Act,
  bookFirstCome,
  type Outcome,
  runWindow,
  type SlotChoice,
  submitRequest,
  tallyResults,
} from './fairness-clients.ts';
import {
  type Client,
  createFairnessDataset,
  type FairnessDataset,
  makePopulation,
  type Population,
} from './fairness-data.ts';
import { allocateSeeds, createBenchDraw, loadEligible, runRealDraw, seedsFor } from './fairness-draw.ts';
import { type FairnessServer, machineBusySeconds, startFairnessServer } from './fairness-server.ts';
import { type GroupFigures, groupFigures, type Interval, interval95 } from './fairness-stats.ts';

const { values: options } = parseArgs({
  options: {
    fast: { type: 'string', default: '5000' },
    slow: { type: 'string', default: '5000' },
    'window-seconds': { type: 'string', default: '60' },
    seeds: { type: 'string', default: '20' },
    'fast-concurrency': { type: 'string', default: '1000' },
    mode: { type: 'string', default: 'both' },
    'slot-choice': { type: 'string', default: 'random' },
  },
});
const whole = (raw: string | undefined, min: number, max: number, fallback: number) =>
  Math.min(max, Math.max(min, Math.floor(Number(raw)) || fallback));
const FAST = whole(options.fast, 1, 100_000, 5000);
const SLOW = whole(options.slow, 1, 100_000, 5000);
const WINDOW_MS = whole(options['window-seconds'], 1, 3600, 60) * 1000;
const SEEDS = whole(options.seeds, 2, 1000, 20);
const FAST_CONCURRENCY = whole(options['fast-concurrency'], 1, 5000, 1000);
const SLOT_CHOICE: SlotChoice = options['slot-choice'] === 'earliest' ? 'earliest' : 'random';
const MODE = options.mode === 'first-come' || options.mode === 'draw' ? options.mode : 'both';

const log = (line: string) => console.log(line);
const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * CPU over a phase: this process (load generator and server share it), and the rest of the machine
 * (PostgreSQL, and whatever else runs). bench/server.ts has a finer split, but it imports a test helper
 * that registers node:test hooks.
 */
function cpuMeter(): () => string {
  const own = process.cpuUsage();
  const machine0 = machineBusySeconds();
  const started = performance.now();
  return () => {
    const u = process.cpuUsage(own);
    const node = (u.user + u.system) / 1e6;
    const rest = Math.max(0, machineBusySeconds() - machine0 - node);
    const wall = (performance.now() - started) / 1000;
    return `CPU over ${wall.toFixed(1)} s wall (${(wall * os.cpus().length).toFixed(1)} s available): this process (clients + server) ${node.toFixed(1)} s, the rest of the machine (PostgreSQL and other programs) ${rest.toFixed(1)} s`;
  };
}

/** Milliseconds at the 0th, 50th and 100th percentiles. */
function spread(values: number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: r1(sorted[0] ?? 0),
    median: r1(sorted[Math.floor(sorted.length / 2)] ?? 0),
    max: r1(sorted.at(-1) ?? 0),
  };
}

function describeWindow(name: string, population: Population, outcomes: Outcome[], elapsedMs: number) {
  const fast = new Set(population.fastQueue);
  const fastOutcomes = outcomes.filter((o) => fast.has(o.submission));
  const slowOutcomes = outcomes.filter((o) => !fast.has(o.submission));
  const requests = outcomes.reduce((sum, o) => sum + o.requests, 0);
  const timing = {
    fastStartedMs: spread(fastOutcomes.map((o) => o.startedMs)),
    fastAnsweredMs: spread(fastOutcomes.map((o) => o.endedMs)),
    slowStartedMs: spread(slowOutcomes.map((o) => o.startedMs)),
  };
  log(
    `   ${name}: ${outcomes.length} submissions, ${requests} HTTP requests in ${(elapsedMs / 1000).toFixed(1)} s`,
  );
  log(`      fast: ${tallyResults(fastOutcomes)}`);
  log(`      slow: ${tallyResults(slowOutcomes)}`);
  log(
    `      fast burst: first requests sent from ${timing.fastStartedMs.min} to ${timing.fastStartedMs.max} ms (median ${timing.fastStartedMs.median}), answered by ${timing.fastAnsweredMs.max} ms (median ${timing.fastAnsweredMs.median}) after the opening; slow arrivals ${timing.slowStartedMs.min}–${timing.slowStartedMs.max} ms`,
  );
  // When the last seat went (first-come) and how many slow clients had arrived by then.
  const booked = outcomes.filter((o) => o.result === 'booked').map((o) => o.endedMs);
  const seatsGoneMs = booked.length > 0 ? r1(Math.max(...booked)) : null;
  const slowBefore =
    seatsGoneMs === null ? null : slowOutcomes.filter((o) => o.startedMs <= seatsGoneMs).length;
  if (seatsGoneMs !== null)
    log(`      last seat taken at ${seatsGoneMs} ms; ${slowBefore} slow clients had arrived by then`);
  return { requests, timing, seatsGoneMs, slowArrivedBeforeSeatsGone: slowBefore, elapsedMs: r1(elapsedMs) };
}

function describeFigures(indent: string, f: GroupFigures): void {
  log(
    `${indent}seats ${f.seats}: fast ${f.fastSeats} (${f.fastShare.toFixed(1)} %), slow ${f.slowSeats} (${f.slowShare.toFixed(1)} %); win rate fast ${f.fastWinRate.toFixed(2)} %, slow ${f.slowWinRate.toFixed(2)} %; duplicators win at ${f.duplicateRatio.toFixed(2)}× a single submitter`,
  );
}

async function activeBookers(db: Db, data: FairnessDataset): Promise<string[]> {
  const rows = await db
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .select('booking.foreigner_number as number')
    .where('slot.offer_id', '=', data.booking.offerId)
    .where(sql<boolean>`booking_is_active(booking.status)`)
    .execute();
  return rows.map((row) => row.number ?? '');
}

/** Slots of the offer with more seats taken than they have, or more active bookings than seats. */
async function overbooked(db: Db, offerId: number): Promise<number> {
  const row = await sql<{ n: string }>`
    select count(*) as n from slot s
    where s.offer_id = ${offerId} and (s.taken > s.capacity or s.capacity < (
      select count(*) from booking b where b.slot_id = s.id and booking_is_active(b.status)))
  `.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

function clientsByNumber(population: Population): Map<string, Client> {
  return new Map(population.clients.map((c) => [c.foreignerNumber, c]));
}

async function firstComeMode(server: FairnessServer, data: FairnessDataset) {
  const population = makePopulation({ prefix: 1, fast: FAST, slow: SLOW, windowMs: WINDOW_MS, seed: 9_2026 });
  log(`\n1. First-come: ${data.seatsPerOffice} seats, window of ${WINDOW_MS / 1000} s`);
  const cpu = cpuMeter();
  const act: Act = bookFirstCome(data, SLOT_CHOICE);
  const run = await runWindow({ port: server.port, population, fastConcurrency: FAST_CONCURRENCY, act });
  const window = describeWindow('first-come', population, run.outcomes, run.elapsedMs);
  log(`      ${cpu()}`);
  const byNumber = clientsByNumber(population);
  const winners = (await activeBookers(server.db, data)).map((n) => byNumber.get(n) as Client);
  const figures = groupFigures(population.clients, winners);
  describeFigures('   ', figures);
  const over = await overbooked(server.db, data.booking.offerId);
  log(`   slots over their seats: ${over}`);
  return { figures, window, overbooked: over };
}

/**
 * Whether each duplicator's 4 submissions made one request (one row, one 201 and three 200, the 201's
 * label its own), and how many of the 200s, each sent under another email, carried that label: none
 * since decision 0033 (a known identity from another address gets a label given to no request).
 */
async function duplicatesOneRequest(
  db: Db,
  data: FairnessDataset,
  population: Population,
  outcomes: Outcome[],
) {
  const rows = await db
    .selectFrom('request')
    .select(['foreigner_number as number', 'label'])
    .where('procedure_id', '=', data.procedureId)
    .where('foreigner_number', 'like', '2%')
    .execute();
  const labelsOf = new Map<string, string[]>();
  for (const row of rows)
    labelsOf.set(row.number ?? '', [...(labelsOf.get(row.number ?? '') ?? []), row.label]);
  const bySubmission = new Map(outcomes.map((o) => [o.submission, o]));
  let oneRequest = 0;
  let duplicators = 0;
  let labelShownToOtherEmail = 0;
  for (const client of population.clients) {
    if (!client.duplicates) continue;
    duplicators++;
    const stored = labelsOf.get(client.foreignerNumber) ?? [];
    const answers = client.submissions.map((sub) => bySubmission.get(sub));
    const created = answers.filter((a) => a?.result === '201');
    const updated = answers.filter((a) => a?.result === '200');
    labelShownToOtherEmail += updated.filter((a) => a?.label === stored[0]).length;
    if (
      stored.length === 1 &&
      created.length === 1 &&
      updated.length === 3 &&
      created[0]?.label === stored[0]
    )
      oneRequest++;
  }
  return { oneRequest, duplicators, labelShownToOtherEmail };
}

async function drawMode(server: FairnessServer, data: FairnessDataset) {
  const population = makePopulation({ prefix: 2, fast: FAST, slow: SLOW, windowMs: WINDOW_MS, seed: 9_2026 });
  const opensAt = new Date();
  const draw = await createBenchDraw(server.db, data, {
    opensAt,
    closesAt: new Date(opensAt.getTime() + WINDOW_MS),
  });
  log(
    `\n2. Draw ${draw.id}: ${data.seatsPerOffice} seats, window of ${WINDOW_MS / 1000} s, commitment ${draw.commitment}`,
  );
  const cpu = cpuMeter();
  const run = await runWindow({
    port: server.port,
    population,
    fastConcurrency: FAST_CONCURRENCY,
    act: submitRequest(data),
  });
  const window = describeWindow('requests', population, run.outcomes, run.elapsedMs);
  log(`      ${cpu()}`);
  const labels = await duplicatesOneRequest(server.db, data, population, run.outcomes);
  log(
    `   duplicators whose 4 submissions made one request (one 201, three 200): ${labels.oneRequest}/${labels.duplicators}; the request's label shown to another email: ${labels.labelShownToOtherEmail} times`,
  );

  const wait = draw.closesAt.getTime() - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const eligible = await loadEligible(server.db, data, draw, new Date());
  const seeds = await seedsFor(server.db, draw.id, SEEDS);
  const runs = allocateSeeds(eligible, seeds);
  const byNumber = clientsByNumber(population);
  const entrants = eligible.input.requests.map(
    (r) => byNumber.get(eligible.foreignerNumberOf.get(r.label) ?? '') as Client,
  );
  const perSeed = runs.map(({ result }) => {
    const clientOf = new Map(eligible.input.requests.map((r, i) => [r.label, entrants[i] as Client]));
    return groupFigures(
      entrants,
      result.allocation.map((a) => clientOf.get(a.label) as Client),
    );
  });
  const seats = eligible.input.slots.reduce((sum, slot) => sum + slot.seats, 0);
  log(
    `   eligible: ${eligible.input.requests.length} requests (${entrants.filter((c) => c.group === 'fast').length} fast, ${entrants.filter((c) => c.group === 'slow').length} slow, ${entrants.filter((c) => c.duplicates).length} duplicators), ${eligible.input.slots.length} slots, ${seats} seats; ${SEEDS} seeds, allocate() ${spread(runs.map((r) => r.ms)).median} ms each (median)`,
  );
  for (const [i, f] of perSeed.slice(0, 3).entries()) describeFigures(`   seed ${i + 1}: `, f);
  if (perSeed.length > 3) log(`   … ${perSeed.length - 3} more seeds`);
  const ci = (pick: (f: GroupFigures) => number) => interval95(perSeed.map(pick));
  const intervals = {
    fastShare: ci((f) => f.fastShare),
    slowShare: ci((f) => f.slowShare),
    difference: ci((f) => f.difference),
    fastWinRate: ci((f) => f.fastWinRate),
    slowWinRate: ci((f) => f.slowWinRate),
    duplicateRatio: ci((f) => f.duplicateRatio),
  };
  const real = await runRealDraw(server, draw.id, (runs[0] as (typeof runs)[number]).result);
  log(
    `   runDraw(${draw.id}): ${real.outcome}, ${real.allocated} allocated, ${real.bookings} bookings, same allocation as allocate() with its seed: ${real.matchesPure}`,
  );
  return { intervals, window, labels, eligible: eligible.input.requests.length, seats, real };
}

const pct = (i: Interval) =>
  `${i.mean.toFixed(2)} ± ${i.halfWidth.toFixed(2)} [${i.low.toFixed(2)}, ${i.high.toFixed(2)}]`;
const json = (i: Interval) => ({
  mean: r3(i.mean),
  halfWidth: r3(i.halfWidth),
  low: r3(i.low),
  high: r3(i.high),
});

let server: FairnessServer | undefined;
let exitCode = 1;
try {
  log(
    `Créneau fairness benchmark — ${os.cpus().length} CPU(s), Node ${process.version}, load average ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(
        ' ',
      )}; ${FAST} fast clients (${Math.ceil(FAST / 5)} with 3 duplicates), ${SLOW} slow, window ${WINDOW_MS / 1000} s, fast burst on ${FAST_CONCURRENCY} connections, first-come slot choice: ${SLOT_CHOICE}`,
  );
  server = await startFairnessServer();
  const data = await createFairnessDataset(server.db, new Date());
  log(
    `Data: Hérault, one procedure, ${data.seatsPerOffice} seats per office from ${data.periodFrom} to ${data.periodTo}`,
  );
  const firstCome = MODE === 'draw' ? undefined : await firstComeMode(server, data);
  const draw = MODE === 'first-come' ? undefined : await drawMode(server, data);

  log('\nSummary');
  if (firstCome) {
    const f = firstCome.figures;
    log(
      `   first-come: fast ${f.fastShare.toFixed(1)} % of the seats, slow ${f.slowShare.toFixed(1)} %; duplicators ${f.duplicateRatio.toFixed(2)}× (one run)`,
    );
  }
  if (draw) {
    const i = draw.intervals;
    log(`   draw, ${SEEDS} seeds, mean ± t(0.975, ${SEEDS - 1})·s/√${SEEDS}:`);
    log(`      fast share of seats ${pct(i.fastShare)} %, slow ${pct(i.slowShare)} %`);
    log(`      fast − slow ${pct(i.difference)} points (target: contains 0, within ±1)`);
    log(`      win rate fast ${pct(i.fastWinRate)} %, slow ${pct(i.slowWinRate)} %`);
    log(`      duplicators ${pct(i.duplicateRatio)}× a single submitter (target 1.00×)`);
  }
  const d = draw?.intervals.difference;
  const targets = {
    differenceContainsZero: d ? d.low <= 0 && d.high >= 0 : null,
    differenceWithinOnePoint: d ? d.low >= -1 && d.high <= 1 : null,
    duplicateRatioContainsOne: draw
      ? draw.intervals.duplicateRatio.low <= 1 && draw.intervals.duplicateRatio.high >= 1
      : null,
    duplicatesOneEntry: draw ? draw.labels.oneRequest === draw.labels.duplicators : null,
    realDrawMatchesPure: draw ? draw.real.matchesPure : null,
    firstComeFastShareOver90: firstCome ? firstCome.figures.fastShare > 90 : null,
  };
  log(`   targets: ${JSON.stringify(targets)}`);
  log(
    JSON.stringify({
      fast: FAST,
      slow: SLOW,
      duplicators: Math.ceil(FAST / 5),
      windowSeconds: WINDOW_MS / 1000,
      fastConcurrency: FAST_CONCURRENCY,
      slotChoice: SLOT_CHOICE,
      firstCome: firstCome && {
        seats: firstCome.figures.seats,
        fastShare: r2(firstCome.figures.fastShare),
        slowShare: r2(firstCome.figures.slowShare),
        duplicateRatio: r2(firstCome.figures.duplicateRatio),
        overbooked: firstCome.overbooked,
        ...firstCome.window,
      },
      draw: draw && {
        seeds: SEEDS,
        interval: 'mean ± t(0.975, n−1)·s/√n across seeds',
        eligible: draw.eligible,
        seats: draw.seats,
        fastShare: json(draw.intervals.fastShare),
        slowShare: json(draw.intervals.slowShare),
        difference: json(draw.intervals.difference),
        fastWinRate: json(draw.intervals.fastWinRate),
        slowWinRate: json(draw.intervals.slowWinRate),
        duplicateRatio: json(draw.intervals.duplicateRatio),
        duplicatorsOneRequest: draw.labels.oneRequest,
        labelShownToOtherEmail: draw.labels.labelShownToOtherEmail,
        realDraw: draw.real,
        ...draw.window,
      },
      targets,
    }),
  );
  exitCode = (firstCome?.overbooked ?? 0) === 0 ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  await server?.stop();
  process.exitCode = exitCode;
}
