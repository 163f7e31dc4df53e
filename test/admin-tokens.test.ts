import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, createAgent, scope, signedInCookie, type TestAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

// Each agent's own API tokens (issue 8, point 4): created (shown once), used (last use shown),
// revoked (then refused), never another agent's; through "Mon compte" and /api/v1/admin/tokens.

let t: TestApp;
let owner: TestAgent;
let other: TestAgent;
let ownerAuth: string;
let otherAuth: string;

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  owner = await createAgent(db, t.config, {
    name: 'Olga Owner',
    grants: [{ role: 'viewer', scope: scope('national') }],
  });
  other = await createAgent(db, t.config, { grants: [{ role: 'partner', scope: scope('national') }] });
  ownerAuth = await bearer(db, owner.id, t.clock.now());
  otherAuth = await bearer(db, other.id, t.clock.now());
});
after(() => t.close());

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, authorization: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api/v1/admin${url}`,
    headers: { authorization },
    ...(payload ? { payload } : {}),
  });

const lastEntry = () =>
  t.database.db
    .selectFrom('audit_entry')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();

describe('the tokens API', () => {
  test('a token is created, shown once, used (its last use recorded), then revoked and refused', async () => {
    const created = await call('POST', '/tokens', ownerAuth, { name: 'export des statistiques' });
    assert.equal(created.statusCode, 201, created.body);
    const { id, token, lastUsedAt } = created.json();
    assert.match(token, /^crn_[A-Za-z0-9_-]{43}$/);
    assert.equal(lastUsedAt, null);
    assert.equal(created.headers['cache-control'], 'no-store');
    let entry = await lastEntry();
    assert.deepEqual(
      [entry.action, entry.agent_id, entry.target_type, entry.target_id],
      ['token.create', owner.id, 'api_token', String(id)],
    );
    assert.doesNotMatch(JSON.stringify(entry), new RegExp(token));

    t.clock.advance(60_000);
    const used = await call('GET', '/tokens', `Bearer ${token}`);
    assert.equal(used.statusCode, 200);
    const listed = (used.json() as { id: number; lastUsedAt: string | null; name: string }[]).find(
      (x) => x.id === id,
    );
    assert.equal(listed?.lastUsedAt, t.clock.now().toISOString());
    assert.equal(JSON.stringify(used.json()).includes(token), false);

    const revoked = await call('DELETE', `/tokens/${id}`, ownerAuth);
    assert.equal(revoked.statusCode, 204);
    entry = await lastEntry();
    assert.deepEqual(
      [entry.action, entry.before, entry.after],
      ['token.revoke', { revoked: false }, { revoked: true }],
    );
    const refused = await call('GET', '/tokens', `Bearer ${token}`);
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['www-authenticate'], 'Bearer realm="creneau-admin"');
    const listedAfter = (await call('GET', '/tokens', ownerAuth)).json() as {
      id: number;
      revokedAt: string | null;
    }[];
    assert.ok(listedAfter.find((x) => x.id === id)?.revokedAt);
  });

  test('an agent lists only their own tokens and cannot revoke another’s (404, still working)', async () => {
    const theirs = await call('POST', '/tokens', otherAuth, { name: 'le leur' });
    const { id, token } = theirs.json();
    const mine = (await call('GET', '/tokens', ownerAuth)).json() as { id: number }[];
    assert.ok(!mine.some((x) => x.id === id));
    const attempt = await call('DELETE', `/tokens/${id}`, ownerAuth);
    assert.equal(attempt.statusCode, 404);
    assert.equal(attempt.json().error.code, 'token_not_found');
    assert.equal((await call('GET', '/tokens', `Bearer ${token}`)).statusCode, 200);
  });

  test('a token without a name, or a bad id, is a 422 naming the field', async () => {
    const blank = await call('POST', '/tokens', ownerAuth, { name: '  ' });
    assert.equal(blank.statusCode, 422);
    assert.equal(blank.json().error.fields[0].field, 'name');
    const missing = await call('POST', '/tokens', ownerAuth, {});
    assert.equal(missing.json().error.fields[0].field, 'name');
    const badId = await call('DELETE', '/tokens/abc', ownerAuth);
    assert.equal(badId.statusCode, 422);
    assert.equal(badId.json().error.fields[0].field, 'id');
  });

  test('a session cookie does not open the API, nor a token the pages', async () => {
    const cookie = await signedInCookie(t.database.db, t.config, owner.id, t.clock.now());
    assert.equal((await t.app.inject({ url: '/api/v1/admin/tokens', headers: { cookie } })).statusCode, 401);
    const page = await t.app.inject({
      url: '/agents/compte',
      headers: { authorization: ownerAuth, accept: 'text/html' },
    });
    assert.equal(page.statusCode, 303);
  });
});

describe('“Mon compte”', () => {
  const html = { accept: 'text/html' };

  async function form(session: string, url = '/agents/compte') {
    const page = await t.app.inject({ url, headers: { ...html, cookie: session } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const csrfCookie = page.cookies.find((c) => c.name === 'csrf')?.value;
    return { page, csrf, cookie: csrfCookie ? `${session}; csrf=${csrfCookie}` : session };
  }

  const post = (url: string, cookie: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  test('the page creates a token (shown once), lists its last use, and revokes it', async () => {
    const session = await signedInCookie(t.database.db, t.config, owner.id, t.clock.now());
    const { csrf, cookie, page } = await form(session);
    assert.match(page.body, /<h1>Mon compte<\/h1>/);
    assert.match(page.body, /Olga Owner/);
    assert.match(page.body, /aria-current="page">Mon compte</);
    const created = await post('/agents/compte/jetons', cookie, { _csrf: csrf, name: 'tableur' });
    assert.equal(created.statusCode, 200);
    const token = /<code>(crn_[A-Za-z0-9_-]+)<\/code>/.exec(created.body)?.[1] ?? '';
    assert.ok(token, 'the token is shown');
    assert.equal(created.headers['cache-control'], 'no-store');

    const listedBefore = await form(session);
    assert.doesNotMatch(listedBefore.page.body, new RegExp(token));
    assert.match(listedBefore.page.body, /tableur<\/td><td>[^<]+<\/td>\s*<td>jamais<\/td>/);
    t.clock.advance(10 * 60_000);
    assert.equal((await call('GET', '/tokens', `Bearer ${token}`)).statusCode, 200);
    const listed = await form(session);
    assert.doesNotMatch(listed.page.body, /tableur<\/td><td>[^<]+<\/td>\s*<td>jamais<\/td>/);

    const id = (
      await t.database.db
        .selectFrom('agent_api_token')
        .select('id')
        .where('name', '=', 'tableur')
        .executeTakeFirstOrThrow()
    ).id;
    const revoked = await post(`/agents/compte/jetons/${id}/revoquer`, listed.cookie, { _csrf: listed.csrf });
    assert.equal(revoked.statusCode, 303);
    assert.equal(revoked.headers.location, '/agents/compte?fait=revoked');
    assert.equal((await call('GET', '/tokens', `Bearer ${token}`)).statusCode, 401);
    const after = await form(session, String(revoked.headers.location));
    assert.match(after.page.body, /Le jeton a été révoqué/);
    assert.match(after.page.body, /Révoqué le/);
  });

  test('revoking another agent’s token through the form is not found, and it keeps working', async () => {
    const theirs = (await call('POST', '/tokens', otherAuth, { name: 'à eux' })).json();
    const session = await signedInCookie(t.database.db, t.config, owner.id, t.clock.now());
    const { csrf, cookie } = await form(session);
    const response = await post(`/agents/compte/jetons/${theirs.id}/revoquer`, cookie, { _csrf: csrf });
    assert.equal(response.statusCode, 404);
    assert.equal((await call('GET', '/tokens', `Bearer ${theirs.token}`)).statusCode, 200);
  });

  test('a nameless token is refused on the page, naming the field', async () => {
    const session = await signedInCookie(t.database.db, t.config, owner.id, t.clock.now());
    const { csrf, cookie } = await form(session);
    const response = await post('/agents/compte/jetons', cookie, { _csrf: csrf, name: '' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /href="#name">Nom du jeton : Donnez un nom au jeton/);
  });
});
