/**
 * `npm run bench`: starts its own PostgreSQL and Créneau server, creates a data set of more than
 * 20 000 seats, then measures (1) the booking transaction issued directly with SQL, the machine's
 * ceiling, alternating in rounds with (2) a booking rush over HTTP with 64 clients, then (3)
 * availability reads over HTTP, and counts overbooking. Prints a summary, then one line of JSON, last.
 *
 * Options: --seconds=N (per booking phase, all rounds together; default 24), --rounds=N (default 3),
 * --cpu-prof (profile the server into a folder of the system's temporary directory), --compare-outbox (also run the direct
 * transaction without its outbox insert), --smtp-sink (the server sends its mail to a sink in this
 * process instead of its own mail capture, to tell what the capture costs).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { createDatabase, type Db, migrateToLatest } from '../src/db/database.ts';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../src/db/embedded.ts';
import { createDataset } from './dataset.ts';
import { directPool } from './direct.ts';
import {
  type Booker,
  type BookerContext,
  CONCURRENCY,
  CpuAccount,
  countSent,
  countViolations,
  directBooker,
  httpBooker,
  readAvailability,
  waitForOutbox,
} from './phases.ts';
import { type ServerProcess, startServer } from './server.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const SLOTS_PER_POOL = 8_000; // × 4 seats = 32 000 seats per booking phase, 64 000 in all
const BOOKING_OPS = 20_000;
const WARMUP_OPS = 1_000;
const WARMUP_MS = 4_000;
const READ_OPS = 400_000;
const READ_MS = 10_000;
const DRAIN_MS = 45_000;
const MAX_ACTIVE_PER_EMAIL = 3;

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '24' },
    rounds: { type: 'string', default: '3' },
    'cpu-prof': { type: 'boolean', default: false },
    'compare-outbox': { type: 'boolean', default: false },
    'smtp-sink': { type: 'boolean', default: false },
  },
});
const rounds = Math.max(1, Math.floor(Number(options.rounds)) || 1);
const roundMs = (Math.max(1, Number(options.seconds) || 24) * 1000) / rounds;
const log = (line: string) => console.log(line);
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const tmp = await mkdtemp(path.join(os.tmpdir(), 'creneau-bench-'));
let embedded: EmbeddedDatabase | undefined;
let server: ServerProcess | undefined;
let db: Db | undefined;
let pool: pg.Pool | undefined;
let sink: SmtpSink | undefined;
const bookers: Booker[] = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;
/** Stops everything the benchmark started and removes its folder; every caller waits for the same run. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const b of bookers) await b.close().catch(() => {});
    await server?.stop().catch(() => {});
    await pool?.end().catch(() => {});
    await db?.destroy().catch(() => {});
    await embedded?.stop().catch(() => {});
    await sink?.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`${signal}: stopping the benchmark and cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

function describe(name: string, b: Booker, success: string): number {
  const rate = b.tally.get(success) / (b.elapsedMs / 1000);
  log(`   ${name}: ${b.ops} operations in ${seconds(b.elapsedMs)} — ${b.tally}`);
  log(
    `      ${round(rate)}/s; latency p50 ${round(b.latencies.percentile(50), 1)} ms, p99 ${round(b.latencies.percentile(99), 1)} ms`,
  );
  log(`      ${b.cpu}`);
  return rate;
}

let exitCode = 1;
try {
  const started = performance.now();
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  log(
    `Créneau benchmark — ${os.cpus().length} CPU(s), Node ${process.version}, load average at start ${load}`,
  );
  embedded = await startEmbeddedDatabase({ dataDir: tmp, port: 0 });
  db = createDatabase({ url: embedded.url, maxActivePerEmail: MAX_ACTIVE_PER_EMAIL, poolSize: 4 });
  await migrateToLatest(db as never);
  const data = await createDataset(db, SLOTS_PER_POOL);
  log(
    `Data set: ${data.sites.length} sites, ${data.totalSeats} seats in ${2 * (data.http.slots.length + data.http.hot.length)} slots from ${data.firstDay}, half for each booking phase; ${data.http.hot.length} hot slots of 2 seats per phase`,
  );
  // Outside the temporary folder, which is removed at the end, and outside the repository.
  const profileDir = path.join(os.tmpdir(), `creneau-bench-profile-${Date.now()}`);
  if (options['cpu-prof']) await mkdir(profileDir, { recursive: true });
  if (options['smtp-sink']) sink = await startSmtpSink();
  const serverStarted = performance.now();
  server = await startServer({
    databaseUrl: embedded.url,
    smtpUrl: sink?.url,
    dataDir: path.join(tmp, 'server'),
    nodeFlags: options['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const running = server;
  const ctx: BookerContext = {
    data,
    serverCpu: () => running.cpuSeconds(),
    dbDir: path.join(tmp, 'postgres'),
  };
  const since = () => seconds(performance.now() - serverStarted);
  pool = directPool(embedded.url, CONCURRENCY, MAX_ACTIVE_PER_EMAIL);

  // Same bound for both phases, within the seats of each pool once the warm-up has taken its share.
  const maxOps = Math.min(BOOKING_OPS, data.http.seats - WARMUP_OPS, data.direct.seats - WARMUP_OPS);
  const opsPerRound = Math.floor(maxOps / rounds);
  const direct = await directBooker(ctx, pool, maxOps);
  const http = httpBooker(ctx, running.port, maxOps);
  bookers.push(direct, http);
  log(
    `\nBookings: ${CONCURRENCY} concurrent clients; ${rounds} rounds of direct SQL then HTTP, each bounded to ${opsPerRound} operations or ${seconds(roundMs)}; ${WARMUP_OPS} warm-up operations each first`,
  );
  const windows: string[] = [];
  await direct.run(WARMUP_OPS, WARMUP_MS, false);
  await http.run(WARMUP_OPS, WARMUP_MS, false);
  await waitForOutbox(db, DRAIN_MS);
  let drained = { ms: 0, left: 0, sent: 0 };
  const drainCpu = new CpuAccount();
  let deliveredAfterRounds = 0;
  for (let r = 0; r < rounds; r++) {
    let from = since();
    await direct.run(opsPerRound, roundMs, true);
    windows.push(`direct ${from}–${since()}`);
    from = since();
    await http.run(opsPerRound, roundMs, true);
    windows.push(`HTTP ${from}–${since()}`);
    // The rush's emails are delivered by the server meanwhile and after: let it finish before going on.
    const sentBefore = await countSent(db);
    const stop = drainCpu.start(ctx.serverCpu, ctx.dbDir);
    const drain = await waitForOutbox(db, DRAIN_MS);
    stop();
    deliveredAfterRounds += drain.sent - sentBefore;
    drained = { ms: drained.ms + drain.ms, left: drain.left, sent: drain.sent };
  }
  log('1. Direct SQL (the same transaction as bookSlot, from the benchmark process, pool of 64):');
  const directRate = describe('transactions', direct, 'commit');
  log('2. HTTP booking rush (POST /api/v1/bookings, keep-alive):');
  const bookingRate = describe('requests', http, '201');
  const share = (100 * bookingRate) / Math.max(1, directRate);
  log(`      HTTP bookings are ${round(share)} % of the direct-SQL figure`);
  log(
    `      outbox: ${drained.sent} of the rush's emails delivered to ${sink ? 'the SMTP sink' : "the server's mail capture"}; ${deliveredAfterRounds} of them after the rounds, which took ${seconds(drained.ms)} (${drained.left} left)`,
  );
  log(`      while the server delivered them: ${drainCpu}`);
  if (options['compare-outbox']) {
    const bare = await directBooker(ctx, pool, maxOps, { withoutOutbox: true, startAt: direct.used });
    bookers.push(bare);
    await bare.run(Math.min(opsPerRound, data.direct.seats - direct.used), roundMs, true);
    log('   Direct SQL again, without the outbox insert (one round):');
    describe('transactions', bare, 'commit');
  }

  log(
    `\n3. Availability reads (GET /api/v1/availability, keep-alive): up to ${READ_OPS} requests or ${seconds(READ_MS)}`,
  );
  const readFrom = since();
  const reads = await readAvailability(ctx, running.port, READ_OPS, READ_MS);
  windows.push(`reads ${readFrom}–${since()}`);
  const readRate = reads.tally.get('200') / (reads.elapsedMs / 1000);
  log(
    `   ${reads.ops} requests in ${seconds(reads.elapsedMs)} over ${reads.distinct} distinct queries (each cached 1 s by the server), ${round(reads.meanBytes)} bytes each on average — ${reads.tally}`,
  );
  log(
    `   ${round(readRate)} reads/s; latency p50 ${round(reads.latencies.percentile(50), 2)} ms, p99 ${round(reads.latencies.percentile(99), 2)} ms`,
  );
  log(`   ${reads.cpu}`);

  const checks = await countViolations(db);
  const overbooked = checks.takenOver + checks.bookingsOver + checks.identitiesTwice;
  log(
    `\n4. Invariants: ${checks.takenOver} slots with taken > capacity, ${checks.bookingsOver} slots with more active bookings than seats, ${checks.identitiesTwice} identities with two active bookings for the procedure (slots whose taken differs from their active bookings: ${checks.takenMismatch})`,
  );

  const target = (ok: boolean) => (ok ? 'met' : 'MISSED');
  log('\nTargets — note that the load generator, the server and PostgreSQL share the same cores:');
  log(`   overbooked = 0: ${target(overbooked === 0)} (${overbooked})`);
  log(
    `   HTTP bookings ≥ 60 % of direct SQL: ${target(bookingRate >= 0.6 * directRate)} (${round(share)} %)`,
  );
  log(`   availability reads ≥ 10 000/s: ${target(readRate >= 10_000)} (${round(readRate)}/s)`);
  if (options['cpu-prof']) {
    log(
      `Server CPU profile in ${profileDir}; phases, in seconds since the server started: ${windows.join(', ')}`,
    );
  }
  await cleanup();
  log(`Total time ${seconds(performance.now() - started)}.`);
  console.log(
    JSON.stringify({
      bookingsPerSecond: round(bookingRate, 1),
      directSqlBookingsPerSecond: round(directRate, 1),
      bookingP99Ms: round(http.latencies.percentile(99), 1),
      availabilityReadsPerSecond: round(readRate, 1),
      overbooked,
    }),
  );
  exitCode = overbooked === 0 ? 0 : 1;
} catch (error) {
  if (interrupted) await new Promise(() => {}); // the signal handler cleans up and exits
  console.error(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  if (server) console.error(`Server output:\n${server.output()}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
