import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { buildApp, type CreneauApp } from '../src/app.ts';
import { fixedClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/database.ts';
import { createCaptcha } from '../src/modules/protection/captcha.ts';
import { purgeWriteBudget } from '../src/modules/protection/write-budget.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createTestDatabase } from './helpers/database.ts';
import { applicant, createFixture } from './helpers/fixtures.ts';
import { freePort } from './helpers/server-process.ts';

// One write budget per client address (decision 0011): 10 writes a minute across every write route,
// API and HTML forms, whatever X-Forwarded-For an untrusted client sends. Each test uses its own
// documentation addresses (RFC 5737), so the budgets of different tests never mix.

interface Route {
  url: string;
  method?: string;
}

/** Every route that changes state; each must spend from the same budget. */
const WRITES: Route[] = [
  { url: '/api/v1/bookings' },
  { url: '/api/v1/bookings/confirm' },
  { url: '/api/v1/bookings/ABC123/cancel' },
  { url: '/rendez-vous/valider' },
  { url: '/rendez-vous/confirmer' },
  { url: '/rendez-vous/gerer' },
  { url: '/rendez-vous/supprimer' },
  { url: '/rendez-vous/changer' },
];

/** Requests that change nothing: journey steps 3 and 4, pages, the captcha, an unknown address. */
const NON_WRITES: Route[] = [
  { url: '/rendez-vous/securite' },
  { url: '/rendez-vous/coordonnees' },
  { url: '/rendez-vous/gerer', method: 'GET' },
  { url: '/api/v1/captcha', method: 'GET' },
  { url: '/nulle-part' },
];

/** Sends `route` with an empty body (the budget is spent before the body is even read). */
function send(app: CreneauApp, route: Route, remoteAddress: string, headers: Record<string, string> = {}) {
  const page = !route.url.startsWith('/api/');
  const method = route.method ?? 'POST';
  return app.inject({
    method: method as 'POST',
    url: route.url,
    remoteAddress,
    headers: {
      ...(page ? { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    },
    ...(method === 'POST' ? { payload: page ? '' : {} } : {}),
  });
}

const [booking] = WRITES as [Route];

function assertOverBudget(response: { statusCode: number; headers: Record<string, unknown> }) {
  assert.equal(response.statusCode, 429);
  const wait = Number(response.headers['retry-after']);
  assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${wait}`);
}

describe('write budget, no trusted proxy (the default)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { RATE_LIMIT: 'on' } });
  });
  after(() => t.close());

  test('every write route, API and pages, spends from one budget per address', async () => {
    for (const [i, route] of WRITES.entries()) {
      const response = await send(t.app, route, '192.0.2.1');
      assert.notEqual(response.statusCode, 429, route.url);
      assert.equal(response.headers['x-ratelimit-remaining'], String(9 - i), `${route.url} spends one write`);
    }
    for (const route of NON_WRITES) {
      const response = await send(t.app, route, '192.0.2.1');
      assert.equal(response.headers['x-ratelimit-remaining'], undefined, `${route.url} is not a write`);
    }
    const ninth = await send(t.app, booking, '192.0.2.1');
    assert.equal(ninth.headers['x-ratelimit-remaining'], '1', 'the reads spent nothing');
  });

  test('API bookings and HTML-form bookings share the budget; the 11th is refused and stores nothing', async () => {
    const fixture = await createFixture(t.database.db, { slots: 13, capacity: 1 });
    const slots = fixture.slotIds.map(String);
    const form = await t.app.inject({ url: '/rendez-vous/gerer' });
    const cookie = form.cookies.find((c) => c.name === 'csrf');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    assert.ok(cookie && csrf);
    const byApi = (slotId: string, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        remoteAddress,
        payload: { slotId: Number(slotId), acceptConditions: true, applicant: applicant() },
      });
    const byForm = (slotId: string) => {
      const fields = Object.entries(applicant()).map(([key, value]) => [`applicant.${key}`, String(value)]);
      return t.app.inject({
        method: 'POST',
        url: '/rendez-vous/valider',
        remoteAddress: '192.0.2.2',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${cookie.value}` },
        payload: new URLSearchParams({ _csrf: csrf, slotId, ...Object.fromEntries(fields) }).toString(),
      });
    };

    for (const slotId of slots.slice(0, 5)) {
      const response = await byApi(slotId, '192.0.2.2');
      assert.equal(response.statusCode, 201, response.body);
    }
    for (const slotId of slots.slice(5, 10)) {
      const response = await byForm(slotId);
      assert.equal(response.statusCode, 200, response.body);
      assert.match(response.body, /N&#39;oubliez pas de confirmer votre rendez-vous/);
    }

    const page = await byForm(slots[10] as string);
    assertOverBudget(page);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<h1>Trop de demandes en peu de temps<\/h1>/);
    assert.match(page.body, /Rien n&#39;a été enregistré : attendez \d+ secondes?/);
    const api = await byApi(slots[11] as string, '192.0.2.2');
    assertOverBudget(api);
    assert.equal(api.json().error.code, 'rate_limited');

    const taken = await t.database.db
      .selectFrom('booking')
      .select('slot_id')
      .where('slot_id', 'in', slots)
      .execute();
    assert.equal(taken.length, 10, 'the refused writes stored nothing');
    assert.equal((await byApi(slots[12] as string, '192.0.2.3')).statusCode, 201, 'another address books');
  });

  test('the over-budget page speaks the applicant’s language', async () => {
    for (let i = 0; i < 10; i++) await send(t.app, booking, '192.0.2.4');
    const english = await send(t.app, { url: '/rendez-vous/gerer' }, '192.0.2.4', {
      'accept-language': 'en',
    });
    assertOverBudget(english);
    assert.match(english.body, /<html lang="en"/);
    assert.match(english.body, /<h1>Too many requests in a short time<\/h1>/);
  });

  test('the budget is whole again once the window is over, and finished windows are purged', async () => {
    for (let i = 0; i < 11; i++) await send(t.app, booking, '192.0.2.6');
    assertOverBudget(await send(t.app, booking, '192.0.2.6'));
    t.clock.advance(59_000);
    assertOverBudget(await send(t.app, booking, '192.0.2.6'));
    t.clock.advance(1_000);
    const fresh = await send(t.app, booking, '192.0.2.6');
    assert.equal(fresh.headers['x-ratelimit-remaining'], '9');

    const rows = await t.database.db.selectFrom('write_budget').selectAll().execute();
    assert.ok(rows.length > 0);
    assert.ok(
      rows.every((row) => !row.client.includes('192.0.2')),
      'the table holds no address, only keyed hashes',
    );
    const purged = await purgeWriteBudget(t.database.db, t.clock.now());
    assert.ok(purged > 0, 'the windows of the earlier tests are over');
    const left = await t.database.db.selectFrom('write_budget').select('used').execute();
    assert.deepEqual(left, [{ used: 1 }], 'only the window opened at the current time is left');
  });
});

describe('write budget in production without TRUST_PROXY', () => {
  // Production used to believe any X-Forwarded-For (trustProxy: true): a client picked its address.
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://creneau.example',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        CAPTCHA: 'on',
        RATE_LIMIT: 'on',
      },
    });
  });
  after(() => t.close());

  test('a forged X-Forwarded-For is ignored: the budget is the connecting address’s', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await send(t.app, booking, '192.0.2.5', { 'x-forwarded-for': `198.51.100.${i}` });
      assert.notEqual(response.statusCode, 429, `write ${i + 1}`);
    }
    assertOverBudget(await send(t.app, booking, '192.0.2.5', { 'x-forwarded-for': '198.51.100.99' }));
    const victim = await send(t.app, booking, '198.51.100.3');
    assert.equal(
      victim.headers['x-ratelimit-remaining'],
      '9',
      'the forged addresses spent nothing of theirs',
    );
  });
});

describe('write budget behind trusted proxies', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { RATE_LIMIT: 'on', TRUST_PROXY: '10.0.0.0/8, 2001:db8::1' } });
  });
  after(() => t.close());

  test('a trusted proxy’s header is honoured: the client is the right-most untrusted address', async () => {
    // The left-most entries are whatever the client wrote; the proxies appended the rest.
    for (let i = 0; i < 10; i++) {
      const forwarded = `203.0.113.${i}, 198.51.100.7, 10.0.0.2`;
      const response = await send(t.app, booking, '10.1.2.3', { 'x-forwarded-for': forwarded });
      assert.equal(response.headers['x-ratelimit-remaining'], String(9 - i));
    }
    const again = await send(t.app, booking, '10.1.2.3', { 'x-forwarded-for': '198.51.100.7' });
    assertOverBudget(again);
    const other = await send(t.app, booking, '10.1.2.3', { 'x-forwarded-for': '198.51.100.8' });
    assert.equal(other.headers['x-ratelimit-remaining'], '9', 'another client behind the proxy has its own');
    const v6 = await send(t.app, booking, '2001:db8::1', { 'x-forwarded-for': '198.51.100.7' });
    assertOverBudget(v6);
  });

  test('X-Forwarded-For from a peer outside TRUST_PROXY is ignored', async () => {
    for (let i = 0; i < 10; i++) {
      await send(t.app, booking, '192.0.2.7', { 'x-forwarded-for': `198.51.100.${50 + i}` });
    }
    assertOverBudget(await send(t.app, booking, '192.0.2.7', { 'x-forwarded-for': '198.51.100.70' }));
  });
});

/** A TCP relay from `port` to PostgreSQL on `target`: closing it is the database going down. */
async function startRelay(port: number, target: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('write budget with the database down', () => {
  test('a write answers 503 with Retry-After, page or API, and is served again once it is back', async () => {
    const database = await createTestDatabase();
    const url = new URL(database.url);
    const target = Number(url.port);
    url.port = String(await freePort());
    const config = parseConfig({
      RATE_LIMIT: 'on',
      CAPTCHA: 'off',
      LOG_LEVEL: 'warn',
      SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    });
    const db = createDatabase({ url: url.toString(), maxActivePerEmail: 3, poolSize: 2 });
    const clock = fixedClock('2029-12-20T10:00:00Z');
    const captcha = createCaptcha({ db, secretKey: config.secretKey, clock, enabled: false });
    let log = '';
    const logStream = { write: (line: string) => (log += line) };
    const app = await buildApp({
      config,
      db,
      clock,
      captcha,
      mailCapture: undefined,
      wakeOutbox() {},
      logStream,
    });
    try {
      const api = await send(app, booking, '192.0.2.8');
      assert.equal(api.statusCode, 503, api.body);
      assert.equal(api.json().error.code, 'unavailable');
      assert.equal(api.headers['retry-after'], '5');
      const page = await send(app, { url: '/rendez-vous/valider' }, '192.0.2.8');
      assert.equal(page.statusCode, 503);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /<h1>Service momentanément indisponible<\/h1>/);
      assert.equal(page.headers['retry-after'], '5');
      assert.match(log, /write budget unavailable/);
      assert.doesNotMatch(log, /192\.0\.2\.8/, 'the client address is not logged');

      const relay = await startRelay(Number(url.port), target);
      try {
        const back = await send(app, booking, '192.0.2.8');
        assert.notEqual(back.statusCode, 503, back.body);
        assert.equal(back.headers['x-ratelimit-remaining'], '9', 'the failed attempts spent nothing');
      } finally {
        await relay.close();
      }
    } finally {
      await app.close();
      await db.destroy();
      await database.drop();
    }
  });
});
