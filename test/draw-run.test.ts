import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { confirmBooking } from '../src/modules/booking/booking.usecases.ts';
import { expireHolds } from '../src/modules/booking/holds.usecases.ts';
import { verifyBundle } from '../src/modules/draw/bundle-verify.ts';
import { runDraw, runDueDraws } from '../src/modules/draw/draw-run.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { createDrawScenario, createWeekDraw, type DrawScenario, submit } from './helpers/draws.ts';
import { applicant } from './helpers/fixtures.ts';

// Running a draw (PRODUCT §5, §5.1; decision 0028): eligibility before the draw, the allocation by
// tier and seniority, a pending booking and an email per winner, one more lost draw and an email per
// loser, the entries, and a bundle a third party recomputes and that names nobody.

let t: TestApp;
let scenario: DrawScenario;
let drawId: number;
type Submitted = Awaited<ReturnType<typeof submit>>;
const r: Record<string, Submitted> = {};
/** An applicant whose permit expires on 15 March 2030: 85 days after the window closes, tier 2. */
const who = (n: number, overrides: Record<string, unknown> = {}) =>
  applicant(n, { titleExpiry: '2030-03-15', ...overrides });

before(async () => {
  // Thursday 20 December 2029, 10:00 UTC: the window closes at 11:00 UTC (12:00 in Annecy).
  t = await createTestApp({ now: '2029-12-20T10:00:00Z' });
  const db = t.database.db;
  scenario = await createDrawScenario(db);
  const { fixture } = scenario;
  // A permit window: open to permits expiring within 92 days, or expired for at most 10 days.
  await db
    .updateTable('procedure')
    .set({ requires_title_expiry: true, title_expiry_within_days: 92, title_expired_since_days: 10 })
    .where('id', '=', fixture.procedureId)
    .execute();
  r.urgent = await submit(t, fixture, 101, { applicant: who(101, { titleExpiry: '2030-01-05' }) });
  r.soon = await submit(t, fixture, 102, { applicant: who(102, { titleExpiry: '2030-02-10' }) });
  for (const n of [103, 104, 105, 106]) r[`plain${n}`] = await submit(t, fixture, n, { applicant: who(n) });
  r.revoked = await submit(t, fixture, 107, { applicant: who(107) });
  await db.updateTable('request').set({ priority: true }).where('id', '=', r.revoked.id).execute();
  r.bonneville = await submit(t, fixture, 108, {
    applicant: who(108),
    siteIds: [fixture.drawSiteIds[1]],
    halfDays: [],
  });
  // Booked first come since (the same procedure at Annecy): no longer eligible.
  r.booked = await submit(t, fixture, 109, { applicant: who(109) });
  const booked = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: who(109) },
  });
  assert.equal(booked.statusCode, 201, booked.body);
  // A permit expired 49 days before the window closed: out of the window.
  r.expired = await submit(t, fixture, 110, { applicant: who(110) });
  await db
    .updateTable('request')
    .set({ title_expiry: '2029-11-01' })
    .where('id', '=', r.expired.id)
    .execute();
  // An address with three active bookings already: its request waits for a later draw.
  r.fullAddress = await submit(t, fixture, 111, { applicant: who(111, { email: 'full@example.org' }) });
  for (const n of [112, 113, 114]) {
    const person = who(n, { email: 'full@example.org' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: fixture.slotIds[1], acceptConditions: true, applicant: person },
    });
    assert.equal(response.statusCode, 201, response.body);
  }
  // Another département's office only: not a request of this draw.
  r.elsewhere = await submit(t, fixture, 115, {
    applicant: who(115, { postalCode: '73200' }),
    siteIds: [fixture.otherDepartmentSiteId],
  });
  drawId = await createWeekDraw(db, scenario);
  await t.deliverMail();
  t.mail.clear();
});
after(() => t.close());

const bookingsOf = (requestId: string) =>
  t.database.db.selectFrom('booking').selectAll().where('request_id', '=', requestId).execute();
const requestRow = (id: string) =>
  t.database.db.selectFrom('request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const drawRow = () =>
  t.database.db.selectFrom('draw').selectAll().where('id', '=', drawId).executeTakeFirstOrThrow();

type Bundle = {
  requests: { label: string; tier: number; lost: number; siteIds: number[] }[];
  slots: { id: number; seats: number }[];
  allocation: { label: string; slotId: number }[];
  beacon: string;
};

describe('running a draw', () => {
  test('before its window closes the draw is not due, and nothing is written', async () => {
    assert.equal(await runDraw({ db: t.database.db, clock: t.clock, config: t.config }, drawId), 'not_due');
    assert.deepEqual(await runDueDraws({ db: t.database.db, clock: t.clock, config: t.config }), []);
    assert.equal((await drawRow()).status, 'open');
  });

  test('once closed it is drawn once: the tiers first, one pending booking per winner', async () => {
    t.clock.set('2029-12-20T11:00:00Z');
    const deps = { db: t.database.db, clock: t.clock, config: t.config };
    assert.deepEqual(await runDueDraws(deps), [drawId]);
    assert.equal(await runDraw(deps, drawId), 'already_drawn');
    const draw = await drawRow();
    assert.equal(draw.status, 'drawn');
    assert.equal(draw.beacon, '');
    assert.deepEqual(draw.drawn_at, new Date('2029-12-20T11:00:00Z'));
    const bundle = draw.bundle as unknown as Bundle;
    const won = new Map(bundle.allocation.map((a) => [a.label, a.slotId]));
    // 3 seats at Thonon for 7 requests: tier 0 (urgent permit, revoked appointment), then tier 1.
    assert.deepEqual(
      [...won.keys()].sort(),
      [r.urgent, r.revoked, r.soon, r.bonneville].map((x) => x?.label).sort(),
    );
    for (const winner of [r.urgent, r.revoked, r.soon, r.bonneville] as Submitted[]) {
      const bookings = await bookingsOf(winner.id);
      assert.equal(bookings.length, 1, `one booking for ${winner.label}`);
      const [booking] = bookings;
      assert.equal(booking?.status, 'pending');
      assert.equal(booking?.draw_id, drawId);
      assert.equal(booking?.slot_id, String(won.get(winner.label)));
      assert.equal(booking?.counts_for_email, true);
      assert.equal(booking?.email, winner.applicant.email);
      assert.deepEqual(booking?.hold_expires_at, new Date('2029-12-22T11:00:00Z'), '48 hours to confirm');
      const request = await requestRow(winner.id);
      assert.equal(request.status, 'won');
      assert.equal(request.booking_id, booking?.id);
    }
  });

  test('tiers and seniority as drawn; losers stay waiting with one more lost draw', async () => {
    const bundle = (await drawRow()).bundle as unknown as Bundle;
    const tierOf = new Map(bundle.requests.map((q) => [q.label, q.tier]));
    assert.equal(tierOf.get(r.urgent?.label as string), 0);
    assert.equal(tierOf.get(r.revoked?.label as string), 0);
    assert.equal(tierOf.get(r.soon?.label as string), 1);
    for (const n of [103, 104, 105, 106]) {
      const loser = r[`plain${n}`] as Submitted;
      assert.equal(tierOf.get(loser.label), 2);
      const row = await requestRow(loser.id);
      assert.equal(row.status, 'waiting');
      assert.equal(row.lost, 1);
      assert.deepEqual(await bookingsOf(loser.id), []);
    }
    const entries = await t.database.db
      .selectFrom('draw_entry')
      .innerJoin('request', 'request.id', 'draw_entry.request_id')
      .select(['request.label', 'draw_entry.tier', 'draw_entry.lost', 'draw_entry.slot_id'])
      .where('draw_id', '=', drawId)
      .execute();
    const won = new Map(bundle.allocation.map((a) => [a.label, String(a.slotId)]));
    assert.deepEqual(
      entries.map((e) => [e.label, e.tier, e.lost, e.slot_id]).sort(),
      bundle.requests.map((q) => [q.label, q.tier, q.lost, won.get(q.label) ?? null]).sort(),
    );
  });

  test('ineligible requests are closed and absent; a full address waits, out of the list', async () => {
    const bundle = (await drawRow()).bundle as unknown as Bundle;
    const labels = bundle.requests.map((q) => q.label);
    assert.equal(labels.length, 8);
    assert.deepEqual(labels, [...labels].sort(), 'listed by label');
    for (const absent of [r.booked, r.expired, r.fullAddress, r.elsewhere] as Submitted[]) {
      assert.ok(!labels.includes(absent.label), `${absent.label} is not in the list`);
    }
    assert.equal((await requestRow(r.booked?.id as string)).status, 'closed');
    assert.equal((await requestRow(r.expired?.id as string)).status, 'closed');
    const full = await requestRow(r.fullAddress?.id as string);
    assert.deepEqual([full.status, full.lost], ['waiting', 0]);
    const elsewhere = await requestRow(r.elsewhere?.id as string);
    assert.deepEqual([elsewhere.status, elsewhere.lost], ['waiting', 0]);
  });

  test('the bundle reproduces and names nobody', async () => {
    const draw = await drawRow();
    const report = verifyBundle(draw.bundle);
    assert.ok(report.ok, report.problems.join('\n'));
    assert.equal(report.allocated, 4);
    const bundle = draw.bundle as unknown as Bundle & Record<string, unknown>;
    assert.deepEqual(Object.keys(bundle).sort(), [
      'allocation',
      'beacon',
      'commitment',
      'id',
      'requests',
      'seed',
      'slots',
      'version',
    ]);
    assert.equal(bundle.seed, draw.seed.toString('hex'));
    // Slots of the period with seats, at both offices; Monday 21 is out of it.
    assert.deepEqual(
      bundle.slots.map((s) => [s.seats, (s as unknown as { start: string }).start]),
      [
        [2, '2030-01-14T09:00:00+01:00'],
        [1, '2030-01-14T10:00:00+01:00'],
        [1, '2030-01-15T14:00:00+01:00'],
      ],
    );
    const text = JSON.stringify(bundle);
    for (const who of Object.values(r)) {
      const a = who.applicant;
      for (const personal of [a.email, a.lastName, a.firstName, a.foreignerNumber, a.birthDate]) {
        assert.ok(!text.includes(personal), `the bundle holds no ${personal}`);
      }
    }
  });

  test('winners are emailed the slot and the deadline; losers that they stay in the queue', async () => {
    await t.deliverMail();
    const mails = t.mail.messages();
    for (const winner of [r.urgent, r.revoked, r.soon, r.bonneville] as Submitted[]) {
      const mail = mails.find((m) => m.to.includes(winner.applicant.email));
      assert.ok(mail, `an email to ${winner.label}`);
      assert.match(mail.subject, /Un rendez-vous vous est attribué/);
      assert.match(mail.text, new RegExp(`tirage au sort n° ${drawId} .*demande n° ${winner.label}`));
      assert.match(mail.text, /Confirmez-le avant le samedi 22 décembre 2029 à 12:00 \(heure locale\)/);
      assert.match(mail.text, /\/rendez-vous\/confirmer\?token=/);
    }
    for (const n of [103, 104, 105, 106]) {
      const loser = r[`plain${n}`] as Submitted;
      const mail = mails.find((m) => m.to.includes(loser.applicant.email));
      assert.ok(mail, `an email to ${loser.label}`);
      assert.match(mail.subject, /votre demande reste dans la file/);
      assert.match(mail.text, /1 tirage perdu/);
      assert.ok(mail.text.includes(loser.label));
    }
    assert.equal(mails.length, 8, 'nobody else is written to');
  });

  test('a win is confirmed with its emailed link; an unconfirmed win frees its seat as such', async () => {
    const [urgent] = await bookingsOf(r.urgent?.id as string);
    const mail = t.mail.messages().find((m) => m.to.includes(r.urgent?.applicant.email as string));
    const confirmed = await confirmBooking(
      { db: t.database.db, clock: t.clock, config: t.config },
      tokenFrom(mail?.text ?? '', '/rendez-vous/confirmer'),
    );
    assert.equal(confirmed.reference, urgent?.reference);
    t.clock.set('2029-12-22T11:00:01Z');
    const freed = await expireHolds({ db: t.database.db, clock: t.clock });
    const won = await t.database.db
      .selectFrom('booking')
      .select('id')
      .where('draw_id', '=', drawId)
      .where('status', '=', 'expired')
      .execute();
    assert.equal(won.length, 3, 'the three unconfirmed wins expired');
    const causeOf = new Map(freed.map((seat) => [seat.bookingId, seat.cause]));
    for (const { id } of won) assert.equal(causeOf.get(id), 'unconfirmed_win');
    // The first-come holds of the set-up expire as before.
    assert.deepEqual(
      freed.filter((seat) => !won.some((w) => w.id === seat.bookingId)).map((seat) => seat.cause),
      ['expired', 'expired', 'expired', 'expired'],
    );
  });
});
