import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { systemClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import { createDatabase, type Db } from '../src/db/database.ts';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../src/db/embedded.ts';
import { defineJob } from '../src/jobs/job.ts';
import { startJobQueue } from '../src/jobs/queue.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { healthy, type Load, startLoad, statusCounts, waitUntil } from './helpers/load.ts';
import { type ServerProcess, startServer } from './helpers/server-process.ts';
import { type SmtpRecorder, startSmtpRecorder } from './helpers/smtp-recorder.ts';

// A PostgreSQL of its own behind DATABASE_URL, as in production: stopped for a while, then
// unreachable (a port that accepts connections and never answers), then back. Créneau answers 503
// meanwhile, its background loops keep trying, and everything works again without a restart.

const CONNECT_MS = 1_000;
const QUERY_MS = 2_000;
const LONGEST_MS = CONNECT_MS + QUERY_MS + 3_000;

const dataDir = mkdtempSync(path.join(tmpdir(), 'creneau-outage-'));
let postgres: EmbeddedDatabase;
let server: ServerProcess;
let recorder: SmtpRecorder;
let db: Db;
let fixture: Fixture;

before(async () => {
  postgres = await startEmbeddedDatabase({ dataDir, port: 0, warn: () => {} });
  recorder = await startSmtpRecorder();
  server = await startServer({
    DATABASE_URL: postgres.url,
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    SMTP_URL: recorder.url,
    SECRET_KEY: 'outage-test-secret-key-0123456789abcdef',
    DB_CONNECT_TIMEOUT_MS: String(CONNECT_MS),
    DB_STATEMENT_TIMEOUT_MS: '1500',
    DB_QUERY_TIMEOUT_MS: String(QUERY_MS),
  });
  db = createDatabase({ url: postgres.url, maxActivePerEmail: 3, poolSize: 2, connectTimeoutMs: 2_000 });
  fixture = await createFixture(db, { slots: 100, capacity: 3 });
});

after(async () => {
  await server?.stop();
  await db?.destroy();
  await postgres?.stop();
  await recorder?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const bookingInit = (n: number): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    slotId: fixture.slotIds[n % fixture.slotIds.length],
    acceptConditions: true,
    applicant: applicant(800_000 + n),
  }),
});

function load(): Load {
  const kinds = [
    { name: 'departments', path: '/api/v1/departments' },
    { name: 'page', path: '/', init: { headers: { accept: 'text/html' } } },
    { name: 'health', path: '/health' },
  ];
  return startLoad({
    baseUrl: server.url,
    request: (n) =>
      (n % 4 === 3
        ? { name: 'booking', path: '/api/v1/bookings', init: bookingInit(n) }
        : kinds[n % 4]) as never,
    workers: 2,
    pauseMs: 25,
    maxRequests: 10_000,
    maxMs: 90_000,
    timeoutMs: 20_000,
  });
}

async function timedFetch(pathname: string, init: RequestInit = {}) {
  const start = performance.now();
  const response = await fetch(`${server.url}${pathname}`, { ...init, signal: AbortSignal.timeout(20_000) });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, ms: performance.now() - start };
}

/** /health, the API, a page and a booking while the database cannot answer: 503 each, in time. */
async function probeOutage(refusedBooking: RequestInit): Promise<void> {
  const [health, api, page, booking] = await Promise.all([
    timedFetch('/health'),
    timedFetch('/api/v1/departments'),
    timedFetch('/', { headers: { accept: 'text/html' } }),
    timedFetch('/api/v1/bookings', refusedBooking),
  ]);
  assert.equal(health.status, 503);
  assert.ok(health.ms < 2_000, `/health answered in ${Math.round(health.ms)} ms`);
  for (const answer of [api, booking]) {
    assert.equal(answer.status, 503, answer.body);
    assert.equal(answer.headers.get('retry-after'), '5');
    assert.equal(JSON.parse(answer.body).error.code, 'unavailable');
    assert.ok(answer.ms < LONGEST_MS, `answered in ${Math.round(answer.ms)} ms`);
  }
  assert.equal(page.status, 503, 'a page that needs the database says it is unavailable');
  assert.equal(page.headers.get('retry-after'), '5');
  assert.match(page.body, /Service momentanément indisponible/);
}

/** A listener on the database's port that accepts connections and never answers. */
async function blackHole(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const hole = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => hole.listen(port, '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        hole.close(() => resolve());
      }),
  };
}

describe('an external PostgreSQL stopped, then unreachable, then back', () => {
  test('503 within the deadlines meanwhile; the server, its outbox and the job queue carry on by themselves', async (t) => {
    // The job queue of server.ts, in this process so that its runs can be counted: a probe job that
    // enqueues its next run, as a periodic job would run again and again.
    const queueDb = createDatabase({
      url: postgres.url,
      maxActivePerEmail: 3,
      poolSize: 2,
      connectTimeoutMs: CONNECT_MS,
      statementTimeoutMs: 1_500,
      queryTimeoutMs: QUERY_MS,
    });
    let runs = 0;
    let failures = 0;
    const probe = defineJob({
      id: 'outage-probe',
      version: 1,
      payload: Type.Object({}),
      retry: { limit: 1000, delaySeconds: 1, maxDelaySeconds: 1 },
      handler: async () => {
        await sql`select 1`.execute(queueDb);
        runs++;
        return {};
      },
    });
    const enqueueProbe = () => queueDb.transaction().execute((trx) => queue.enqueue(trx, probe, {}));
    const queue = await startJobQueue({
      url: postgres.url,
      deps: {
        db: queueDb,
        clock: systemClock,
        config: parseConfig({
          LOG_LEVEL: 'silent',
          SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
        }),
        log: { info: () => {}, warn: () => {}, error: () => failures++ },
      },
      definitions: [probe],
      pollingIntervalSeconds: 0.5,
    });
    const running = load();
    const refused = applicant(799_999);
    try {
      await enqueueProbe();
      await waitUntil('the job queue running', async () => runs > 0, 10_000);
      await sleep(500);

      await postgres.stop();
      await probeOutage({
        ...bookingInit(0),
        body: JSON.stringify({ slotId: fixture.slotIds[0], acceptConditions: true, applicant: refused }),
      });
      await waitUntil('the job queue reporting failures', async () => failures > 0, 15_000);

      const hole = await blackHole(postgres.port);
      try {
        await sleep(QUERY_MS); // the connections opened before are gone: new ones meet the silence
        await probeOutage(bookingInit(1));
      } finally {
        await hole.close();
      }

      const runsDuringOutage = runs;
      postgres = await startEmbeddedDatabase({ dataDir, port: postgres.port, warn: () => {} });
      await waitUntil('/health 200 again', () => healthy(server.url), 30_000);
      await waitUntil(
        'the job queue taking jobs again',
        async () => {
          await enqueueProbe().catch(() => {});
          return runs > runsDuringOutage;
        },
        30_000,
      );
      await sleep(1_000);
    } finally {
      await running.stop();
      await queue.stop();
      await queueDb.destroy();
    }

    const counts = statusCounts(running.samples);
    const longest = Math.max(...running.samples.map((s) => s.ms));
    t.diagnostic(`statuses ${JSON.stringify(counts)}, longest answer ${Math.round(longest)} ms`);
    assert.equal(server.child.exitCode, null, 'the server process is still running');
    assert.equal(counts[500] ?? 0, 0, 'no 500');
    assert.equal(counts[-1] ?? 0, 0, 'no request hung');
    assert.equal(counts[0] ?? 0, 0, 'no connection refused or dropped by the server');
    assert.ok((counts[503] ?? 0) > 0, 'the load met the outage');
    assert.ok(longest < LONGEST_MS, `longest answer ${Math.round(longest)} ms`);

    const refusedRows = await db
      .selectFrom('booking')
      .select('id')
      .where('email', '=', refused.email)
      .execute();
    assert.equal(refusedRows.length, 0, 'the booking refused with 503 stored nothing');
    const after = await timedFetch('/api/v1/bookings', bookingInit(5_000));
    assert.equal(after.status, 201, after.body);
    const email = applicant(805_000).email;
    await waitUntil(
      'the email of a booking made after the outage',
      async () => recorder.received().has(email),
      30_000,
    );
  });
});
