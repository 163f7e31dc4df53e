import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCoolDown } from '../src/modules/booking/held-seats.usecases.ts';
import { expireHolds } from '../src/modules/booking/holds.usecases.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';

let t: TestApp;
let fixture: Fixture;

before(async () => {
  t = await createTestApp();
  fixture = await createFixture(t.database.db, { slots: 4, capacity: 2 });
});
after(() => t.close());

async function book(slotId: number, who = applicant()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId, acceptConditions: true, applicant: who },
  });
}

async function remaining(slotId: number): Promise<number> {
  const response = await t.app.inject({
    url: `/api/v1/availability?procedure=${fixture.procedureId}&site=${fixture.siteId}&from=2030-01-01&to=2030-01-31`,
  });
  assert.equal(response.statusCode, 200);
  // Availability answers are cached for a second of the app's clock; tests look past it by moving it.
  const slot = response.json().slots.find((s: { id: number }) => s.id === slotId);
  return slot ? slot.remaining : 0;
}

async function mailTo(email: string, subjectPart: string) {
  await t.deliverMail();
  return t.mail.waitFor((m) => m.to.includes(email) && m.subject.includes(subjectPart), 5000);
}

/** Moves the app's clock past the availability cache's second. */
function freshAvailability() {
  t.clock.advance(1_001);
}

describe('the booking lifecycle', () => {
  test('book, confirm from the emailed link, consult, cancel: the seat is held, then freed', async () => {
    const slotId = fixture.slotIds[0] as number;
    const person = applicant();
    assert.equal(await remaining(slotId), 2);

    const created = await book(slotId, person);
    assert.equal(created.statusCode, 201, created.body);
    const booking = created.json();
    assert.equal(booking.status, 'pending');
    assert.match(booking.reference, /^74-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(new Date(booking.holdExpiresAt).getTime(), t.clock.now().getTime() + 30 * 60_000);
    freshAvailability();
    assert.equal(await remaining(slotId), 1, 'the pending booking holds a seat');

    const request = await mailTo(person.email, '');
    assert.match(request.text, /N'oubliez pas de confirmer votre rendez-vous/);
    const confirmToken = tokenFrom(request.text, 'http://creneau.test/rendez-vous/confirmer');
    const manageToken = tokenFrom(request.text, 'http://creneau.test/rendez-vous/gerer');

    // Opening the link (as a mail scanner would) shows a button and changes nothing.
    const page = await t.app.inject({ url: `/rendez-vous/confirmer?token=${confirmToken}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" action="\/rendez-vous\/confirmer">/);
    const stillPending = await t.app.inject({
      url: `/api/v1/bookings/${booking.reference}?token=${manageToken}`,
    });
    assert.equal(stillPending.json().status, 'pending');

    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/confirm',
      payload: { token: confirmToken },
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.deepEqual(confirmed.json(), { reference: booking.reference, status: 'confirmed' });
    const convocation = await mailTo(person.email, booking.reference);
    assert.match(convocation.text, /rendez-vous\/gerer\?token=/);

    const consulted = await t.app.inject({
      url: `/api/v1/bookings/${booking.reference.toLowerCase()}?token=${manageToken}`,
    });
    assert.equal(consulted.statusCode, 200);
    const view = consulted.json();
    assert.equal(view.status, 'confirmed');
    assert.equal(view.start, '2030-01-07T09:00:00+01:00', 'times are given in the office’s zone');
    assert.equal(view.site.id, fixture.siteId);
    assert.equal(consulted.headers['cache-control'], 'no-store');

    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${booking.reference}/cancel`,
      payload: { token: manageToken },
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.deepEqual(cancelled.json(), { status: 'cancelled' });
    freshAvailability();
    assert.equal(await remaining(slotId), 1, 'the cancelled seat cools down out of sight');
    t.clock.advance(t.config.coolDownMaxMinutes * 60_000);
    await runCoolDown({ db: t.database.db, clock: t.clock, config: t.config });
    freshAvailability();
    assert.equal(await remaining(slotId), 2, 'then it is free again');
    const cancellation = await mailTo(person.email, 'annul');
    assert.match(cancellation.text, new RegExp(booking.reference));

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${booking.reference}/cancel`,
      payload: { token: manageToken },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'not_cancellable');
  });

  test('a confirm link works once: reusing it is refused', async () => {
    const person = applicant();
    assert.equal((await book(fixture.slotIds[1] as number, person)).statusCode, 201);
    const token = tokenFrom(
      (await mailTo(person.email, '')).text,
      'http://creneau.test/rendez-vous/confirmer',
    );
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/bookings/confirm', payload: { token } });
    assert.equal(first.statusCode, 200);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/confirm',
      payload: { token },
    });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().error.code, 'token_used');
  });

  test('wrong tokens are refused, and a token of one purpose does not serve another', async () => {
    const person = applicant();
    const created = (await book(fixture.slotIds[2] as number, person)).json();
    const text = (await mailTo(person.email, '')).text;
    const confirmToken = tokenFrom(text, 'http://creneau.test/rendez-vous/confirmer');
    const manageToken = tokenFrom(text, 'http://creneau.test/rendez-vous/gerer');

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/confirm',
      payload: { token: 'A'.repeat(43) },
    });
    assert.equal(wrong.statusCode, 404);
    assert.equal(wrong.json().error.code, 'token_invalid');
    const manageToConfirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/confirm',
      payload: { token: manageToken },
    });
    assert.equal(manageToConfirm.statusCode, 404);
    const confirmToConsult = await t.app.inject({
      url: `/api/v1/bookings/${created.reference}?token=${confirmToken}`,
    });
    assert.equal(confirmToConsult.statusCode, 404);
    const confirmToCancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${created.reference}/cancel`,
      payload: { token: confirmToken },
    });
    assert.equal(confirmToCancel.statusCode, 404);
    const otherReference = await t.app.inject({ url: `/api/v1/bookings/74-AAAA-AAAA?token=${manageToken}` });
    assert.equal(otherReference.statusCode, 404);
  });

  test('an unconfirmed hold expires: the seat is freed and the link no longer confirms', async () => {
    const slotId = fixture.slotIds[3] as number;
    const person = applicant();
    assert.equal((await book(slotId, person)).statusCode, 201);
    const token = tokenFrom(
      (await mailTo(person.email, '')).text,
      'http://creneau.test/rendez-vous/confirmer',
    );
    freshAvailability();
    assert.equal(await remaining(slotId), 1);

    t.clock.advance(31 * 60_000);
    // Even before the job runs, the link refuses: the hold is over.
    const late = await t.app.inject({ method: 'POST', url: '/api/v1/bookings/confirm', payload: { token } });
    assert.equal(late.statusCode, 410);
    assert.equal(late.json().error.code, 'hold_expired');

    assert.ok((await expireHolds({ db: t.database.db, clock: t.clock })).length >= 1);
    freshAvailability();
    assert.equal(await remaining(slotId), 2, 'the expired hold gave its seat back');
    const status = await t.database.db
      .selectFrom('booking')
      .select('status')
      .where('email', '=', person.email)
      .executeTakeFirstOrThrow();
    assert.equal(status.status, 'expired');
  });

  test('an expired manage link is refused', async () => {
    const person = applicant();
    const created = (await book(fixture.slotIds[0] as number, person)).json();
    const manageToken = tokenFrom(
      (await mailTo(person.email, '')).text,
      'http://creneau.test/rendez-vous/gerer',
    );
    const before = t.clock.now();
    t.clock.set('2030-03-01T00:00:00Z'); // 30 days after the appointment have passed
    const response = await t.app.inject({
      url: `/api/v1/bookings/${created.reference}?token=${manageToken}`,
    });
    t.clock.set(before);
    assert.equal(response.statusCode, 410);
    assert.equal(response.json().error.code, 'token_expired');
  });
});
