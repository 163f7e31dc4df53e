import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { solveForTest } from '../src/modules/protection/captcha.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant } from './helpers/fixtures.ts';
import { createDrawFixture, type DrawFixture, requestBody, requestCounts } from './helpers/requests.ts';

// Anti-abuse around requests (issue 9 point 9, decision 0033): the proof of work bound to its action
// and expiring, a budget of submissions per identity whatever the address, and answers that tell a
// sender nothing of a request recorded for the same identity with another address.

const MINUTE = 60_000;

describe('the proof of work of a request', () => {
  let t: TestApp;
  let fixture: DrawFixture;
  before(async () => {
    t = await createTestApp({ env: { CAPTCHA: 'on' } });
    fixture = await createDrawFixture(t.database.db);
  });
  after(() => t.close());

  const solved = async (action?: string) => {
    const url = action ? `/api/v1/captcha?action=${action}` : '/api/v1/captcha';
    return solveForTest((await t.app.inject({ url })).json());
  };
  const submit = (captcha: string, n?: number) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: { ...requestBody(fixture, n), captcha },
    });
  const book = (captcha: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: applicant(), captcha },
    });

  test('a challenge solved for a booking or the manage link is refused for a request, and the reverse', async () => {
    const before = await requestCounts(t.database.db);
    for (const action of [undefined, 'booking', 'manage_link']) {
      const response = await submit(await solved(action));
      assert.equal(response.statusCode, 403, `${action}: ${response.body}`);
      assert.equal(response.json().error.code, 'captcha_failed');
    }
    assert.deepEqual(await requestCounts(t.database.db), before, 'nothing stored');
    const forRequest = await solved('request');
    const booked = await book(forRequest);
    assert.equal(booked.statusCode, 403, 'a request’s solution books nothing');
    assert.equal((await submit(forRequest)).statusCode, 201, 'and it was not spent by that refusal');
    assert.equal((await book(await solved('booking'))).statusCode, 201);
  });

  test('a replayed solution is refused; an expired one is refused', async () => {
    const payload = await solved('request');
    assert.equal((await submit(payload)).statusCode, 201);
    const replay = await submit(payload);
    assert.equal(replay.statusCode, 403);
    assert.equal(replay.json().error.code, 'captcha_failed');
    const late = await solved('request');
    t.clock.advance(11 * MINUTE);
    assert.equal((await submit(late)).statusCode, 403, 'ten minutes to use a challenge');
  });

  test('the request form’s widget asks for a request’s challenge, and step 5 refuses a booking’s', async () => {
    const formUrl = `/departements/74/demarches/${fixture.procedureCode}/demande?conditions=acceptees`;
    const form = await t.app.inject({ url: formUrl });
    const cookie = form.cookies.find((c) => c.name === 'csrf');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    assert.ok(cookie && csrf);
    const who = applicant();
    const fields = (altcha: string) =>
      new URLSearchParams({
        _csrf: csrf,
        departement: '74',
        demarche: fixture.procedureCode,
        [`site-${fixture.drawSiteIds[0]}`]: 'oui',
        ...Object.fromEntries(Object.entries(who).map(([k, v]) => [`applicant.${k}`, String(v)])),
        acceptConditions: 'oui',
        altcha,
      }).toString();
    const post = async (url: string, altcha: string) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: fields(altcha),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${cookie.value}` },
      });
    const security = await post('/demandes/securite', '');
    assert.match(security.body, /<altcha-widget challenge="\/api\/v1\/captcha\?action=request"/);
    const refused = await post('/demandes/valider', await solved('booking'));
    assert.match(refused.body, /Étape 3 sur 5/, refused.body.slice(0, 400));
    const accepted = await post('/demandes/valider', await solved('request'));
    assert.match(accepted.body, /Demande enregistrée/);
  });
});

describe('the budget of submissions per identity', () => {
  let t: TestApp;
  let fixture: DrawFixture;
  before(async () => {
    t = await createTestApp({ env: { RATE_LIMIT: 'on', REQUEST_UPDATES_PER_DAY: '3' } });
    fixture = await createDrawFixture(t.database.db);
  });
  after(() => t.close());

  // Each from its own address, so that the per-address budget is never the one that refuses.
  let address = 0;
  const submit = (payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload,
      remoteAddress: `198.51.100.${++address}`,
    });

  test('past REQUEST_UPDATES_PER_DAY submissions for one identity, whatever the email and address: 429 with Retry-After', async () => {
    const who = applicant();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const email = i === 0 ? who.email : `autre-${i}@example.org`;
      statuses.push(
        (await submit(requestBody(fixture, undefined, { applicant: { ...who, email } }))).statusCode,
      );
    }
    assert.deepEqual(statuses, [201, 200, 200]);
    const before = await requestCounts(t.database.db);
    const refused = await submit(
      requestBody(fixture, undefined, { applicant: { ...who, email: 'x@example.org' } }),
    );
    assert.equal(refused.statusCode, 429, refused.body);
    assert.equal(refused.json().error.code, 'rate_limited');
    assert.equal(refused.headers['retry-after'], String(24 * 3600));
    assert.doesNotMatch(refused.body, new RegExp(who.foreignerNumber), 'the answer names no one');
    assert.deepEqual(await requestCounts(t.database.db), before, 'nothing stored');
    const other = await submit(requestBody(fixture));
    assert.equal(other.statusCode, 201, 'another identity is not held back');
    const rows = await t.database.db.selectFrom('identity_budget').selectAll().execute();
    assert.ok(rows.every((row) => !row.identity.includes(who.foreignerNumber) && row.identity.length === 43));
    t.clock.advance(24 * 3600 * 1_000);
    const nextDay = await submit(requestBody(fixture, undefined, { applicant: who }));
    assert.equal(nextDay.statusCode, 200, 'a day later the identity has its budget again');
  });

  test('the request journey’s step 5 over the budget answers 429 with Retry-After', async () => {
    const who = applicant();
    for (let i = 0; i < 3; i++) await submit(requestBody(fixture, undefined, { applicant: who }));
    const formUrl = `/departements/74/demarches/${fixture.procedureCode}/demande?conditions=acceptees`;
    const form = await t.app.inject({ url: formUrl, remoteAddress: '203.0.113.1' });
    const cookie = form.cookies.find((c) => c.name === 'csrf');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    assert.ok(cookie && csrf);
    const page = await t.app.inject({
      method: 'POST',
      url: '/demandes/valider',
      remoteAddress: '203.0.113.1',
      payload: new URLSearchParams({
        _csrf: csrf,
        departement: '74',
        demarche: fixture.procedureCode,
        [`site-${fixture.drawSiteIds[0]}`]: 'oui',
        ...Object.fromEntries(Object.entries(who).map(([k, v]) => [`applicant.${k}`, String(v)])),
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${cookie.value}` },
    });
    assert.equal(page.statusCode, 429, page.body.slice(0, 300));
    assert.ok(Number(page.headers['retry-after']) > 0);
  });
});

describe('a request sent for an identity recorded with another address', () => {
  let t: TestApp;
  let fixture: DrawFixture;
  before(async () => {
    t = await createTestApp();
    fixture = await createDrawFixture(t.database.db);
  });
  after(() => t.close());

  const submit = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/requests', payload });
  const shape = (value: unknown): unknown =>
    value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
      : typeof value;
  const headerNames = (headers: Record<string, unknown>) =>
    Object.keys(headers)
      .filter((name) => !['date', 'content-length'].includes(name))
      .sort();

  test('answers 200 like an update, with nothing of the first request, which stays as it was', async () => {
    const holder = applicant();
    const first = await submit(requestBody(fixture, undefined, { applicant: holder }));
    assert.equal(first.statusCode, 201);
    const label = first.json().label as string;
    const before = await t.database.db
      .selectFrom('request')
      .selectAll()
      .where('label', '=', label)
      .executeTakeFirstOrThrow();
    await t.deliverMail();
    t.mail.clear();
    const sent = t.mail.messages().length;

    const stranger = { ...holder, email: 'curieux@example.org', firstName: 'Curieux' };
    t.clock.advance(MINUTE);
    const probe = await submit(
      requestBody(fixture, undefined, {
        applicant: stranger,
        siteIds: [fixture.drawSiteIds[1]],
        earliest: null,
      }),
    );
    assert.equal(probe.statusCode, 200, 'PRODUCT §7: a known identity is 200');
    const fresh = await submit(requestBody(fixture));
    assert.equal(fresh.statusCode, 201);
    assert.deepEqual(shape(probe.json()), shape(fresh.json()), 'the same body shape');
    assert.deepEqual(headerNames(probe.headers), headerNames(fresh.headers), 'the same headers');
    const body = probe.json() as { label: string; receipt: { pdf: string } };
    assert.notEqual(body.label, label, 'the first request’s label is not given');
    assert.doesNotMatch(probe.body, new RegExp(label));
    const after = await t.database.db
      .selectFrom('request')
      .selectAll()
      .where('label', '=', label)
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, before, 'its choices, time and contact unchanged');
    const pdf = await t.app.inject({ url: body.receipt.pdf.replace('http://creneau.test', '') });
    assert.notEqual(pdf.statusCode, 200, 'the receipt link opens nothing');

    await t.deliverMail();
    const mails = t.mail.messages().slice(sent);
    const toStranger = mails.filter((m) => m.to.includes(stranger.email));
    assert.equal(toStranger.length, 1, 'the address typed gets one email, as a new request’s does');
    const [message] = toStranger;
    assert.ok(message);
    for (const secret of [label, holder.lastName, holder.email, 'Thonon', '/demandes/']) {
      assert.ok(!message.text.includes(secret) && !message.subject.includes(secret), `leaks ${secret}`);
    }
    assert.equal(message.attachments.length, 0);
    const toHolder = mails.filter((m) => m.to.includes(holder.email));
    assert.equal(toHolder.length, 1, 'the holder is told');
    assert.match(toHolder[0]?.text ?? '', /autre adresse/);
    assert.ok(
      !(toHolder[0]?.text ?? '').includes(stranger.email),
      'the holder is not given the stranger’s address',
    );
  });

  test('the holder’s own address still updates the request, keeping its label', async () => {
    const holder = applicant();
    const first = await submit(requestBody(fixture, undefined, { applicant: holder }));
    const again = await submit(
      requestBody(fixture, undefined, {
        applicant: { ...holder, email: holder.email.toUpperCase() },
        earliest: null,
      }),
    );
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().label, first.json().label);
    const row = await t.database.db
      .selectFrom('request')
      .select('earliest')
      .where('label', '=', first.json().label)
      .executeTakeFirstOrThrow();
    assert.equal(row.earliest, null);
  });
});
