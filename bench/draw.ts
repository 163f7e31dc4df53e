/**
 * `npm run bench:draw`: how long the draw's allocation (PRODUCT §5.1, `modules/draw/allocation.ts`)
 * takes for 100,000 requests over 20,000 seats, and the memory it uses. Not a test: it prints its
 * figures, then one line of JSON, last. Target: under 2 s (issue 9).
 *
 * The data set is generated from a fixed seed, so every run draws the same bundle: 5 sites (one in
 * La Réunion at +04:00), 4 weeks of weekdays from Monday 16 March 2026 (metropolitan sites change from
 * +01:00 to +02:00 on the 29th), 20 slots of 5 seats per half-day and site (4,000 slots), and requests
 * with random tiers, lost draws, sites, half-days and earliest dates.
 *
 * It checks that no slot got more requests than its seats (exit code 1 otherwise).
 *
 * Then request intake (bench/request-intake.ts): --intake=N requests (default 500; 0 skips it) through
 * POST /api/v1/requests on a real server, and the same transaction in direct SQL, as a ratio, bounded
 * by --intake-seconds (default 60).
 *
 * Options: --runs=N timed runs after the first, cold one (default 5), --requests=N (default 100000).
 */
import { parseArgs } from 'node:util';
import {
  allocate,
  type DrawInput,
  type DrawRequest,
  type DrawResult,
  type DrawSlot,
} from '../src/modules/draw/allocation.ts';
import { type IntakeFigures, measureRequestIntake } from './request-intake.ts';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    requests: { type: 'string', default: '100000' },
    intake: { type: 'string', default: '500' },
    'intake-seconds': { type: 'string', default: '60' },
  },
});
const intakeCount = Math.min(20_000, Math.max(0, Math.floor(Number(options.intake)) || 0));
const intakeSeconds = Math.min(600, Math.max(5, Number(options['intake-seconds']) || 60));
const runs = Math.min(50, Math.max(1, Math.floor(Number(options.runs)) || 5));
const requestCount = Math.min(1_000_000, Math.max(1, Math.floor(Number(options.requests)) || 100_000));

const SITES = [
  { id: 3401, offsets: ['+01:00', '+02:00'] },
  { id: 3402, offsets: ['+01:00', '+02:00'] },
  { id: 3403, offsets: ['+01:00', '+02:00'] },
  { id: 3404, offsets: ['+01:00', '+02:00'] },
  { id: 9741, offsets: ['+04:00', '+04:00'] },
];
const FIRST_DAY = Date.UTC(2026, 2, 16);
const DST_DAY = Date.UTC(2026, 2, 29);
const SLOTS_PER_HALF_DAY = 20;
const SEATS_PER_SLOT = 5;
const CODES = ['mon', 'tue', 'wed', 'thu', 'fri'].flatMap((day) => [`${day}-am`, `${day}-pm`]);

/** mulberry32: a small seeded generator, so that the data set is the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = generator(20260316);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const pad = (n: number) => String(n).padStart(2, '0');

function weekdays(): string[] {
  const days: string[] = [];
  for (let day = FIRST_DAY; days.length < 20; day += 86_400_000) {
    const date = new Date(day);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

function slots(dates: string[]): DrawSlot[] {
  const result: DrawSlot[] = [];
  for (const site of SITES) {
    for (const date of dates) {
      const offset = Date.parse(date) < DST_DAY ? site.offsets[0] : site.offsets[1];
      for (const firstMinute of [9 * 60, 13 * 60 + 30]) {
        for (let i = 0; i < SLOTS_PER_HALF_DAY; i++) {
          const minute = firstMinute + i * 9;
          const start = `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00${offset}`;
          result.push({ id: 100_000 + result.length, siteId: site.id, start, seats: SEATS_PER_SLOT });
        }
      }
    }
  }
  return result;
}

function request(index: number, dates: string[]): DrawRequest {
  const tierDraw = random();
  const siteIds = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SITES).id))];
  const halfDays =
    random() < 0.5
      ? []
      : [...new Set(Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(CODES)))];
  return {
    label: `R${index.toString(36).toUpperCase().padStart(4, '0')}-${Math.floor(random() * 1296).toString(36)}`,
    tier: tierDraw < 0.1 ? 0 : tierDraw < 0.25 ? 1 : 2,
    lost: Math.floor(-Math.log(1 - random()) * 0.8),
    siteIds,
    halfDays,
    earliest: random() < 0.7 ? null : pick(dates),
  };
}

function bundle(): DrawInput {
  const dates = weekdays();
  const seed = Array.from({ length: 32 }, () =>
    Math.floor(random() * 256)
      .toString(16)
      .padStart(2, '0'),
  );
  return {
    id: 42,
    version: 'creneau-draw-v1',
    seed: seed.join(''),
    beacon: '',
    slots: slots(dates),
    requests: Array.from({ length: requestCount }, (_, i) => request(i, dates)),
  };
}

const input = bundle();
const rssBeforeMb = process.memoryUsage().rss / 1_048_576;
const seats = input.slots.reduce((sum, slot) => sum + slot.seats, 0);
console.log(
  `${input.requests.length} requests, ${input.slots.length} slots, ${seats} seats, ${SITES.length} sites`,
);

const gc = (globalThis as { gc?: () => void }).gc;
const round = (n: number) => Math.round(n * 10) / 10;

/** Slots given more requests than their seats: must be 0. */
function overSeats(result: DrawResult): number {
  const taken = new Map<DrawSlot['id'], number>();
  for (const { slotId } of result.allocation) taken.set(slotId, (taken.get(slotId) ?? 0) + 1);
  return input.slots.filter((slot) => (taken.get(slot.id) ?? 0) > slot.seats).length;
}

// The first run also compiles the hot paths: it is what a one-off `npm run draw:verify` pays.
const coldStarted = performance.now();
const cold = allocate(input);
const coldMs = performance.now() - coldStarted;
console.log(`cold run: ${coldMs.toFixed(1)} ms, ${cold.allocation.length} allocated`);

const times: number[] = [];
let heapDeltaMb = 0;
let result = cold;
for (let run = 0; run < runs; run++) {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  result = allocate(input);
  times.push(performance.now() - started);
  // The result (100,000 order keys, the allocation) is still held: the delta includes it.
  heapDeltaMb = Math.max(heapDeltaMb, (process.memoryUsage().heapUsed - heapBefore) / 1_048_576);
  console.log(`run ${run + 1}: ${times.at(-1)?.toFixed(1)} ms`);
}
const sorted = [...times].sort((a, b) => a - b);
const medianMs = sorted[Math.floor(sorted.length / 2)] ?? 0;
const maxMs = sorted.at(-1) ?? 0;
const rssMb = process.memoryUsage().rss / 1_048_576;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const over = overSeats(result);
const byTier = [0, 1, 2].map((tier) => {
  const labels = new Set(input.requests.filter((r) => r.tier === tier).map((r) => r.label));
  return `tier ${tier}: ${result.allocation.filter((a) => labels.has(a.label)).length}/${labels.size}`;
});
console.log(`allocated ${result.allocation.length} (${byTier.join(', ')}), slots over their seats: ${over}`);
console.log(
  `allocation: median ${medianMs.toFixed(1)} ms, max ${maxMs.toFixed(1)} ms over ${runs} warm runs, cold ${coldMs.toFixed(1)} ms (target < 2000 ms)`,
);
console.log(
  `memory: heap +${heapDeltaMb.toFixed(1)} MB per run with its result${gc ? '' : ' (without --expose-gc)'}, RSS ${rssMb.toFixed(0)} MB (${rssBeforeMb.toFixed(0)} MB with the data set alone), peak RSS ${maxRssMb.toFixed(0)} MB`,
);
let intake: IntakeFigures | undefined;
if (intakeCount > 0) {
  intake = await measureRequestIntake({ count: intakeCount, seconds: intakeSeconds });
  console.log(
    `request intake: ${intake.requests} requests, HTTP ${intake.httpPerSecond}/s, direct SQL ${intake.sqlPerSecond}/s, ratio ${intake.ratio} (HTTP errors: ${intake.httpErrors})`,
  );
}
console.log(
  JSON.stringify({
    requests: input.requests.length,
    slots: input.slots.length,
    seats,
    allocated: result.allocation.length,
    overSeats: over,
    runs,
    coldMs: round(coldMs),
    medianMs: round(medianMs),
    maxMs: round(maxMs),
    heapDeltaMb: round(heapDeltaMb),
    rssBeforeMb: round(rssBeforeMb),
    rssMb: round(rssMb),
    maxRssMb: round(maxRssMb),
    targetMet: Math.max(maxMs, coldMs) < 2000,
    ...(intake ? { intake } : {}),
  }),
);
process.exitCode = over === 0 && (intake?.httpErrors ?? 0) === 0 ? 0 : 1;
