import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newAgentCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { bookingIn, qrOf } from './helpers/check-in.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';

// Issue 10 point 2 (decision 0042): the reception's page /agents/accueil over HTTP — the scanner's
// form, the identity comparison field by field, the refusals in words (the other day named), the
// correction's form for those who may correct, and the camera allowed on this page only.

let t: TestApp;
let fixture: Fixture;
let today: { slotId: number; procedureId: number };
let tomorrow: { slotId: number; procedureId: number };
let manager: string;
let agent: string;
let viewer: string;

before(async () => {
  t = await createTestApp({ now: '2030-01-07T07:00:00Z' });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 25, capacity: 20, firstSlot: '2030-01-07T08:00:00Z' });
  today = { slotId: fixture.slotIds[0] ?? 0, procedureId: fixture.procedureId };
  tomorrow = { slotId: fixture.slotIds[24] ?? 0, procedureId: fixture.procedureId };
  manager = await newAgentCookie(t, 'site_manager');
  agent = await newAgentCookie(t, 'agent');
  viewer = await newAgentCookie(t, 'viewer');
});
after(() => t.close());

async function open(cookie: string, url = '/agents/accueil') {
  const page = await t.app.inject({ url, headers: { cookie, accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const csrfCookie = page.cookies.find((c) => c.name === 'csrf')?.value ?? '';
  return { page, csrf, csrfCookie };
}

async function post(cookie: string, url: string, fields: Record<string, string>) {
  const { csrf, csrfCookie } = await open(cookie);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: `${cookie}; csrf=${csrfCookie}`, accept: 'text/html' },
    payload: { _csrf: csrf, ...fields },
  });
}

describe('the reception’s page', () => {
  test('the empty page: a focused field for the scanner, the reference, the camera’s button hidden until the script shows it', async () => {
    const { page } = await open(agent);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<input class="fr-input" id="qr" name="qr"[^>]*autofocus>/);
    assert.match(page.body, /name="reference"/);
    assert.match(page.body, /data-camera-start hidden>Lire avec la caméra</);
    assert.match(page.body, /js\/jsqr\.js/);
    assert.match(page.body, /js\/check-in\.js/);
    assert.match(page.body, /href="\/agents\/accueil"[^>]*>Accueil des usagers/);
  });

  test('the camera is allowed on this page, and on no other', async () => {
    const { page } = await open(agent);
    assert.equal(page.headers['permissions-policy'], 'camera=(self), microphone=(), geolocation=()');
    const agenda = await t.app.inject({
      url: '/agents/agenda',
      headers: { cookie: agent, accept: 'text/html' },
    });
    assert.equal(agenda.headers['permissions-policy'], 'camera=(), microphone=(), geolocation=()');
    const home = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    assert.equal(home.headers['permissions-policy'], 'camera=(), microphone=(), geolocation=()');
    const refused = await t.app.inject({
      url: '/agents/accueil',
      headers: { cookie: viewer, accept: 'text/html' },
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.headers['permissions-policy'], 'camera=(), microphone=(), geolocation=()');
  });

  test('a scanned code: the booking, and the two identities field by field, a difference said in words', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed', { firstName: 'Samirah' });
    const qr = await qrOf(t.database.db, booking.reference, t.config.secretKey);
    await t.database.db.transaction().execute(async (trx) => {
      const after = {
        lastName: 'Benali',
        firstName: 'Samira',
        birthDate: '1990-04-12',
        foreignerNumber: booking.foreignerNumber,
      };
      await trx
        .insertInto('identity_correction')
        .values({
          booking_id: booking.id,
          at: t.clock.now(),
          agent_id: null,
          reason: 'Préparation du test',
          before: JSON.stringify({ ...after, firstName: 'Samirah' }),
          after: JSON.stringify(after),
        })
        .execute();
      await trx.updateTable('booking').set({ first_name: 'Samira' }).where('id', '=', booking.id).execute();
    });
    const page = await post(agent, '/agents/accueil', { qr, reference: '' });
    assert.equal(page.statusCode, 200, page.body);
    assert.equal(page.headers['permissions-policy'], 'camera=(self), microphone=(), geolocation=()');
    assert.match(page.body, /Samira Benali est enregistré\(e\) : en attente d’appel/);
    assert.match(page.body, new RegExp(booking.reference));
    assert.match(page.body, /lundi 7 janvier 2030 (à )?09:00/);
    assert.match(page.body, /1 champ diffère entre la convocation et la réservation/);
    assert.match(
      page.body,
      /<th scope="row">Prénom<\/th><td>Samirah<\/td><td>Samira<\/td><td><p class="fr-badge fr-badge--warning fr-badge--sm">Différent : vérifiez la pièce/,
    );
    assert.match(
      page.body,
      /<th scope="row">Nom<\/th><td>Benali<\/td><td>Benali<\/td><td><p class="fr-badge fr-badge--success fr-badge--sm">Identique/,
    );
    // An agent does not hold booking.correct_identity: no correction form.
    assert.doesNotMatch(page.body, /accueil\/identite/);
  });

  test('a reference typed into the scanner’s field is taken as a reference', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed');
    const page = await post(agent, '/agents/accueil', { qr: booking.reference, reference: '' });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /aucune identité signée à comparer/);
  });

  test('the refusals in words: another day named, a tampered code', async () => {
    const booking = await bookingIn(t.database.db, tomorrow, 'confirmed');
    const qr = await qrOf(t.database.db, booking.reference, t.config.secretKey);
    const wrongDay = await post(agent, '/agents/accueil', { qr, reference: '' });
    assert.equal(wrongDay.statusCode, 409);
    assert.match(
      wrongDay.body,
      /Ce rendez-vous est prévu le mardi 8 janvier 2030, pas aujourd&#39;hui\.|Ce rendez-vous est prévu le mardi 8 janvier 2030, pas aujourd'hui\./,
    );
    const form = await open(agent);
    const inEnglish = await t.app.inject({
      method: 'POST',
      url: '/agents/accueil?lang=en',
      headers: { cookie: `${agent}; csrf=${form.csrfCookie}`, accept: 'text/html' },
      payload: { _csrf: form.csrf, qr, reference: '' },
    });
    assert.match(inEnglish.body, /This appointment is on Tuesday(,)? 8 January 2030, not today\./);
    const tampered = await post(agent, '/agents/accueil', {
      qr: `${qr.slice(0, 10)}x${qr.slice(11)}`,
      reference: '',
    });
    assert.equal(tampered.statusCode, 422);
    assert.match(tampered.body, /pas celui d’une convocation authentique/);
  });

  test('a manager corrects the identity from the page: the booking’s identity changes, the comparison follows', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed', { lastName: 'Benalli' });
    const scanned = await post(manager, '/agents/accueil', { qr: '', reference: booking.reference });
    assert.match(scanned.body, /action="\/agents\/accueil\/identite"/);
    const fields = {
      reference: booking.reference,
      qr: '',
      lastName: 'Benali',
      firstName: 'Samira',
      birthDate: '1990-04-12',
      foreignerNumber: booking.foreignerNumber ?? '',
    };
    const noReason = await post(manager, '/agents/accueil/identite', { ...fields, reason: '' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /aria-invalid="true" aria-describedby="reason-messages"/);
    const row = () =>
      t.database.db
        .selectFrom('booking')
        .select('last_name')
        .where('id', '=', booking.id)
        .executeTakeFirstOrThrow();
    assert.equal((await row()).last_name, 'Benalli');
    const done = await post(manager, '/agents/accueil/identite', {
      ...fields,
      reason: 'Nom mal orthographié',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Identité corrigée : Nom\./);
    assert.equal((await row()).last_name, 'Benali');
  });
});
