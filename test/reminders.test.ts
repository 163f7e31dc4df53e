import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type BookingDeps,
  bookSlot,
  cancelBooking,
  confirmBooking,
} from '../src/modules/booking/booking.usecases.ts';
import { rescheduleBooking } from '../src/modules/booking/manage.usecases.ts';
import { isNight } from '../src/modules/notify/reminder-time.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { tokensOf } from './helpers/invariants.ts';

// Reminders two days before each confirmed appointment, by email and SMS, once, in the person's
// language; none for a cancelled one; a moved one reminds the new time; none goes at night.

let t: TestApp;
let fixture: Fixture;
let deps: BookingDeps;

// One seat per slot, hourly on Monday 7 January 2030 from 07:00 in Annecy (06:00Z) to 22:00.
before(async () => {
  t = await createTestApp({ now: '2029-12-20T10:00:00Z' });
  fixture = await createFixture(t.database.db, { slots: 16, capacity: 1, firstSlot: '2030-01-07T06:00:00Z' });
  deps = { db: t.database.db, clock: t.clock, config: t.config };
});
after(() => t.close());

const slot = (hourInParis: number) => String(fixture.slotIds[hourInParis - 7]);
const paris = (at: Date) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);

async function confirmed(hourInParis: number, overrides: Record<string, unknown> = {}) {
  const who = applicant(undefined, { phone: '06 12 34 56 78', ...overrides });
  const booked = await bookSlot(deps, {
    slotId: Number(slot(hourInParis)),
    applicant: who,
    locale: (overrides.locale as 'fr' | 'en') ?? 'fr',
  });
  const tokens = await tokensOf(t.database.db, booked.id, t.config.secretKey);
  await confirmBooking(deps, tokens.confirm);
  return { ...booked, who, manage: tokens.manage };
}

function remindersOf(bookingId: string) {
  return t.database.db
    .selectFrom('outbox')
    .select(['channel', 'status', 'next_attempt_at', 'params'])
    .where('booking_id', '=', bookingId)
    .where('event', '=', 'booking.reminder')
    .orderBy('id')
    .execute();
}

const reminderMails = (email: string) =>
  t.mail.messages().filter((m) => m.to.includes(email) && m.subject.startsWith('Rappel'));

describe('reminders', () => {
  let plain: Awaited<ReturnType<typeof confirmed>>;
  let moved: Awaited<ReturnType<typeof confirmed>>;
  let cancelled: Awaited<ReturnType<typeof confirmed>>;
  let early: Awaited<ReturnType<typeof confirmed>>;
  let english: Awaited<ReturnType<typeof confirmed>>;

  before(async () => {
    plain = await confirmed(10);
    moved = await confirmed(11);
    await rescheduleBooking(deps, { bookingId: moved.id, newSlotId: slot(15) });
    cancelled = await confirmed(12);
    await cancelBooking(deps, { reference: cancelled.reference, token: cancelled.manage });
    early = await confirmed(7);
    english = await confirmed(13, { locale: 'en' });
  });

  test('a confirmation writes one reminder per channel, two days before, and nothing goes earlier', async () => {
    const rows = await remindersOf(plain.id);
    assert.deepEqual(
      rows.map((r) => [r.channel, paris(r.next_attempt_at)]),
      [
        ['email', '05/01/2030 10:00'],
        ['sms', '05/01/2030 10:00'],
      ],
    );
    await t.deliverMail();
    await t.deliverSms();
    assert.equal(reminderMails(plain.who.email).length, 0, 'not before it is due');
  });

  test('an appointment at 07:00 is reminded the evening before, never at night (as written, before any is sent)', async () => {
    const rows = await remindersOf(early.id);
    assert.equal(paris(rows[0]?.next_attempt_at ?? new Date(0)), '04/01/2030 19:00');
    const all = await t.database.db
      .selectFrom('outbox')
      .select('next_attempt_at')
      .where('event', '=', 'booking.reminder')
      .execute();
    assert.ok(all.length >= 10);
    for (const row of all)
      assert.ok(!isNight(row.next_attempt_at, 'Europe/Paris'), paris(row.next_attempt_at));
  });

  test('once due, the email and the SMS go, once', async () => {
    t.clock.set(new Date('2030-01-06T12:00:00Z'));
    await t.deliverMail();
    await t.deliverSms();
    await t.deliverMail();
    const mails = reminderMails(plain.who.email);
    assert.equal(mails.length, 1);
    assert.match(mails[0]?.text ?? '', /Heure : 10:00/);
    assert.match(mails[0]?.text ?? '', /rendez-vous\/gerer\?token=/);
    const sms = t.sms
      .messages()
      .filter((m) => m.text.startsWith('Rappel') && m.text.includes(plain.reference));
    assert.equal(sms.length, 1);
    assert.equal(sms[0]?.to, '+33612345678');
    assert.match(sms[0]?.text ?? '', /à 10:00/);
  });

  test('a moved appointment is reminded at its new time only', async () => {
    const mails = reminderMails(moved.who.email);
    assert.equal(mails.length, 1);
    assert.match(mails[0]?.text ?? '', /Heure : 15:00/);
    assert.deepEqual(
      (await remindersOf(moved.id)).map((r) => [r.channel, r.status]),
      [
        ['email', 'skipped'],
        ['sms', 'skipped'],
        ['email', 'sent'],
        ['sms', 'sent'],
      ],
    );
  });

  test('a cancelled appointment gets no reminder', async () => {
    assert.equal(reminderMails(cancelled.who.email).length, 0);
    assert.ok((await remindersOf(cancelled.id)).every((r) => r.status === 'skipped'));
    assert.equal(
      t.sms.messages().filter((m) => m.text.includes(cancelled.reference)).length,
      0,
      'no SMS at all: even the confirmation was skipped, the booking being cancelled when it went',
    );
  });

  test('in the person’s language', async () => {
    const mail = t.mail
      .messages()
      .find((m) => m.to.includes(english.who.email) && m.subject.startsWith('Reminder'));
    assert.ok(mail, 'an English reminder');
    assert.ok(
      t.sms.messages().some((m) => m.text.startsWith('Reminder') && m.text.includes(english.reference)),
    );
  });
});
