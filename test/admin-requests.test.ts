import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, createAgent, scope, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant } from './helpers/fixtures.ts';
import { createDrawFixture, type DrawFixture, requestBody, requestCounts } from './helpers/requests.ts';

// Entry of a request on someone's behalf (issue 9 point 2, PRODUCT §4.4): the back office's page and
// its twin POST /api/v1/admin/requests, scoped by `request.enter` on every office chosen, without the
// per-address limit, with one audit entry.

let t: TestApp;
let fixture: DrawFixture;
let partner: { id: number; authorization: string };

before(async () => {
  t = await createTestApp();
  fixture = await createDrawFixture(t.database.db);
  const agent = await createAgent(t.database.db, t.config, {
    email: 'accueil@association.test',
    grants: [{ role: 'partner', scope: scope('74') }],
  });
  partner = { id: agent.id, authorization: await bearer(t.database.db, agent.id, t.clock.now()) };
});
after(() => t.close());

function entered(body: Record<string, unknown>, authorization = partner.authorization) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/requests',
    headers: { authorization },
    payload: body,
  });
}

const adminBody = (n?: number, overrides: Record<string, unknown> = {}) => requestBody(fixture, n, overrides);

describe('POST /api/v1/admin/requests', () => {
  test('a partner enters a request in its scope: 201, entered_by recorded, one personal audit entry', async () => {
    const before = await t.database.db.selectFrom('audit_entry').select('id').execute();
    const response = await entered(adminBody());
    assert.equal(response.statusCode, 201, response.body);
    const { label } = response.json() as { label: string };
    const row = await t.database.db
      .selectFrom('request')
      .select(['id', 'entered_by', 'status'])
      .where('label', '=', label)
      .executeTakeFirstOrThrow();
    assert.equal(row.entered_by, partner.id);
    const entries = await t.database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('id', 'not in', before.length > 0 ? before.map((e) => e.id) : ['0'])
      .execute();
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.ok(entry);
    assert.equal(entry.action, 'request.enter');
    assert.equal(entry.agent_id, partner.id);
    assert.equal(entry.target_id, row.id);
    assert.equal(entry.personal, true);
    assert.equal(entry.department_code, '74');
    assert.equal((entry.after as { label: string }).label, label);
  });

  test('the partner’s own address serves as contact for more requests than the per-address limit', async () => {
    const email = 'accueil@association.test';
    for (let i = 0; i < t.config.maxActivePerEmail + 2; i++) {
      const response = await entered(adminBody(undefined, { applicant: applicant(undefined, { email }) }));
      assert.equal(response.statusCode, 201, response.body);
    }
    const online = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: adminBody(undefined, { applicant: applicant(undefined, { email: 'solo@example.org' }) }),
    });
    assert.equal(online.statusCode, 201, 'online requests keep their own count');
  });

  test('an office outside the agent’s scope is 403, even beside one inside, and nothing is stored', async () => {
    const before = await requestCounts(t.database.db);
    const siteAgent = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'agent', scope: scope(`site:${fixture.drawSiteIds[0]}`) }],
    });
    const authorization = await bearer(t.database.db, siteAgent.id, t.clock.now());
    const inside = await entered(adminBody(), authorization);
    assert.equal(inside.statusCode, 201, inside.body);
    const afterInside = await requestCounts(t.database.db);
    const outside = await entered(adminBody(undefined, { siteIds: [...fixture.drawSiteIds] }), authorization);
    assert.equal(outside.statusCode, 403, outside.body);
    assert.equal(outside.json().error.code, 'out_of_scope');
    const elsewhere = await entered(adminBody(undefined, { siteIds: [fixture.otherDepartmentSiteId] }));
    assert.equal(elsewhere.statusCode, 403, 'a partner of 74 cannot enter a request at an office of 73');
    assert.deepEqual(await requestCounts(t.database.db), afterInside);
    assert.equal(afterInside.request, (before.request ?? 0) + 1);
  });

  test('an agent without request.enter is 403 not_permitted; without a token 401', async () => {
    const viewer = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'viewer', scope: scope('74') }],
    });
    const before = await requestCounts(t.database.db);
    const refused = await entered(adminBody(), await bearer(t.database.db, viewer.id, t.clock.now()));
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'not_permitted');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/requests',
      payload: adminBody(),
    });
    assert.equal(anonymous.statusCode, 401);
    assert.deepEqual(await requestCounts(t.database.db), before);
  });

  test('bad input is 422 naming the field; a captcha field is not part of this body', async () => {
    const before = await requestCounts(t.database.db);
    const noOffice = await entered(adminBody(undefined, { siteIds: [fixture.siteId] }));
    assert.equal(noOffice.statusCode, 422);
    assert.equal(noOffice.json().error.fields[0].field, 'siteIds');
    const withCaptcha = await entered(adminBody(undefined, { captcha: 'x' }));
    assert.equal(withCaptcha.statusCode, 422);
    assert.equal(withCaptcha.json().error.fields[0].field, 'captcha');
    assert.deepEqual(await requestCounts(t.database.db), before);
  });
});

/** The anti-forgery cookie and field of a page, to post its form as a browser would. */
function formSession(page: { body: string; cookies: { name: string; value: string }[] }) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf, 'the page carries the anti-forgery field');
  return { csrf, cookies: Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
}

describe('the entry page /agents/demandes/nouvelle', () => {
  test('lists the procedures offered by draw in scope, then records a request and shows its receipt', async () => {
    const agent = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'agent', scope: scope('74') }],
    });
    const cookie = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
    const list = await t.app.inject({ url: '/agents/demandes/nouvelle', headers: { cookie } });
    assert.equal(list.statusCode, 200, list.body);
    assert.match(list.body, new RegExp(`<option value="${fixture.procedureId}"`));
    assert.match(
      list.body,
      /href="\/agents\/demandes\/nouvelle"[^>]*aria-current/,
      'the menu marks the page',
    );
    const form = await t.app.inject({
      url: `/agents/demandes/nouvelle?demarche=${fixture.procedureId}`,
      headers: { cookie },
    });
    assert.match(form.body, new RegExp(`name="site-${fixture.drawSiteIds[0]}"`));
    assert.doesNotMatch(
      form.body,
      new RegExp(`name="site-${fixture.otherDepartmentSiteId}"`),
      'no office of 73',
    );
    assert.doesNotMatch(form.body, new RegExp(`name="site-${fixture.siteId}"`), 'no office without the draw');
    const { csrf, cookies } = formSession(form);
    const who = applicant();
    const fields: Record<string, string> = {
      _csrf: csrf,
      demarche: String(fixture.procedureId),
      [`site-${fixture.drawSiteIds[1]}`]: 'oui',
      'jour-wed-am': 'oui',
      earliest: '15/01/2030',
      langue: 'en',
      action: 'verifier',
    };
    for (const [name, value] of Object.entries(who)) fields[`applicant.${name}`] = String(value);
    const posted = await t.app.inject({
      method: 'POST',
      url: '/agents/demandes/nouvelle',
      headers: { cookie: `${cookie}; csrf=${cookies.csrf}` },
      payload: fields,
    });
    assert.equal(posted.statusCode, 303, posted.body);
    const location = String(posted.headers.location);
    assert.match(location, /^\/agents\/demandes\/nouvelle\?enregistree=[0-9A-Z]{10}&recu=/);
    const shown = await t.app.inject({ url: location, headers: { cookie } });
    const label = new URL(location, 'http://x').searchParams.get('enregistree') ?? '';
    assert.match(shown.body, new RegExp(`Demande enregistrée : n° ${label}`));
    const receipt = /href="(\/demandes\/[0-9A-Z]{10}\/recepisse\.pdf\?token=[^"]+)"/.exec(shown.body)?.[1];
    assert.ok(receipt);
    const pdf = await t.app.inject({ url: receipt });
    assert.equal(pdf.statusCode, 200);
    const row = await t.database.db
      .selectFrom('request')
      .select(['entered_by', 'site_ids', 'half_days', 'earliest', 'locale'])
      .where('label', '=', label)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      entered_by: agent.id,
      site_ids: [fixture.drawSiteIds[1]],
      half_days: ['wed-am'],
      earliest: '2030-01-15',
      locale: 'en',
    });
  });

  test('a field to fix shows the form again (422); an office id of another département is 403', async () => {
    const agent = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'agent', scope: scope('74') }],
    });
    const cookie = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
    const form = await t.app.inject({
      url: `/agents/demandes/nouvelle?demarche=${fixture.procedureId}`,
      headers: { cookie },
    });
    const { csrf, cookies } = formSession(form);
    const before = await requestCounts(t.database.db);
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/agents/demandes/nouvelle',
        headers: { cookie: `${cookie}; csrf=${cookies.csrf}` },
        payload: { _csrf: csrf, demarche: String(fixture.procedureId), ...fields },
      });
    const missing = await post({ [`site-${fixture.drawSiteIds[0]}`]: 'oui', 'applicant.lastName': 'Dupont' });
    assert.equal(missing.statusCode, 422, missing.body);
    assert.match(missing.body, /href="#applicant-firstName"/);
    assert.match(missing.body, /checked/, 'the office stays ticked');
    const who = applicant();
    const identity = Object.fromEntries(Object.entries(who).map(([k, v]) => [`applicant.${k}`, String(v)]));
    const tampered = await post({ [`site-${fixture.otherDepartmentSiteId}`]: 'oui', ...identity });
    assert.equal(tampered.statusCode, 403);
    assert.deepEqual(await requestCounts(t.database.db), before);
  });
});
