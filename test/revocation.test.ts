import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { runCoolDown } from '../src/modules/booking/held-seats.usecases.ts';
import { newAgentBearer } from './helpers/agents.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { addSlot, applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { confirmedBooking, freshOffer, slotAt, WEEKDAYS_9_TO_10 } from './helpers/schedule.ts';

// Issue 10 point 3 (decision 0038): revoking one booking or a site's period notifies each person once
// (outbox rows, real SMTP capture, SMS capture), a retry does nothing more, the revoked person books
// again before anyone else, a draw offer's revoked person gets a tier-0 request, and a refused
// configuration change goes through once the bookings it stranded are revoked.

let t: TestApp;
let manager: string;
let viewer: string;
const PRIORITY_LINK = 'http://creneau.test/rendez-vous/priorite';

before(async () => {
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
  const db = t.database.db;
  await createFixture(db, { slots: 0 });
  manager = await newAgentBearer(t, 'site_manager');
  viewer = await newAgentBearer(t, 'viewer');
});
after(() => t.close());

function admin(method: 'POST' | 'PUT', url: string, payload: object, authorization = manager) {
  return t.app.inject({ method, url: `/api/v1/admin${url}`, headers: { authorization }, payload });
}

/** A confirmed booking, with a mobile phone number for the SMS. */
function confirmed(slotId: number, overrides: Record<string, unknown> = {}) {
  return confirmedBooking(t, slotId, applicant(undefined, { phone: '+33612345678', ...overrides }));
}

function bookAs(slotId: number, who = applicant()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId, acceptConditions: true, applicant: who },
  });
}

async function revokedRows(bookingIds: string[]) {
  return t.database.db
    .selectFrom('outbox')
    .select(['booking_id as bookingId', 'channel'])
    .where('event', '=', 'booking.revoked')
    .where('booking_id', 'in', bookingIds)
    .orderBy('booking_id')
    .orderBy('channel')
    .execute();
}

async function slotSeats(slotId: number) {
  return t.database.db
    .selectFrom('slot')
    .select(['taken', 'held_back'])
    .where('id', '=', String(slotId))
    .executeTakeFirstOrThrow();
}

/** The slots the public availability API offers anyone at the fixture's site between two days. */
async function offered(fixture: Fixture, from: string, to: string): Promise<number[]> {
  const query = `procedure=${fixture.procedureId}&site=${fixture.siteId}&from=${from}&to=${to}`;
  const response = await t.app.inject({ url: `/api/v1/availability?${query}` });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { slots: { id: number }[] }).slots.map((slot) => slot.id);
}

async function priorityToken(email: string): Promise<string> {
  await t.deliverMail();
  const mail = await t.mail.waitFor(
    (m) => m.to.includes(email) && m.subject.includes('annulé par la préfecture'),
  );
  return tokenFrom(mail.text, PRIORITY_LINK);
}

describe('revoking a day of a first-come office', () => {
  let fixture: Fixture;
  let people: Awaited<ReturnType<typeof confirmed>>[];
  /** A free slot of the closed day (two seats), and the next day's slot (two seats). */
  let freeOfDay: number;
  let nextDay: number;

  before(async () => {
    fixture = await createFixture(t.database.db, {
      slots: 3,
      capacity: 1,
      firstSlot: '2030-01-14T08:00:00Z',
    });
    people = [];
    for (const slotId of fixture.slotIds) people.push(await confirmed(slotId));
    freeOfDay = await addSlot(t.database.db, fixture.offerId, '2030-01-14T13:00:00Z', 2);
    nextDay = await addSlot(t.database.db, fixture.offerId, '2030-01-15T08:00:00Z', 2);
  });

  test('every person is revoked and notified once by email and SMS; a retry revokes and notifies nobody', async () => {
    const ids = people.map((p) => p.id);
    const body = { from: '2030-01-14', to: '2030-01-14', reason: 'Fermeture exceptionnelle : grève' };
    const first = await admin('POST', `/sites/${fixture.siteId}/revocations`, body);
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { revoked: 3, closedDays: ['2030-01-14'] });
    const statuses = await t.database.db
      .selectFrom('booking')
      .select(['status', 'status_reason'])
      .where('id', 'in', ids)
      .execute();
    assert.deepEqual(
      statuses.map((s) => [s.status, s.status_reason]),
      Array(3).fill(['revoked', body.reason]),
    );
    const expectedRows = ids.flatMap((bookingId) => [
      { bookingId, channel: 'email' },
      { bookingId, channel: 'sms' },
    ]);
    assert.deepEqual(await revokedRows(ids), expectedRows);

    const mailsBefore = t.mail.messages().length;
    const smsBefore = t.sms.messages().length;
    await t.deliverMail();
    await t.deliverSms();
    const mails = t.mail
      .messages()
      .slice(mailsBefore)
      .filter((m) => m.subject.includes('annulé par la préfecture'));
    assert.deepEqual(mails.map((m) => m.to[0]).sort(), people.map((p) => p.who.email).sort());
    for (const mail of mails) {
      assert.match(mail.text, /Motif : Fermeture exceptionnelle : grève/);
      assert.match(mail.text, /Vous êtes prioritaire pour reprendre un rendez-vous/);
      assert.ok(mail.text.includes(`${PRIORITY_LINK}?token=`));
    }
    const sms = t.sms
      .messages()
      .slice(smsBefore)
      .filter((m) => m.text.includes('a annulé votre RDV'));
    assert.equal(sms.length, 3);
    assert.ok(sms.every((m) => m.to === '+33612345678' && m.text.includes(PRIORITY_LINK)));

    const retry = await admin('POST', `/sites/${fixture.siteId}/revocations`, body);
    assert.equal(retry.statusCode, 200, retry.body);
    assert.deepEqual(retry.json(), { revoked: 0, closedDays: [] });
    assert.deepEqual(await revokedRows(ids), expectedRows, 'no second notice recorded');
    const afterRetry = t.mail.messages().length;
    await t.deliverMail();
    await t.deliverSms();
    assert.equal(t.mail.messages().length, afterRetry);

    const events = await t.database.db
      .selectFrom('seat_event')
      .select(['cause', 'consumed_by'])
      .where('booking_id', 'in', ids)
      .execute();
    assert.deepEqual(events, Array(3).fill({ cause: 'revoked', consumed_by: 'priority_pass' }));
    const audit = await t.database.db
      .selectFrom('audit_entry')
      .select(['after', 'target_id'])
      .where('action', '=', 'site.revoke_period')
      .where('target_id', '=', String(fixture.siteId))
      .orderBy('id')
      .execute();
    assert.equal(audit.length, 2, 'one entry per action');
    assert.deepEqual(
      audit.map((entry) => {
        const after = entry.after as { revoked: number; closedDays: string[]; withdrawnSeats: number };
        return [after.revoked, after.closedDays, after.withdrawnSeats];
      }),
      [
        [3, ['2030-01-14'], 5],
        [0, [], 0],
      ],
    );
  });

  test('the closed day is a closure, and none of its seats is bookable by anyone', async () => {
    const closures = await t.database.db
      .selectFrom('closure')
      .select(['reason', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day')])
      .where('site_id', '=', fixture.siteId)
      .execute();
    assert.deepEqual(closures, [{ day: '2030-01-14', reason: 'Fermeture exceptionnelle : grève' }]);
    assert.deepEqual(await offered(fixture, '2030-01-14', '2030-01-14'), [], 'nothing offered that day');
    for (const slotId of [...fixture.slotIds, freeOfDay]) {
      const grab = await bookAs(slotId);
      assert.equal(grab.statusCode, 409, grab.body);
      assert.equal(grab.json().error.code, 'slot_full');
    }
    const seats = await t.database.db
      .selectFrom('slot')
      .select(sql<number>`sum(capacity - taken - held_back)::int`.as('free'))
      .where('offer_id', '=', fixture.offerId)
      .where('starts_at', '<', new Date('2030-01-15T00:00:00Z'))
      .executeTakeFirstOrThrow();
    assert.equal(seats.free, 0);
  });

  test('the passes keep successive seats after the closed day, in the order of the revoked times', async () => {
    const passes = await t.database.db
      .selectFrom('priority_pass')
      .leftJoin('held_seat', 'held_seat.id', 'priority_pass.held_seat_id')
      .select(['priority_pass.booking_id as bookingId', 'held_seat.slot_id as slotId', 'held_seat.status'])
      .where(
        'priority_pass.booking_id',
        'in',
        people.map((p) => p.id),
      )
      .orderBy('priority_pass.booking_id')
      .execute();
    assert.deepEqual(
      passes.map((p) => [p.slotId, p.status]),
      [
        [String(nextDay), 'held'],
        [String(nextDay), 'held'],
        [null, null],
      ],
      'the two seats of the next day, one each; the third person has none',
    );
    const heldIds = await t.database.db
      .selectFrom('priority_pass')
      .select('held_seat_id')
      .where(
        'booking_id',
        'in',
        people.slice(0, 2).map((p) => p.id),
      )
      .execute();
    assert.equal(new Set(heldIds.map((row) => row.held_seat_id)).size, 2, 'two different seats');
    assert.deepEqual(await offered(fixture, '2030-01-15', '2030-01-15'), [], 'held: offered to nobody');
    assert.equal((await bookAs(nextDay)).json().error.code, 'slot_full');
  });

  test('each holder books their kept seat; others get slot_full until a pass expires', async () => {
    const [a, b, c] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    // The cool-down's cycle leaves a seat kept for a live pass alone.
    await runCoolDown({ db: t.database.db, clock: t.clock, config: t.config });
    assert.equal((await bookAs(nextDay)).json().error.code, 'slot_full');

    const token = await priorityToken(a.who.email);
    const choices = await t.app.inject({ url: `/api/v1/bookings/priority?token=${token}` });
    assert.equal(choices.statusCode, 200, choices.body);
    assert.deepEqual(
      choices.json().slots.map((s: { id: number; held: boolean }) => [s.id, s.held]),
      [[nextDay, true]],
      'its kept seat only, marked; no slot of the closed day',
    );
    const page = await t.app.inject({ url: `/rendez-vous/priorite?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Place réservée pour vous/);
    const rebooked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/priority',
      payload: { token, slotId: nextDay },
    });
    assert.equal(rebooked.statusCode, 201, rebooked.body);
    assert.equal(rebooked.json().status, 'confirmed');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/priority',
      payload: { token, slotId: nextDay },
    });
    assert.equal(again.json().error.code, 'pass_used');
    assert.deepEqual(await slotSeats(nextDay), { taken: 1, held_back: 1 }, 'b’s seat still kept');
    assert.equal((await bookAs(nextDay)).json().error.code, 'slot_full');
    const convocation = await t.database.db
      .selectFrom('outbox')
      .innerJoin('booking', 'booking.id', 'outbox.booking_id')
      .select('booking.identity_key')
      .where('outbox.event', '=', 'booking.confirmed')
      .where('booking.reference', '=', rebooked.json().reference)
      .execute();
    assert.equal(convocation.length, 2, 'the convocation by email and SMS');

    // c has no kept seat: the pass still lists what is freed or published later, and books it.
    const tokenC = await priorityToken(c.who.email);
    const none = await t.app.inject({ url: `/api/v1/bookings/priority?token=${tokenC}` });
    assert.deepEqual(none.json().slots, []);
    const later = await addSlot(t.database.db, fixture.offerId, '2030-01-16T08:00:00Z', 1);
    const some = await t.app.inject({ url: `/api/v1/bookings/priority?token=${tokenC}` });
    assert.deepEqual(
      some.json().slots.map((s: { id: number; held: boolean }) => [s.id, s.held]),
      [[later, false]],
    );
    const byC = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/priority',
      payload: { token: tokenC, slotId: later },
    });
    assert.equal(byC.statusCode, 201, byC.body);

    // b's pass runs out: the seat it kept goes back to everyone.
    const tokenB = await priorityToken(b.who.email);
    t.clock.advance((t.config.revocationPriorityHours * 60 + 1) * 60_000);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/priority',
      payload: { token: tokenB, slotId: nextDay },
    });
    assert.equal(late.json().error.code, 'pass_expired');
    await runCoolDown({ db: t.database.db, clock: t.clock, config: t.config });
    const other = await bookAs(nextDay);
    assert.equal(other.statusCode, 201, other.body);
  });
});

describe('revoking one booking', () => {
  test('with a reason: revoked and notified; retried: answered the same, nobody notified again', async () => {
    const fixture = await createFixture(t.database.db, {
      slots: 1,
      capacity: 2,
      firstSlot: '2030-01-15T08:00:00Z',
    });
    const person = await confirmed(fixture.slotIds[0] as number);
    const url = `/bookings/${person.reference}/revoke`;
    const missing = await admin('POST', url, { reason: '  ' });
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().error.fields[0].field, 'reason');
    const byViewer = await admin('POST', url, { reason: 'Dossier incomplet' }, viewer);
    assert.equal(byViewer.statusCode, 403);
    const done = await admin('POST', url, { reason: 'Agent absent' });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), { reference: person.reference, status: 'revoked', revoked: 1 });
    const retry = await admin('POST', url, { reason: 'Agent absent' });
    assert.deepEqual(retry.json(), { reference: person.reference, status: 'revoked', revoked: 0 });
    assert.equal((await revokedRows([person.id])).length, 2);
    const unknown = await admin('POST', '/bookings/74-AAAA-AAAA/revoke', { reason: 'Agent absent' });
    assert.equal(unknown.statusCode, 404);
  });

  test('bad periods are refused naming the field, and nothing is recorded', async () => {
    const fixture = await createFixture(t.database.db, { slots: 0 });
    const entries = async () =>
      (
        await t.database.db
          .selectFrom('audit_entry')
          .select('id')
          .where('target_id', '=', String(fixture.siteId))
          .execute()
      ).length;
    const cases: [object, string][] = [
      [{ from: '2030-02-30', to: '2030-03-01', reason: 'Grève' }, 'from'],
      [{ from: '2030-03-02', to: '2030-03-01', reason: 'Grève' }, 'to'],
      [{ from: '2030-01-01', to: '2030-12-31', reason: 'Grève' }, 'to'],
      [{ from: '2030-03-01', to: '2030-03-01' }, 'reason'],
    ];
    for (const [body, field] of cases) {
      const response = await admin('POST', `/sites/${fixture.siteId}/revocations`, body);
      assert.equal(response.statusCode, 422, response.body);
      assert.ok(JSON.stringify(response.json().error.fields).includes(`"${field}"`), response.body);
    }
    assert.equal(await entries(), 0);
    const unknown = await admin('POST', '/sites/999999/revocations', {
      from: '2030-03-01',
      to: '2030-03-01',
      reason: 'Grève',
    });
    assert.equal(unknown.statusCode, 404);
  });
});

describe('revoking a draw offer’s booking', () => {
  test('the person gets a waiting request with priority (tier 0), linked from the notice', async () => {
    const db = t.database.db;
    const fixture = await createFixture(db, { slots: 0 });
    const offer = await db
      .updateTable('offer')
      .set({ channel: 'draw' })
      .where('id', '=', fixture.offerId)
      .returning('id')
      .executeTakeFirstOrThrow();
    const slot = await db
      .insertInto('slot')
      .values({
        offer_id: offer.id,
        starts_at: new Date('2030-01-16T08:00:00Z'),
        ends_at: new Date('2030-01-16T08:20:00Z'),
        capacity: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const who = applicant();
    const booking = await db
      .insertInto('booking')
      .values({
        reference: '74-DRAW-0001',
        slot_id: slot.id,
        procedure_id: fixture.procedureId,
        identity_key: `F:${who.foreignerNumber}`,
        email_key: who.email,
        last_name: who.lastName,
        first_name: who.firstName,
        birth_date: who.birthDate,
        email: who.email,
        foreigner_number: who.foreignerNumber,
        hold_expires_at: new Date('2030-01-08T09:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const done = await admin('POST', '/bookings/74-DRAW-0001/revoke', { reason: 'Salle indisponible' });
    assert.equal(done.statusCode, 200, done.body);
    const request = await db
      .selectFrom('request')
      .select(['status', 'priority', 'site_ids', 'label', 'entered_by'])
      .where('identity_key', '=', `F:${who.foreignerNumber}`)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [request.status, request.priority, request.site_ids],
      ['waiting', true, [fixture.siteId]],
    );
    const event = await db
      .selectFrom('seat_event')
      .select(['cause', 'consumed_at'])
      .where('booking_id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(event, { cause: 'revoked', consumed_at: null }, 'left for the follow-up draws');
    await t.deliverMail();
    const mail = await t.mail.waitFor((m) => m.to.includes(who.email));
    assert.match(mail.text, new RegExp(`demande n° ${request.label} y passe au premier rang`));
    const link = tokenFrom(mail.text, `http://creneau.test/demandes/${request.label}`);
    const page = await t.app.inject({ url: `/api/v1/requests/${request.label}?token=${link}` });
    assert.equal(page.statusCode, 200, page.body);
    assert.equal(page.json().status, 'waiting');
  });
});

describe('a configuration change refused for stranding bookings', () => {
  test('goes through once those bookings are revoked', async () => {
    // The clock is past 2030-01-09 here (the pass of the first suite ran out): Tuesday 15 is ahead.
    const fixture = await freshOffer(t, 14);
    const put = (rules: object[]) => admin('PUT', `/offers/${fixture.offerId}/opening-rules`, { rules });
    assert.equal((await put(WEEKDAYS_9_TO_10)).statusCode, 200);
    const slotId = Number(await slotAt(t.database.db, fixture.offerId, '2030-01-15 09:20'));
    const person = await confirmed(slotId);
    const withoutTuesday = WEEKDAYS_9_TO_10.filter((rule) => rule.weekday !== 2);
    const refused = await put(withoutTuesday);
    assert.equal(refused.json().error.code, 'stranded_bookings');
    const revoked = await admin('POST', `/sites/${fixture.siteId}/revocations`, {
      from: '2030-01-15',
      to: '2030-01-15',
      reason: 'Le service ferme le mardi',
    });
    assert.deepEqual(revoked.json(), { revoked: 1, closedDays: ['2030-01-15'] });
    const accepted = await put(withoutTuesday);
    assert.equal(accepted.statusCode, 200, accepted.body);
    const status = await t.database.db
      .selectFrom('booking')
      .select('status')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    assert.equal(status.status, 'revoked');
  });
});
