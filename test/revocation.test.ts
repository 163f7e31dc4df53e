import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCoolDown } from '../src/modules/booking/held-seats.usecases.ts';
import { bearer, createAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { tokensOf } from './helpers/invariants.ts';
import { freshOffer, slotAt, WEEKDAYS_9_TO_10 } from './helpers/schedule.ts';

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
  const token = async (role: 'site_manager' | 'viewer') =>
    bearer(
      db,
      (
        await createAgent(db, t.config, {
          grants: [{ role, scope: { kind: 'department', departmentCode: '74' } }],
        })
      ).id,
      t.clock.now(),
    );
  manager = await token('site_manager');
  viewer = await token('viewer');
});
after(() => t.close());

function admin(method: 'POST' | 'PUT', url: string, payload: object, authorization = manager) {
  return t.app.inject({ method, url: `/api/v1/admin${url}`, headers: { authorization }, payload });
}

/** A confirmed booking, with a mobile phone number for the SMS. */
async function confirmed(slotId: number, overrides: Record<string, unknown> = {}) {
  const who = applicant(undefined, { phone: '+33612345678', ...overrides });
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId, acceptConditions: true, applicant: who },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { id, reference } = created.json() as { id: number; reference: string };
  const tokens = await tokensOf(t.database.db, String(id), t.config.secretKey);
  const done = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings/confirm',
    payload: { token: tokens.confirm },
  });
  assert.equal(done.statusCode, 200, done.body);
  return { id: String(id), reference, who };
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

  before(async () => {
    fixture = await createFixture(t.database.db, {
      slots: 3,
      capacity: 1,
      firstSlot: '2030-01-14T08:00:00Z',
    });
    people = [];
    for (const slotId of fixture.slotIds) people.push(await confirmed(slotId));
  });

  test('every person is revoked and notified once by email and SMS; a retry revokes and notifies nobody', async () => {
    const ids = people.map((p) => p.id);
    const body = { from: '2030-01-14', to: '2030-01-14', reason: 'Fermeture exceptionnelle : grève' };
    const first = await admin('POST', `/sites/${fixture.siteId}/revocations`, body);
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { revoked: 3 });
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
    assert.deepEqual(retry.json(), { revoked: 0 });
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
      audit.map((entry) => (entry.after as { revoked: number }).revoked),
      [3, 0],
    );
  });

  test('the revoked person books again first: others get slot_full until the pass expires', async () => {
    const [a, b] = people as [(typeof people)[0], (typeof people)[0]];
    const [slotA, slotB] = fixture.slotIds as [number, number];
    assert.equal((await bookAs(slotA)).json().error.code, 'slot_full');
    assert.equal((await bookAs(slotB)).statusCode, 409);
    // The cool-down's cycle leaves a seat kept for a live pass alone.
    await runCoolDown({ db: t.database.db, clock: t.clock, config: t.config });
    assert.equal((await bookAs(slotB)).json().error.code, 'slot_full');

    const token = await priorityToken(a.who.email);
    const choices = await t.app.inject({ url: `/api/v1/bookings/priority?token=${token}` });
    assert.equal(choices.statusCode, 200, choices.body);
    assert.deepEqual(
      choices.json().slots.map((s: { id: number }) => s.id),
      [slotA],
      'its own seat only',
    );
    const rebooked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/priority',
      payload: { token, slotId: slotA },
    });
    assert.equal(rebooked.statusCode, 201, rebooked.body);
    assert.equal(rebooked.json().status, 'confirmed');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/priority',
      payload: { token, slotId: slotA },
    });
    assert.equal(again.json().error.code, 'pass_used');
    const slot = await t.database.db
      .selectFrom('slot')
      .select(['taken', 'held_back'])
      .where('id', '=', String(slotA))
      .executeTakeFirstOrThrow();
    assert.deepEqual(slot, { taken: 1, held_back: 0 });
    const convocation = await t.database.db
      .selectFrom('outbox')
      .innerJoin('booking', 'booking.id', 'outbox.booking_id')
      .select('booking.identity_key')
      .where('outbox.event', '=', 'booking.confirmed')
      .where('booking.reference', '=', rebooked.json().reference)
      .execute();
    assert.equal(convocation.length, 2, 'the convocation by email and SMS');

    // b's pass runs out: the seat it kept goes back to everyone.
    const tokenB = await priorityToken(b.who.email);
    t.clock.advance((t.config.revocationPriorityHours * 60 + 1) * 60_000);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/priority',
      payload: { token: tokenB, slotId: slotB },
    });
    assert.equal(late.json().error.code, 'pass_expired');
    await runCoolDown({ db: t.database.db, clock: t.clock, config: t.config });
    const other = await bookAs(slotB);
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
    assert.deepEqual(revoked.json(), { revoked: 1 });
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
