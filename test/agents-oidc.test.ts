import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { CALLBACK_PATH, SECOND_FACTOR_ACRS } from '../src/modules/agents/federation.client.ts';
import { createAgent, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture } from './helpers/fixtures.ts';
import { startOidcProvider, type TestProvider } from './helpers/oidc.ts';
import { freePort } from './helpers/server-process.ts';

// Issue 8, point 2: agents sign in through an OpenID provider (ProConnect in production), tested
// against a real one (oidc-provider) started here. The account is matched by email, never created.

const PUBLIC_URL = 'http://creneau.test';
const START = '/agents/connexion/proconnect';
const CONTINUE = `${START}/suite`;
const FLOW_COOKIE = 'creneau-federation';
const SESSION_COOKIE = 'creneau-agent';

let op: TestProvider;
let t: TestApp;
before(async () => {
  op = await startOidcProvider({ redirectUri: `${PUBLIC_URL}${CALLBACK_PATH}` });
  t = await createTestApp({ env: op.env });
  await createFixture(t.database.db);
});
after(async () => {
  await t?.close();
  await op?.stop();
});

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

/** The value of a cookie the response sets, and the whole Set-Cookie line. */
function setCookie(response: Response, name: string): { value: string; line: string } | undefined {
  const lines = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith(`${name}=`));
  return line ? { value: line.slice(name.length + 1).split(';')[0] ?? '', line } : undefined;
}

/** Clicks "Se connecter avec ProConnect": the provider's address and the flow cookie. */
async function begin(app: TestApp = t, cookie?: string): Promise<{ authorization: URL; flowCookie: string }> {
  const response = await app.app.inject({
    method: 'GET',
    url: START,
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
  });
  assert.equal(response.statusCode, 303, response.body);
  const flow = setCookie(response, FLOW_COOKIE);
  assert.ok(flow, 'the start sets the flow cookie');
  return { authorization: new URL(String(response.headers.location)), flowCookie: flow.value };
}

/** The browser coming back from the provider to the callback. */
function callback(url: URL, flowCookie: string | undefined, app: TestApp = t, extraCookie?: string) {
  const cookies = [flowCookie ? `${FLOW_COOKIE}=${flowCookie}` : '', extraCookie ?? ''].filter(Boolean);
  return app.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: { accept: 'text/html', ...(cookies.length > 0 ? { cookie: cookies.join('; ') } : {}) },
  });
}

/** The page the callback sends the browser to, as the browser gets it. */
async function followed(app: TestApp, response: Response): Promise<Response> {
  assert.equal(response.statusCode, 303, response.body);
  return app.app.inject({
    method: 'GET',
    url: String(response.headers.location),
    headers: { accept: 'text/html' },
  });
}

/** A whole sign-in as `accountId` at the provider, up to the callback's answer. */
async function signInAs(accountId: string, app: TestApp = t, provider: TestProvider = op) {
  const { authorization, flowCookie } = await begin(app);
  const back = await provider.signIn(authorization.href, accountId);
  return { response: await callback(back, flowCookie, app), back, flowCookie };
}

async function sessions(app: TestApp = t) {
  return app.database.db
    .selectFrom('agent_session')
    .select(['agent_id', 'stage', 'method', 'ended_at'])
    .orderBy('created_at')
    .execute();
}

async function audit(action: string, app: TestApp = t) {
  return app.database.db
    .selectFrom('audit_entry')
    .select(['agent_id', 'target_type', 'target_id', 'after'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

/** The audit entries written while `run` runs. */
async function auditDuring(run: () => Promise<unknown>, app: TestApp = t) {
  const { max } = await app.database.db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql<string>`0`).as('max'))
    .executeTakeFirstOrThrow();
  await run();
  return app.database.db
    .selectFrom('audit_entry')
    .select(['action', 'agent_id', 'target_id', 'after', 'department_code', 'site_id'])
    .where('id', '>', String(max))
    .orderBy('id')
    .execute();
}

let accounts = 0;
/** A person at the provider, and (unless `account: false`) the agent account of their email. */
async function person(
  options: { acr?: string; email?: string | null; account?: boolean; name?: string } = {},
) {
  accounts += 1;
  const id = `person-${accounts}`;
  const email =
    options.email === null ? undefined : (options.email ?? `agent-oidc-${accounts}@interieur.gouv.fr`);
  op.accounts.set(id, { ...(email ? { email } : {}), ...(options.acr ? { acr: options.acr } : {}) });
  const agent =
    options.account === false || !email
      ? undefined
      : await createAgent(t.database.db, t.config, {
          email: email.toLowerCase(),
          ...(options.name ? { name: options.name } : {}),
          grants: [{ role: 'viewer', scope: { kind: 'department', departmentCode: '74' } }],
        });
  return { id, email, agent };
}

describe('the start of a sign-in through the federation', () => {
  test('sends the browser to the provider with PKCE (S256), a state, a nonce and the second factor required; the verifier stays here', async () => {
    const { authorization, flowCookie } = await begin();
    assert.equal(authorization.origin, op.issuer);
    const q = authorization.searchParams;
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('redirect_uri'), `${PUBLIC_URL}${CALLBACK_PATH}`);
    assert.equal(q.get('scope'), 'openid email');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok((q.get('state') ?? '').length >= 32 && (q.get('nonce') ?? '').length >= 32);
    assert.deepEqual(JSON.parse(q.get('claims') ?? '{}'), {
      id_token: { acr: { essential: true, values: SECOND_FACTOR_ACRS } },
    });
    const flows = await t.database.db.selectFrom('agent_federation_flow').selectAll().execute();
    const flow = flows.find((row) => row.state === q.get('state'));
    assert.ok(flow, 'the flow is stored');
    assert.equal(flow.nonce, q.get('nonce'));
    assert.ok(!authorization.href.includes(flow.code_verifier), 'the verifier never leaves the server');
    assert.ok(!flows.some((row) => row.id_hash.toString('base64url') === flowCookie), 'stored by its hash');
    assert.equal(flow.expires_at.getTime() - flow.created_at.getTime(), 10 * 60_000);
  });

  test('the flow cookie is HttpOnly and SameSite=Lax (the provider sends the browser back from its site)', async () => {
    const response = await t.app.inject({ method: 'GET', url: START, headers: { accept: 'text/html' } });
    const flow = setCookie(response, FLOW_COOKIE);
    assert.match(flow?.line ?? '', /HttpOnly/);
    assert.match(flow?.line ?? '', /SameSite=Lax/);
    assert.match(flow?.line ?? '', /Max-Age=600/);
    assert.equal(response.headers['cache-control'], 'no-store');
  });
});

describe('the flows table', () => {
  test('the database refuses a flow that would last longer than ten minutes', async () => {
    const now = new Date('2029-12-20T10:00:00Z');
    const flow = (id: number, minutes: number) => ({
      id_hash: Buffer.alloc(32, id),
      state: 's'.repeat(43),
      nonce: 'n'.repeat(43),
      code_verifier: 'v'.repeat(43),
      created_at: now,
      expires_at: new Date(now.getTime() + minutes * 60_000),
    });
    await t.database.db.insertInto('agent_federation_flow').values(flow(1, 10)).execute();
    await assert.rejects(
      t.database.db.insertInto('agent_federation_flow').values(flow(2, 11)).execute(),
      /agent_federation_flow_check/,
    );
    await t.database.db
      .deleteFrom('agent_federation_flow')
      .where('id_hash', '=', Buffer.alloc(32, 1))
      .execute();
  });
});

describe('a sign-in through the federation', () => {
  test('an active account matched by its email (any case) gets a complete session and the back office shows its name', async () => {
    const { id, agent } = await person({ email: 'Camille.Martin@Interieur.gouv.fr', name: 'Camille Martin' });
    const entries = await auditDuring(async () => {
      const { response } = await signInAs(id);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, CONTINUE);
      const session = setCookie(response, SESSION_COOKIE);
      assert.ok(session, 'a session cookie is set');
      assert.match(session.line, /HttpOnly/);
      assert.match(session.line, /SameSite=Strict/);
      assert.match(setCookie(response, FLOW_COOKIE)?.line ?? '', /Expires=Thu, 01 Jan 1970/);
      const step = await t.app.inject({ method: 'GET', url: CONTINUE, headers: { accept: 'text/html' } });
      assert.equal(step.statusCode, 200);
      assert.match(step.body, /<meta http-equiv="refresh" content="0;url=\/agents\/mon-guichet">/);
      assert.match(
        step.body,
        /<a class="fr-btn" href="\/agents\/mon-guichet">Accéder à l’espace des agents<\/a>/,
      );
      const home = await t.app.inject({
        method: 'GET',
        url: '/agents',
        headers: { cookie: `${SESSION_COOKIE}=${session.value}` },
      });
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Camille Martin/);
    });
    const mine = (await sessions()).filter((s) => s.agent_id === agent?.id);
    assert.deepEqual(
      mine.map((s) => [s.stage, s.method, s.ended_at]),
      [['complete', 'federation', null]],
    );
    assert.deepEqual(entries, [
      {
        action: 'agent.sign_in',
        agent_id: agent?.id,
        target_id: String(agent?.id),
        after: { method: 'federation' },
        department_code: null,
        site_id: null,
      },
    ]);
  });

  test('a federation-only account (no password) signs in here', async () => {
    const email = 'federation-only@interieur.gouv.fr';
    op.accounts.set('federation-only', { email });
    const agent = await createAgent(t.database.db, t.config, { email, federationOnly: true });
    const { response } = await signInAs('federation-only');
    assert.equal(response.headers.location, CONTINUE);
    assert.ok((await sessions()).some((s) => s.agent_id === agent.id && s.stage === 'complete'));
  });

  test('signing in ends the session the browser had (rotation), at the start and at the callback', async () => {
    const { id, agent } = await person();
    const other = await createAgent(t.database.db, t.config);
    const beforeStart = await signedInCookie(t.database.db, t.config, other.id, t.clock.now());
    const { authorization, flowCookie } = await begin(t, beforeStart);
    const beforeCallback = await signedInCookie(t.database.db, t.config, other.id, t.clock.now());
    const back = await op.signIn(authorization.href, id);
    const response = await callback(back, flowCookie, t, beforeCallback);
    assert.equal(response.headers.location, CONTINUE);
    for (const cookie of [beforeStart, beforeCallback]) {
      const old = await t.app.inject({ method: 'GET', url: '/agents', headers: { cookie } });
      assert.equal(old.statusCode, 303, 'the previous session is over');
    }
    assert.ok((await sessions()).some((s) => s.agent_id === agent?.id && s.ended_at === null));
  });
});

describe('a refused sign-in through the federation', () => {
  /** Checks the refusal: the problem page, no session opened, one audit entry with its reason. */
  async function refused(
    run: () => Promise<Response>,
    expected: { problem: string; status: number; reason: string; text: RegExp },
  ) {
    const sessionsBefore = (await sessions()).length;
    let response: Response | undefined;
    const entries = await auditDuring(async () => {
      response = await run();
    });
    assert.ok(response);
    assert.equal(response.headers.location, `${START}/refus?raison=${expected.problem}`);
    assert.equal(setCookie(response, SESSION_COOKIE), undefined, 'no session cookie');
    assert.equal((await sessions()).length, sessionsBefore, 'no session opened');
    assert.deepEqual(
      entries.map((e) => [e.action, e.agent_id, (e.after as { reason: string }).reason]),
      [['agent.sign_in_failed', null, expected.reason]],
    );
    const page = await followed(t, response);
    assert.equal(page.statusCode, expected.status);
    assert.match(page.body, expected.text);
    assert.match(page.body, /href="\/agents\/connexion"/);
    return { entries, page };
  }

  test('a state tampered with in the callback’s address is refused', async () => {
    const { id } = await person();
    const { authorization, flowCookie } = await begin();
    const back = await op.signIn(authorization.href, id);
    back.searchParams.set('state', `${back.searchParams.get('state')?.slice(0, -1)}x`);
    await refused(() => callback(back, flowCookie), {
      problem: 'failed',
      status: 400,
      reason: 'state_mismatch',
      text: /La connexion n’a pas abouti/,
    });
  });

  test('an ID token whose nonce is not the one sent is refused', async () => {
    const { id } = await person();
    const { authorization, flowCookie } = await begin();
    const back = await op.signIn(authorization.href, id);
    await t.database.db
      .updateTable('agent_federation_flow')
      .set({ nonce: 'n'.repeat(43) })
      .where('state', '=', authorization.searchParams.get('state') ?? '')
      .execute();
    await refused(() => callback(back, flowCookie), {
      problem: 'failed',
      status: 400,
      reason: 'nonce_mismatch',
      text: /La connexion n’a pas abouti/,
    });
  });

  test('an unknown email is refused and no account is created', async () => {
    const { id, email } = await person({ account: false });
    const { entries } = await refused(async () => (await signInAs(id)).response, {
      problem: 'account',
      status: 403,
      reason: 'unknown_account',
      text: /Aucun compte d’agent pour cette identité/,
    });
    const created = await t.database.db
      .selectFrom('agent')
      .select('id')
      .where('email', '=', String(email))
      .execute();
    assert.deepEqual(created, []);
    assert.deepEqual(entries[0]?.after, {
      method: 'federation',
      reason: 'unknown_account',
      emailClaim: true,
    });
    assert.equal(entries[0]?.target_id, null);
  });

  test('a deactivated account is refused with the same page as an unknown one', async () => {
    const unknown = await person({ account: false });
    const { id, agent } = await person();
    await t.database.db
      .updateTable('agent')
      .set({ active: false })
      .where('id', '=', Number(agent?.id))
      .execute();
    const { entries, page } = await refused(async () => (await signInAs(id)).response, {
      problem: 'account',
      status: 403,
      reason: 'inactive_account',
      text: /Aucun compte d’agent pour cette identité/,
    });
    assert.equal(entries[0]?.target_id, String(agent?.id));
    const unknownPage = await followed(t, (await signInAs(unknown.id)).response);
    assert.equal(page.body, unknownPage.body);
  });

  test('a login without a second factor at the provider (acr eidas1) is refused, whatever the provider did with the request', async () => {
    const { id } = await person({ acr: 'eidas1' });
    await refused(async () => (await signInAs(id)).response, {
      problem: 'second_factor',
      status: 403,
      reason: 'second_factor_missing',
      text: /Double authentification nécessaire/,
    });
  });

  test('an identity without an email is refused', async () => {
    const { id } = await person({ email: null });
    const { entries } = await refused(async () => (await signInAs(id)).response, {
      problem: 'account',
      status: 403,
      reason: 'no_email',
      text: /Aucun compte d’agent/,
    });
    assert.deepEqual(entries[0]?.after, { method: 'federation', reason: 'no_email', emailClaim: false });
  });

  test('an error sent back by the provider (the agent declined) is refused', async () => {
    const { authorization, flowCookie } = await begin();
    const back = new URL(`${PUBLIC_URL}${CALLBACK_PATH}`);
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('state', authorization.searchParams.get('state') ?? '');
    back.searchParams.set('iss', op.issuer);
    await refused(() => callback(back, flowCookie), {
      problem: 'failed',
      status: 400,
      reason: 'provider_error',
      text: /La connexion n’a pas abouti/,
    });
  });

  test('a replayed callback (same code and state) is refused, with the cookie or with a new flow', async () => {
    const { id, agent } = await person();
    const first = await signInAs(id);
    assert.equal(first.response.headers.location, CONTINUE);
    await refused(() => callback(first.back, first.flowCookie), {
      problem: 'failed',
      status: 400,
      reason: 'no_flow',
      text: /La connexion n’a pas abouti/,
    });
    const fresh = await begin();
    await refused(() => callback(first.back, fresh.flowCookie), {
      problem: 'failed',
      status: 400,
      reason: 'state_mismatch',
      text: /La connexion n’a pas abouti/,
    });
    const mine = (await sessions()).filter((s) => s.agent_id === agent?.id);
    assert.equal(mine.length, 1, 'one session only');
  });

  test('the code itself is used once: the provider refuses it a second time', async () => {
    const { id } = await person();
    const { authorization, flowCookie } = await begin();
    const back = await op.signIn(authorization.href, id);
    const [flow] = await t.database.db
      .selectFrom('agent_federation_flow')
      .selectAll()
      .where('state', '=', authorization.searchParams.get('state') ?? '')
      .execute();
    assert.equal((await callback(back, flowCookie)).headers.location, CONTINUE);
    // The same flow put back (as if its row had been copied): the provider still refuses the code.
    await t.database.db
      .insertInto('agent_federation_flow')
      .values(flow as never)
      .execute();
    await refused(() => callback(back, flowCookie), {
      problem: 'failed',
      status: 400,
      reason: 'code_refused',
      text: /La connexion n’a pas abouti/,
    });
  });

  test('a flow older than ten minutes is over', async () => {
    const { id } = await person();
    const { authorization, flowCookie } = await begin();
    const back = await op.signIn(authorization.href, id);
    t.clock.advance(10 * 60_000 + 1);
    await refused(() => callback(back, flowCookie), {
      problem: 'failed',
      status: 400,
      reason: 'no_flow',
      text: /La connexion n’a pas abouti/,
    });
  });

  test('a callback without the flow cookie is refused', async () => {
    const { id } = await person();
    const { authorization } = await begin();
    const back = await op.signIn(authorization.href, id);
    await refused(() => callback(back, undefined), {
      problem: 'failed',
      status: 400,
      reason: 'no_flow',
      text: /La connexion n’a pas abouti/,
    });
  });

  test('the audit entries of refusals hold no token nor any claim’s value', async () => {
    const rows = await t.database.db
      .selectFrom('audit_entry')
      .select(['after', 'before'])
      .where('action', 'in', ['agent.sign_in', 'agent.sign_in_failed'])
      .execute();
    assert.ok(rows.length >= 10);
    for (const row of rows) {
      assert.equal(row.before, null);
      const keys = Object.keys(row.after as object).sort();
      assert.ok(
        ['method', 'method,reason', 'emailClaim,method,reason'].includes(keys.join(',')),
        `unexpected keys ${keys}`,
      );
    }
  });

  test('the problem page in English, and an unknown problem reads as a failed attempt', async () => {
    const english = await t.app.inject({
      method: 'GET',
      url: `${START}/refus?raison=second_factor&lang=en`,
      headers: { accept: 'text/html' },
    });
    assert.equal(english.statusCode, 403);
    assert.match(english.body, /Two-factor authentication required/);
    const unknown = await t.app.inject({ method: 'GET', url: `${START}/refus?raison=whatever` });
    assert.equal(unknown.statusCode, 400);
  });
});

describe('the provider down', () => {
  test('unreachable at the start: a 503 page with Retry-After, and nothing stored', async () => {
    const closed = await freePort();
    const app = await createTestApp({
      env: { ...op.env, OIDC_ISSUER: `http://127.0.0.1:${closed}` },
    });
    try {
      const response = await app.app.inject({ method: 'GET', url: START, headers: { accept: 'text/html' } });
      assert.equal(response.statusCode, 503);
      assert.equal(response.headers['retry-after'], '5');
      assert.match(response.body, /ProConnect ne répond pas/);
      assert.equal(setCookie(response, FLOW_COOKIE), undefined);
      const flows = await app.database.db.selectFrom('agent_federation_flow').select('state').execute();
      assert.deepEqual(flows, []);
    } finally {
      await app.close();
    }
  });

  test('gone between the authorization and the callback: the 503 page, no session, the failure in the log', async () => {
    const provider = await startOidcProvider({ redirectUri: `${PUBLIC_URL}${CALLBACK_PATH}` });
    const app = await createTestApp({ env: provider.env });
    try {
      provider.accounts.set('someone', { email: 'someone@interieur.gouv.fr' });
      await createAgent(app.database.db, app.config, { email: 'someone@interieur.gouv.fr' });
      const { authorization, flowCookie } = await begin(app);
      const back = await provider.signIn(authorization.href, 'someone');
      await provider.stop();
      const response = await callback(back, flowCookie, app);
      assert.equal(response.headers.location, `${START}/refus?raison=unavailable`);
      const page = await followed(app, response);
      assert.equal(page.statusCode, 503);
      assert.equal(page.headers['retry-after'], '5');
      assert.match(page.body, /ProConnect ne répond pas/);
      assert.deepEqual(await sessions(app), []);
      const failures = await audit('agent.sign_in_failed', app);
      assert.deepEqual(
        failures.map((f) => (f.after as { reason: string }).reason),
        ['provider_unavailable'],
      );
    } finally {
      await app.close();
      await provider.stop();
    }
  });
});

describe('without OIDC settings', () => {
  test('the start and the callback do not exist', async () => {
    const app = await createTestApp();
    try {
      for (const url of [START, CALLBACK_PATH, `${START}/refus`, CONTINUE]) {
        const response = await app.app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 404, url);
      }
    } finally {
      await app.close();
    }
  });
});
