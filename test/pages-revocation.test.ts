import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAgent, scope, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { addSlot, applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { tokensOf } from './helpers/invariants.ts';

// The back office's revocations page (/agents/annulations), twin of the admin API: one booking by
// its reference, a site's period after a confirmation step listing what it revokes; and the revoked
// person's page to book again first (/rendez-vous/priorite).

let t: TestApp;
let fixture: Fixture;
let cookie: string;

before(async () => {
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
  fixture = await createFixture(t.database.db, { slots: 3, capacity: 1, firstSlot: '2030-01-14T08:00:00Z' });
  const agent = await createAgent(t.database.db, t.config, {
    grants: [{ role: 'site_manager', scope: scope('74') }],
  });
  cookie = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
});
after(() => t.close());

async function confirmed(slotId: number) {
  const who = applicant();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId, acceptConditions: true, applicant: who },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { id, reference } = created.json() as { id: number; reference: string };
  const tokens = await tokensOf(t.database.db, String(id), t.config.secretKey);
  await t.app.inject({ method: 'POST', url: '/api/v1/bookings/confirm', payload: { token: tokens.confirm } });
  return { id: String(id), reference, who };
}

/** A page's form fields and the cookies to send them with. */
async function open(url: string, headers: Record<string, string> = { cookie }) {
  const page = await t.app.inject({ url, headers });
  assert.equal(page.statusCode, 200, page.body);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const csrfCookie = page.cookies.find((c) => c.name === 'csrf')?.value;
  assert.ok(csrf && csrfCookie);
  return { page, csrf, csrfCookie };
}

async function post(
  url: string,
  fields: Record<string, string>,
  from = '/agents/annulations',
  session = cookie,
) {
  const { csrf, csrfCookie } = await open(from, session ? { cookie: session } : {});
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: `${session ? `${session}; ` : ''}csrf=${csrfCookie}` },
    payload: { _csrf: csrf, ...fields },
  });
}

describe('the revocations page', () => {
  test('a period: the confirmation step lists the bookings, confirming revokes them once', async () => {
    const a = await confirmed(fixture.slotIds[0] as number);
    const b = await confirmed(fixture.slotIds[1] as number);
    const { page } = await open(`/agents/annulations?service=${fixture.siteId}`);
    assert.match(page.body, new RegExp(`<option value="${fixture.siteId}" selected`));
    assert.match(page.body, /href="\/agents\/annulations"[^>]*aria-current/);
    const fields = {
      siteId: String(fixture.siteId),
      from: '2030-01-14',
      to: '2030-01-14',
      reason: 'Grève du personnel',
    };

    const missing = await post('/agents/annulations/verifier', { ...fields, reason: '' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Indiquez le motif de l’annulation/);

    const preview = await post('/agents/annulations/verifier', fields);
    assert.equal(preview.statusCode, 200, preview.body);
    assert.match(preview.body, /2 rendez-vous seront annulés/);
    assert.ok(preview.body.includes(a.reference) && preview.body.includes(b.reference));
    const still = await t.database.db
      .selectFrom('booking')
      .select('status')
      .where('id', 'in', [a.id, b.id])
      .execute();
    assert.deepEqual(
      still.map((s) => s.status),
      ['confirmed', 'confirmed'],
      'nothing revoked before confirming',
    );

    const back = await post('/agents/annulations/modifier', fields);
    assert.equal(back.statusCode, 200, back.body);
    assert.match(back.body, new RegExp(`<option value="${fixture.siteId}" selected`));
    assert.match(back.body, /id="from" name="from" type="date" value="2030-01-14"/);
    assert.match(back.body, /value="Grève du personnel"/);
    assert.doesNotMatch(back.body, /fr-alert--error/);

    const done = await post('/agents/annulations/periode', fields);
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /2 rendez-vous annulés ; chaque personne est prévenue/);
    assert.match(done.body, /Le service est fermé le lundi 14 janvier 2030/, 'the day is closed (0049)');
    const again = await post('/agents/annulations/periode', fields);
    assert.match(again.body, /Aucun rendez-vous n’a été annulé/);
    const notices = await t.database.db
      .selectFrom('outbox')
      .select('id')
      .where('event', '=', 'booking.revoked')
      .execute();
    assert.equal(notices.length, 4, 'one email and one SMS row each, once');
  });

  test('one booking by its reference; an unknown reference is said so', async () => {
    // The 14th is closed now: a slot of another day.
    const slotId = await addSlot(t.database.db, fixture.offerId, '2030-01-16T08:00:00Z', 1);
    const c = await confirmed(slotId);
    const unknown = await post('/agents/annulations/rendez-vous', {
      reference: '74-AAAA-AAAA',
      reason: 'Erreur de saisie',
    });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Aucun rendez-vous ne porte cette référence/);
    const done = await post('/agents/annulations/rendez-vous', {
      reference: c.reference,
      reason: 'Agent absent',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, new RegExp(`Le rendez-vous ${c.reference} est annulé`));

    // The revoked person's link: their kept seat offered, booked again in one step.
    await t.deliverMail();
    const mail = await t.mail.waitFor(
      (m) => m.to.includes(c.who.email) && m.subject.includes('annulé par la préfecture'),
    );
    const token = tokenFrom(mail.text, 'http://creneau.test/rendez-vous/priorite');
    const url = `/rendez-vous/priorite?token=${token}`;
    const { page } = await open(url, {});
    assert.match(page.body, new RegExp(`name="slotId" value="${slotId}"`));
    const booked = await post('/rendez-vous/priorite', { token, slotId: String(slotId) }, url, '');
    assert.equal(booked.statusCode, 200, booked.body);
    assert.match(booked.body, /Votre rendez-vous est confirmé/);
    const used = await t.app.inject({ url });
    assert.equal(used.statusCode, 409);
    assert.match(used.body, /Ce lien a déjà servi/);
  });
});
