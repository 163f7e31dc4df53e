import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAgent, scope, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createDrawFixture, type DrawFixture } from './helpers/requests.ts';

// The back office's page of draws (/agents/tirages): the latest draws of the agent's offices and the
// form of a one-off draw, twin of POST /api/v1/admin/draws, in the office's local time.

let t: TestApp;
let fixture: DrawFixture;
let cookie: string;
let offerId: number;

before(async () => {
  t = await createTestApp();
  fixture = await createDrawFixture(t.database.db);
  const offer = await t.database.db
    .selectFrom('offer')
    .select('id')
    .where('site_id', '=', fixture.drawSiteIds[0])
    .executeTakeFirstOrThrow();
  offerId = offer.id;
  const agent = await createAgent(t.database.db, t.config, {
    grants: [{ role: 'site_manager', scope: scope('74') }],
  });
  cookie = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
});
after(() => t.close());

async function formPage() {
  const page = await t.app.inject({ url: '/agents/tirages', headers: { cookie } });
  assert.equal(page.statusCode, 200, page.body);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const csrfCookie = page.cookies.find((c) => c.name === 'csrf')?.value;
  assert.ok(csrf && csrfCookie);
  return { page, csrf, csrfCookie };
}

async function post(fields: Record<string, string>) {
  const { csrf, csrfCookie } = await formPage();
  return t.app.inject({
    method: 'POST',
    url: '/agents/tirages',
    headers: { cookie: `${cookie}; csrf=${csrfCookie}` },
    payload: { _csrf: csrf, ...fields },
  });
}

const fields = (overrides: Record<string, string> = {}) => ({
  offerId: String(offerId),
  opensOn: '2029-12-20',
  opensAt: '09:00',
  closesOn: '05/01/2030',
  closesAt: '12:00',
  slotsFrom: '2030-01-07',
  slotsTo: '2030-01-20',
  ...overrides,
});

const drawCount = async () => (await t.database.db.selectFrom('draw').select('id').execute()).length;

describe('the back office’s draws page', () => {
  test('offers the draw offers in scope only, in the menu', async () => {
    const { page } = await formPage();
    assert.match(page.body, new RegExp(`<option value="${offerId}"`));
    assert.equal((page.body.match(/<option value=/g) ?? []).length, 2, 'the two draw offers of 74, not 73’s');
    assert.match(page.body, /href="\/agents\/tirages"[^>]*aria-current/);
  });

  test('creates a one-off draw in the office’s local time, then lists it with its public page', async () => {
    const response = await post(fields());
    assert.equal(response.statusCode, 303, response.body);
    const location = String(response.headers.location);
    const id = Number(/cree=(\d+)$/.exec(location)?.[1]);
    const row = await t.database.db
      .selectFrom('draw')
      .select(['window_opens_at', 'window_closes_at', 'origin', 'created_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.window_opens_at.toISOString(), '2029-12-20T08:00:00.000Z');
    assert.equal(row.window_closes_at.toISOString(), '2030-01-05T11:00:00.000Z');
    assert.equal(row.origin, 'one_off');
    const shown = await t.app.inject({ url: location, headers: { cookie } });
    assert.match(shown.body, new RegExp(`Tirage n° ${id} créé`));
    assert.match(shown.body, new RegExp(`href="/tirages/${id}"`));
  });

  test('a period starting on the closing day: the form again, 422, the field’s message, nothing stored', async () => {
    const count = await drawCount();
    const response = await post(fields({ slotsFrom: '2030-01-05', closesAt: '25:00' }));
    assert.equal(response.statusCode, 422, response.body);
    assert.match(response.body, /Indiquez une date \(JJ\/MM\/AAAA\)/);
    assert.match(response.body, /href="#windowClosesAt"/);
    assert.equal(await drawCount(), count);
    const again = await post(fields({ slotsFrom: '2030-01-05' }));
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /après le jour de clôture des demandes \(2030-01-05\)/);
    assert.match(again.body, /value="2030-01-05"/, 'what was typed is kept');
    assert.equal(await drawCount(), count);
  });

  test('an agent without draw.manage gets the 403 page', async () => {
    const clerk = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'agent', scope: scope('74') }],
    });
    const clerkCookie = await signedInCookie(t.database.db, t.config, clerk.id, t.clock.now());
    const page = await t.app.inject({
      url: '/agents/tirages',
      headers: { cookie: clerkCookie, accept: 'text/html' },
    });
    assert.equal(page.statusCode, 403);
  });
});
