import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText } from 'unpdf';
import { verifyConvocation } from '../src/modules/convocation/qr-token.ts';
import { verifyReceipt } from '../src/modules/convocation/receipt-token.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant } from './helpers/fixtures.ts';
import {
  createDrawFixture,
  type DrawFixture,
  requestBody,
  requestCounts,
  requestIdOf,
  requestTokenOf,
} from './helpers/requests.ts';

// The requests API (PRODUCT §7, issue 9 point 2): one live request per identity and procedure, its
// emailed link to consult and withdraw it, its signed receipt; every refusal stores nothing.

let t: TestApp;
let fixture: DrawFixture;

before(async () => {
  t = await createTestApp();
  fixture = await createDrawFixture(t.database.db);
});
after(() => t.close());

const submit = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/requests', payload: payload as object, headers });

async function submitted(n?: number, overrides: Record<string, unknown> = {}) {
  const response = await submit(requestBody(fixture, n, overrides));
  assert.ok([200, 201].includes(response.statusCode), response.body);
  const body = response.json() as {
    label: string;
    status: string;
    receipt: { code: string; submittedAt: string; pdf: string };
  };
  const id = await requestIdOf(t.database.db, body.label);
  return { response, body, id, token: await requestTokenOf(t.database.db, id, t.config.secretKey) };
}

async function stored(label: string) {
  return t.database.db.selectFrom('request').selectAll().where('label', '=', label).executeTakeFirstOrThrow();
}

describe('POST /api/v1/requests', () => {
  test('a first request is 201 with its label, its status and a receipt that verifies', async () => {
    const { response, body } = await submitted();
    assert.equal(response.statusCode, 201);
    assert.match(body.label, /^[0-9A-HJKMNP-TV-Z]{10}$/);
    assert.equal(body.status, 'waiting');
    assert.equal(response.headers['cache-control'], 'no-store');
    const verified = verifyReceipt(body.receipt.code, t.config.secretKey);
    assert.ok(verified.ok);
    assert.deepEqual(verified.claims, {
      label: body.label,
      procedureId: fixture.procedureId,
      siteIds: [fixture.drawSiteIds[0]],
      halfDays: ['mon-am', 'tue-pm'],
      earliest: '2030-01-10',
      submittedAt: body.receipt.submittedAt,
      issuedAt: t.clock.now().toISOString(),
    });
    assert.equal(
      verifyConvocation(body.receipt.code, t.config.secretKey).ok,
      false,
      'a receipt is no convocation',
    );
    const row = await stored(body.label);
    assert.equal(row.status, 'waiting');
    assert.equal(row.entered_by, null);
    assert.equal(row.lost, 0);
  });

  test('the same identity again is 200 with the same label, its choices updated, its contact and identity kept', async () => {
    const who = applicant();
    const first = await submitted(undefined, { applicant: who });
    t.clock.advance(60_000);
    // From the address on record: one from another address changes nothing (request-abuse.test.ts).
    const again = await submitted(undefined, {
      applicant: { ...who, firstName: 'Autre' },
      siteIds: [...fixture.drawSiteIds].reverse(),
      halfDays: ['fri-pm', 'mon-am', 'mon-am'.replace('am', 'pm')],
      earliest: null,
    });
    assert.equal(again.response.statusCode, 200, again.response.body);
    assert.equal(again.body.label, first.body.label);
    assert.equal(again.id, first.id);
    const row = await stored(first.body.label);
    assert.deepEqual(
      row.site_ids,
      [...fixture.drawSiteIds].sort((a, b) => a - b),
    );
    assert.deepEqual(row.half_days, ['mon-am', 'mon-pm', 'fri-pm'], 'stored in the week’s order');
    assert.equal(row.earliest, null);
    assert.equal(row.email, who.email, 'the address on record stays: the link never goes to a stranger');
    assert.equal(row.first_name, who.firstName);
    assert.equal(new Date(again.body.receipt.submittedAt).getTime(), t.clock.now().getTime());
    await t.deliverMail();
    const updated = t.mail.messages().filter((m) => m.subject.includes(first.body.label));
    assert.equal(updated.length, 2, 'both emails name the request');
    assert.ok(
      updated.every((m) => m.to.includes(who.email)),
      'both go to the address on record',
    );
    assert.ok(updated.some((m) => /mise à jour/.test(m.subject)));
  });

  test('two submissions of one identity at once make one row, one label', async () => {
    const who = applicant();
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        submit(requestBody(fixture, undefined, { applicant: who, earliest: `2030-02-0${i + 1}` })),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 201], responses.map((r) => r.body).join('\n'));
    const labels = new Set(responses.map((r) => r.json().label));
    assert.equal(labels.size, 1);
    const rows = await t.database.db
      .selectFrom('request')
      .select('id')
      .where('identity_key', '=', `F:${who.foreignerNumber}`)
      .execute();
    assert.equal(rows.length, 1);
    const counter = await t.database.db
      .selectFrom('request_email_activity')
      .select('live')
      .where('email_key', '=', who.email)
      .executeTakeFirstOrThrow();
    assert.equal(counter.live, 1, 'the upserts that became updates did not count the address again');
  });

  test('its email carries the label, the link to the request’s page and the receipt, in the person’s language', async () => {
    const who = applicant();
    const { body } = await submitted(undefined, { applicant: who });
    assert.ok(body);
    await t.deliverMail();
    const message = t.mail.messages().find((m) => m.to.includes(who.email));
    assert.ok(message);
    assert.match(message.subject, new RegExp(body.label));
    assert.match(
      message.text,
      new RegExp(`http://creneau.test/demandes/${body.label}\\?token=[A-Za-z0-9_-]{43}`),
    );
    assert.match(message.text, /l’ordre d’arrivée ne compte pas/);
    assert.ok(message.attachments.some((a) => a.filename === `recepisse-${body.label}.pdf`));
    const english = applicant();
    const answer = await submit(requestBody(fixture, undefined, { applicant: english }), {
      'accept-language': 'en-GB,en',
    });
    assert.equal(answer.statusCode, 201);
    await t.deliverMail();
    const inEnglish = t.mail.messages().find((m) => m.to.includes(english.email));
    assert.match(inEnglish?.subject ?? '', /Your request for an appointment by draw/);
  });

  test('the receipt’s PDF link downloads the receipt, whose printed code verifies', async () => {
    const { body } = await submitted();
    const pdf = await t.app.inject({ url: body.receipt.pdf.replace('http://creneau.test', '') });
    assert.equal(pdf.statusCode, 200, pdf.body);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['cache-control'], 'no-store');
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    assert.match(text, new RegExp(body.label));
    assert.match(text, /Sous-préfecture de Thonon-les-Bains/);
    assert.match(text, /lundi matin, mardi après-midi/);
    // An Ed25519 signature is 64 bytes: 86 base64url characters.
    const code = /(r1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86})/.exec(text.replace(/\s+/g, ''))?.[1];
    assert.ok(code, 'the code is printed');
    assert.ok(verifyReceipt(code, t.config.secretKey).ok, 'the printed code verifies');
    const [version, payload, signature] = code.split('.') as [string, string, string];
    const altered = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('"mon-am"', '"sun-am"'),
    ).toString('base64url');
    assert.deepEqual(verifyReceipt(`${version}.${altered}.${signature}`, t.config.secretKey), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  test('an identity holding an active booking of the procedure is refused 409 already_booked, nothing stored', async () => {
    const who = applicant();
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: who },
    });
    assert.equal(booked.statusCode, 201, booked.body);
    const before = await requestCounts(t.database.db);
    const response = await submit(
      requestBody(fixture, undefined, { applicant: { ...who, email: 'other@example.org' } }),
    );
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().error.code, 'already_booked');
    assert.deepEqual(await requestCounts(t.database.db), before);
  });

  test('an address has at most MAX_ACTIVE_PER_EMAIL live online requests', async () => {
    const email = `busy.${Date.now()}@example.org`;
    for (let i = 0; i < t.config.maxActivePerEmail; i++) {
      const response = await submit(
        requestBody(fixture, undefined, { applicant: applicant(undefined, { email }) }),
      );
      assert.equal(response.statusCode, 201, response.body);
    }
    const before = await requestCounts(t.database.db);
    const response = await submit(
      requestBody(fixture, undefined, { applicant: applicant(undefined, { email }) }),
    );
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().error.code, 'email_limit');
    assert.deepEqual(await requestCounts(t.database.db), before);
  });
});

describe('bad input: a 422 naming the field, and nothing stored', () => {
  const cases: [string, (body: ReturnType<typeof requestBody>) => unknown, string[]][] = [
    ['no office', (b) => ({ ...b, siteIds: [] }), ['siteIds']],
    ['an office without the draw (booking only)', (b) => ({ ...b, siteIds: [fixture.siteId] }), ['siteIds']],
    ['an office that does not exist', (b) => ({ ...b, siteIds: [999_999] }), ['siteIds']],
    [
      'offices of two départements',
      (b) => ({ ...b, siteIds: [fixture.drawSiteIds[0], fixture.otherDepartmentSiteId] }),
      ['siteIds'],
    ],
    ['a procedure that does not exist', (b) => ({ ...b, procedureId: 999_999 }), ['procedureId']],
    ['an unknown half-day', (b) => ({ ...b, halfDays: ['mon-night'] }), ['halfDays.0']],
    ['a date that does not exist', (b) => ({ ...b, earliest: '2030-02-30' }), ['earliest']],
    ['a date already past', (b) => ({ ...b, earliest: '2029-12-19' }), ['earliest']],
    ['a date more than a year ahead', (b) => ({ ...b, earliest: '2031-06-01' }), ['earliest']],
    ['the conditions not accepted', (b) => ({ ...b, acceptConditions: false }), ['acceptConditions']],
    ['an unknown field', (b) => ({ ...b, slotId: 3 }), ['slotId']],
    [
      'a 9-digit foreigner number and a postal code outside the département',
      (b) => ({ ...b, applicant: { ...b.applicant, foreignerNumber: '208006503', postalCode: '75001' } }),
      ['applicant.foreignerNumber', 'applicant.postalCode'],
    ],
  ];
  for (const [what, change, fields] of cases) {
    test(what, async () => {
      const before = await requestCounts(t.database.db);
      const response = await submit(change(requestBody(fixture)));
      assert.equal(response.statusCode, 422, response.body);
      const error = response.json().error as { code: string; fields: { field: string; message: string }[] };
      assert.equal(error.code, 'invalid');
      for (const field of fields) {
        assert.ok(
          error.fields.some((f) => f.field === field || f.field.startsWith(`${field}`)),
          `${field} is named in ${JSON.stringify(error.fields)}`,
        );
      }
      assert.ok(error.fields.every((f) => f.message.length > 0));
      assert.ok(!response.body.includes('@example.org'), 'no error repeats the address');
      assert.deepEqual(await requestCounts(t.database.db), before);
    });
  }
});

describe('the emailed link', () => {
  test('GET /api/v1/requests/LABEL with its token: status, lost draws, nothing personal', async () => {
    const { body, token } = await submitted();
    const response = await t.app.inject({ url: `/api/v1/requests/${body.label}?token=${token}` });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { label: body.label, status: 'waiting', lost: 0 });
    assert.equal(response.headers['cache-control'], 'no-store');
    const typed = await t.app.inject({ url: `/api/v1/requests/${body.label.toLowerCase()}?token=${token}` });
    assert.equal(typed.statusCode, 200, 'a label typed in lower case is the same label');
  });

  test('a wrong token, another request’s token or the receipt’s token opens nothing (404), an old one is 410', async () => {
    const mine = await submitted();
    const other = await submitted();
    const receiptToken = new URL(mine.body.receipt.pdf).searchParams.get('token');
    const attempts = [
      `/api/v1/requests/${mine.body.label}?token=${'A'.repeat(43)}`,
      `/api/v1/requests/${mine.body.label}?token=${other.token}`,
      `/api/v1/requests/${mine.body.label}?token=${receiptToken}`,
      `/api/v1/requests/ZZZZZZZZZZ?token=${mine.token}`,
    ];
    for (const url of attempts) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 404, `${url}: ${response.body}`);
      assert.equal(response.json().error.code, 'token_invalid');
    }
    t.clock.advance(401 * 86_400_000);
    try {
      const expired = await t.app.inject({ url: `/api/v1/requests/${mine.body.label}?token=${mine.token}` });
      assert.equal(expired.statusCode, 410);
      assert.equal(expired.json().error.code, 'token_expired');
    } finally {
      t.clock.advance(-401 * 86_400_000);
    }
  });

  test('withdraw: 200 withdrawn, the email says so, a second withdrawal is 409, a new submission gets a new label', async () => {
    const who = applicant();
    const { body, token } = await submitted(undefined, { applicant: who });
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${body.label}/withdraw`,
      payload: { token: 'A'.repeat(43) },
    });
    assert.equal(wrong.statusCode, 404);
    assert.equal((await stored(body.label)).status, 'waiting');
    const withdraw = () =>
      t.app.inject({ method: 'POST', url: `/api/v1/requests/${body.label}/withdraw`, payload: { token } });
    const done = await withdraw();
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), { label: body.label, status: 'withdrawn' });
    const row = await stored(body.label);
    assert.equal(row.status, 'withdrawn');
    assert.ok(row.closed_at);
    const consult = await t.app.inject({ url: `/api/v1/requests/${body.label}?token=${token}` });
    assert.equal(consult.json().status, 'withdrawn');
    const again = await withdraw();
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'not_withdrawable');
    await t.deliverMail();
    assert.ok(t.mail.messages().some((m) => m.to.includes(who.email) && /retirée/.test(m.subject)));
    const fresh = await submitted(undefined, { applicant: who });
    assert.equal(fresh.response.statusCode, 201);
    assert.notEqual(fresh.body.label, body.label);
  });
});

describe('the proof of work', () => {
  test('with CAPTCHA on, a request without a solved challenge is 403 captcha_failed, nothing stored', async () => {
    const guarded = await createTestApp({ env: { CAPTCHA: 'on' } });
    try {
      const drawn = await createDrawFixture(guarded.database.db);
      const before = await requestCounts(guarded.database.db);
      for (const captcha of [undefined, 'not-a-solution']) {
        const response = await guarded.app.inject({
          method: 'POST',
          url: '/api/v1/requests',
          payload: { ...requestBody(drawn), ...(captcha ? { captcha } : {}) },
        });
        assert.equal(response.statusCode, 403, response.body);
        assert.equal(response.json().error.code, 'captcha_failed');
      }
      assert.deepEqual(await requestCounts(guarded.database.db), before);
    } finally {
      await guarded.close();
    }
  });
});
