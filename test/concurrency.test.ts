import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { type ServerProcess, startServer } from './helpers/server-process.ts';

// Two server processes on one database, as behind a load balancer: only PostgreSQL stands between
// them, so only PostgreSQL can keep the invariants.

let database: TestDatabase;
let fixture: Fixture;
let servers: ServerProcess[] = [];

before(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db, { slots: 21, capacity: 3 });
  const env = {
    DATABASE_URL: database.url,
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    DEMO_DATA: 'off',
    SECRET_KEY: 'concurrency-test-secret-key-0123456789abcdef',
    // A burst ten times the pool, queued on one row lock, on a shared 2-core machine: the database
    // deadlines are for outages (test/db-faults.test.ts), not for this test of the invariants.
    DB_CONNECT_TIMEOUT_MS: '60000',
    DB_STATEMENT_TIMEOUT_MS: '60000',
    DB_QUERY_TIMEOUT_MS: '90000',
  };
  servers = await Promise.all([startServer(env), startServer(env)]);
});

after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await database.drop();
});

function post(server: ServerProcess, body: unknown): Promise<{ status: number; code?: string }> {
  return fetch(`${server.url}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (response) => {
    const json = (await response.json()) as { error?: { code: string } };
    return { status: response.status, code: json.error?.code };
  });
}

function tally(results: { status: number; code?: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, code } of results) {
    const key = code ? `${status} ${code}` : String(status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('concurrent bookings across two server processes', () => {
  test('200 simultaneous bookings of one slot of capacity 3 give exactly 3 bookings', async () => {
    const slotId = fixture.slotIds[0] as number;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(servers[i % 2] as ServerProcess, {
          slotId,
          acceptConditions: true,
          applicant: applicant(10_000 + i),
        }),
      ),
    );
    assert.deepEqual(tally(results), { '201': 3, '409 slot_full': 197 });

    const slot = await database.db
      .selectFrom('slot')
      .select(['taken', 'capacity'])
      .where('id', '=', String(slotId))
      .executeTakeFirstOrThrow();
    assert.equal(slot.taken, 3);
    const { count } = await database.db
      .selectFrom('booking')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('slot_id', '=', String(slotId))
      .executeTakeFirstOrThrow();
    assert.equal(count, 3, 'three booking rows, no more');
  });

  test('one identity racing itself on 20 slots gets exactly one booking', async () => {
    const person = applicant(20_000);
    const results = await Promise.all(
      fixture.slotIds.slice(1, 21).map((slotId, i) =>
        post(servers[i % 2] as ServerProcess, {
          slotId,
          acceptConditions: true,
          // A different address each time: only the identity links these requests.
          applicant: { ...person, email: `racer.${i}@example.org` },
        }),
      ),
    );
    assert.deepEqual(tally(results), { '201': 1, '409 already_booked': 19 });
    const active = await database.db
      .selectFrom('booking')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('identity_key', '=', `F:${person.foreignerNumber}`)
      .where('status', 'in', ['pending', 'confirmed'])
      .executeTakeFirstOrThrow();
    assert.equal(active.count, 1);
    const seats = await database.db
      .selectFrom('slot')
      .select(sql<number>`sum(taken)::int`.as('taken'))
      .where('id', 'in', fixture.slotIds.slice(1, 21).map(String))
      .executeTakeFirstOrThrow();
    assert.equal(seats.taken, 1, 'the refused attempts left no seat taken');
  });
});
