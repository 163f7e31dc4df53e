import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it, type TestContext } from 'node:test';
import Fastify from 'fastify';
import type { Transporter } from 'nodemailer';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { startRefusingServer, startSilentServer } from '../../../test/helpers/smtp.ts';
import { fixedClock } from '../../clock.ts';
import { devMailRoutes } from './dev-mail.routes.ts';
import { type MailCapture, startMailCapture } from './mail-capture.ts';
import type { OutgoingEmail } from './notifier.ts';
import {
  type ClaimedNotification,
  GIVE_UP_AFTER_MS,
  insertNotifications,
  type NewNotificationRow,
} from './outbox.repository.ts';
import { createTransport, startOutboxWorker, type WorkerLog } from './outbox.worker.ts';

const recipient = 'catherine.martin@example.org';
const from = 'Préfecture <rendez-vous@prefecture.example.fr>';

let database: TestDatabase;
let capture: MailCapture;
const transports: Transporter[] = [];
let logged: unknown[] = [];

const log: WorkerLog = {
  info: (details, message) => logged.push({ details, message }),
  warn: (details, message) => logged.push({ details, message }),
  error: (details, message) => logged.push({ details, message }),
};

// These tests are about delivery — leases, retries, refusals, several workers — so their messages are
// rendered from their parameters by `compose` below; the notifiers have tests of their own.
interface TestMessage {
  to?: string;
  subject?: string;
}

function message({ to = recipient, subject = 'Confirmez votre demande de rendez-vous' }: TestMessage = {}) {
  const row: NewNotificationRow = {
    event: 'test.message',
    channel: 'email',
    bookingId: null,
    emailKey: null,
    params: { to, subject },
    locale: 'fr',
    // Bytes standing for sealed tokens: the row must drop them once it is no longer pending.
    sealedTokens: Buffer.from('sealed'),
  };
  return row;
}

async function enqueue(db: Parameters<typeof insertNotifications>[0], overrides: TestMessage = {}) {
  await insertNotifications(db, [message(overrides)]);
}

async function compose(claimed: ClaimedNotification): Promise<OutgoingEmail> {
  const { to, subject } = claimed.params as { to: string; subject: string };
  return {
    to,
    subject,
    text: "N'oubliez pas de confirmer votre rendez-vous : https://rdv.example.fr/confirmer#t=secret",
    html: '<p><a href="https://rdv.example.fr/confirmer#t=secret">Confirmer</a></p>',
    attachments: [],
  };
}

// New messages are due at the database's now(); the test clock starts a minute later so they are due.
function testClock() {
  return fixedClock(new Date(Date.now() + 60_000));
}

function worker(t: TestContext, clock: ReturnType<typeof testClock>, options: { batchSize?: number } = {}) {
  const transport = createTransport(capture.url);
  transports.push(transport);
  const started = startOutboxWorker({
    db: database.db,
    transport,
    from,
    clock,
    log,
    pollMs: 3_600_000,
    compose,
    ...options,
  });
  t.after(() => started.stop());
  return started;
}

/** The due time of the one outbox row once a worker has claimed it (moved it past the clock). */
async function waitForClaim(): Promise<Date> {
  for (let tries = 0; tries < 200; tries++) {
    const [row] = await outboxRows();
    if (row && row.attempts === 0 && row.next_attempt_at.getTime() > Date.now() + 60_000)
      return row.next_attempt_at;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the worker never claimed the message');
}

async function outboxRows() {
  return database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

before(async () => {
  database = await createTestDatabase();
  capture = await startMailCapture();
});

after(async () => {
  for (const transport of transports) transport.close();
  await capture.stop();
  await database.drop();
});

beforeEach(async () => {
  await database.db.deleteFrom('outbox').execute();
  capture.setAvailable(true);
  capture.clear();
  logged = [];
});

describe('outbox worker', () => {
  it('delivers an enqueued message, then erases its sealed tokens and records the attempt', async (t) => {
    const clock = testClock();
    await database.db.transaction().execute((trx) => enqueue(trx));

    assert.equal(await worker(t, clock).drain(), 1);

    const [mail, ...others] = capture.messages();
    assert.equal(others.length, 0);
    assert.deepEqual(mail?.to, [recipient]);
    assert.equal(mail?.subject, 'Confirmez votre demande de rendez-vous');
    assert.match(mail?.text ?? '', /#t=secret/);
    assert.match(mail?.html ?? '', /href="https:\/\/rdv\.example\.fr\/confirmer#t=secret"/);
    const [row] = await outboxRows();
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 1);
    assert.equal(row?.sealed_tokens, null, 'the sealed tokens are erased once delivered');
    assert.deepEqual(row?.sent_at, clock.now());
    const attempts = await database.db.selectFrom('outbox_attempt').selectAll().execute();
    assert.deepEqual(
      attempts.map((a) => [a.outbox_id, a.ok]),
      [[row?.id, true]],
    );
  });

  it('keeps the logs free of the recipient and the body', async (t) => {
    await enqueue(database.db);
    capture.setAvailable(false);
    const clock = testClock();
    const running = worker(t, clock);
    await running.drain();
    capture.setAvailable(true);
    clock.advance(60_000);
    await running.drain();

    assert.ok(logged.length >= 2);
    const text = JSON.stringify(logged);
    assert.ok(text.includes('test.message'));
    assert.ok(!text.includes('catherine'), text);
    assert.ok(!text.includes('secret'), text);
  });

  it('keeps the message pending with a later due time while SMTP is down, and sends it once SMTP is back', async (t) => {
    const clock = testClock();
    await enqueue(database.db);
    const running = worker(t, clock);
    capture.setAvailable(false);

    assert.equal(await running.drain(), 0);
    let [row] = await outboxRows();
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 1);
    assert.deepEqual(row?.next_attempt_at, new Date(clock.now().getTime() + 30_000));
    assert.match(row?.last_error ?? '', /451|indisponible/);
    assert.notEqual(row?.sealed_tokens, null, 'kept while the message may still be sent');
    assert.equal(capture.messages().length, 0);

    capture.setAvailable(true);
    assert.equal(await running.drain(), 0, 'not due before its retry time');
    clock.advance(30_000);
    assert.equal(await running.drain(), 1);

    assert.equal(capture.messages().length, 1);
    [row] = await outboxRows();
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 2);
    const attempts = await database.db.selectFrom('outbox_attempt').select('ok').orderBy('id').execute();
    assert.deepEqual(
      attempts.map((a) => a.ok),
      [false, true],
    );
  });

  it('keeps retrying through a weekend without SMTP, backing off to an hour at most, then gives up', async (t) => {
    const clock = testClock();
    const enqueuedAt = clock.now();
    await enqueue(database.db);
    capture.setAvailable(false);
    const running = worker(t, clock);

    const waits: number[] = [];
    let lastAttemptAt = clock.now();
    let row = (await outboxRows())[0];
    while (row?.status === 'pending' && waits.length < 500) {
      lastAttemptAt = clock.now();
      await running.drain();
      row = (await outboxRows())[0];
      const wait = (row?.next_attempt_at.getTime() ?? 0) - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait);
    }

    assert.equal(row?.status, 'failed');
    const triedFor = lastAttemptAt.getTime() - enqueuedAt.getTime();
    assert.ok(triedFor >= 48 * 3_600_000, `gave up after ${triedFor / 3_600_000} h`);
    assert.ok(triedFor <= GIVE_UP_AFTER_MS, `still trying after ${triedFor / 3_600_000} h`);
    assert.ok(Math.max(...waits) <= 3_600_000, 'backoff capped at an hour');
    assert.equal(waits[0], 30_000);
    assert.equal(capture.messages().length, 0);
  });

  it('stops at once, recorded as failed, when SMTP refuses the recipient for good', async (t) => {
    const refusing = await startRefusingServer();
    t.after(() => refusing.close());
    const clock = testClock();
    await enqueue(database.db, { to: 'n-existe-pas@example.org' });
    await enqueue(database.db, { to: 'syntaxe@example.org', subject: 'Deuxième' });

    const transport = createTransport(refusing.url);
    transports.push(transport);
    const running = startOutboxWorker({
      db: database.db,
      transport,
      from,
      clock,
      log,
      pollMs: 3_600_000,
      compose,
    });
    t.after(() => running.stop());
    assert.equal(await running.drain(), 0);
    clock.advance(24 * 3_600_000);
    assert.equal(await running.drain(), 0, 'nothing is due any more');

    const rows = await outboxRows();
    assert.deepEqual(
      rows.map((row) => [row.status, row.attempts]),
      [
        ['failed', 1],
        ['failed', 1],
      ],
    );
    assert.match(rows[0]?.last_error ?? '', /550/);
    assert.match(rows[1]?.last_error ?? '', /501/);
    assert.ok(
      rows.every((row) => row.sealed_tokens === null),
      'a message given up keeps no token',
    );
    const attempts = await database.db.selectFrom('outbox_attempt').select(['ok', 'permanent']).execute();
    assert.deepEqual(attempts, [
      { ok: false, permanent: true },
      { ok: false, permanent: true },
    ]);
    assert.ok(!JSON.stringify(rows.map((row) => row.last_error)).includes('example.org'));
  });

  it('never sends a message enqueued in a transaction that rolled back', async (t) => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await enqueue(trx);
        throw new Error('the booking could not be saved');
      }),
      /could not be saved/,
    );

    assert.equal(await worker(t, testClock()).drain(), 0);
    assert.equal((await outboxRows()).length, 0);
    assert.equal(capture.messages().length, 0);
  });

  it('delivers each message exactly once when two workers drain the same database', async (t) => {
    for (let i = 1; i <= 20; i++) await enqueue(database.db, { subject: `Message ${i}` });
    const clock = testClock();
    const first = worker(t, clock, { batchSize: 3 });
    const second = worker(t, clock, { batchSize: 3 });

    const [sentByFirst, sentBySecond] = await Promise.all([first.drain(), second.drain()]);

    assert.equal(sentByFirst + sentBySecond, 20);
    const subjects = capture.messages().map((mail) => mail.subject);
    assert.equal(subjects.length, 20);
    assert.equal(new Set(subjects).size, 20);
    const rows = await outboxRows();
    assert.ok(rows.every((row) => row.status === 'sent' && row.attempts === 1));
  });

  it('delivers, after a restart, what a stopped worker left pending', async (t) => {
    const clock = testClock();
    const before = worker(t, clock);
    capture.setAvailable(false);
    await enqueue(database.db);
    assert.equal(await before.drain(), 0);
    await before.stop();
    assert.equal(await before.drain(), 0, 'a stopped worker sends nothing');

    capture.setAvailable(true);
    clock.advance(60_000);
    assert.equal(await worker(t, clock).drain(), 1);
    assert.equal(capture.messages().length, 1);
  });

  it('sends, within a minute, a message claimed by a worker that died before sending it', async (t) => {
    const silent = await startSilentServer();
    t.after(() => silent.close());
    const clock = testClock();
    await enqueue(database.db, { subject: 'Orpheline' });
    const deadTransport = createTransport(silent.url);
    transports.push(deadTransport);
    const dead = startOutboxWorker({
      db: database.db,
      transport: deadTransport,
      from,
      clock,
      log,
      pollMs: 3_600_000,
      compose,
    });
    const hung = dead.drain();
    const claimed = await waitForClaim();
    const lease = claimed.getTime() - clock.now().getTime();
    assert.ok(lease > 0 && lease <= 60_000, `lease of ${lease} ms`);

    const next = worker(t, clock);
    assert.equal(await next.drain(), 0, 'still claimed by the dead worker');
    clock.advance(lease);
    assert.equal(await next.drain(), 1);

    const [row] = await outboxRows();
    silent.close();
    await hung.catch(() => {});
    await dead.stop();
    const [after] = await outboxRows();
    assert.equal(row?.status, 'sent');
    assert.equal(after?.status, 'sent', 'the dead worker cannot send it back to pending');
    assert.equal(capture.messages().filter((mail) => mail.subject === 'Orpheline').length, 1);
  });

  it('sends at once when woken, without waiting for the next poll', async (t) => {
    const running = worker(t, testClock());
    await enqueue(database.db, { subject: 'Réveil' });

    running.wake();

    const mail = await capture.waitFor((m) => m.subject === 'Réveil', 5000);
    assert.deepEqual(mail.to, [recipient]);
  });
});

describe('development mailbox', () => {
  it('lists captured messages newest first, escaped, with clickable links, and as JSON without attachment contents', async () => {
    const transport = createTransport(capture.url);
    transports.push(transport);
    await transport.sendMail({ from, to: recipient, subject: 'Premier', text: 'Bonjour' });
    await transport.sendMail({
      from,
      to: recipient,
      subject: '<script>alert(1)</script>',
      text: 'Confirmez : https://rdv.example.fr/confirmer#t=a&b=c.',
      attachments: [{ filename: 'convocation.pdf', content: Buffer.from('%PDF-1.7') }],
    });
    const app = Fastify();
    devMailRoutes(app, capture);

    const page = await app.inject({ method: 'GET', url: '/dev/mail' });
    const json = await app.inject({ method: 'GET', url: '/dev/mail.json' });
    await app.close();

    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] ?? '', /text\/html/);
    assert.ok(!page.body.includes('<script>alert'));
    assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.body.includes('<a href="https://rdv.example.fr/confirmer#t=a&amp;b=c">'));
    assert.ok(page.body.indexOf('&lt;script&gt;') < page.body.indexOf('Premier'));
    const messages = json.json();
    assert.deepEqual(
      messages.map((m: { subject: string }) => m.subject),
      ['<script>alert(1)</script>', 'Premier'],
    );
    assert.deepEqual(messages[0].attachments, [
      { filename: 'convocation.pdf', contentType: 'application/pdf', size: 8 },
    ]);
  });
});
