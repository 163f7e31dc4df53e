import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText } from 'unpdf';
import { signReceipt } from '../src/modules/convocation/receipt-token.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant } from './helpers/fixtures.ts';
import {
  createDrawFixture,
  type DrawFixture,
  requestBody,
  requestIdOf,
  requestTokenOf,
} from './helpers/requests.ts';

// The request journey and the pages behind a request's emailed link (issue 9 point 2), driven through
// HTML forms as a browser without JavaScript would (captcha off).

let t: TestApp;
let fixture: DrawFixture;
/** A procedure offered by draw only (no booking offer) at one office of 74. */
let drawOnly: { code: string; siteId: number };

before(async () => {
  t = await createTestApp();
  fixture = await createDrawFixture(t.database.db);
  const procedure = await t.database.db
    .insertInto('procedure')
    .values({
      code: `renouvellement-tirage-${Math.random().toString(36).slice(2, 6)}`,
      title: '3.2 Renouvellement de carte de séjour pluriannuelle',
      duration_minutes: 20,
      requires_foreigner_number: true,
      requires_postal_code: true,
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('offer')
    .values({ procedure_id: procedure.id, site_id: fixture.drawSiteIds[1], channel: 'draw' })
    .execute();
  drawOnly = { code: procedure.code, siteId: fixture.drawSiteIds[1] };
});
after(() => t.close());

interface Session {
  cookie: string;
  csrf: string;
}

function sessionOf(response: { body: string; cookies: { name: string; value: string }[] }): Session {
  const cookie = response.cookies.find((c) => c.name === 'csrf');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  assert.ok(cookie && csrf, 'the page sets the csrf cookie and puts the token in its form');
  return { cookie: `csrf=${cookie.value}`, csrf };
}

function post(url: string, session: Session, form: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ _csrf: session.csrf, ...form }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
  });
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

const formUrl = (code: string) => `/departements/74/demarches/${code}/demande?conditions=acceptees`;

describe('step 1 of a procedure offered by draw', () => {
  test('it explains the draw, says no window is announced and leads to the request form', async () => {
    const page = await t.app.inject({ url: `/departements/74/demarches/${drawOnly.code}` });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Rendez-vous attribués par tirage au sort/);
    assert.match(page.body, /Aucune période de dépôt n’est annoncée/);
    assert.match(page.body, /Choix des lieux et des horaires/, 'the request journey’s steps');
    assert.match(page.body, new RegExp(`action="/departements/74/demarches/${drawOnly.code}/demande"`));
    assert.match(page.body, /Déposer une demande de rendez-vous/);
    assert.match(page.body, /Étape 1 sur 5/);
  });

  test('beside a booking offer, the same form leads to both ways', async () => {
    const page = await t.app.inject({ url: `/departements/74/demarches/${fixture.procedureCode}` });
    assert.match(page.body, new RegExp(`action="/departements/74/demarches/${fixture.procedureCode}/plage"`));
    assert.match(
      page.body,
      new RegExp(`formaction="/departements/74/demarches/${fixture.procedureCode}/demande"`),
    );
  });
});

describe('the request journey', () => {
  test('the form without the accepted conditions sends back to step 1; a procedure without draw is a 404', async () => {
    const back = await t.app.inject({ url: `/departements/74/demarches/${drawOnly.code}/demande` });
    assert.equal(back.statusCode, 303);
    assert.equal(back.headers.location, `/departements/74/demarches/${drawOnly.code}?erreur=conditions`);
    const other = await t.database.db
      .insertInto('procedure')
      .values({ code: `sans-tirage-${Date.now()}`, title: 'Sans tirage', duration_minutes: 20 })
      .returning('code')
      .executeTakeFirstOrThrow();
    const unknown = await t.app.inject({ url: formUrl(other.code) });
    assert.equal(unknown.statusCode, 404);
  });

  test('step 2 lists the département’s draw offices only, the fourteen half-days and the earliest date', async () => {
    const page = await t.app.inject({ url: formUrl(fixture.procedureCode) });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Étape 2 sur 5/);
    for (const id of fixture.drawSiteIds) assert.match(page.body, new RegExp(`name="site-${id}"`));
    assert.doesNotMatch(
      page.body,
      new RegExp(`name="site-${fixture.siteId}"`),
      'not the booking-only office',
    );
    assert.doesNotMatch(
      page.body,
      new RegExp(`name="site-${fixture.otherDepartmentSiteId}"`),
      'not another département’s',
    );
    assert.equal([...page.body.matchAll(/type="checkbox" id="jour-/g)].length, 14);
    assert.match(page.body, /<label class="fr-label" for="jour-tue-pm">mardi après-midi/);
    assert.match(page.body, /name="earliest" type="date"/);
    assert.match(page.body, /L’ordre d’arrivée ne compte pas/);
    const english = await t.app.inject({ url: `${formUrl(fixture.procedureCode)}&lang=en` });
    assert.match(english.body, /for="jour-tue-pm">Tuesday afternoon/);
  });

  test('no office ticked or a past date: step 2 again with the errors, the choices kept', async () => {
    const form = await t.app.inject({ url: formUrl(fixture.procedureCode) });
    const session = sessionOf(form);
    const address = { departement: '74', demarche: fixture.procedureCode };
    const none = await post('/demandes/securite', session, { ...address, 'jour-mon-am': 'oui' });
    assert.equal(none.statusCode, 422, none.body);
    assert.match(none.body, /href="#siteIds"/);
    assert.match(none.body, /Cochez au moins un lieu/);
    assert.match(none.body, /id="jour-mon-am" name="jour-mon-am" value="oui" checked/);
    assert.match(none.body, /<title>Erreur :/);
    const past = await post('/demandes/securite', session, {
      ...address,
      [`site-${fixture.drawSiteIds[0]}`]: 'oui',
      earliest: '01/12/2029',
    });
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /Cette date est déjà passée/);
    const tampered = await post('/demandes/securite', session, {
      ...address,
      [`site-${fixture.otherDepartmentSiteId}`]: 'oui',
    });
    assert.equal(tampered.statusCode, 422, 'an office of another département is refused');
  });

  test('the whole journey records a request: the label, the receipt, the reminder that arrival order does not count', async () => {
    const form = await t.app.inject({ url: formUrl(fixture.procedureCode) });
    const session = sessionOf(form);
    const security = await post('/demandes/securite', session, {
      departement: '74',
      demarche: fixture.procedureCode,
      [`site-${fixture.drawSiteIds[0]}`]: 'oui',
      [`site-${fixture.drawSiteIds[1]}`]: 'oui',
      'jour-thu-am': 'oui',
      earliest: '2030-01-20',
    });
    assert.equal(security.statusCode, 200, security.body);
    assert.match(security.body, /Étape 3 sur 5/);
    assert.match(security.body, /jeudi matin/);
    const details = await post(
      '/demandes/coordonnees',
      session,
      hiddenOf(security.body, '/demandes/coordonnees'),
    );
    assert.equal(details.statusCode, 200);
    assert.match(details.body, /Étape 4 sur 5/);
    assert.match(details.body, /Je fais la demande pour un proche/);
    const who = applicant();
    const identity = Object.fromEntries(Object.entries(who).map(([k, v]) => [`applicant.${k}`, String(v)]));
    const carried = hiddenOf(details.body, '/demandes/coordonnees');
    const wrong = await post('/demandes/coordonnees', session, {
      ...carried,
      ...identity,
      'applicant.postalCode': '75001',
      action: 'verifier',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /href="#applicant-postalCode"/);
    const summary = await post('/demandes/coordonnees', session, {
      ...carried,
      ...identity,
      action: 'verifier',
    });
    assert.equal(summary.statusCode, 200, summary.body);
    assert.match(summary.body, /Étape 5 sur 5/);
    assert.match(summary.body, /Sous-préfecture de Bonneville/);
    assert.match(summary.body, /dimanche 20 janvier 2030/);
    const result = await post('/demandes/valider', session, hiddenOf(summary.body, '/demandes/valider'));
    assert.equal(result.statusCode, 200, result.body);
    assert.match(result.body, /Demande enregistrée/);
    const label = /class="creneau-label">([0-9A-Z]{10})</.exec(result.body)?.[1];
    assert.ok(label);
    assert.match(result.body, /l’ordre d’arrivée ne compte pas/);
    const receipt = /href="(\/demandes\/[0-9A-Z]{10}\/recepisse\.pdf\?token=[^"]+)"/.exec(result.body)?.[1];
    assert.ok(receipt);
    const pdf = await t.app.inject({ url: receipt });
    assert.equal(pdf.statusCode, 200);
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    assert.match(text, new RegExp(label));
    assert.doesNotMatch(text, new RegExp(who.foreignerNumber), 'the receipt holds no personal data');
    const row = await t.database.db
      .selectFrom('request')
      .selectAll()
      .where('label', '=', label)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.half_days, ['thu-am']);
    assert.equal(row.earliest, '2030-01-20');
    assert.equal(row.email, who.email);
  });

  test('a POST step opened by its address asks to start again', async () => {
    for (const path of [
      '/demandes/securite',
      '/demandes/coordonnees',
      '/demandes/valider',
      '/demandes/choix',
    ]) {
      const page = await t.app.inject({ url: path });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Reprenez votre demande/);
    }
  });
});

async function madeRequest() {
  const who = applicant();
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    payload: requestBody(fixture, undefined, { applicant: who }),
  });
  assert.equal(response.statusCode, 201, response.body);
  const { label } = response.json() as { label: string };
  const token = await requestTokenOf(
    t.database.db,
    await requestIdOf(t.database.db, label),
    t.config.secretKey,
  );
  return { label, token, who };
}

describe('the request’s page behind its emailed link', () => {
  test('the emailed link opens the request: status, lost draws, choices, receipt, withdrawal', async () => {
    const { label, who } = await madeRequest();
    await t.deliverMail();
    const email = t.mail.messages().find((m) => m.to.includes(who.email));
    assert.ok(email);
    const token = tokenFrom(email.text, `/demandes/${label}`);
    const page = await t.app.inject({ url: `/demandes/${label}?token=${token}` });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, new RegExp(`Demande n° ${label}`));
    assert.match(page.body, /En attente du prochain tirage/);
    assert.match(page.body, /Tirages passés sans rendez-vous<\/dt><dd>0</);
    assert.match(page.body, /lundi matin, mardi après-midi/);
    assert.match(page.body, new RegExp(`href="/demandes/${label}/recepisse.pdf\\?token=`));
    assert.match(page.body, new RegExp(`href="/demandes/${label}/retirer\\?token=`));
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  test('withdrawing asks to confirm, then withdraws with a POST; opening the link changes nothing', async () => {
    const { label, token } = await madeRequest();
    const confirm = await t.app.inject({ url: `/demandes/${label}/retirer?token=${token}` });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Confirmez-vous le retrait de cette demande/);
    assert.match(confirm.body, /Oui, je retire ma demande/);
    assert.match(confirm.body, /Non, finalement je conserve ma demande/);
    const status = async () =>
      (
        await t.database.db
          .selectFrom('request')
          .select('status')
          .where('label', '=', label)
          .executeTakeFirstOrThrow()
      ).status;
    assert.equal(await status(), 'waiting');
    const done = await post(`/demandes/${label}/retirer`, sessionOf(confirm), { token });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Votre demande est retirée/);
    assert.equal(await status(), 'withdrawn');
    const again = await t.app.inject({ url: `/demandes/${label}/retirer?token=${token}` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /ne peut plus être retirée/);
  });

  test('a bad token shows a page saying so (404), never the request', async () => {
    const { label } = await madeRequest();
    for (const url of [
      `/demandes/${label}?token=nope`,
      `/demandes/${label}/recepisse.pdf?token=${'A'.repeat(43)}`,
    ]) {
      const page = await t.app.inject({ url, headers: { accept: 'text/html' } });
      assert.equal(page.statusCode, 404, url);
      const main = page.body.slice(page.body.indexOf('<main'), page.body.indexOf('</main>'));
      assert.match(main, /Lien inutilisable/);
      assert.doesNotMatch(main, new RegExp(label), 'nothing of the request is shown');
    }
  });
});

describe('/verifier recognises a receipt', () => {
  test('a genuine receipt shows its label, procedure, offices and times, and whether the request still waits', async () => {
    const { label } = await madeRequest();
    const row = await t.database.db
      .selectFrom('request')
      .selectAll()
      .where('label', '=', label)
      .executeTakeFirstOrThrow();
    const claims = {
      label,
      procedureId: fixture.procedureId,
      siteIds: row.site_ids,
      halfDays: row.half_days,
      earliest: row.earliest,
      submittedAt: row.updated_at.toISOString(),
      issuedAt: t.clock.now().toISOString(),
    };
    const page = await t.app.inject({
      url: `/verifier?code=${encodeURIComponent(signReceipt(claims, t.config.secretKey))}`,
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Récépissé authentique/);
    assert.match(page.body, new RegExp(`<td>${label}</td>`));
    assert.match(page.body, /Sous-préfecture de Thonon-les-Bains/);
    assert.match(page.body, /toujours en attente/);
    const older = signReceipt({ ...claims, submittedAt: '2029-01-01T00:00:00.000Z' }, t.config.secretKey);
    const stale = await t.app.inject({ url: `/verifier?code=${encodeURIComponent(older)}` });
    assert.match(stale.body, /un récépissé plus récent existe/);
  });

  test('a tampered receipt, or one signed with another key, is not recognised', async () => {
    const genuine = signReceipt(
      {
        label: 'K7M3QX9PA2',
        procedureId: 1,
        siteIds: [1],
        halfDays: [],
        earliest: null,
        submittedAt: '2030-01-01T00:00:00.000Z',
        issuedAt: '2030-01-01T00:00:00.000Z',
      },
      t.config.secretKey,
    );
    const [version, payload, signature] = genuine.split('.') as [string, string, string];
    const altered = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('K7M3QX9PA2', 'K7M3QX9PA3'),
    ).toString('base64url');
    const foreign = signReceipt(
      {
        label: 'K7M3QX9PA2',
        procedureId: 1,
        siteIds: [1],
        halfDays: [],
        earliest: null,
        submittedAt: '2030-01-01T00:00:00.000Z',
        issuedAt: '2030-01-01T00:00:00.000Z',
      },
      'another-secret-key-another-secret-key',
    );
    for (const code of [`${version}.${altered}.${signature}`, foreign, `c1.${payload}.${signature}`]) {
      const page = await t.app.inject({ url: `/verifier?code=${encodeURIComponent(code)}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Code non reconnu/);
      assert.doesNotMatch(page.body, /authentique/);
    }
  });
});
