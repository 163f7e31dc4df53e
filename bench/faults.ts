/**
 * `node --experimental-strip-types bench/faults.ts`: PostgreSQL outages under load. Starts Créneau as
 * `npm start` does (embedded PostgreSQL in a temporary folder, default database deadlines) with an SMTP
 * recorder in this process, runs a bounded load of API reads, bookings, pages and /health on it, and
 * meanwhile shuts down (SIGINT), kills (SIGKILL of the postmaster) and freezes (SIGSTOP of every
 * PostgreSQL process) its database, N times each. Prints, per kind: outages survived, time to recover,
 * longest answer during an outage, 5xx counts; then one line of JSON, last. Exit code 1 if the server
 * died, answered a 500, hung, or lost a booking or an email.
 *
 * Options: --outages=N of each kind (default 10), --freeze-ms=MS (default 8000: past the 6 s query deadline).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createDatabase, type Db } from '../src/db/database.ts';
import { createFixture, type Fixture } from '../test/helpers/fixtures.ts';
import { bookingRequest, type Load, type Sample, startLoad, waitUntil } from '../test/helpers/load.ts';
import { type FaultKind, injectFault, type Outage } from '../test/helpers/postgres-faults.ts';
import { freePort, type ServerProcess, startServer } from '../test/helpers/server-process.ts';
import { type SmtpRecorder, startSmtpRecorder } from '../test/helpers/smtp-recorder.ts';

const { values: options } = parseArgs({
  options: { outages: { type: 'string', default: '10' }, 'freeze-ms': { type: 'string', default: '8000' } },
});
const outagesPerKind = Math.min(50, Math.max(1, Math.floor(Number(options.outages)) || 10));
const freezeMs = Math.min(60_000, Math.max(1_000, Number(options['freeze-ms']) || 8_000));
const KINDS: FaultKind[] = ['stop', 'kill', 'freeze'];
const HANG_MS = 30_000;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'creneau-faults-bench-'));
let server: ServerProcess | undefined;
let recorder: SmtpRecorder | undefined;
let db: Db | undefined;
let running: Load | undefined;

async function cleanup(): Promise<void> {
  await running?.stop().catch(() => {});
  await server?.stop().catch(() => {});
  await db?.destroy().catch(() => {});
  await recorder?.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

async function setUp(): Promise<{ server: ServerProcess; fixture: Fixture }> {
  recorder = await startSmtpRecorder();
  const dbPort = await freePort();
  const started = await startServer({
    DATA_DIR: dataDir,
    EMBEDDED_DB_PORT: String(dbPort),
    DEMO_DATA: 'off',
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    SMTP_URL: recorder.url,
    SECRET_KEY: 'faults-bench-secret-key-0123456789abcdef',
    OUTBOX_LEASE_SECONDS: '10', // so that the final email check does not wait 5 minutes after a kill
  });
  server = started;
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  db = createDatabase({
    url: `postgres://creneau:${password}@127.0.0.1:${dbPort}/creneau`,
    maxActivePerEmail: 3,
    poolSize: 2,
    connectTimeoutMs: 5_000,
  });
  return { server: started, fixture: await createFixture(db, { slots: 2_000, capacity: 4 }) };
}

function startMixedLoad(baseUrl: string, fixture: Fixture): Load {
  const booking = (n: number) => bookingRequest(fixture.slotIds, 1_000_000, n);
  const requests = [
    () => ({ name: 'departments', path: '/api/v1/departments' }),
    () => ({
      name: 'availability',
      path: `/api/v1/availability?procedure=${fixture.procedureId}&site=${fixture.siteId}`,
    }),
    booking,
    () => ({ name: 'page', path: '/', init: { headers: { accept: 'text/html' } } }),
    () => ({ name: 'health', path: '/health' }),
  ];
  return startLoad({
    baseUrl,
    request: (n) => (requests[n % requests.length] as typeof booking)(n),
    workers: 4,
    pauseMs: 5,
    maxRequests: 500_000,
    maxMs: outagesPerKind * KINDS.length * (freezeMs + 15_000) + 60_000,
    timeoutMs: HANG_MS,
  });
}

interface KindFigures {
  outages: number;
  survived: number;
  longestAnswerMs: number;
  recoveryMsMax: number;
  recoveryMsMedian: number;
  requests: number;
  status503: number;
  status500: number;
  otherErrors: number;
}

function figuresOf(kind: FaultKind, outages: Outage[], samples: Sample[], alive: boolean): KindFigures {
  const mine = outages.filter((o) => o.kind === kind);
  const inside = samples.filter((s) => mine.some((o) => s.at + s.ms >= o.startedAt && s.at <= o.recoveredAt));
  const recoveries = mine.map((o) => o.recoveredAt - o.removedAt).sort((a, b) => a - b);
  return {
    outages: outagesPerKind,
    survived: alive ? mine.length : 0,
    longestAnswerMs: Math.round(Math.max(0, ...inside.map((s) => s.ms))),
    recoveryMsMax: Math.round(recoveries.at(-1) ?? 0),
    recoveryMsMedian: Math.round(recoveries[Math.floor(recoveries.length / 2)] ?? 0),
    requests: inside.length,
    status503: inside.filter((s) => s.status === 503).length,
    status500: inside.filter((s) => s.status === 500).length,
    otherErrors: inside.filter(
      (s) => s.status <= 0 || (s.status >= 500 && s.status !== 503 && s.status !== 500),
    ).length,
  };
}

async function lostBookingsAndEmails(
  samples: Sample[],
): Promise<{ lostBookings: number; missingEmails: number }> {
  const created = samples.flatMap((s) => (s.created ? [String(s.created.id)] : []));
  const stored = await (db as Db).selectFrom('booking').select(['id', 'email']).execute();
  const ids = new Set(stored.map((b) => b.id));
  const missing = () => stored.filter((b) => !recorder?.received().has(b.email)).length;
  await waitUntil('every email', async () => missing() === 0, 60_000).catch(() => {});
  return { lostBookings: created.filter((id) => !ids.has(id)).length, missingEmails: missing() };
}

try {
  const { server: started, fixture } = await setUp();
  console.log(
    `Créneau at ${started.url}; ${outagesPerKind} outages of each kind (${KINDS.join(', ')}), freeze ${freezeMs} ms`,
  );
  running = startMixedLoad(started.url, fixture);
  const load = running;
  const outages: Outage[] = [];
  await sleep(2_000);
  for (let round = 1; round <= outagesPerKind; round++) {
    for (const kind of KINDS) {
      const outage = await injectFault(kind, {
        clusterDir: path.join(dataDir, 'postgres'),
        baseUrl: started.url,
        now: load.now,
        freezeMs,
      });
      outages.push(outage);
      console.log(
        `${kind} #${round}: recovered ${Math.round(outage.recoveredAt - outage.removedAt)} ms after the fault ended`,
      );
      await sleep(1_000);
    }
  }
  await sleep(2_000);
  const samples = await load.stop();
  const alive = started.child.exitCode === null && started.child.signalCode === null;
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, figuresOf(kind, outages, samples, alive)]));
  const { lostBookings, missingEmails } = await lostBookingsAndEmails(samples);
  const summary = {
    outages: outages.length,
    survived: alive ? outages.length : 0,
    requests: samples.length,
    bookings201: samples.filter((s) => s.status === 201).length,
    longestAnswerDuringOutageMs: Math.max(...Object.values(byKind).map((k) => k.longestAnswerMs)),
    status5xx: samples.filter((s) => s.status >= 500).length,
    status503: samples.filter((s) => s.status === 503).length,
    status500: samples.filter((s) => s.status === 500).length,
    hangs: samples.filter((s) => s.status === -1).length,
    connectionErrors: samples.filter((s) => s.status === 0).length,
    lostBookings,
    missingEmails,
    byKind,
  };
  console.table(byKind);
  console.log(
    `${summary.survived}/${summary.outages} outages survived; ${summary.requests} requests, ${summary.status503} × 503, ` +
      `${summary.status500} × 500, ${summary.hangs} hung; longest answer during an outage ${summary.longestAnswerDuringOutageMs} ms; ` +
      `${summary.bookings201} bookings answered 201, ${lostBookings} lost, ${missingEmails} emails missing`,
  );
  console.log(JSON.stringify(summary));
  const failed =
    !alive ||
    summary.status500 > 0 ||
    summary.hangs > 0 ||
    summary.connectionErrors > 0 ||
    lostBookings > 0 ||
    missingEmails > 0;
  await cleanup();
  process.exit(failed ? 1 : 0);
} catch (error) {
  console.error(error);
  if (server) console.error(server.output().slice(-4000));
  await cleanup();
  process.exit(1);
}
