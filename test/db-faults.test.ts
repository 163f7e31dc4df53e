import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDatabase, type Db } from '../src/db/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import {
  bookingRequest,
  type Load,
  type Sample,
  startLoad,
  statusCounts,
  waitUntil,
} from './helpers/load.ts';
import { injectFault, type Outage } from './helpers/postgres-faults.ts';
import { freePort, type ServerProcess, startServer } from './helpers/server-process.ts';
import { type SmtpRecorder, startSmtpRecorder } from './helpers/smtp-recorder.ts';

// `npm start` as it runs by default, on its embedded PostgreSQL, while a bounded load runs: the
// PostgreSQL is killed (SIGKILL of the postmaster), frozen (SIGSTOP of all its processes) and shut
// down. The process survives, answers 503 within its deadlines, never 500, never hangs, starts its
// PostgreSQL again, and every booking it answered 201 is kept and gets its email.

const CONNECT_MS = 1_000;
const QUERY_MS = 2_000;
/** The longest a request may take during an outage: a connection, a query, and a loaded machine's margin. */
const LONGEST_MS = CONNECT_MS + QUERY_MS + 3_000;

const dataDir = mkdtempSync(path.join(tmpdir(), 'creneau-faults-'));
const clusterDir = path.join(dataDir, 'postgres');
let server: ServerProcess;
let recorder: SmtpRecorder;
let db: Db;
let fixture: Fixture;

before(async () => {
  recorder = await startSmtpRecorder();
  const dbPort = await freePort();
  server = await startServer({
    DATA_DIR: dataDir,
    EMBEDDED_DB_PORT: String(dbPort),
    DEMO_DATA: 'off',
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    SMTP_URL: recorder.url,
    SECRET_KEY: 'faults-test-secret-key-0123456789abcdef',
    DB_CONNECT_TIMEOUT_MS: String(CONNECT_MS),
    DB_STATEMENT_TIMEOUT_MS: '1500',
    DB_QUERY_TIMEOUT_MS: String(QUERY_MS),
    // A message claimed just before a kill waits out its lease before it is sent again.
    OUTBOX_LEASE_SECONDS: '10',
  });
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  const url = `postgres://creneau:${password}@127.0.0.1:${dbPort}/creneau`;
  db = createDatabase({ url, maxActivePerEmail: 3, poolSize: 2, connectTimeoutMs: 5_000 });
  fixture = await createFixture(db, { slots: 200, capacity: 3 });
});

after(async () => {
  await server?.stop();
  await db?.destroy();
  await recorder?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function load(): Load {
  const kinds = [
    () => ({ name: 'departments', path: '/api/v1/departments' }),
    () => ({
      name: 'availability',
      path: `/api/v1/availability?procedure=${fixture.procedureId}&site=${fixture.siteId}`,
    }),
    (n: number) => bookingRequest(fixture.slotIds, 900_000, n),
    () => ({ name: 'page', path: '/', init: { headers: { accept: 'text/html' } } }),
    () => ({ name: 'health', path: '/health' }),
  ];
  return startLoad({
    baseUrl: server.url,
    request: (n) => (kinds[n % kinds.length] as (n: number) => { name: string; path: string })(n),
    // Light enough to leave the shared machine to the other test files running beside this one.
    workers: 3,
    pauseMs: 25,
    maxRequests: 20_000,
    maxMs: 100_000,
    timeoutMs: 20_000,
  });
}

async function timedFetch(pathname: string, init: RequestInit = {}) {
  const start = performance.now();
  const response = await fetch(`${server.url}${pathname}`, { ...init, signal: AbortSignal.timeout(20_000) });
  const body = await response.text();
  return { response, body, ms: performance.now() - start };
}

/** While PostgreSQL is frozen: /health, the API and a page, each answered 503 in time. */
async function probeFrozen(): Promise<void> {
  await sleep(300);
  const [health, api, page] = await Promise.all([
    timedFetch('/health'),
    timedFetch('/api/v1/departments'),
    timedFetch('/', { headers: { accept: 'text/html' } }),
  ]);
  assert.equal(health.response.status, 503, health.body);
  assert.ok(health.ms < 2_000, `/health answered in ${Math.round(health.ms)} ms`);
  assert.equal(api.response.status, 503, api.body);
  assert.equal(api.response.headers.get('retry-after'), '5');
  assert.equal(JSON.parse(api.body).error.code, 'unavailable');
  assert.ok(api.ms < LONGEST_MS, `the API answered in ${Math.round(api.ms)} ms`);
  assert.equal(page.response.status, 503);
  assert.match(page.response.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(page.body, /Service momentanément indisponible/);
}

function during(samples: Sample[], outages: Outage[]): Sample[] {
  return samples.filter((s) => outages.some((o) => s.at + s.ms >= o.startedAt && s.at <= o.recoveredAt));
}

describe('PostgreSQL faults under load, embedded default', () => {
  test('killed, frozen and shut down: the server survives, answers 503 in time, restarts it and recovers', async (t) => {
    const running = load();
    const options = { clusterDir, baseUrl: server.url, now: running.now, freezeMs: 5_000 };
    const outages: Outage[] = [];
    try {
      await sleep(1_000);
      outages.push(await injectFault('kill', options));
      await sleep(1_000);
      outages.push(await injectFault('freeze', { ...options, during: probeFrozen }));
      await sleep(1_000);
      outages.push(await injectFault('stop', options));
      await sleep(1_000);
    } finally {
      await running.stop();
    }
    const samples = running.samples;
    const inOutage = during(samples, outages);
    const longest = Math.max(...inOutage.map((s) => s.ms));
    const counts = statusCounts(samples);
    t.diagnostic(
      `statuses ${JSON.stringify(counts)}, longest answer during an outage ${Math.round(longest)} ms`,
    );

    assert.equal(server.child.exitCode, null, 'the server process is still running');
    assert.match(
      server.output(),
      /The embedded PostgreSQL stopped unexpectedly \(SIGKILL\): starting it again/,
    );
    assert.equal(counts[500] ?? 0, 0, 'no 500');
    assert.equal(counts[-1] ?? 0, 0, 'no request hung');
    assert.equal(counts[0] ?? 0, 0, 'no connection refused or dropped by the server');
    for (const status of Object.keys(counts))
      assert.ok(['200', '201', '409', '503'].includes(status), status);
    assert.ok(
      samples.filter((s) => s.status === 503).every((s) => s.retryAfter === '5'),
      'every 503 has Retry-After',
    );
    assert.ok(longest < LONGEST_MS, `longest answer during an outage: ${Math.round(longest)} ms`);
    assert.ok(samples.filter((s) => s.at > (outages.at(-1)?.recoveredAt ?? 0)).every((s) => s.status < 500));

    // Every booking answered 201 survived the kills, and its email went out once the outbox could run.
    const created = samples.flatMap((s) => (s.created ? [s.created] : []));
    assert.ok(created.length > 0, 'bookings were taken');
    const stored = await db
      .selectFrom('booking')
      .select(['id', 'reference', 'email'])
      .where(
        'id',
        'in',
        created.map((c) => c.id),
      )
      .execute();
    assert.equal(stored.length, created.length, 'every booking answered 201 is in the database');
    await waitUntil(
      'an email for every booking',
      async () => stored.every((b) => (recorder.received().get(b.email) ?? 0) > 0),
      60_000,
    );
    assert.doesNotMatch(server.output(), /@example\.org/, 'no email address in the log');
  });
});
