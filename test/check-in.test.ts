import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newAgentBearer } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { bookingIn, qrOf } from './helpers/check-in.ts';
import { addSlot, createFixture, type Fixture } from './helpers/fixtures.ts';
import { otherOffice } from './helpers/schedule.ts';

// Issue 10 point 2 (decision 0042): POST /api/v1/admin/check-in with the convocation's QR text or
// its reference — a genuine code checks the person in once (waiting, counter event, audit entry), a
// tampered one is 422, another office's 403, a typed reference of another office 404, a revoked,
// cancelled, unconfirmed or finished booking 409, another day 409 naming the date.

let t: TestApp;
let fixture: Fixture;
/** Today's slot (09:00 in Annecy) and tomorrow's. */
let today: { slotId: number; procedureId: number };
let tomorrow: { slotId: number; procedureId: number };
let elsewhere: { slotId: number; procedureId: number };
let agent: string;
let viewer: string;

before(async () => {
  // Monday 7 January 2030, 08:00 in Annecy.
  t = await createTestApp({ now: '2030-01-07T07:00:00Z' });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 0 });
  const slot = (offerId: number, startsAt: string) => addSlot(db, offerId, startsAt, 50);
  today = { slotId: await slot(fixture.offerId, '2030-01-07T08:00:00Z'), procedureId: fixture.procedureId };
  tomorrow = {
    slotId: await slot(fixture.offerId, '2030-01-08T08:00:00Z'),
    procedureId: fixture.procedureId,
  };
  const other = await otherOffice(db);
  elsewhere = { slotId: await slot(other.offerId, '2030-01-07T08:00:00Z'), procedureId: other.procedureId };
  agent = await newAgentBearer(t, 'agent');
  viewer = await newAgentBearer(t, 'viewer');
});
after(() => t.close());

function checkIn(payload: object, authorization = agent) {
  return t.app.inject({ method: 'POST', url: '/api/v1/admin/check-in', headers: { authorization }, payload });
}

async function eventsOf(bookingId: string) {
  return t.database.db
    .selectFrom('counter_event')
    .select(['action', 'from_status', 'to_status', 'site_id', 'agent_id', 'at'])
    .where('booking_id', '=', bookingId)
    .execute();
}

async function auditsOf(reference: string) {
  return t.database.db
    .selectFrom('audit_entry')
    .select(['action', 'agent_id', 'site_id', 'department_code', 'before', 'after'])
    .where('target_id', '=', reference)
    .where('action', '=', 'booking.check_in')
    .execute();
}

/** One character of the code's payload changed: the signature no longer holds. */
function tampered(qr: string): string {
  const [version, payload = '', signature] = qr.split('.');
  const i = Math.floor(payload.length / 2);
  const changed = payload[i] === 'A' ? 'B' : 'A';
  return [version, payload.slice(0, i) + changed + payload.slice(i + 1), signature].join('.');
}

describe('checking in with the convocation’s QR code', () => {
  test('a genuine code checks the person in: waiting, one counter event, one audit entry, both identities', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed');
    const qr = await qrOf(t.database.db, booking.reference, t.config.secretKey);
    const response = await checkIn({ qr });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {
      reference: booking.reference,
      status: 'waiting',
      identity: {
        lastName: 'Benali',
        firstName: 'Samira',
        birthDate: '1990-04-12',
        foreignerNumber: booking.foreignerNumber,
      },
      signedIdentity: { lastName: 'Benali', firstName: 'Samira', birthDate: '1990-04-12' },
      appointment: {
        start: '2030-01-07T09:00:00+01:00',
        siteId: fixture.siteId,
        procedure: '3.1 Renouvellement de visa de long séjour valant titre de séjour',
      },
      checkedInAt: '2030-01-07T07:00:00.000Z',
    });
    assert.equal(response.headers['cache-control'], 'no-store');
    const row = await t.database.db
      .selectFrom('booking')
      .select(['status', 'checked_in_at'])
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'waiting', checked_in_at: new Date('2030-01-07T07:00:00Z') });
    const events = await eventsOf(booking.id);
    assert.equal(events.length, 1);
    assert.deepEqual(
      { ...events[0], agent_id: undefined },
      {
        action: 'check_in',
        from_status: 'confirmed',
        to_status: 'waiting',
        site_id: fixture.siteId,
        agent_id: undefined,
        at: new Date('2030-01-07T07:00:00Z'),
      },
    );
    assert.ok(events[0]?.agent_id);
    const audits = await auditsOf(booking.reference);
    assert.equal(audits.length, 1);
    assert.equal(audits[0]?.site_id, fixture.siteId);
    assert.deepEqual(audits[0]?.after, { status: 'waiting', via: 'qr' });
  });

  test('the link to /verifier a scanner types from the printed code is read like the bare code', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed');
    const qr = await qrOf(t.database.db, booking.reference, t.config.secretKey);
    const response = await checkIn({ qr: `http://creneau.test/verifier?code=${qr}` });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, 'waiting');
  });

  test('a second scan answers the status as it is, with no second event or audit entry', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed');
    const qr = await qrOf(t.database.db, booking.reference, t.config.secretKey);
    assert.equal((await checkIn({ qr })).statusCode, 200);
    t.clock.advance(60_000);
    const again = await checkIn({ qr });
    t.clock.set('2030-01-07T07:00:00Z');
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().status, 'waiting');
    assert.equal(again.json().checkedInAt, '2030-01-07T07:00:00.000Z');
    assert.equal((await eventsOf(booking.id)).length, 1);
    assert.equal((await auditsOf(booking.reference)).length, 1);
  });

  test('a person already called or served scanning again is answered as they are', async () => {
    for (const status of ['called', 'served'] as const) {
      const booking = await bookingIn(t.database.db, today, status);
      const response = await checkIn({
        qr: await qrOf(t.database.db, booking.reference, t.config.secretKey),
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().status, status);
      assert.deepEqual(await eventsOf(booking.id), []);
    }
  });

  test('a tampered code (one character changed) is 422 invalid_qr on the field qr, and changes nothing', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed');
    const qr = await qrOf(t.database.db, booking.reference, t.config.secretKey);
    for (const bad of [
      tampered(qr),
      `${qr.slice(0, -1)}${qr.endsWith('A') ? 'B' : 'A'}`,
      'not a code',
      'c1.e30.AAAA',
    ]) {
      const response = await checkIn({ qr: bad });
      assert.equal(response.statusCode, 422, `${bad}: ${response.body}`);
      const error = response.json().error;
      assert.equal(error.code, 'invalid_qr');
      assert.equal(error.fields[0].field, 'qr');
    }
    const row = await t.database.db
      .selectFrom('booking')
      .select('status')
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'confirmed');
  });

  test('a code signed with another key is refused like a tampered one', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed');
    const forged = await qrOf(t.database.db, booking.reference, 'another-secret-key-another-secret');
    const response = await checkIn({ qr: forged });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().error.code, 'invalid_qr');
  });

  test('another office’s genuine code is 403 other_office, naming nothing of the booking', async () => {
    const booking = await bookingIn(t.database.db, elsewhere, 'confirmed');
    const response = await checkIn({ qr: await qrOf(t.database.db, booking.reference, t.config.secretKey) });
    assert.equal(response.statusCode, 403, response.body);
    assert.equal(response.json().error.code, 'other_office');
    assert.doesNotMatch(response.body, new RegExp(`${booking.reference}|Benali|Samira|1990`));
    const row = await t.database.db
      .selectFrom('booking')
      .select('status')
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'confirmed');
  });

  test('a code whose appointment was moved since is 409 convocation_outdated', async () => {
    const booking = await bookingIn(t.database.db, tomorrow, 'confirmed');
    const qr = await qrOf(t.database.db, booking.reference, t.config.secretKey);
    await t.database.db
      .updateTable('booking')
      .set({ slot_id: String(today.slotId) })
      .where('id', '=', booking.id)
      .execute();
    const response = await checkIn({ qr });
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().error.code, 'convocation_outdated');
  });

  test('the signed identity is shown beside the booking’s when they differ (a name corrected since)', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed', { lastName: 'Benalli' });
    const qr = await qrOf(t.database.db, booking.reference, t.config.secretKey);
    const manager = await newAgentBearer(t, 'site_manager');
    const corrected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/bookings/${booking.reference}/identity`,
      headers: { authorization: manager },
      payload: { lastName: 'Benali', reason: 'Nom mal orthographié à la réservation' },
    });
    assert.equal(corrected.statusCode, 200, corrected.body);
    const response = await checkIn({ qr });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().identity.lastName, 'Benali');
    assert.equal(response.json().signedIdentity.lastName, 'Benalli');
  });
});

describe('checking in by the reference', () => {
  test('a typed reference checks the person in, with no signed identity', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed');
    const response = await checkIn({ reference: booking.reference.toLowerCase() });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.status, 'waiting');
    assert.equal(body.signedIdentity, undefined);
    assert.equal(body.identity.lastName, 'Benali');
    assert.deepEqual((await auditsOf(booking.reference))[0]?.after, { status: 'waiting', via: 'reference' });
  });

  test('a reference of another office is 404, as an unknown one', async () => {
    const booking = await bookingIn(t.database.db, elsewhere, 'confirmed');
    for (const reference of [booking.reference, '74-ZZZZ-ZZZZ']) {
      const response = await checkIn({ reference });
      assert.equal(response.statusCode, 404, response.body);
      assert.equal(response.json().error.code, 'booking_not_found');
    }
  });

  test('exactly one of qr and reference: both or neither is 422 naming the field', async () => {
    const both = await checkIn({ qr: 'c1.x.y', reference: '74-ZZZZ-ZZZZ' });
    assert.equal(both.statusCode, 422);
    assert.equal(both.json().error.fields[0].field, 'reference');
    const neither = await checkIn({});
    assert.equal(neither.statusCode, 422);
    assert.equal(neither.json().error.fields[0].field, 'qr');
    const malformed = await checkIn({ reference: 'Benali' });
    assert.equal(malformed.statusCode, 422);
    assert.equal(malformed.json().error.fields[0].field, 'reference');
  });

  test('an agent without booking.check_in is refused 403', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed');
    const response = await checkIn({ reference: booking.reference }, viewer);
    assert.equal(response.statusCode, 403);
  });
});

describe('what cannot be checked in', () => {
  const cases = [
    ['revoked', 'revoked'],
    ['cancelled', 'cancelled'],
    ['expired', 'cancelled'],
    ['pending', 'not_confirmed'],
    ['attended', 'already_done'],
    ['no_show', 'already_done'],
  ] as const;
  for (const [status, code] of cases) {
    test(`a ${status} booking is 409 ${code}, by code and by reference`, async () => {
      const booking = await bookingIn(t.database.db, today, status);
      const qr = await qrOf(t.database.db, booking.reference, t.config.secretKey);
      for (const payload of [{ qr }, { reference: booking.reference }]) {
        const response = await checkIn(payload);
        assert.equal(response.statusCode, 409, response.body);
        assert.equal(response.json().error.code, code);
      }
      const row = await t.database.db
        .selectFrom('booking')
        .select('status')
        .where('id', '=', booking.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, status);
    });
  }

  test('another day than the appointment’s is 409 wrong_day naming the date', async () => {
    const booking = await bookingIn(t.database.db, tomorrow, 'confirmed');
    const response = await checkIn({ qr: await qrOf(t.database.db, booking.reference, t.config.secretKey) });
    assert.equal(response.statusCode, 409, response.body);
    const error = response.json().error;
    assert.equal(error.code, 'wrong_day');
    assert.equal(error.date, '2030-01-08');
    assert.equal(error.message, "Ce rendez-vous est prévu le mardi 8 janvier 2030, pas aujourd'hui.");
    assert.deepEqual(await eventsOf(booking.id), []);
  });

  test('the day is the office’s: 23:30 UTC on the 7th is already the 8th in Annecy', async () => {
    const booking = await bookingIn(t.database.db, tomorrow, 'confirmed');
    t.clock.set('2030-01-07T23:30:00Z');
    const response = await checkIn({ reference: booking.reference });
    t.clock.set('2030-01-07T07:00:00Z');
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, 'waiting');
  });
});
