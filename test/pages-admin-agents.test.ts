import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createAgent, scope, signedInCookie, type TestAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';

// The screens of the agents' administration over HTTP: forms with their anti-forgery field, what a
// département administrator sees, ids and scopes tampered in URLs and form fields, the refusals shown.

let t: TestApp;
let f74: Fixture;
let site34: number;
let admin74: TestAgent;
let agent74: TestAgent;
let agent34: TestAgent;
let session74: string;

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  f74 = await createFixture(db);
  await db
    .insertInto('department')
    .values({ code: '34', name: 'Hérault', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .execute();
  site34 = (
    await db
      .insertInto('site')
      .values({
        department_code: '34',
        name: 'Préfecture de l’Hérault',
        kind: 'prefecture',
        address: 'Montpellier',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  admin74 = await createAgent(db, t.config, {
    name: 'Anne Admin74',
    grants: [{ role: 'administrator', scope: scope('74') }],
  });
  await createAgent(db, t.config, { grants: [{ role: 'administrator', scope: scope('34') }] });
  agent74 = await createAgent(db, t.config, {
    name: 'Xavier Agent74',
    grants: [{ role: 'agent', scope: scope(`site:${f74.siteId}`) }],
  });
  agent34 = await createAgent(db, t.config, {
    name: 'Yasmine Agent34',
    grants: [{ role: 'agent', scope: scope(`site:${site34}`, '34') }],
  });
  session74 = await signedInCookie(db, t.config, admin74.id, t.clock.now());
});
after(() => t.close());

const html = { accept: 'text/html' };

/** GETs a page as the signed-in agent; returns it with the cookies to send back (session, anti-forgery). */
async function open(url: string, session = session74) {
  const page = await t.app.inject({ url, headers: { ...html, cookie: session } });
  const csrfCookie = page.cookies.find((c) => c.name === 'csrf');
  const cookie = csrfCookie ? `${session}; csrf=${csrfCookie.value}` : session;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { page, cookie, csrf };
}

/** POSTs a form as a browser does (urlencoded), with the anti-forgery field of the page it came from. */
async function submit(from: string, action: string, fields: Record<string, string>, session = session74) {
  const { cookie, csrf } = await open(from, session);
  return t.app.inject({
    method: 'POST',
    url: action,
    headers: { ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
}

const count = async (table: 'agent' | 'audit_entry') =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]
      ?.n,
  );

describe('the agents’ list and pages', () => {
  test('a département administrator sees their agents, not another département’s', async () => {
    const { page } = await open('/agents/comptes');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Xavier Agent74/);
    assert.doesNotMatch(page.body, /Yasmine Agent34/);
    assert.match(page.body, /aria-current="page">Agents</);
  });

  test('an agent without agent.manage gets the refusal page', async () => {
    const cookie = await signedInCookie(t.database.db, t.config, agent74.id, t.clock.now());
    const page = await t.app.inject({ url: '/agents/comptes', headers: { ...html, cookie } });
    assert.equal(page.statusCode, 403);
    assert.match(page.body, /Accès refusé/);
  });

  test('another département’s agent page is not found, whatever the id typed', async () => {
    for (const id of [String(agent34.id), '0', 'abc', '99999999999']) {
      const { page } = await open(`/agents/comptes/${id}`);
      assert.equal(page.statusCode, 404, id);
    }
  });

  test('an agent’s page shows the roles in scope with a withdraw form for each', async () => {
    const { page } = await open(`/agents/comptes/${agent74.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Xavier Agent74<\/h1>/);
    assert.match(page.body, new RegExp(`name="scope" value="site:${f74.siteId}"`));
    assert.match(page.body, /Désactiver le compte/);
  });
});

describe('creating an agent through the form', () => {
  test('the form creates the agent and shows the initial password once', async () => {
    const entries = await count('audit_entry');
    const response = await submit('/agents/comptes/nouveau', '/agents/comptes/nouveau', {
      email: 'lea.martin@interieur.gouv.fr',
      name: 'Léa Martin',
      role: 'agent',
      scope: `site:${f74.siteId}`,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(response.body, /Agent créé/);
    const password = /<code>([a-z0-9-]{23})<\/code>/.exec(response.body)?.[1];
    assert.ok(password, 'the password is shown');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(await count('audit_entry'), entries + 1);
    const again = await open('/agents/comptes');
    assert.match(again.page.body, /Léa Martin/);
    assert.doesNotMatch(again.page.body, new RegExp(password));
  });

  test('a federation-only agent is created and the browser goes to their page', async () => {
    const response = await submit('/agents/comptes/nouveau', '/agents/comptes/nouveau', {
      email: 'fede@interieur.gouv.fr',
      name: 'Fédé Ration',
      role: 'viewer',
      scope: '74',
      federationOnly: 'on',
    });
    assert.equal(response.statusCode, 303);
    assert.match(String(response.headers.location), /^\/agents\/comptes\/\d+\?fait=created$/);
  });

  test('a form without its anti-forgery field stores nothing', async () => {
    const agents = await count('agent');
    const { cookie } = await open('/agents/comptes/nouveau');
    const response = await t.app.inject({
      method: 'POST',
      url: '/agents/comptes/nouveau',
      headers: { ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: 'x@y.fr', name: 'X', role: 'agent', scope: '74' }).toString(),
    });
    assert.equal(response.statusCode, 403);
    assert.equal(await count('agent'), agents);
  });

  test('a scope tampered in the form (national, another département’s site) is refused, nothing stored', async () => {
    const agents = await count('agent');
    for (const tampered of ['national', `site:${site34}`, '34']) {
      const response = await submit('/agents/comptes/nouveau', '/agents/comptes/nouveau', {
        email: `t-${tampered.replace(/\W/g, '')}@interieur.gouv.fr`,
        name: 'Tampered',
        role: 'administrator',
        scope: tampered,
      });
      assert.equal(response.statusCode, 403, tampered);
    }
    assert.equal(await count('agent'), agents);
  });

  test('bad fields show the form again with an error summary naming them', async () => {
    const response = await submit('/agents/comptes/nouveau', '/agents/comptes/nouveau', {
      email: 'pas une adresse',
      name: '',
      role: 'agent',
      scope: '74',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Le formulaire contient 2 erreurs/);
    assert.match(
      response.body,
      /href="#email">Adresse électronique professionnelle : Adresse électronique invalide/,
    );
    assert.match(response.body, /value="pas une adresse"/);
  });

  test('the only scopes offered are those the administrator covers', async () => {
    const { page } = await open('/agents/comptes/nouveau');
    assert.match(page.body, /<option value="74">/);
    assert.match(page.body, new RegExp(`<option value="site:${f74.siteId}">`));
    assert.doesNotMatch(page.body, /<option value="national">|<option value="34">/);
    assert.doesNotMatch(page.body, new RegExp(`site:${site34}`));
  });
});

describe('editing an agent through the forms', () => {
  test('renaming redirects to the page with its notice; one entry', async () => {
    const entries = await count('audit_entry');
    const url = `/agents/comptes/${agent74.id}`;
    const response = await submit(url, url, { name: 'Xavier Nouveau' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `${url}?fait=updated`);
    const { page } = await open(String(response.headers.location));
    assert.match(page.body, /Le compte a été modifié/);
    assert.match(page.body, /<h1>Xavier Nouveau<\/h1>/);
    assert.equal(await count('audit_entry'), entries + 1);
  });

  test('an id tampered in the form’s URL reaches nothing of another département (404)', async () => {
    const from = `/agents/comptes/${agent74.id}`;
    for (const action of ['', '/etat', '/roles', '/roles/retirer']) {
      const response = await submit(from, `/agents/comptes/${agent34.id}${action}`, {
        name: 'Piraté',
        active: 'false',
        role: 'agent',
        scope: `site:${site34}`,
      });
      assert.equal(response.statusCode, 404, action);
    }
    const row = await t.database.db
      .selectFrom('agent')
      .select(['name', 'active'])
      .where('id', '=', agent34.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'Yasmine Agent34', active: true });
  });

  test('a role on another département’s site is refused (403), one in scope is given', async () => {
    const url = `/agents/comptes/${agent74.id}`;
    const refused = await submit(url, `${url}/roles`, { role: 'site_manager', scope: `site:${site34}` });
    assert.equal(refused.statusCode, 403);
    const given = await submit(url, `${url}/roles`, { role: 'viewer', scope: '74' });
    assert.equal(given.statusCode, 303);
    assert.equal(given.headers.location, `${url}?fait=granted`);
    const withdrawn = await submit(url, `${url}/roles/retirer`, { role: 'viewer', scope: '74' });
    assert.equal(withdrawn.headers.location, `${url}?fait=withdrawn`);
  });

  test('withdrawing the département’s last administrator shows the refusal (409), nothing changed', async () => {
    const db = t.database.db;
    const national = await createAgent(db, t.config, {
      grants: [{ role: 'administrator', scope: scope('national') }],
    });
    const nationalSession = await signedInCookie(db, t.config, national.id, t.clock.now());
    const url = `/agents/comptes/${admin74.id}`;
    await submit(url, `${url}/roles`, { role: 'viewer', scope: '74' }, nationalSession);
    const response = await submit(
      url,
      `${url}/roles/retirer`,
      { role: 'administrator', scope: '74' },
      nationalSession,
    );
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /doit garder au moins un administrateur actif/);
    const deactivation = await submit(url, `${url}/etat`, { active: 'false' }, nationalSession);
    assert.equal(deactivation.statusCode, 409);
    const grants = await db
      .selectFrom('role_grant')
      .select('role')
      .where('agent_id', '=', admin74.id)
      .execute();
    assert.ok(grants.some((g) => g.role === 'administrator'));
  });

  test('deactivating through the form ends the agent’s sessions: their next page is the sign-in', async () => {
    const db = t.database.db;
    const target = await createAgent(db, t.config, { grants: [{ role: 'viewer', scope: scope('74') }] });
    const theirs = await signedInCookie(db, t.config, target.id, t.clock.now());
    const url = `/agents/comptes/${target.id}`;
    const response = await submit(url, `${url}/etat`, { active: 'false' });
    assert.equal(response.headers.location, `${url}?fait=deactivated`);
    const next = await t.app.inject({ url: '/agents', headers: { ...html, cookie: theirs } });
    assert.equal(next.statusCode, 303);
    assert.equal(next.headers.location, '/agents/connexion');
    const { page } = await open(url);
    assert.match(page.body, /Réactiver le compte/);
  });

  test('turning federation-only off shows the new password on the page, once', async () => {
    const db = t.database.db;
    const target = await createAgent(db, t.config, {
      federationOnly: true,
      name: 'Fanny Fédérée',
      grants: [{ role: 'viewer', scope: scope('74') }],
    });
    const url = `/agents/comptes/${target.id}`;
    const response = await submit(url, url, { name: 'Fanny Fédérée' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Nouveau mot de passe provisoire/);
    assert.match(response.body, /<code>[a-z0-9-]{23}<\/code>/);
  });
});
