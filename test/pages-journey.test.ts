import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { solveForTest } from '../src/modules/protection/captcha.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';

// Steps 2 to 5 of the booking journey, driven through HTML forms as a browser without JavaScript would.

interface Session {
  cookie: string;
  csrf: string;
}

async function procedureCode(t: TestApp, fixture: Fixture): Promise<string> {
  const row = await t.database.db
    .selectFrom('procedure')
    .select('code')
    .where('id', '=', fixture.procedureId)
    .executeTakeFirstOrThrow();
  return row.code;
}

function stepTwoUrl(code: string, fixture: Fixture, extra = '') {
  return `/departements/74/demarches/${code}/plage?conditions=acceptees&site=${fixture.siteId}${extra}`;
}

/** Opens step 2 and keeps the anti-forgery cookie and token its form carries. */
async function openStepTwo(t: TestApp, url: string): Promise<{ body: string; session: Session }> {
  const response = await t.app.inject({ url });
  assert.equal(response.statusCode, 200, response.body);
  const cookie = response.cookies.find((c) => c.name === 'csrf');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  assert.ok(cookie && csrf, 'step 2 sets the csrf cookie and puts the token in its form');
  return { body: response.body, session: { cookie: `csrf=${cookie.value}`, csrf } };
}

async function post(t: TestApp, url: string, session: Session | undefined, form: Record<string, string>) {
  const payload = new URLSearchParams(session ? { _csrf: session.csrf, ...form } : form).toString();
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(session ? { cookie: session.cookie } : {}),
    },
  });
}

/** The form fields of step 4 for an applicant of the fixture's procedure. */
function detailsForm(who: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(who).map(([key, value]) => [`applicant.${key}`, String(value)]));
}

/** The hidden fields of the form posting to `action`, as a browser would send them. */
function hiddenOf(body: string, action: string): Record<string, string> {
  const form = body.slice(body.indexOf(`action="${action}"`));
  const fields: Record<string, string> = {};
  for (const match of form
    .slice(0, form.indexOf('</form>'))
    .matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] as string] = (match[2] as string)
      .replaceAll('&#39;', "'")
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&');
  }
  return fields;
}

describe('booking journey pages (captcha off)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('step 2 without the accepted conditions sends the person back to the description', async () => {
    const fixture = await createFixture(t.database.db);
    const code = await procedureCode(t, fixture);
    const response = await t.app.inject({
      url: `/departements/74/demarches/${code}/plage?site=${fixture.siteId}`,
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/departements/74/demarches/${code}?erreur=conditions`);
  });

  test('step 2 shows the times of one week in the office’s local time, grouped by day', async () => {
    const fixture = await createFixture(t.database.db, { firstSlot: '2030-01-07T08:30:00Z', slots: 2 });
    const code = await procedureCode(t, fixture);
    const { body } = await openStepTwo(t, stepTwoUrl(code, fixture));
    assert.match(body, /Étape 2 sur 5/);
    assert.match(body, /<legend[^>]*>lundi 7 janvier 2030<\/legend>/);
    assert.match(body, new RegExp(`<label class="fr-label" for="plage-${fixture.slotIds[0]}">09:30`));
    assert.match(body, /for="plage-\d+">10:30/);
    assert.doesNotMatch(body, />08:30</);
    assert.match(body, /name="slotId"/);

    const english = await t.app.inject({ url: `${stepTwoUrl(code, fixture)}&lang=en` });
    assert.match(english.body, /<legend[^>]*>Monday, 7 January 2030<\/legend>/);
    assert.match(english.body, /Step 2 of 5/);
  });

  test('an office without any free slot shows the other offices and the other channels', async () => {
    const fixture = await createFixture(t.database.db);
    const code = await procedureCode(t, fixture);
    const empty = await t.database.db
      .insertInto('site')
      .values({
        department_code: '74',
        name: 'Sous-préfecture de Thonon',
        kind: 'sous_prefecture',
        address: '5 rue de la Paix, 74200 Thonon-les-Bains',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const postal = await t.database.db
      .insertInto('site')
      .values({ department_code: '74', name: 'Préfecture (courrier)', kind: 'antenne', address: 'Annecy' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('offer')
      .values([
        { procedure_id: fixture.procedureId, site_id: empty.id, channel: 'booking' },
        {
          procedure_id: fixture.procedureId,
          site_id: postal.id,
          channel: 'postal',
          instructions: 'Envoyez votre dossier complet par courrier.',
          postal_address: 'BP 2332, 74200 Thonon Cedex',
        },
      ])
      .execute();
    const response = await t.app.inject({
      url: `/departements/74/demarches/${code}/plage?conditions=acceptees&site=${empty.id}`,
    });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Aucune plage horaire disponible/);
    assert.match(response.body, new RegExp(`site=${fixture.siteId}"`), 'links to the office that has slots');
    assert.match(response.body, /Envoyez votre dossier complet par courrier\./);
    assert.match(response.body, /BP 2332, 74200 Thonon Cedex/);
    assert.match(response.body, /href="\/aide"/);
    assert.doesNotMatch(response.body, /name="slotId"/);
  });

  test('the whole journey books a pending appointment and asks to confirm it', async () => {
    const fixture = await createFixture(t.database.db, { firstSlot: '2030-01-07T08:30:00Z' });
    const code = await procedureCode(t, fixture);
    const slotId = String(fixture.slotIds[0]);
    const { session } = await openStepTwo(t, stepTwoUrl(code, fixture));

    const security = await post(t, '/rendez-vous/securite', session, { slotId });
    assert.equal(security.statusCode, 200);
    assert.match(security.body, /Étape 3 sur 5/);
    assert.match(security.body, /action="\/rendez-vous\/coordonnees"/);

    const details = await post(t, '/rendez-vous/coordonnees', session, { slotId });
    assert.equal(details.statusCode, 200);
    assert.match(details.body, /Étape 4 sur 5/);
    assert.match(details.body, /Numéro étranger/);
    assert.match(details.body, /10 chiffres, au recto de votre titre de séjour/);
    assert.match(details.body, /Code postal de votre domicile/);
    assert.match(details.body, /Je prends rendez-vous pour un proche/);

    const who = applicant(901, { foreignerNumber: '742345678' });
    const refused = await post(t, '/rendez-vous/coordonnees', session, {
      slotId,
      action: 'verifier',
      ...detailsForm(who),
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /id="erreurs" tabindex="-1"/);
    assert.match(refused.body, /href="#applicant-foreignerNumber"/);
    assert.match(refused.body, /Votre numéro est probablement 7402345678/);
    assert.match(refused.body, /<title>Erreur :/);

    const valid = applicant(902);
    const summary = await post(t, '/rendez-vous/coordonnees', session, {
      slotId,
      action: 'verifier',
      ...detailsForm(valid),
    });
    assert.equal(summary.statusCode, 200);
    assert.match(summary.body, /Étape 5 sur 5/);
    assert.match(summary.body, /lundi 7 janvier 2030 à 09:30/);
    assert.match(summary.body, new RegExp(valid.email.replace('.', '\\.')));
    assert.match(summary.body, /Valider et terminer/);
    assert.match(summary.body, /formaction="\/rendez-vous\/coordonnees"/);

    const modify = await post(t, '/rendez-vous/coordonnees', session, {
      ...hiddenOf(summary.body, '/rendez-vous/valider'),
      action: 'modifier',
    });
    assert.match(modify.body, /Étape 4 sur 5/);
    assert.ok(
      modify.body.includes(`name="applicant.email" type="email" value="${valid.email}"`),
      'Modifier keeps the values',
    );
    const result = await post(
      t,
      '/rendez-vous/valider',
      session,
      hiddenOf(summary.body, '/rendez-vous/valider'),
    );
    assert.equal(result.statusCode, 200, result.body);
    assert.match(result.body, /N&#39;oubliez pas de confirmer votre rendez-vous/);
    assert.match(result.body, new RegExp(`envoyé à ${valid.email.replace('.', '\\.')}`));
    // Held 30 minutes by default from 10:00Z (11:00 in Paris): the deadline is shown in local time.
    assert.match(result.body, /avant le jeudi 20 décembre 2029 à 11:\d\d/);
    const booking = await t.database.db
      .selectFrom('booking')
      .select(['status', 'slot_id', 'locale'])
      .where('email', '=', valid.email)
      .executeTakeFirstOrThrow();
    assert.equal(booking.status, 'pending');
    assert.equal(String(booking.slot_id), slotId);
    assert.equal(booking.locale, 'fr');
  });

  test('a form posted without its anti-forgery token is refused', async () => {
    const fixture = await createFixture(t.database.db);
    const response = await post(t, '/rendez-vous/securite', undefined, {
      slotId: String(fixture.slotIds[0]),
    });
    assert.equal(response.statusCode, 403);
  });

  test('a slot taken meanwhile sends the person back to step 2 with a message', async () => {
    const fixture = await createFixture(t.database.db, { capacity: 1, slots: 2 });
    const code = await procedureCode(t, fixture);
    const slotId = String(fixture.slotIds[0]);
    const { session } = await openStepTwo(t, stepTwoUrl(code, fixture));
    const summary = await post(t, '/rendez-vous/coordonnees', session, {
      slotId,
      action: 'verifier',
      ...detailsForm(applicant(903)),
    });
    assert.equal(summary.statusCode, 200);

    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: Number(slotId), acceptConditions: true, applicant: applicant(904) },
    });
    assert.equal(other.statusCode, 201, other.body);

    const result = await post(
      t,
      '/rendez-vous/valider',
      session,
      hiddenOf(summary.body, '/rendez-vous/valider'),
    );
    assert.equal(result.statusCode, 303);
    assert.match(String(result.headers.location), /\/plage\?conditions=acceptees&site=\d+&erreur=/);
    const back = await t.app.inject({ url: String(result.headers.location) });
    assert.match(back.body, /Cette plage vient d&#39;être prise/);
    assert.doesNotMatch(back.body, new RegExp(`value="${slotId}"`), 'the full slot is no longer offered');
  });

  test('continuing without choosing a slot returns to the same week with a message', async () => {
    const fixture = await createFixture(t.database.db);
    const code = await procedureCode(t, fixture);
    const { body, session } = await openStepTwo(t, stepTwoUrl(code, fixture));
    const response = await post(t, '/rendez-vous/securite', session, hiddenOf(body, '/rendez-vous/securite'));
    assert.equal(response.statusCode, 303);
    const back = await t.app.inject({ url: String(response.headers.location) });
    assert.match(back.body, /Choisissez une plage horaire avant de continuer/);
  });

  test('an address that could not be delivered is refused at step 4, saying how to fix it', async () => {
    // Issue 6: a zero-width space inside an address was booked, then refused by SMTP.
    const fixture = await createFixture(t.database.db);
    const code = await procedureCode(t, fixture);
    const slotId = String(fixture.slotIds[0]);
    const { session } = await openStepTwo(t, stepTwoUrl(code, fixture));
    const cases: [string, string, RegExp][] = [
      ['', 'ami\u200bna@example.org', /caractère invisible, souvent ajouté par un copier-coller/],
      ['?lang=en', 'amina@example.org\u202e', /an invisible character, often added by copying/],
      ['', 'amina😀@example.org', /contient « 😀 », qui ne peut pas être acheminé/],
      ['?lang=en', 'élodie@exemple.fr', /contains “é”, which cannot be delivered/],
    ];
    for (const [lang, email, message] of cases) {
      const form = { slotId, action: 'verifier', ...detailsForm(applicant(905, { email })) };
      const refused = await post(t, `/rendez-vous/coordonnees${lang}`, session, form);
      assert.equal(refused.statusCode, 422, email);
      assert.match(refused.body, /href="#applicant-email"/);
      assert.match(refused.body, message);
      const booked = await post(t, `/rendez-vous/valider${lang}`, session, form);
      assert.equal(booked.statusCode, 422, `${email}: step 5 refuses it too`);
    }
    const rows = await t.database.db
      .selectFrom('booking')
      .select('id')
      .where('slot_id', '=', slotId)
      .execute();
    assert.deepEqual(rows, [], 'nothing was booked');
  });
});

describe('booking journey pages (captcha on)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { CAPTCHA: 'on' } });
  });
  after(() => t.close());

  test('step 3 shows the locally served ALTCHA widget fetching our challenge', async () => {
    const fixture = await createFixture(t.database.db);
    const code = await procedureCode(t, fixture);
    const { session } = await openStepTwo(t, stepTwoUrl(code, fixture));
    const response = await post(t, '/rendez-vous/securite', session, { slotId: String(fixture.slotIds[0]) });
    assert.match(response.body, /<script type="module" src="\/assets\/[^/]+\/js\/altcha\.min\.js">/);
    assert.match(
      response.body,
      /<altcha-widget challenge="\/api\/v1\/captcha\?action=booking" name="altcha"/,
    );
    assert.match(response.body, /<noscript>/);
  });

  test('validating without a solved security check goes back to step 3 and books nothing', async () => {
    const fixture = await createFixture(t.database.db);
    const code = await procedureCode(t, fixture);
    const slotId = String(fixture.slotIds[0]);
    const { session } = await openStepTwo(t, stepTwoUrl(code, fixture));
    const who = applicant(905);
    for (const altcha of [undefined, 'bm90IGEgc29sdXRpb24=']) {
      const response = await post(t, '/rendez-vous/valider', session, {
        slotId,
        ...(altcha ? { altcha } : {}),
        ...detailsForm(who),
      });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /Étape 3 sur 5/);
      assert.match(response.body, /Le contrôle de sécurité a échoué/);
    }
    const count = await t.database.db
      .selectFrom('booking')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('email', '=', who.email)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);

    const challenge = (await t.app.inject({ url: '/api/v1/captcha' })).json();
    const solved = await post(t, '/rendez-vous/valider', session, {
      slotId,
      altcha: await solveForTest(challenge),
      ...detailsForm(who),
    });
    assert.equal(solved.statusCode, 200, solved.body);
    assert.match(solved.body, /N&#39;oubliez pas de confirmer/);
  });
});
