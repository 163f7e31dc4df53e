import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { type ServerProcess, startServer } from './helpers/server-process.ts';

// A server process killed after claiming a message, while it was sending it — the relay had the
// message but had not acknowledged it — and a server started after it: the message is delivered once,
// with the Message-ID of the interrupted attempt, rendered at send time from the sealed tokens. Real
// processes, SIGKILL, a real SMTP server outside them. The lease is 40 s: this test waits for it once.

interface Received {
  messageId: string;
  raw: Buffer;
  acknowledged: boolean;
}

const received: Received[] = [];
let holdNext = true;
let firstArrived: () => void;
const firstArrival = new Promise<void>((resolve) => {
  firstArrived = resolve;
});

/** An SMTP relay that receives the first message and never answers it, then accepts the others. */
const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const messageId = /^message-id:\s*(<[^>]+>)/im.exec(raw.toString('latin1'))?.[1] ?? '';
      if (holdNext) {
        holdNext = false;
        received.push({ messageId, raw, acknowledged: false });
        firstArrived();
        return; // no "250 OK": the sender cannot know it arrived
      }
      received.push({ messageId, raw, acknowledged: true });
      callback();
    });
  },
});
relay.on('error', () => {}); // the killed process's connection drops mid-transaction

let database: TestDatabase;
let fixture: Fixture;
let smtpUrl: string;
const servers: ServerProcess[] = [];

before(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db, { slots: 1, capacity: 2 });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(relay.server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const server of servers) await server.stop();
  await new Promise<void>((resolve) => relay.close(() => resolve()));
  await database.drop();
});

const env = () => ({
  DATABASE_URL: database.url,
  SMTP_URL: smtpUrl,
  CAPTCHA: 'off',
  RATE_LIMIT: 'off',
  DEMO_DATA: 'off',
  SECRET_KEY: 'notify-crash-test-secret-key-0123456789abcdef',
});

async function until<T>(what: string, check: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('a message claimed by a process killed while sending it is delivered once after a restart, with the same Message-ID', async () => {
  const first = await startServer(env());
  servers.push(first);
  const who = applicant();
  const booked = await fetch(`${first.url}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ slotId: fixture.slotIds[0], acceptConditions: true, applicant: who }),
  });
  assert.equal(booked.status, 201, await booked.clone().text());
  const { id, reference } = (await booked.json()) as { id: number; reference: string };

  await firstArrival;
  assert.equal(await first.stop('SIGKILL'), null, 'killed, not exited');
  const [claimed] = await database.db
    .selectFrom('outbox')
    .select(['id', 'status', 'attempts', 'created_at', 'next_attempt_at'])
    .where('booking_id', '=', String(id))
    .execute();
  assert.equal(claimed?.status, 'pending');
  assert.equal(claimed?.attempts, 0, 'the killed process recorded nothing');
  assert.ok((claimed?.next_attempt_at.getTime() ?? 0) > Date.now(), 'still under the dead process’s lease');

  const second = await startServer(env());
  servers.push(second);
  const delivered = await until(
    'the delivery after the lease',
    async () => received.find((mail) => mail.acknowledged),
    60_000,
  );
  const row = await until(
    'the delivery to be recorded',
    async () => {
      const found = await database.db
        .selectFrom('outbox')
        .select(['status', 'attempts', 'sealed_tokens'])
        .where('id', '=', claimed?.id ?? '')
        .executeTakeFirst();
      return found?.status === 'sent' ? found : undefined;
    },
    10_000,
  );

  assert.deepEqual(row, { status: 'sent', attempts: 1, sealed_tokens: null });
  assert.equal(received.filter((mail) => mail.acknowledged).length, 1, 'delivered once');
  const interrupted = received[0];
  assert.equal(delivered.messageId, interrupted?.messageId, 'the same Message-ID as the interrupted attempt');
  assert.equal(
    delivered.messageId,
    `<outbox.${claimed?.id}.${claimed?.created_at.getTime()}@creneau.localhost>`,
  );

  // Written at send time from the sealed tokens, the link works: it confirms the booking.
  const mail = await simpleParser(delivered.raw);
  assert.ok(mail.subject?.includes(reference));
  const token = /\/rendez-vous\/confirmer\?token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1];
  assert.ok(token, 'the email carries the confirm link');
  const confirmed = await fetch(`${second.url}/api/v1/bookings/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  assert.equal(confirmed.status, 200, await confirmed.text());
});
