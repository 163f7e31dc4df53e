import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sessionCookieName } from '../src/modules/agents/sessions.ts';
import { totpCode } from '../src/modules/agents/totp.ts';
import { createAgent, scope, signedInCookie, type TestAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture } from './helpers/fixtures.ts';
import { appRoutes, signIn, submitPassword, type TestBrowser, testBrowser } from './helpers/sign-in.ts';

// Issue 8, sign-in's second step (decision 0021): enrolment with its QR code and ten recovery codes,
// a code accepted once (replayed, stale, raced), recovery codes used once, wrong codes throttled, and
// no route of the back office or of the admin API answering a session whose code is still missing.

let t: TestApp;
let cookieName: string;
let address = 0;
const browser = () => testBrowser(t.app, `203.0.113.${++address}`);

before(async () => {
  t = await createTestApp();
  await createFixture(t.database.db);
  cookieName = sessionCookieName(t.config);
});
after(() => t.close());

const code = (agent: TestAgent, offsetMs = 0) =>
  totpCode(agent.totpSecret, new Date(t.clock.now().getTime() + offsetMs));

async function entries(agentId: number, action: string) {
  return t.database.db
    .selectFrom('audit_entry')
    .select(['after'])
    .where('agent_id', '=', agentId)
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

async function liveSessions(agentId: number) {
  return t.database.db
    .selectFrom('agent_session')
    .select(['stage'])
    .where('agent_id', '=', agentId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Forgets an agent's counted attempts: for the races, where the throttle is not what is tested. */
async function forgetAttempts(agentId: number) {
  await t.database.db.deleteFrom('sign_in_throttle').where('key', '=', `agent:${agentId}`).execute();
}

/** An agent enrolled through the pages, signed out again; with the recovery codes they were shown. */
async function enrolledAgent(): Promise<{ agent: TestAgent; recoveryCodes: string[] }> {
  const agent = await createAgent(t.database.db, t.config, {
    grants: [{ role: 'viewer', scope: scope('74') }],
  });
  const b = browser();
  const { recoveryCodes } = await signIn(b, agent, t.clock.now());
  await b.post('/agents/deconnexion', {});
  // The next code is another step's: a code is accepted once.
  t.clock.advance(30_000);
  return { agent, recoveryCodes };
}

async function atCodeStep(agent: TestAgent): Promise<TestBrowser> {
  const b = browser();
  const response = await submitPassword(b, agent);
  assert.equal(response.statusCode, 303);
  await b.get('/agents/connexion/code');
  return b;
}

describe('enrolment', () => {
  test('shows the secret as a QR code and as text, and a first good code shows ten recovery codes once', async () => {
    const agent = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'viewer', scope: scope('74') }],
    });
    const b = browser();
    await submitPassword(b, agent);
    const page = await b.get('/agents/connexion/code');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Activer la validation en deux étapes<\/h1>/);
    assert.match(
      page.body,
      /<img class="creneau-qr-code" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR code du compte /,
    );
    const grouped = agent.totpSecret.match(/.{1,4}/g)?.join(' ') ?? '';
    assert.ok(page.body.includes(`<code>${grouped}</code>`), 'the key, to type by hand');
    assert.doesNotMatch(page.body, /fr-nav/);
    const svg = Buffer.from(/base64,([^"]+)"/.exec(page.body)?.[1] ?? '', 'base64').toString();
    assert.match(svg, /^<svg /);

    const wrong = await b.post('/agents/connexion/code', {
      code: '000000' === code(agent) ? '111111' : '000000',
    });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /Ce code n’est pas valable/);
    assert.deepEqual(await liveSessions(agent.id), [{ stage: 'password' }]);

    const before = b.cookie(cookieName);
    const done = await b.post('/agents/connexion/code', { code: code(agent) });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /<h1>Vos codes de secours<\/h1>/);
    assert.match(done.body, /Ces codes ne seront plus jamais affichés/);
    const codes = [...done.body.matchAll(/<li><code>([A-Z2-9]{5}-[A-Z2-9]{5})<\/code><\/li>/g)].map(
      (m) => m[1] ?? '',
    );
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.notEqual(b.cookie(cookieName), before, 'the session is rotated');
    assert.deepEqual(await liveSessions(agent.id), [{ stage: 'complete' }]);

    const stored = await t.database.db
      .selectFrom('agent_recovery_code')
      .select('code_hash')
      .where('agent_id', '=', agent.id)
      .execute();
    const expected = codes.map((c) => createHash('sha256').update(c.replace('-', '')).digest('hex')).sort();
    assert.deepEqual(
      stored.map((row) => row.code_hash.toString('hex')).sort(),
      expected,
      'kept as SHA-256 only',
    );
    const row = await t.database.db
      .selectFrom('agent')
      .select(['totp_enrolled_at'])
      .where('id', '=', agent.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.totp_enrolled_at, t.clock.now());
    assert.equal((await entries(agent.id, 'agent.totp_enrol')).length, 1);
    assert.deepEqual(
      (await entries(agent.id, 'agent.sign_in')).map((e) => e.after),
      [{ method: 'password', factor: 'totp' }],
    );
    assert.equal((await b.get('/agents')).statusCode, 200);
  });

  test('an enrolled agent is asked for the code, without the secret', async () => {
    const { agent } = await enrolledAgent();
    const b = await atCodeStep(agent);
    const page = await b.get('/agents/connexion/code');
    assert.match(page.body, /<h1>Validation en deux étapes<\/h1>/);
    assert.doesNotMatch(page.body, /creneau-qr-code|<code>/);
    assert.ok(!page.body.includes(agent.totpSecret.slice(0, 8)));
  });
});

describe('the code', () => {
  test('a good code completes the sign-in; the home page opens', async () => {
    const { agent } = await enrolledAgent();
    const b = await atCodeStep(agent);
    const response = await b.post('/agents/connexion/code', { code: code(agent) });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/agents/mon-guichet', 'the counter is chosen first');
    assert.equal((await b.get('/agents')).statusCode, 200);
  });

  test('a wrong code is refused and logged as a failure of the code step', async () => {
    const { agent } = await enrolledAgent();
    const b = await atCodeStep(agent);
    const wrong = String((Number(code(agent)) + 1) % 1_000_000).padStart(6, '0');
    const response = await b.post('/agents/connexion/code', { code: wrong });
    assert.equal(response.statusCode, 401);
    assert.equal((await b.get('/agents')).statusCode, 303);
    assert.deepEqual(
      (await entries(agent.id, 'agent.sign_in_failed')).map((e) => e.after),
      [{ method: 'password', step: 'code', reason: 'code' }],
    );
  });

  test('a code is accepted once: the same code again, in a new sign-in, is refused', async () => {
    const { agent } = await enrolledAgent();
    const first = await atCodeStep(agent);
    const used = code(agent);
    assert.equal((await first.post('/agents/connexion/code', { code: used })).statusCode, 303);
    const second = await atCodeStep(agent);
    assert.equal((await second.post('/agents/connexion/code', { code: used })).statusCode, 401);
  });

  test('a code three steps old is refused; the previous step’s is still accepted (clocks a little apart)', async () => {
    const { agent } = await enrolledAgent();
    t.clock.advance(120_000);
    const b = await atCodeStep(agent);
    assert.equal((await b.post('/agents/connexion/code', { code: code(agent, -90_000) })).statusCode, 401);
    assert.equal((await b.post('/agents/connexion/code', { code: code(agent, -30_000) })).statusCode, 303);
  });

  test('two requests racing with the same code: exactly one signs in', async () => {
    const { agent } = await enrolledAgent();
    const b = await atCodeStep(agent);
    const twice = await Promise.all([
      b.post('/agents/connexion/code', { code: code(agent) }),
      b.post('/agents/connexion/code', { code: code(agent) }),
    ]);
    // The other is refused: the code is spent, or the half-done session is gone already.
    assert.equal(twice.filter((r) => r.headers.location === '/agents/mon-guichet').length, 1);
    assert.deepEqual(await liveSessions(agent.id), [{ stage: 'complete' }]);
    assert.equal((await entries(agent.id, 'agent.sign_in')).length, 2, 'the enrolment’s and this one');
  });

  test('two half-done sign-ins racing with the same code: the code signs in once', async () => {
    const { agent } = await enrolledAgent();
    const [one, two] = [await atCodeStep(agent), await atCodeStep(agent)];
    await forgetAttempts(agent.id);
    const same = code(agent);
    const raced = await Promise.all([
      one.post('/agents/connexion/code', { code: same }),
      two.post('/agents/connexion/code', { code: same }),
    ]);
    assert.deepEqual(raced.map((r) => r.statusCode).sort(), [303, 401]);
    assert.deepEqual(await liveSessions(agent.id).then((s) => s.map((x) => x.stage).sort()), [
      'complete',
      'password',
    ]);
  });

  test('two half-done sign-ins racing with the same recovery code: it is spent once', async () => {
    const { agent, recoveryCodes } = await enrolledAgent();
    const [one, two] = [await atCodeStep(agent), await atCodeStep(agent)];
    await forgetAttempts(agent.id);
    const raced = await Promise.all([
      one.post('/agents/connexion/code', { recoveryCode: recoveryCodes[3] ?? '' }),
      two.post('/agents/connexion/code', { recoveryCode: recoveryCodes[3] ?? '' }),
    ]);
    assert.deepEqual(raced.map((r) => r.statusCode).sort(), [303, 401]);
  });

  test('two requests racing with two good codes complete the half-done session once', async () => {
    const { agent } = await enrolledAgent();
    const b = await atCodeStep(agent);
    const both = await Promise.all([
      b.post('/agents/connexion/code', { code: code(agent, -30_000) }),
      b.post('/agents/connexion/code', { code: code(agent) }),
    ]);
    assert.equal(both.filter((r) => r.headers.location === '/agents/mon-guichet').length, 1);
    assert.deepEqual(await liveSessions(agent.id), [{ stage: 'complete' }]);
  });

  test('wrong codes count as failures: after three, the next must wait', async () => {
    const { agent } = await enrolledAgent();
    const b = await atCodeStep(agent);
    // The password step counted one attempt already: two wrong codes make three.
    for (let i = 0; i < 2; i++)
      assert.equal((await b.post('/agents/connexion/code', { code: '999999' })).statusCode, 401);
    const early = await b.post('/agents/connexion/code', { code: code(agent) });
    assert.equal(early.statusCode, 429, 'even the good code waits');
    t.clock.advance(1_000);
    assert.equal((await b.post('/agents/connexion/code', { code: code(agent) })).statusCode, 303);
    const failures = await t.database.db
      .selectFrom('sign_in_throttle')
      .select('key')
      .where('key', '=', `agent:${agent.id}`)
      .execute();
    assert.deepEqual(failures, [], 'a completed sign-in forgets the failures');
  });

  test('the code page needs a half-done session: without one, back to the sign-in page', async () => {
    const none = await browser().get('/agents/connexion/code');
    assert.equal(none.statusCode, 303);
    assert.equal(none.headers.location, '/agents/connexion?etat=expiree');
    const agent = await createAgent(t.database.db, t.config);
    const b = browser();
    b.setCookie(
      cookieName,
      (await signedInCookie(t.database.db, t.config, agent.id, t.clock.now())).split('=')[1] ?? '',
    );
    const post = await b.post('/agents/connexion/code', { code: code(agent) });
    assert.equal(post.statusCode, 303, 'a complete session has no code to give');
  });
});

describe('recovery codes', () => {
  test('a recovery code signs in once; used again it is refused; another one works', async () => {
    const { agent, recoveryCodes } = await enrolledAgent();
    const [first = '', second = ''] = recoveryCodes;
    const b = await atCodeStep(agent);
    const form = await b.get('/agents/connexion/code?secours=1');
    assert.match(form.body, /<h1>Code de secours<\/h1>/);
    assert.match(form.body, /name="recoveryCode"/);
    const used = await b.post('/agents/connexion/code', {
      recoveryCode: first.toLowerCase().replace('-', ' '),
    });
    assert.equal(used.statusCode, 303, 'typed in lower case, with a space');
    await b.post('/agents/deconnexion', {});

    const again = await atCodeStep(agent);
    const replay = await again.post('/agents/connexion/code', { recoveryCode: first });
    assert.equal(replay.statusCode, 401);
    assert.match(replay.body, /Ce code de secours n’est pas valable ou a déjà servi/);
    assert.equal((await again.post('/agents/connexion/code', { recoveryCode: second })).statusCode, 303);
    const left = await t.database.db
      .selectFrom('agent_recovery_code')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('agent_id', '=', agent.id)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    assert.equal(Number(left.n), 8);
    assert.deepEqual((await entries(agent.id, 'agent.sign_in')).map((e) => e.after).slice(1), [
      { method: 'password', factor: 'recovery_code' },
      { method: 'password', factor: 'recovery_code' },
    ]);
  });

  test('a recovery code does not stand in for the first code of an enrolment', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const b = await atCodeStep(agent);
    const response = await b.post('/agents/connexion/code', { recoveryCode: 'ABCDE-FGHJK' });
    assert.equal(response.statusCode, 401);
    assert.deepEqual(await liveSessions(agent.id), [{ stage: 'password' }]);
  });
});

describe('no route answers between the password and the code', () => {
  // The sign-in pages themselves (password, code, ProConnect) and signing out answer without the guard.
  const unguarded = (path: string) =>
    path === '/agents/connexion' ||
    path.startsWith('/agents/connexion/') ||
    path === '/agents/deconnexion' ||
    path === '/agents/deconnexion-partout';
  const staffRoutes = () =>
    appRoutes(t.app)
      .filter((r) => r.method === 'GET' || r.method === 'POST')
      .filter((r) => r.path.startsWith('/agents') || r.path.startsWith('/api/v1/admin'))
      .filter((r) => !unguarded(r.path))
      .map((r) => ({ ...r, url: r.path.replace(/:[A-Za-z]+/g, '1').replace(/\*$/, 'x') }));

  test('the list of the staff’s routes is read from the application', () => {
    const routes = staffRoutes();
    assert.ok(
      routes.some((r) => r.method === 'GET' && r.path === '/agents'),
      JSON.stringify(routes),
    );
    const all = appRoutes(t.app);
    assert.ok(all.some((r) => r.method === 'POST' && r.path === '/agents/connexion/code'));
    assert.ok(all.some((r) => r.method === 'GET' && r.path === '/rendez-vous/gerer'));
  });

  test('every back-office page and admin API route refuses a half-done session', async () => {
    const agent = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'administrator', scope: scope('national') }],
    });
    const b = await atCodeStep(agent);
    const wrong: string[] = [];
    for (const route of staffRoutes()) {
      const response =
        route.method === 'GET' ? await b.get(route.url) : await b.post(route.url, { id: '1', name: 'x' });
      const api = route.path.startsWith('/api/');
      const refused = api
        ? response.statusCode === 401
        : response.statusCode === 303 && response.headers.location === '/agents/connexion';
      if (!refused)
        wrong.push(
          `${route.method} ${route.url} → ${response.statusCode} ${response.headers.location ?? ''}`,
        );
    }
    assert.deepEqual(wrong, []);
  });

  test('the same pages do open for a complete session, and the admin API refuses even that cookie', async () => {
    const agent = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'administrator', scope: scope('national') }],
    });
    const b = browser();
    b.setCookie(
      cookieName,
      (await signedInCookie(t.database.db, t.config, agent.id, t.clock.now())).split('=')[1] ?? '',
    );
    const wrong: string[] = [];
    for (const route of staffRoutes().filter((r) => r.method === 'GET')) {
      const response = await b.get(route.url);
      const api = route.path.startsWith('/api/');
      const bad = api
        ? response.statusCode !== 401
        : response.statusCode === 303 && response.headers.location === '/agents/connexion';
      if (bad) wrong.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    assert.deepEqual(wrong, []);
  });
});
