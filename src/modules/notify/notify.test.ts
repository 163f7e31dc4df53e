import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { extractText } from 'unpdf';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { applicant, createFixture, type Fixture } from '../../../test/helpers/fixtures.ts';
import { tokensOf } from '../../../test/helpers/invariants.ts';
import { findBookingDetails } from '../booking/booking.repository.ts';
import { type BookingDeps, bookSlot, cancelBooking, confirmBooking } from '../booking/booking.usecases.ts';
import { rescheduleBooking } from '../booking/manage.usecases.ts';
import { hashToken } from '../booking/tokens.ts';
import { composeEmail } from './notifiers/index.ts';
import { sealContext } from './notify.ts';
import { insertNotifications } from './outbox.repository.ts';
import { createTransport, startOutboxWorker } from './outbox.worker.ts';
import { openTokens, SealError } from './sealed-tokens.ts';

// Notifications on a real PostgreSQL and a real SMTP capture: what a row holds, and what is written
// from it when it is sent — from the booking as it is then.

let t: TestApp;
let fixture: Fixture;
let deps: BookingDeps;

before(async () => {
  // A clock near the real time: rows are created at the database's now(), and a failed attempt's
  // give-up is counted from it (a clock years ahead would give up every failure at once).
  t = await createTestApp({ now: new Date(Date.now() + 60_000).toISOString() });
  // One seat per slot, hourly from 2030-01-07T08:00Z: 09:00, 10:00, 11:00… in Annecy.
  fixture = await createFixture(t.database.db, { slots: 20, capacity: 1 });
  deps = { db: t.database.db, clock: t.clock, config: t.config };
});
after(() => t.close());
beforeEach(() => t.mail.clear());

let nextSlot = 0;

/** Books the next free slot for a new applicant; returns the booking and its links' raw tokens. */
async function book() {
  const who = applicant();
  const slotId = fixture.slotIds[nextSlot++] as number;
  const booked = await bookSlot(deps, { slotId, applicant: who, locale: 'fr' });
  return { ...booked, who, ...(await tokensOf(t.database.db, booked.id, t.config.secretKey)) };
}

function freeSlot(): string {
  return String(fixture.slotIds[nextSlot++]);
}

async function rowsOf(bookingId: string) {
  return t.database.db
    .selectFrom('outbox')
    .select(['event', 'status', 'sealed_tokens'])
    .where('booking_id', '=', bookingId)
    .where('channel', '=', 'email')
    .where('event', '<>', 'booking.reminder') // due days later: test/reminders.test.ts
    .orderBy('id')
    .execute();
}

const mailTo = (email: string) => t.mail.messages().filter((m) => m.to.includes(email));

/** The time of an instant in Annecy, as the emails write it. */
function localTime(at: Date | undefined): string {
  assert.ok(at);
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' }).format(at);
}

describe('what a notification row holds', () => {
  test('references, parameters and language, but no rendered text and no raw token', async () => {
    const booking = await book();
    const { rows: columns } = await sql<{ name: string }>`
      select column_name as name from information_schema.columns where table_name = 'outbox'`.execute(
      t.database.db,
    );
    assert.deepEqual(columns.map((c) => c.name).sort(), [
      'agent_id',
      'attempts',
      'booking_id',
      'channel',
      'created_at',
      'email_key',
      'event',
      'id',
      'last_error',
      'locale',
      'next_attempt_at',
      'params',
      'request_id',
      'sealed_tokens',
      'sent_at',
      'status',
    ]);
    const row = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('booking_id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.event, 'booking.confirm_requested');
    assert.equal(row.channel, 'email');
    assert.equal(row.locale, 'fr');
    assert.deepEqual(row.params, {});
    assert.equal(row.email_key, null, 'the address is read from the booking when the message is sent');
    assert.equal(row.agent_id, null);

    // The tokens in the row, in every encoding they could be written in: none is there.
    const stored = `${JSON.stringify(row)} ${row.sealed_tokens?.toString('latin1')}`;
    for (const token of [booking.confirm, booking.manage]) {
      for (const form of [
        token,
        Buffer.from(token, 'base64url').toString('hex'),
        Buffer.from(token, 'base64url').toString('latin1'),
      ]) {
        assert.ok(!stored.includes(form), 'no raw token in the row');
      }
    }
    assert.ok(!stored.includes(booking.who.email) && !stored.includes(booking.who.lastName));
  });

  test('the sealed tokens are the links’ tokens, and open only with the right key on the right row', async () => {
    const booking = await book();
    const [row] = await t.database.db
      .selectFrom('outbox')
      .select(['event', 'booking_id', 'email_key', 'sealed_tokens'])
      .where('booking_id', '=', booking.id)
      .execute();
    const sealed = row?.sealed_tokens ?? Buffer.alloc(0);
    const context = sealContext({
      event: 'booking.confirm_requested',
      bookingId: booking.id,
      emailKey: null,
    });

    const opened = openTokens(t.config.secretKey, sealed, context);
    const issued = await t.database.db
      .selectFrom('booking_token')
      .select(['purpose', 'token_hash'])
      .where('booking_id', '=', booking.id)
      .execute();
    for (const purpose of ['confirm', 'manage'] as const) {
      const hash = issued.find((token) => token.purpose === purpose)?.token_hash;
      assert.deepEqual(hashToken(opened[purpose] ?? ''), hash, `the ${purpose} token is the one issued`);
    }
    assert.throws(() => openTokens('another-secret-key-another-secret-key-0123', sealed, context), SealError);
    const elsewhere = sealContext({
      event: 'booking.confirm_requested',
      bookingId: '999999',
      emailKey: null,
    });
    assert.throws(() => openTokens(t.config.secretKey, sealed, elsewhere), SealError);
    const tampered = Buffer.from(sealed);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    assert.throws(() => openTokens(t.config.secretKey, tampered, context), SealError);
  });

  test('once delivered, the row keeps no token', async () => {
    const booking = await book();
    await t.deliverMail();
    assert.equal(mailTo(booking.who.email).length, 1);
    assert.deepEqual(await rowsOf(booking.id), [
      { event: 'booking.confirm_requested', status: 'sent', sealed_tokens: null },
    ]);
  });
});

describe('messages written at send time from current data', () => {
  test('a confirmation sent after a reschedule shows the new time, and so does its convocation', async () => {
    const booking = await book();
    const before = await findBookingDetails(t.database.db, { id: booking.id });
    await confirmBooking(deps, booking.confirm);
    const moved = await rescheduleBooking(deps, { bookingId: booking.id, newSlotId: freeSlot() });
    const [oldTime, newTime] = [localTime(before?.startsAt), localTime(moved.startsAt)];
    assert.notEqual(oldTime, newTime);

    await t.deliverMail();

    const confirmed = mailTo(booking.who.email).find((m) => m.subject.includes('confirmé'));
    assert.ok(confirmed, 'the confirmation is sent');
    assert.match(confirmed.text, new RegExp(`Heure : ${newTime}`));
    assert.ok(!confirmed.text.includes(oldTime), 'the time it was confirmed for is gone');
    const pdf = confirmed.attachments.find((a) => a.contentType === 'application/pdf');
    const { text } = await extractText(new Uint8Array(pdf?.content ?? Buffer.alloc(0)), { mergePages: true });
    assert.ok(text.includes(newTime) && !text.includes(oldTime), 'the convocation shows the new time');
    const moveEmail = mailTo(booking.who.email).find((m) => m.subject.includes('déplacé'));
    assert.match(moveEmail?.text ?? '', new RegExp(`Heure : ${newTime}`));
  });

  test('a confirmation whose booking was cancelled meanwhile is skipped; the cancellation is sent', async () => {
    const booking = await book();
    await confirmBooking(deps, booking.confirm);
    await cancelBooking(deps, { reference: booking.reference, token: booking.manage });

    await t.deliverMail();

    assert.deepEqual(
      mailTo(booking.who.email).map((m) => m.subject),
      [`Confirmation d'annulation de rendez-vous (réf. ${booking.reference})`],
    );
    assert.deepEqual(await rowsOf(booking.id), [
      { event: 'booking.confirm_requested', status: 'skipped', sealed_tokens: null },
      { event: 'booking.confirmed', status: 'skipped', sealed_tokens: null },
      { event: 'booking.cancelled', status: 'sent', sealed_tokens: null },
    ]);
  });

  test('a confirmation request is not sent once the hold is over', async () => {
    const booking = await book();
    t.clock.advance(t.config.holdMinutes * 60_000);
    try {
      await t.deliverMail();
    } finally {
      t.clock.advance(-t.config.holdMinutes * 60_000);
    }
    assert.equal(mailTo(booking.who.email).length, 0);
    assert.equal((await rowsOf(booking.id))[0]?.status, 'skipped');
  });

  test('of two moves before the mail went out, only the last one is announced', async () => {
    const booking = await book();
    await confirmBooking(deps, booking.confirm);
    await rescheduleBooking(deps, { bookingId: booking.id, newSlotId: freeSlot() });
    const last = await rescheduleBooking(deps, { bookingId: booking.id, newSlotId: freeSlot() });

    await t.deliverMail();

    const moves = mailTo(booking.who.email).filter((m) => m.subject.includes('déplacé'));
    assert.equal(moves.length, 1);
    assert.match(moves[0]?.text ?? '', new RegExp(`Heure : ${localTime(last.startsAt)}`));
    assert.equal(moves[0]?.attachments.length, 2, 'the new convocation and calendar file');
    const statuses = (await rowsOf(booking.id)).filter((r) => r.event === 'booking.rescheduled');
    assert.deepEqual(
      statuses.map((r) => r.status),
      ['skipped', 'sent'],
    );
  });
});

describe('messages that cannot be written', () => {
  test('a row sealed with another SECRET_KEY is not sent with a dead link: it waits, with the reason', async () => {
    const booking = await book();
    const transport = createTransport(t.mail.url);
    const worker = startOutboxWorker({
      db: t.database.db,
      transport,
      from: t.config.mailFrom,
      clock: t.clock,
      log: { info() {}, warn() {}, error() {} },
      pollMs: 3_600_000,
      compose: composeEmail({
        db: t.database.db,
        clock: t.clock,
        config: { ...t.config, secretKey: 'a-key-that-is-not-the-one-that-sealed-it' },
      }),
    });
    try {
      assert.equal(await worker.drain(), 0);
    } finally {
      await worker.stop();
      transport.close();
    }
    assert.equal(mailTo(booking.who.email).length, 0);
    const row = await t.database.db
      .selectFrom('outbox')
      .select(['status', 'attempts', 'last_error'])
      .where('booking_id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      status: 'pending',
      attempts: 1,
      last_error: 'the sealed tokens do not open with this SECRET_KEY',
    });
    // The right key sends it at its next attempt.
    t.clock.advance(60_000);
    try {
      await t.deliverMail();
    } finally {
      t.clock.advance(-60_000);
    }
    assert.equal(mailTo(booking.who.email).length, 1);
  });

  test('an event this instance has no notifier for is kept and retried, not lost', async () => {
    await insertNotifications(t.database.db, [
      {
        event: 'draw.result_published',
        channel: 'email',
        bookingId: null,
        emailKey: null,
        params: {},
        locale: 'fr',
        sealedTokens: null,
        dueAt: t.clock.now(),
      },
    ]);
    assert.equal(await t.deliverMail(), 0);
    const row = await t.database.db
      .selectFrom('outbox')
      .select(['status', 'attempts', 'last_error'])
      .where('event', '=', 'draw.result_published')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      status: 'pending',
      attempts: 1,
      last_error: 'no notifier for draw.result_published',
    });
  });
});
