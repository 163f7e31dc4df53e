import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { buildApp, type CreneauApp } from '../src/app.ts';
import { fixedClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import { createDatabase, type Db } from '../src/db/database.ts';
import { isDatabaseUnavailable } from '../src/db/unavailable.ts';
import { createCaptcha } from '../src/modules/protection/captcha.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { freePort } from './helpers/server-process.ts';

// The database stopped, frozen or slow, in one process with app.inject: every database-backed answer
// is a 503 with Retry-After (JSON for the API, a DSFR page for a browser), within the deadlines.

let database: TestDatabase;
let fixture: Fixture;
const opened: { close(): Promise<unknown> }[] = [];

before(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db, { slots: 4, capacity: 3 });
});
after(async () => {
  for (const resource of opened.reverse()) await resource.close();
  await database.drop();
});

type Timeouts = { connectTimeoutMs?: number; statementTimeoutMs?: number; queryTimeoutMs?: number };

function openDatabase(url: string, timeouts: Timeouts & { poolSize?: number } = {}): Db {
  const db = createDatabase({ url, maxActivePerEmail: 3, ...timeouts });
  opened.push({ close: () => db.destroy() });
  return db;
}

async function appOn(db: Db, env: Record<string, string> = {}): Promise<CreneauApp> {
  const config = parseConfig({
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'outage-test-secret-key-0123456789abcdef',
    ...env,
  });
  const clock = fixedClock('2029-12-20T10:00:00Z');
  const captcha = createCaptcha({ db, secretKey: config.secretKey, clock, enabled: false });
  const app = await buildApp({ config, db, clock, captcha, mailCapture: undefined, wakeOutbox: () => {} });
  await app.ready();
  opened.push({ close: () => app.close() });
  return app;
}

/** A TCP server that accepts connections and never says a word: a frozen or cut-off database. */
async function silentServer(): Promise<{ port: number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push({
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(resolve);
      }),
  });
  return { port: (server.address() as net.AddressInfo).port };
}

const booking = (n: number) => ({
  slotId: fixture.slotIds[0],
  acceptConditions: true,
  applicant: applicant(n),
});

function assertUnavailable(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  assert.equal(response.statusCode, 503, response.body);
  assert.equal(response.headers['retry-after'], '5');
  assert.equal(JSON.parse(response.body).error.code, 'unavailable');
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work;
  return { result, ms: performance.now() - start };
}

async function bookingsOf(email: string): Promise<number> {
  const { count } = await database.db
    .selectFrom('booking')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return count;
}

describe('a stopped database', () => {
  test('the API answers 503 unavailable with Retry-After, never 500, and /health 503', async () => {
    const app = await appOn(openDatabase(`postgres://creneau:x@127.0.0.1:${await freePort()}/creneau`));
    for (const url of [
      '/api/v1/departments',
      '/api/v1/procedures?department=74',
      '/api/v1/availability?procedure=1&site=1',
    ]) {
      assertUnavailable(await app.inject({ url }));
    }
    assertUnavailable(await app.inject({ method: 'POST', url: '/api/v1/bookings', payload: booking(1) }));
    const health = await app.inject({ url: '/health' });
    assert.equal(health.statusCode, 503);
    assert.equal(health.headers['retry-after'], '5');
    assert.deepEqual(health.json(), { status: 'unavailable' });
  });

  test('a browser gets the DSFR page "service indisponible", in French first, in English on request', async () => {
    const app = await appOn(openDatabase(`postgres://creneau:x@127.0.0.1:${await freePort()}/creneau`));
    const page = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 503);
    assert.equal(page.headers['retry-after'], '5');
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<html lang="fr"/);
    assert.match(page.body, /<h1>Service momentanément indisponible<\/h1>/);
    assert.match(page.body, /class="fr-header"/, 'the page has the DSFR layout');
    assert.match(
      page.body,
      /<a class="fr-btn" href="\/">Réessayer<\/a>/,
      'a link to try the same page again',
    );

    const english = await app.inject({ url: '/departements/74?lang=en', headers: { accept: 'text/html' } });
    assert.equal(english.statusCode, 503);
    assert.match(english.body, /<h1>Service temporarily unavailable<\/h1>/);
  });
});

describe('a database that accepts connections but never answers', () => {
  test('requests answer 503 within the connect timeout, /health within its own deadline', async () => {
    const { port } = await silentServer();
    const url = `postgres://creneau:x@127.0.0.1:${port}/creneau`;
    const app = await appOn(openDatabase(url, { connectTimeoutMs: 500 }));
    const api = await timed(app.inject({ url: '/api/v1/departments' }));
    assertUnavailable(api.result);
    assert.ok(api.ms < 2_000, `answered in ${Math.round(api.ms)} ms`);

    // Even with a long connect timeout, /health gives up after HEALTH_TIMEOUT_MS (1 s by default).
    const patient = await appOn(openDatabase(url, { connectTimeoutMs: 30_000 }));
    const health = await timed(patient.inject({ url: '/health' }));
    assert.equal(health.result.statusCode, 503);
    assert.ok(health.ms < 2_000, `/health answered in ${Math.round(health.ms)} ms`);
  });
});

describe('a database that is slow to answer', () => {
  test('a statement past DB_STATEMENT_TIMEOUT_MS is cancelled by PostgreSQL: 503, nothing stored', async () => {
    const app = await appOn(openDatabase(database.url, { statementTimeoutMs: 300, queryTimeoutMs: 5_000 }));
    const person = applicant(500);
    await holdingLock(sql`select 1 from slot where id = ${fixture.slotIds[0]} for update`, async () => {
      const payload = { ...booking(500), applicant: person };
      const refused = await timed(app.inject({ method: 'POST', url: '/api/v1/bookings', payload }));
      assertUnavailable(refused.result);
      assert.ok(refused.ms < 2_000, `answered in ${Math.round(refused.ms)} ms`);
    });
    assert.equal(await bookingsOf(person.email), 0, 'the refused booking left nothing');
    const payload = { ...booking(500), applicant: person };
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/bookings', payload })).statusCode, 201);
  });

  test('a query past DB_QUERY_TIMEOUT_MS drops its connection, so the next request gets a fresh one', async () => {
    // One connection only: had the stuck one gone back to the pool, /health would queue behind it.
    const db = openDatabase(database.url, { poolSize: 1, statementTimeoutMs: 20_000, queryTimeoutMs: 400 });
    const app = await appOn(db);
    await holdingLock(sql`lock table department in access exclusive mode`, async () => {
      const stuck = await timed(app.inject({ url: '/api/v1/departments' }));
      assertUnavailable(stuck.result);
      assert.ok(stuck.ms < 2_000, `answered in ${Math.round(stuck.ms)} ms`);
      assert.equal((await app.inject({ url: '/health' })).statusCode, 200);
    });
    assert.equal((await app.inject({ url: '/api/v1/departments' })).statusCode, 200);
  });
});

describe('a connection dropped by the server', () => {
  test('while checked out between two queries, it does not crash the process, and the pool recovers', async () => {
    const db = openDatabase(database.url, { poolSize: 2 });
    await db.connection().execute(async (connection) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(connection);
      const pid = rows[0]?.pid;
      await sql`select pg_terminate_backend(${pid}::int)`.execute(database.db);
      // No query is running on it: the server's goodbye arrives as an 'error' event on the idle client.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await backendAlive(pid))) await sleep(20);
      await sleep(200);
      await assert.rejects(sql`select 1`.execute(connection), (error) => isDatabaseUnavailable(error));
    });
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    assert.equal(rows[0]?.one, 1);
  });
});

async function backendAlive(pid: number | undefined): Promise<boolean> {
  const { rows } = await sql`select 1 from pg_stat_activity where pid = ${pid}::int`.execute(database.db);
  return rows.length > 0;
}

/** Runs `work` while another session holds the lock taken by `statement` in an open transaction. */
async function holdingLock(statement: ReturnType<typeof sql>, work: () => Promise<void>): Promise<void> {
  await database.db.connection().execute(async (connection) => {
    await sql`begin`.execute(connection);
    try {
      await statement.execute(connection);
      await work();
    } finally {
      await sql`rollback`.execute(connection);
    }
  });
}
