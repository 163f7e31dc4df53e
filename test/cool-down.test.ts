import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { coolDownDelayMs } from '../src/modules/booking/cool-down.usecases.ts';
import { optedInForEarlier } from '../src/modules/booking/earlier-offers.repository.ts';
import { runCoolDown } from '../src/modules/booking/held-seats.usecases.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { tokensOf } from './helpers/invariants.ts';

// The cool-down of freed first-come seats and the earlier-slot offers (decision 0029), through the
// real HTTP routes, database and mail capture.

let t: TestApp;

before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type Page = { body: string; cookies: { name: string; value: string }[] };

/** POSTs the form of a page as a browser would: its cookies and its anti-forgery field. */
async function submit(page: Page, url: string, fields: Record<string, string>) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf, 'the page carries the anti-forgery field');
  return t.app.inject({
    method: 'POST',
    url,
    cookies: Object.fromEntries(page.cookies.map((c) => [c.name, c.value])),
    payload: { ...fields, _csrf: csrf },
  });
}

function book(fixture: Fixture, slotIndex: number, who = applicant()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId: fixture.slotIds[slotIndex], acceptConditions: true, applicant: who },
  });
}

/** A confirmed booking in a slot, with its manage token. */
async function confirmed(fixture: Fixture, slotIndex: number, who = applicant()) {
  const created = await book(fixture, slotIndex, who);
  assert.equal(created.statusCode, 201, created.body);
  const { id, reference } = created.json() as { id: number; reference: string };
  const tokens = await tokensOf(t.database.db, String(id), t.config.secretKey);
  const done = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings/confirm',
    payload: { token: tokens.confirm },
  });
  assert.equal(done.statusCode, 200, done.body);
  return { id: String(id), reference, who, manage: tokens.manage };
}

type Booked = Awaited<ReturnType<typeof confirmed>>;

function cancel(booking: Booked) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/bookings/${booking.reference}/cancel`,
    payload: { token: booking.manage },
  });
}

function optIn(booking: Booked, wanted = true) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/bookings/${booking.reference}/earlier-slot`,
    payload: { token: booking.manage, wanted },
  });
}

async function listed(fixture: Fixture): Promise<number[]> {
  t.clock.advance(1_001); // past the availability cache's second
  const response = await t.app.inject({
    url: `/api/v1/availability?procedure=${fixture.procedureId}&site=${fixture.siteId}&from=2030-01-01&to=2030-01-31`,
  });
  assert.equal(response.statusCode, 200);
  return response.json().slots.map((s: { id: number }) => s.id);
}

async function slotState(fixture: Fixture, slotIndex: number) {
  return t.database.db
    .selectFrom('slot')
    .select(['taken', 'held_back as heldBack'])
    .where('id', '=', String(fixture.slotIds[slotIndex]))
    .executeTakeFirstOrThrow();
}

const cycle = () => runCoolDown({ db: t.database.db, clock: t.clock, config: t.config });

/** The offers made for the seats of one fixture, oldest first. */
async function offersOf(fixture: Fixture) {
  return t.database.db
    .selectFrom('earlier_offer')
    .innerJoin('held_seat', 'held_seat.id', 'earlier_offer.held_seat_id')
    .innerJoin('slot', 'slot.id', 'held_seat.slot_id')
    .select(['earlier_offer.id', 'earlier_offer.booking_id as bookingId', 'earlier_offer.status'])
    .where('slot.offer_id', '=', fixture.offerId)
    .orderBy('earlier_offer.id')
    .execute();
}

/** The emailed offer's link token of one person. */
async function offerToken(email: string): Promise<string> {
  await t.deliverMail();
  const mail = await t.mail.waitFor(
    (m) => m.to.includes(email) && m.subject.includes('Un créneau plus tôt vous est proposé'),
    5000,
  );
  return tokenFrom(mail.text, 'http://creneau.test/rendez-vous/plus-tot');
}

describe('the cool-down of a cancelled first-come seat', () => {
  test('a cancel-and-rebook under another identity is refused and the seat not listed; after the delay it is bookable', async () => {
    const fixture = await createFixture(t.database.db, { slots: 2, capacity: 1 });
    const seller = await confirmed(fixture, 0);
    const cancelledAt = t.clock.now();
    assert.equal((await cancel(seller)).statusCode, 200);

    const event = await t.database.db
      .selectFrom('seat_event')
      .select(['cause', 'consumed_by as consumedBy'])
      .where('booking_id', '=', seller.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      event,
      { cause: 'cancelled', consumedBy: 'cool_down' },
      'the event, in the same transaction',
    );
    const held = await t.database.db
      .selectFrom('held_seat')
      .select(['returns_at as returnsAt', 'status'])
      .where('slot_id', '=', String(fixture.slotIds[0]))
      .executeTakeFirstOrThrow();
    const delay = held.returnsAt.getTime() - cancelledAt.getTime();
    assert.ok(delay >= 30 * 60_000 && delay <= 180 * 60_000, `cool-down of ${delay / 60_000} minutes`);
    assert.deepEqual(await slotState(fixture, 0), { taken: 0, heldBack: 1 });

    const buyer = applicant();
    const rebook = await book(fixture, 0, buyer);
    assert.equal(rebook.statusCode, 409, rebook.body);
    assert.equal(rebook.json().error.code, 'slot_full');
    assert.ok(!(await listed(fixture)).includes(fixture.slotIds[0] as number), 'not in the availability');
    const direct = await sql`update slot set taken = taken + 1 where id = ${String(fixture.slotIds[0])}`
      .execute(t.database.db)
      .then(
        () => 'taken',
        (error: { constraint?: string }) => error.constraint,
      );
    assert.equal(direct, 'slot_taken_within_capacity', 'the database itself refuses the held seat');

    t.clock.set(new Date(held.returnsAt.getTime() - 1000));
    await cycle();
    assert.equal((await book(fixture, 0, buyer)).statusCode, 409, 'not a second early');
    t.clock.set(held.returnsAt);
    assert.equal((await cycle()).returned >= 1, true);
    assert.ok((await listed(fixture)).includes(fixture.slotIds[0] as number), 'listed again');
    assert.equal((await book(fixture, 0, buyer)).statusCode, 201, 'bookable again');
  });

  test('the delay is drawn in whole seconds within the settings', async () => {
    for (let i = 0; i < 50; i++) {
      const ms = coolDownDelayMs({ coolDownMinMinutes: 2, coolDownMaxMinutes: 3 });
      assert.ok(ms >= 120_000 && ms <= 180_000 && ms % 1000 === 0);
    }
    assert.equal(coolDownDelayMs({ coolDownMinMinutes: 5, coolDownMaxMinutes: 5 }), 300_000);
  });
});

describe('the earlier-slot list', () => {
  test('a confirmed booking joins and leaves the list from its manage page', async () => {
    const fixture = await createFixture(t.database.db, { slots: 2, capacity: 1 });
    const booking = await confirmed(fixture, 1);
    const url = `/rendez-vous/gerer?token=${booking.manage}&reference=${booking.reference}`;
    const page = await t.app.inject({ url });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Être prévenu\(e\) d’un créneau plus tôt/);
    assert.match(page.body, /M’inscrire pour un créneau plus tôt/);

    const joined = await submit(page, '/rendez-vous/plus-tot/liste', {
      token: booking.manage,
      reference: booking.reference,
      wanted: 'oui',
    });
    assert.equal(joined.statusCode, 200, joined.body);
    assert.match(joined.body, /Votre inscription est enregistrée/);
    assert.match(joined.body, /Me désinscrire/);
    assert.deepEqual(
      (await optedInForEarlier(t.database.db, fixture.procedureId)).map((row) => row.bookingId),
      [booking.id],
    );

    const noToken = await t.app.inject({
      method: 'POST',
      url: '/rendez-vous/plus-tot/liste',
      cookies: Object.fromEntries(page.cookies.map((c) => [c.name, c.value])),
      payload: { token: booking.manage, reference: booking.reference, wanted: 'non' },
    });
    assert.equal(noToken.statusCode, 403, 'no anti-forgery field, no change');
    const odd = await submit(page, '/rendez-vous/plus-tot/liste', {
      token: booking.manage,
      reference: booking.reference,
      wanted: 'peut-être',
    });
    assert.equal(odd.statusCode, 422);
    assert.equal((await optedInForEarlier(t.database.db, fixture.procedureId)).length, 1);

    const left = await submit(page, '/rendez-vous/plus-tot/liste', {
      token: booking.manage,
      reference: booking.reference,
      wanted: 'non',
    });
    assert.equal(left.statusCode, 200);
    assert.match(left.body, /Vous êtes désinscrit\(e\)/);
    assert.deepEqual(await optedInForEarlier(t.database.db, fixture.procedureId), []);

    const api = await optIn(booking);
    assert.equal(api.statusCode, 200, api.body);
    assert.deepEqual(api.json(), { earlierSlot: true });
  });

  test('a pending booking cannot join, through the API or the database', async () => {
    const fixture = await createFixture(t.database.db, { slots: 1, capacity: 1 });
    const created = await book(fixture, 0);
    const { id, reference } = created.json();
    const { manage } = await tokensOf(t.database.db, String(id), t.config.secretKey);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${reference}/earlier-slot`,
      payload: { token: manage, wanted: true },
    });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'earlier_not_confirmed');
    const direct = await t.database.db
      .insertInto('earlier_wish')
      .values({ booking_id: String(id), created_at: t.clock.now() })
      .execute()
      .then(
        () => 'inserted',
        (error: { constraint?: string }) => error.constraint,
      );
    assert.equal(direct, 'earlier_wish_confirmed');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${reference}/earlier-slot`,
      payload: { token: manage, wanted: 'yes' },
    });
    assert.equal(bad.statusCode, 422, 'a field of the wrong type');
    assert.match(bad.body, /wanted/, 'named in the answer');
  });
});

describe('earlier-slot offers', () => {
  test('a freed seat is offered to exactly one of the later opted-in people, never to an earlier one; one offer a day', async () => {
    const fixture = await createFixture(t.database.db, { slots: 6, capacity: 1 });
    const earlier = await confirmed(fixture, 0);
    const freedA = await confirmed(fixture, 1);
    const freedB = await confirmed(fixture, 2);
    const later = [await confirmed(fixture, 3), await confirmed(fixture, 4)];
    await confirmed(fixture, 5); // not on the list
    for (const b of [earlier, ...later]) assert.equal((await optIn(b)).statusCode, 200);

    assert.equal((await cancel(freedB)).statusCode, 200);
    const first = await cycle();
    assert.equal(first.offered, 1);
    const offers = await offersOf(fixture);
    assert.equal(offers.length, 1, 'one person only');
    const chosen = offers[0]?.bookingId;
    assert.ok(
      later.some((b) => b.id === chosen),
      'someone whose appointment is later',
    );
    const winner = later.find((b) => b.id === chosen) as Booked;
    await offerToken(winner.who.email);

    // The second seat (slot 1) suits everyone on the list but the first person, who had one today.
    assert.equal((await cancel(freedA)).statusCode, 200);
    await cycle();
    const now = await offersOf(fixture);
    assert.equal(now.length, 2);
    const other = later.find((b) => b.id !== chosen) as Booked;
    assert.equal(now[1]?.bookingId, other.id, 'the other later person; never the earlier one');
    assert.ok(!now.some((o) => o.bookingId === earlier.id));

    const seat = await t.database.db
      .selectFrom('earlier_offer')
      .select('held_seat_id')
      .where('id', '=', now[0]?.id ?? '0')
      .executeTakeFirstOrThrow();
    const again = await t.database.db
      .insertInto('earlier_offer')
      .values({
        held_seat_id: seat.held_seat_id,
        booking_id: other.id,
        offered_on: '2029-12-20',
        offered_at: t.clock.now(),
        expires_at: new Date(t.clock.now().getTime() + 60_000),
        token_hash: Buffer.alloc(32, 7),
      })
      .execute()
      .then(
        () => 'inserted',
        (error: { constraint?: string }) => error.constraint,
      );
    assert.ok(
      again !== 'inserted',
      'the database refuses a second live offer of a seat, or a second offer a day',
    );
  });

  test('accepting moves the booking atomically: new seat taken, old one held back; two accepts, one wins', async () => {
    const fixture = await createFixture(t.database.db, { slots: 3, capacity: 1 });
    const leaving = await confirmed(fixture, 0);
    const waiting = await confirmed(fixture, 2);
    assert.equal((await optIn(waiting)).statusCode, 200);
    assert.equal((await cancel(leaving)).statusCode, 200);
    await cycle();
    const token = await offerToken(waiting.who.email);

    const page = await t.app.inject({ url: `/rendez-vous/plus-tot?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Un créneau plus tôt vous est proposé/);
    assert.match(page.body, /Accepter ce créneau/);
    assert.equal((await offersOf(fixture))[0]?.status, 'offered', 'opening the link changes nothing');

    const [one, two] = await Promise.all([
      submit(page, '/rendez-vous/plus-tot', { token, answer: 'accepter' }),
      submit(page, '/rendez-vous/plus-tot', { token, answer: 'accepter' }),
    ]);
    const statuses = [one.statusCode, two.statusCode].sort();
    assert.deepEqual(statuses, [200, 409], 'one accept wins, the other is told');
    const winner = one.statusCode === 200 ? one : two;
    assert.match(winner.body, /Votre rendez-vous a été avancé/);

    const booking = await t.database.db
      .selectFrom('booking')
      .select(['slot_id as slotId', 'status'])
      .where('id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(booking, { slotId: String(fixture.slotIds[0]), status: 'confirmed' });
    assert.deepEqual(await slotState(fixture, 0), { taken: 1, heldBack: 0 }, 'the new seat taken');
    assert.deepEqual(await slotState(fixture, 2), { taken: 0, heldBack: 1 }, 'the old seat cools down');
    const moved = await t.database.db
      .selectFrom('seat_event')
      .select('cause')
      .where('booking_id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    assert.equal(moved.cause, 'moved');
    await t.deliverMail();
    await t.mail.waitFor(
      (m) => m.to.includes(waiting.who.email) && m.subject.includes('Votre rendez-vous a été déplacé'),
      5000,
    );
    const reused = await submit(page, '/rendez-vous/plus-tot', { token, answer: 'refuser' });
    assert.equal(reused.statusCode, 409, 'an answered offer takes no other answer');
    const back = await t.database.db
      .updateTable('earlier_offer')
      .set({ status: 'offered', decided_at: null })
      .where('booking_id', '=', waiting.id)
      .execute()
      .then(
        () => 'updated',
        (error: { constraint?: string }) => error.constraint,
      );
    assert.equal(back, 'earlier_offer_status_transition');
  });

  test('an offer not answered in time passes to the next person, then the seat returns to the pool', async () => {
    const fixture = await createFixture(t.database.db, { slots: 3, capacity: 1 });
    const leaving = await confirmed(fixture, 0);
    const people = [await confirmed(fixture, 1), await confirmed(fixture, 2)];
    for (const b of people) assert.equal((await optIn(b)).statusCode, 200);
    assert.equal((await cancel(leaving)).statusCode, 200);
    await cycle();
    const [first] = await offersOf(fixture);
    assert.ok(first);
    const firstPerson = people.find((b) => b.id === first.bookingId) as Booked;
    const token = await offerToken(firstPerson.who.email);

    t.clock.advance(t.config.earlierOfferHours * 3_600_000);
    const run = await cycle();
    assert.ok(run.expired >= 1);
    const offers = await offersOf(fixture);
    assert.equal(offers[0]?.status, 'expired');
    assert.equal(offers.length, 2);
    assert.notEqual(offers[1]?.bookingId, firstPerson.id, 'the next person');
    assert.ok(!(await listed(fixture)).includes(fixture.slotIds[0] as number), 'still held while offered');
    const late = await t.app.inject({ url: `/rendez-vous/plus-tot?token=${token}` });
    assert.equal(late.statusCode, 410, 'the first link has expired');

    t.clock.advance(t.config.earlierOfferHours * 3_600_000);
    await cycle();
    assert.equal((await offersOf(fixture)).length, 2, 'nobody else to offer it to');
    assert.ok((await listed(fixture)).includes(fixture.slotIds[0] as number), 'back in the public pool');
    assert.deepEqual(await slotState(fixture, 0), { taken: 0, heldBack: 0 });
  });
});
