import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText } from 'unpdf';
import { solveForTest } from '../src/modules/protection/captcha.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createNameIdentityProcedure } from './helpers/fixtures.ts';
import {
  createDrawFixture,
  type DrawFixture,
  requestBody,
  requestCounts,
  requestIdOf,
  requestTokenOf,
} from './helpers/requests.ts';

// The certificate of unavailability (issue 9 item 8), on a fixed data set: the draw fixture's renewal
// (a booking office at Annecy with free slots on 7 January 2030, two draw offices) and a first request
// whose only slot lies beyond the horizon, so that step 2 finds nothing. The clock: 20 December 2029.

interface Session {
  cookie: string;
  csrf: string;
}

const NOW = '2029-12-20T10:00:00Z';

function sessionOf(response: { body: string; cookies: { name: string; value: string }[] }): Session {
  const cookie = response.cookies.find((c) => c.name === 'csrf');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  assert.ok(cookie && csrf, 'the page sets the csrf cookie and puts the token in its form');
  return { cookie: `csrf=${cookie.value}`, csrf };
}

async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/gu, ' ');
}

/** The signed code printed as text on a certificate (its lines joined again). */
async function codeOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  const code = /a1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}/.exec(text.replace(/\s+/gu, ''))?.[0];
  assert.ok(code, `no code in: ${text}`);
  return code;
}

async function openForm(t: TestApp, departmentCode: string, procedureCode: string) {
  const url = `/attestation?departement=${departmentCode}&demarche=${procedureCode}`;
  const page = await t.app.inject({ url });
  assert.equal(page.statusCode, 200, page.body);
  return { page, session: sessionOf(page) };
}

function submit(t: TestApp, session: Session, form: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url: '/attestation',
    payload: new URLSearchParams({ _csrf: session.csrf, ...form }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
  });
}

/** The form's fields for an identity, as a browser posts them. */
function identity(
  departmentCode: string,
  procedureCode: string,
  person: { lastName: string; firstName: string; birthDate: string; email: string; foreignerNumber?: string },
) {
  return {
    departement: departmentCode,
    demarche: procedureCode,
    'applicant.lastName': person.lastName,
    'applicant.firstName': person.firstName,
    'applicant.birthDate': person.birthDate,
    'applicant.foreignerNumber': person.foreignerNumber ?? '',
    'applicant.email': person.email,
  };
}

const verify = (t: TestApp, code: string) =>
  t.app.inject({ url: `/verifier?code=${encodeURIComponent(code)}` });

describe('the certificate of unavailability (captcha off)', () => {
  let t: TestApp;
  let fixture: DrawFixture;
  let firstRequest: { code: string };
  /** The identity with a request waiting since 3 December 2029, two draws lost. */
  const waiting = applicant(901);
  let label: string;

  before(async () => {
    t = await createTestApp({ now: NOW });
    fixture = await createDrawFixture(t.database.db);
    const nothing = await createNameIdentityProcedure(t.database.db, {
      siteId: fixture.siteId,
      starts: ['2031-01-06T08:00:00Z'],
      capacity: 1,
    });
    firstRequest = await t.database.db
      .selectFrom('procedure')
      .select('code')
      .where('id', '=', nothing.procedureId)
      .executeTakeFirstOrThrow();
    t.clock.set('2029-12-03T09:00:00Z');
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: requestBody(fixture, 901, { applicant: waiting }),
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    label = submitted.json().label;
    await t.database.db.updateTable('request').set({ lost: 2 }).where('label', '=', label).execute();
    t.clock.set(NOW);
  });
  after(() => t.close());

  test('step 2 finding no slot links to the form, whose address names only the procedure', async () => {
    const step2 = await t.app.inject({
      url: `/departements/74/demarches/${firstRequest.code}/plage?conditions=acceptees&site=${fixture.siteId}`,
    });
    assert.equal(step2.statusCode, 200, step2.body);
    assert.match(step2.body, /Aucune plage horaire disponible/);
    assert.match(
      step2.body,
      new RegExp(`href="/attestation\\?departement=74&amp;demarche=${firstRequest.code}"`),
    );
    const { page } = await openForm(t, '74', firstRequest.code);
    assert.match(page.body, /<form method="post" action="\/attestation"/);
    assert.match(page.body, /name="_csrf"/);
    for (const name of ['lastName', 'firstName', 'birthDate', 'foreignerNumber', 'email']) {
      assert.match(page.body, new RegExp(`name="applicant\\.${name}"`));
    }
    assert.doesNotMatch(page.body, /altcha-widget/, 'no proof of work when CAPTCHA=off');
  });

  test('a procedure the département does not offer has no form', async () => {
    const unknown = await t.app.inject({ url: '/attestation?departement=74&demarche=inconnue' });
    assert.equal(unknown.statusCode, 404);
    const malformed = await t.app.inject({ url: '/attestation?departement=x&demarche=%20' });
    assert.equal(malformed.statusCode, 404);
  });

  test('after a search that found nothing: the PDF states the search, no free date and no request', async () => {
    const { session } = await openForm(t, '74', firstRequest.code);
    const person = {
      lastName: 'Nguyễn',
      firstName: 'Thi Lan',
      birthDate: '1988-02-29',
      email: 'lan@example.org',
    };
    const response = await submit(t, session, identity('74', firstRequest.code, person));
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(
      String(response.headers['content-disposition']),
      /attestation-indisponibilite-2029-12-20\.pdf/,
    );
    const text = await textOf(response.rawPayload);
    for (const expected of [
      'Délivrée le 20 décembre 2029 à 11:00',
      'Nguyên',
      'Thi Lan',
      '29/02/1988',
      '1.1 Première demande de titre de séjour',
      'Haute-Savoie (74)',
      "Préfecture d'Annecy",
      'Dates consultées : du 20 décembre 2029 au 13 février 2030',
      'Aucune plage libre',
      'Prochaine date libre Aucune',
      'Aucune demande en attente pour cette identité',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
    assert.ok(!text.includes('lan@example.org'), 'the address is not printed');
  });

  test('its code verifies at /verifier with the certificate’s facts, and no email or foreigner number', async () => {
    const { session } = await openForm(t, '74', fixture.procedureCode);
    const response = await submit(t, session, identity('74', fixture.procedureCode, waiting));
    const code = await codeOf(response.rawPayload);
    const page = await verify(t, code);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Attestation authentique/);
    assert.match(page.body, /<td>Dupont<\/td>/);
    assert.match(page.body, /12\/04\/1990/);
    assert.match(page.body, /Renouvellement de visa de long séjour/);
    assert.match(page.body, new RegExp(`<td>${label}</td>`));
    assert.match(page.body, /Sous-préfecture de Thonon-les-Bains/);
    assert.match(page.body, /Tirage au sort/);
    assert.match(page.body, /lundi 7 janvier 2030 à 09:00/, 'the next free slot, in Annecy’s time');
    assert.doesNotMatch(page.body, new RegExp(waiting.foreignerNumber));
    assert.doesNotMatch(page.body, new RegExp(waiting.email));
  });

  test('a tampered code, or one signed with another key, is refused', async () => {
    const { session } = await openForm(t, '74', firstRequest.code);
    const person = {
      lastName: 'Martin',
      firstName: 'Léa',
      birthDate: '1995-06-01',
      email: 'lea@example.org',
    };
    const code = await codeOf(
      (await submit(t, session, identity('74', firstRequest.code, person))).rawPayload,
    );
    const [version, payload, signature] = code.split('.') as [string, string, string];
    const forged = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('Martin', 'Marton'),
    ).toString('base64url');
    const tampered = await verify(t, `${version}.${forged}.${signature}`);
    assert.match(tampered.body, /Code non reconnu/);
    assert.match(tampered.body, /cette attestation n&#39;a pas été délivrée par Créneau/);
    assert.doesNotMatch(tampered.body, /Attestation authentique/);
    const other = await createTestApp({
      now: NOW,
      env: { SECRET_KEY: 'another-server-secret-key-0123456789abc' },
    });
    try {
      const foreign = await verify(other, code);
      assert.match(foreign.body, /Code non reconnu/);
    } finally {
      await other.close();
    }
  });

  test('the identity with the address of its request gets its label, lost draws and waiting time', async () => {
    const { session } = await openForm(t, '74', fixture.procedureCode);
    const response = await submit(t, session, identity('74', fixture.procedureCode, waiting));
    const text = await textOf(response.rawPayload);
    for (const expected of [
      label,
      'Tirages perdus 2',
      'En attente depuis le 3 décembre 2029 (17 jours)',
      'Première plage libre : 7 janvier 2030 à 09:00',
      'Prochaine date libre 7 janvier 2030 à 09:00',
      'Sous-préfecture de Bonneville',
      waiting.foreignerNumber,
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
  });

  test('the same identity with another address learns nothing of the request: same answer as unknown', async () => {
    const { session } = await openForm(t, '74', fixture.procedureCode);
    const known = await submit(
      t,
      session,
      identity('74', fixture.procedureCode, { ...waiting, email: 'someone.else@example.org' }),
    );
    const unknown = await submit(
      t,
      session,
      identity('74', fixture.procedureCode, { ...waiting, foreignerNumber: '7499999999' }),
    );
    const [knownText, unknownText] = [await textOf(known.rawPayload), await textOf(unknown.rawPayload)];
    assert.ok(!knownText.includes(label), knownText);
    assert.ok(knownText.includes('Aucune demande en attente pour cette identité'), knownText);
    // Apart from the foreigner number typed and the signed code, the two certificates read the same.
    const strip = (text: string) => text.replace(/7400000901|7499999999/g, '').replace(/a1\.\S+/g, '');
    assert.equal(strip(knownText).length, strip(unknownText).length);
  });

  test('bad input: a 422 page naming each field, no PDF, nothing stored', async () => {
    const before = await requestCounts(t.database.db);
    const { session } = await openForm(t, '74', fixture.procedureCode);
    const response = await submit(t, session, {
      ...identity('74', fixture.procedureCode, {
        lastName: 'Dupont',
        firstName: '',
        birthDate: '31/02/1990',
        email: 'pas-une-adresse',
        foreignerNumber: '208006503',
      }),
    });
    assert.equal(response.statusCode, 422);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.match(response.body, /Le formulaire contient 4 erreurs/);
    for (const field of ['firstName', 'birthDate', 'email', 'foreignerNumber']) {
      assert.match(response.body, new RegExp(`href="#applicant-${field}"`));
    }
    assert.match(response.body, /2008006503/, 'the 9-digit hint gives the corrected number');
    assert.match(
      response.body,
      /Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr\.<\/a>/,
    );
    assert.match(response.body, /value="Dupont"/, 'what was typed is kept');
    assert.deepEqual(await requestCounts(t.database.db), before);
  });

  test('the form refuses a POST without the anti-forgery token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/attestation',
      payload: new URLSearchParams(identity('74', fixture.procedureCode, waiting)).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(response.statusCode, 403);
    assert.notEqual(response.headers['content-type'], 'application/pdf');
  });

  test('from the request’s page: a link, and the PDF of the request’s person behind its token', async () => {
    const token = await requestTokenOf(
      t.database.db,
      await requestIdOf(t.database.db, label),
      t.config.secretKey,
    );
    const page = await t.app.inject({ url: `/demandes/${label}?token=${encodeURIComponent(token)}` });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Télécharger une attestation/);
    const href = /href="(\/demandes\/[^"]+\/attestation\.pdf\?token=[^"]+)"/.exec(page.body)?.[1];
    assert.ok(href, page.body);
    const pdf = await t.app.inject({ url: href.replaceAll('&amp;', '&') });
    assert.equal(pdf.statusCode, 200, pdf.body);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = await textOf(pdf.rawPayload);
    for (const expected of ['Dupont', waiting.firstName, label, 'Tirages perdus 2', '(17 jours)']) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
    const verified = await verify(t, await codeOf(pdf.rawPayload));
    assert.match(verified.body, /Attestation authentique/);
    const bad = await t.app.inject({ url: `/demandes/${label}/attestation.pdf?token=nope` });
    assert.notEqual(bad.headers['content-type'], 'application/pdf');
    assert.ok(bad.statusCode >= 400 && bad.statusCode < 500, String(bad.statusCode));
  });
});

describe('the certificate’s form with the proof of work on', () => {
  let t: TestApp;
  let fixture: DrawFixture;
  before(async () => {
    t = await createTestApp({ now: NOW, env: { CAPTCHA: 'on' } });
    fixture = await createDrawFixture(t.database.db);
  });
  after(() => t.close());

  test('the form carries the widget; without a solution it is refused (403), with one it gives the PDF', async () => {
    const { page, session } = await openForm(t, '74', fixture.procedureCode);
    assert.match(page.body, /<altcha-widget challenge="\/api\/v1\/captcha\?action=certificate" name="altcha"/);
    const fields = identity('74', fixture.procedureCode, applicant(77));
    const refused = await submit(t, session, fields);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Le contrôle de sécurité a échoué/);
    assert.notEqual(refused.headers['content-type'], 'application/pdf');
    const challenge = (await t.app.inject({ url: '/api/v1/captcha?action=certificate' })).json();
    const solved = await submit(t, session, { ...fields, altcha: await solveForTest(challenge) });
    assert.equal(solved.statusCode, 200, solved.body);
    assert.equal(solved.headers['content-type'], 'application/pdf');
  });
});
