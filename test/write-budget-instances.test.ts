import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { type ServerProcess, startServer } from './helpers/server-process.ts';

// Two server processes on one database, as behind a load balancer: the write budget of a client must
// be one, not one per instance. The test plays the proxy (TRUST_PROXY=127.0.0.1), so each test has a
// client address of its own.

let database: TestDatabase;
let servers: [ServerProcess, ServerProcess];

before(async () => {
  database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url,
    CAPTCHA: 'off',
    RATE_LIMIT: 'on',
    TRUST_PROXY: '127.0.0.1',
    DEMO_DATA: 'off',
    SECRET_KEY: 'write-budget-test-secret-key-0123456789abcdef',
  };
  const [a, b] = await Promise.all([startServer(env), startServer(env)]);
  servers = [a, b];
});

after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await database.drop();
});

/** A write from `client`: an API booking attempt, or the manage-link form (refused by CSRF, but spent). */
async function write(server: ServerProcess, client: string, kind: 'api' | 'page') {
  const response = await fetch(`${server.url}${kind === 'api' ? '/api/v1/bookings' : '/rendez-vous/gerer'}`, {
    method: 'POST',
    headers: {
      'x-forwarded-for': client,
      ...(kind === 'api'
        ? { 'content-type': 'application/json' }
        : { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }),
    },
    body: kind === 'api' ? '{}' : 'email=a%40example.org',
  });
  const body = await response.text();
  return {
    status: response.status,
    remaining: response.headers.get('x-ratelimit-remaining'),
    retryAfter: response.headers.get('retry-after'),
    type: response.headers.get('content-type') ?? '',
    body,
  };
}

describe('one write budget across two server processes on one database', () => {
  test('writes spread over both instances, API and pages, spend one budget', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await write(servers[i % 2] as ServerProcess, '198.51.100.20', i < 5 ? 'api' : 'page');
      assert.notEqual(response.status, 429, `write ${i + 1}`);
      assert.equal(response.remaining, String(9 - i), `write ${i + 1} sees the other instance's writes`);
    }
    const page = await write(servers[0], '198.51.100.20', 'page');
    assert.equal(page.status, 429);
    assert.match(page.type, /^text\/html/);
    assert.match(page.body, /Trop de demandes en peu de temps/);
    const api = await write(servers[1], '198.51.100.20', 'api');
    assert.equal(api.status, 429);
    assert.equal(JSON.parse(api.body).error.code, 'rate_limited');
    assert.ok(Number(api.retryAfter) >= 1 && Number(api.retryAfter) <= 60, `Retry-After ${api.retryAfter}`);
  });

  test('40 simultaneous writes of one client over both instances let exactly 10 through', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        write(servers[i % 2] as ServerProcess, '198.51.100.21', i % 4 < 2 ? 'api' : 'page'),
      ),
    );
    const through = results.filter((result) => result.status !== 429);
    assert.equal(through.length, 10, JSON.stringify(results.map((result) => result.status)));
    assert.deepEqual(
      through.map((result) => Number(result.remaining)).sort((x, y) => x - y),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      'each write counted once, none lost between instances',
    );
  });
});
