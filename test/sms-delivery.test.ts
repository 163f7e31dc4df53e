import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { jsonSmsSender, SmsError } from '../src/modules/notify/sms/sms-sender.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { freePort } from './helpers/server-process.ts';

// SMS go through the same durable outbox as email: a row per channel, written with the change,
// delivered by the SMS worker to the gateway's documented JSON format (here its capture, a real HTTP
// server), retried when the failure is transient, given up and recorded when it is permanent.

let t: TestApp;
let fixture: Fixture;
let slot = 0;

// The clock starts now, as the outbox's rows are stamped by the database: a retry's give-up period is
// counted from them.
before(async () => {
  t = await createTestApp({ now: new Date().toISOString() });
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  inAWeek.setUTCHours(8, 0, 0, 0);
  fixture = await createFixture(t.database.db, { slots: 12, capacity: 2, firstSlot: inAWeek.toISOString() });
});
after(() => t.close());
beforeEach(() => t.sms.clear());

/** Books and confirms through the public API, as a person does from the emailed link. */
async function bookAndConfirm(phone?: string, language?: string) {
  const person = applicant(undefined, phone === undefined ? {} : { phone });
  const slotId = fixture.slotIds[slot++ % fixture.slotIds.length];
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId, acceptConditions: true, applicant: person },
    ...(language ? { headers: { 'accept-language': language } } : {}),
  });
  assert.equal(created.statusCode, 201, created.body);
  await t.deliverMail();
  const mail = await t.mail.waitFor((m) => m.to.includes(person.email), 5000);
  if (language === 'ar')
    assert.match(mail.text, /لا تنسوا تأكيد موعدكم/, 'the confirmation request in Arabic');
  const token = tokenFrom(mail.text, '/rendez-vous/confirmer');
  const confirmed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings/confirm',
    payload: { token },
  });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  return {
    reference: created.json().reference as string,
    bookingId: await bookingIdOf(created.json().reference),
  };
}

async function bookingIdOf(reference: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('booking')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return row.id;
}

function smsRow(bookingId: string) {
  return t.database.db
    .selectFrom('outbox')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .where('channel', '=', 'sms')
    .where('event', '=', 'booking.confirmed')
    .executeTakeFirstOrThrow();
}

function attemptsOf(outboxId: string) {
  return t.database.db
    .selectFrom('outbox_attempt')
    .selectAll()
    .where('outbox_id', '=', outboxId)
    .orderBy('id')
    .execute();
}

describe('the confirmation SMS', () => {
  test('goes to the number in E.164 with the reference, the time and the link, in GSM-7', async () => {
    const { reference, bookingId } = await bookAndConfirm('06 12 34 56 78');
    assert.equal(await t.deliverSms(), 1);
    const [sms] = t.sms.messages();
    assert.ok(sms);
    assert.equal(sms.to, '+33612345678');
    assert.ok(sms.text.includes(reference));
    assert.match(sms.text, /^Rendez-vous confirmé le .+ à \d\d:\d\d, /);
    assert.match(sms.text, /http:\/\/creneau\.test\/rendez-vous\/gerer\?token=[A-Za-z0-9_-]+/);
    assert.equal((await smsRow(bookingId)).status, 'sent');
    assert.equal(
      sms.reference,
      `outbox-${(await smsRow(bookingId)).id}`,
      'the idempotency reference is the row',
    );

    const list = await t.app.inject({ url: '/dev/sms.json' });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      { to: list.json()[0].to, encoding: list.json()[0].encoding, segments: list.json()[0].segments },
      { to: '+33612345678', encoding: 'GSM-7', segments: sms.text.length > 160 ? 2 : 1 },
    );
    const page = await t.app.inject({ url: '/dev/sms' });
    assert.ok(page.body.includes(reference));
  });

  test('in Arabic for a booking made in Arabic: UCS-2, the reference and the link whole', async () => {
    const { reference } = await bookAndConfirm('06 12 34 56 78', 'ar');
    assert.equal(await t.deliverSms(), 1);
    const [sms] = t.sms.messages();
    assert.ok(sms);
    assert.match(sms.text, /^موعدكم مؤكد .+ \d\d:\d\d، /);
    assert.ok(sms.text.includes(`(${reference})`));
    assert.match(sms.text, /http:\/\/creneau\.test\/rendez-vous\/gerer\?token=[A-Za-z0-9_-]+$/);
    const list = await t.app.inject({ url: '/dev/sms.json' });
    assert.equal(list.json()[0].encoding, 'UCS-2');
    assert.ok(list.json()[0].segments <= 4);
    const page = await t.app.inject({ url: '/dev/sms' });
    assert.match(page.body, /<pre dir="auto">موعدكم مؤكد/);
  });

  test('a booking without a phone number sends none: its SMS row is skipped', async () => {
    const { bookingId } = await bookAndConfirm();
    assert.equal(await t.deliverSms(), 0);
    assert.equal(t.sms.messages().length, 0);
    assert.equal((await smsRow(bookingId)).status, 'skipped');
  });

  test('a fixed-line number is not sent an SMS', async () => {
    const { bookingId } = await bookAndConfirm('01 45 67 89 01');
    assert.equal(await t.deliverSms(), 0);
    assert.equal((await smsRow(bookingId)).status, 'skipped');
  });
});

describe('provider failures', () => {
  test('a transient error (503) is retried later and then delivered', async () => {
    const { bookingId } = await bookAndConfirm('06 11 22 33 44');
    t.sms.refuseNext(503);
    assert.equal(await t.deliverSms(), 0);
    const waiting = await smsRow(bookingId);
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.attempts, 1);
    assert.match(waiting.last_error ?? '', /503/);
    assert.ok(waiting.next_attempt_at > t.clock.now(), 'it waits before the next attempt');
    assert.equal(await t.deliverSms(), 0, 'not before its next attempt is due');

    t.clock.advance(waiting.next_attempt_at.getTime() - t.clock.now().getTime() + 1000);
    assert.equal(await t.deliverSms(), 1);
    assert.equal((await smsRow(bookingId)).status, 'sent');
    assert.deepEqual(
      (await attemptsOf(waiting.id)).map((a) => [a.ok, a.permanent]),
      [
        [false, false],
        [true, false],
      ],
    );
  });

  test('a permanent refusal (422) stops at once and is recorded', async () => {
    const { bookingId } = await bookAndConfirm('06 55 44 33 22');
    t.sms.refuseNext(422);
    assert.equal(await t.deliverSms(), 0);
    const row = await smsRow(bookingId);
    assert.equal(row.status, 'failed');
    assert.equal(row.sealed_tokens, null, 'no link token is kept for a message given up');
    assert.deepEqual(
      (await attemptsOf(row.id)).map((a) => [a.ok, a.permanent]),
      [[false, true]],
    );
    t.clock.advance(24 * 3600_000);
    assert.equal(await t.deliverSms(), 0);
    assert.equal(t.sms.messages().length, 0, 'never sent again');
  });
});

describe('the JSON sender classes errors', () => {
  const message = { to: '+33612345678', text: 'x', reference: 'outbox-1' };
  for (const [status, permanent] of [
    [400, true],
    [404, true],
    [422, true],
    [401, false],
    [403, false],
    [408, false],
    [429, false],
    [500, false],
    [503, false],
  ] as const) {
    test(`${status} is ${permanent ? 'permanent' : 'transient'}`, async () => {
      t.sms.refuseNext(status);
      const error = await jsonSmsSender(t.sms.url)
        .send(message)
        .catch((e: unknown) => e);
      assert.ok(error instanceof SmsError);
      assert.equal(error.permanent, permanent);
    });
  }

  test('an unreachable gateway is transient, and the error names no number', async () => {
    const error = await jsonSmsSender(`http://127.0.0.1:${await freePort()}/sms`)
      .send(message)
      .catch((e: unknown) => e);
    assert.ok(error instanceof SmsError);
    assert.equal(error.permanent, false);
    assert.ok(!error.message.includes('612345678'));
  });

  test('credentials in SMS_URL go as Basic authentication, not in the URL', async () => {
    const seen: string[] = [];
    const http = await import('node:http');
    const server = http.createServer((request, response) => {
      seen.push(`${request.url} ${request.headers.authorization} ${request.headers['idempotency-key']}`);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"p-1"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const receipt = await jsonSmsSender(`http://user:s%40cret@127.0.0.1:${port}/send`).send(message);
      assert.equal(receipt.providerId, 'p-1');
      assert.deepEqual(seen, [`/send Basic ${Buffer.from('user:s@cret').toString('base64')} outbox-1`]);
    } finally {
      server.close();
    }
  });
});
