import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, createAgent, scope, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';

// Issue 10 point 7 (seeds/004): the review groups active bookings by shared address (as a mailbox
// receives it), phone, or near-identical names; an administrator revokes a selection in bulk with a
// reason, all or none, each person notified once; a site manager may not review (fraud.review).

let t: TestApp;
let fixture: Fixture;
let admin: string;
let manager: string;
let adminCookie: string;

before(async () => {
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
  fixture = await createFixture(t.database.db, { slots: 4, capacity: 3, firstSlot: '2030-01-14T08:00:00Z' });
  const token = async (role: 'administrator' | 'site_manager') =>
    bearer(
      t.database.db,
      (await createAgent(t.database.db, t.config, { grants: [{ role, scope: scope('74') }] })).id,
      t.clock.now(),
    );
  admin = await token('administrator');
  const agent = await createAgent(t.database.db, t.config, {
    grants: [{ role: 'administrator', scope: scope('74') }],
  });
  adminCookie = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
  manager = await token('site_manager');
});
after(() => t.close());

async function book(slotIndex: number, overrides: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: {
      slotId: fixture.slotIds[slotIndex],
      acceptConditions: true,
      applicant: applicant(undefined, overrides),
    },
  });
  assert.equal(response.statusCode, 201, response.body);
  return (response.json() as { reference: string }).reference;
}

describe('the suspicious-bookings review', () => {
  test('groups with their reasons, then a bulk revocation with a reason, once', async () => {
    const a = await book(0, { email: 'revendeur+1@gmail.com', lastName: 'Kone', firstName: 'Moussa' });
    const b = await book(1, { email: 're.vendeur+2@gmail.com', lastName: 'Traore', firstName: 'Awa' });
    const c = await book(2, { lastName: 'Diallo', firstName: 'Fatoumata' });
    const d = await book(3, { lastName: 'Dialo', firstName: 'Fatoumata' });
    await book(0, { lastName: 'Martin', firstName: 'Lucie' });

    const refused = await t.app.inject({
      url: '/api/v1/admin/suspicious-bookings',
      headers: { authorization: manager },
    });
    assert.equal(refused.statusCode, 403);
    const review = await t.app.inject({
      url: '/api/v1/admin/suspicious-bookings?department=74',
      headers: { authorization: admin },
    });
    assert.equal(review.statusCode, 200, review.body);
    const groups = review
      .json()
      .groups.map((g: { reason: string; bookings: { reference: string }[] }) => [
        g.reason,
        g.bookings.map((x) => x.reference).sort(),
      ]);
    assert.deepEqual(groups, [
      ['email', [a, b].sort()],
      ['name', [c, d].sort()],
    ]);

    const revoke = (references: string[], authorization = admin) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/bookings/revocations',
        headers: { authorization },
        payload: { references, reason: 'Réservations multiples sous des identités proches' },
      });
    const unknown = await revoke([a, '74-AAAA-AAAA']);
    assert.equal(unknown.statusCode, 404);
    assert.equal((await revoke([])).statusCode, 422);
    const done = await revoke([a, b, c, d]);
    assert.deepEqual(done.json(), { revoked: 4 });
    assert.deepEqual((await revoke([a, b])).json(), { revoked: 0 }, 'a retry revokes nothing more');
    const notices = await t.database.db
      .selectFrom('outbox')
      .select('id')
      .where('event', '=', 'booking.revoked')
      .where('channel', '=', 'email')
      .execute();
    assert.equal(notices.length, 4);
    const audit = await t.database.db
      .selectFrom('audit_entry')
      .select('after')
      .where('action', '=', 'booking.revoke_bulk')
      .execute();
    assert.deepEqual(
      audit.map((e) => (e.after as { revoked: number }).revoked),
      [4, 0],
    );
    const after = await t.app.inject({
      url: '/api/v1/admin/suspicious-bookings',
      headers: { authorization: admin },
    });
    assert.deepEqual(after.json().groups, []);
  });
});

describe('the review page', () => {
  test('ticks and a reason revoke the chosen bookings; no reason is refused naming it', async () => {
    const a = await book(1, { phone: '+33699887766', lastName: 'Sow', firstName: 'Ibrahima' });
    const b = await book(2, { phone: '+33699887766', lastName: 'Camara', firstName: 'Mariama' });
    const page = await t.app.inject({ url: '/agents/signalements', headers: { cookie: adminCookie } });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Même téléphone — 2 rendez-vous/);
    assert.match(page.body, /href="\/agents\/signalements"[^>]*aria-current/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const csrfCookie = page.cookies.find((c) => c.name === 'csrf')?.value ?? '';
    const submit = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/agents/signalements',
        headers: {
          cookie: `${adminCookie}; csrf=${csrfCookie}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload,
      });
    const form = (reason: string) =>
      new URLSearchParams([
        ['_csrf', csrf],
        [`ref-${a}`, '1'],
        [`ref-${b}`, '1'],
        ['reason', reason],
      ]).toString();
    const missing = await submit(form(''));
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Indiquez le motif/);
    const done = await submit(form('Même téléphone pour deux identités'));
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /2 rendez-vous annulés/);
    assert.doesNotMatch(done.body, /Même téléphone — 2/);
  });
});
