import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import { bookingRequest, startLoad, statusCounts, waitUntil } from './helpers/load.ts';
import { type ServerProcess, startServer } from './helpers/server-process.ts';
import { type SmtpRecorder, startSmtpRecorder } from './helpers/smtp-recorder.ts';

// kill -9 of the server in the middle of a rush of bookings, then a restart on the same database
// (PRODUCT §8: a crash at any moment loses no booking and no notification). The mail goes to a real
// SMTP server in this process, outside the killed one.

let database: TestDatabase;
let fixture: Fixture;
let recorder: SmtpRecorder;
const servers: ServerProcess[] = [];

before(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db, { slots: 200, capacity: 2 });
  recorder = await startSmtpRecorder();
});

after(async () => {
  for (const server of servers) await server.stop();
  await recorder.stop();
  await database.drop();
});

async function start(): Promise<ServerProcess> {
  const server = await startServer({
    DATABASE_URL: database.url,
    SMTP_URL: recorder.url,
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    DEMO_DATA: 'off',
    SECRET_KEY: 'crash-test-secret-key-0123456789abcdef',
    // Messages the killed server had claimed are sent again once their lease runs out.
    OUTBOX_LEASE_SECONDS: '10',
  });
  servers.push(server);
  return server;
}

const booking = (n: number) => bookingRequest(fixture.slotIds, 700_000, n);

describe('kill -9 of the server during a rush of bookings', () => {
  test('after a restart on the same data every booking answered 201 is there, none twice, and every email is sent', async (t) => {
    const first = await start();
    const rush = startLoad({
      baseUrl: first.url,
      request: booking,
      workers: 6,
      maxRequests: 1_000,
      maxMs: 30_000,
      timeoutMs: 20_000,
    });
    await waitUntil(
      'bookings being taken',
      async () => rush.samples.filter((s) => s.status === 201).length >= 50,
      30_000,
    );
    assert.equal(await first.stop('SIGKILL'), null, 'killed, not stopped');
    const samples = await rush.stop();
    const sent = samples.length;

    const second = await start();
    const created = samples.flatMap((s) => (s.created ? [s.created] : []));
    const stored = await database.db
      .selectFrom('booking')
      .select(['id', 'reference', 'email', 'identity_key'])
      .execute();
    t.diagnostic(
      `${sent} requests, ${JSON.stringify(statusCounts(samples))}; ${stored.length} bookings stored, ` +
        `${stored.length - created.length} of them committed while their answer was lost in the kill`,
    );
    const storedIds = new Set(stored.map((b) => b.id));
    assert.deepEqual(
      created.filter((c) => !storedIds.has(String(c.id))),
      [],
      'every booking answered 201 is in the database',
    );
    assert.equal(new Set(stored.map((b) => b.identity_key)).size, stored.length, 'no identity booked twice');
    assert.ok(stored.length <= sent, 'no more bookings than requests');
    const drift = await sql<{ id: string }>`
      select s.id from slot s
      where s.taken <> (select count(*) from booking b where b.slot_id = s.id and b.status in ('pending', 'confirmed'))
    `.execute(database.db);
    assert.deepEqual(drift.rows, [], 'seat counts agree with the bookings');

    await waitUntil(
      'an email for every stored booking',
      async () => stored.every((b) => (recorder.received().get(b.email) ?? 0) > 0),
      60_000,
    );
    const afterwards = await fetch(`${second.url}/api/v1/bookings`, booking(5_000).init);
    assert.equal(afterwards.status, 201, await afterwards.text());
  });
});
