import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sessionCookieName } from '../src/modules/agents/sessions.ts';
import { createAgent, scope, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture } from './helpers/fixtures.ts';
import { signIn, submitPassword, testBrowser } from './helpers/sign-in.ts';

// Issue 8, sign-in (decision 0021): the password step, its one refusal for every wrong case, the
// throttle and the lock with its email, signing out, and the sessions' expiry.

let t: TestApp;
let cookieName: string;
let address = 0;
/** A browser from an address of its own, so that one test's failures do not throttle another's. */
const browser = () => testBrowser(t.app, `198.51.100.${++address}`);

before(async () => {
  t = await createTestApp();
  await createFixture(t.database.db);
  cookieName = sessionCookieName(t.config);
});
after(() => t.close());

async function auditOf(agentId: number | null, action?: string) {
  let query = t.database.db
    .selectFrom('audit_entry')
    .select(['action', 'agent_id as agentId', 'target_type as targetType', 'target_id as targetId', 'after'])
    .orderBy('id');
  query = agentId === null ? query.where('agent_id', 'is', null) : query.where('agent_id', '=', agentId);
  if (action) query = query.where('action', '=', action);
  return query.execute();
}

describe('the sign-in page', () => {
  test('is a DSFR form with the anti-forgery field, and no main menu or user bar', async () => {
    const page = await browser().get('/agents/connexion');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Connexion à l’espace des agents<\/h1>/);
    assert.match(page.body, /<input type="hidden" name="_csrf" value="[^"]+">/);
    assert.match(page.body, /type="password" autocomplete="current-password"/);
    assert.doesNotMatch(page.body, /fr-nav|creneau-user-bar/);
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  test('is in English with ?lang=en', async () => {
    const page = await browser().get('/agents/connexion?lang=en');
    assert.match(page.body, /<h1>Sign in to the agents’ area<\/h1>/);
  });

  test('a form without the anti-forgery token is refused by the web layer, and nothing is counted', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const b = browser();
    await b.get('/agents/connexion');
    const response = await b.post(
      '/agents/connexion',
      { email: agent.email, password: agent.password },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.equal(b.cookie(cookieName), undefined);
    assert.deepEqual(await auditOf(agent.id), []);
  });

  test('empty fields are a 422 naming each field, with nothing counted', async () => {
    const response = await browser().post('/agents/connexion', { email: '', password: '' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /<a href="#email">/);
    assert.match(response.body, /<a href="#password">/);
  });
});

describe('the password step', () => {
  test('the right password opens a half-done session and leads to the code, with a new cookie', async () => {
    const agent = await createAgent(t.database.db, t.config, {
      email: 'Camille.Right@prefecture.test'.toLowerCase(),
    });
    const b = browser();
    const response = await submitPassword(b, {
      email: '  Camille.Right@Prefecture.test ',
      password: agent.password,
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/agents/connexion/code');
    const setCookie = String(response.headers['set-cookie']);
    assert.match(setCookie, new RegExp(`${cookieName}=[A-Za-z0-9_-]{43}`));
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\//);
    const session = await t.database.db
      .selectFrom('agent_session')
      .select(['stage', 'method', 'ended_at'])
      .where('agent_id', '=', agent.id)
      .execute();
    assert.deepEqual(session, [{ stage: 'password', method: 'password', ended_at: null }]);
  });

  test('a session cookie the browser had before is ended at sign-in (rotation)', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const b = browser();
    const old = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
    const oldValue = old.split('=')[1] ?? '';
    b.setCookie(cookieName, oldValue);
    await submitPassword(b, agent);
    assert.notEqual(b.cookie(cookieName), oldValue);
    const stale = await t.app.inject({ method: 'GET', url: '/agents', headers: { cookie: old } });
    assert.equal(stale.statusCode, 303);
    assert.equal(stale.headers.location, '/agents/connexion');
  });

  test('wrong password, unknown email, deactivated and federation-only accounts get one and the same answer', async () => {
    const db = t.database.db;
    const known = await createAgent(db, t.config);
    const inactive = await createAgent(db, t.config);
    await db.updateTable('agent').set({ active: false }).where('id', '=', inactive.id).execute();
    const federated = await createAgent(db, t.config, { federationOnly: true });
    const attempts = [
      { email: known.email, password: 'not the right password' },
      { email: 'nobody-here@prefecture.test', password: 'not the right password' },
      { email: inactive.email, password: inactive.password },
      { email: federated.email, password: federated.password },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const response = await submitPassword(browser(), attempt);
      answers.push({
        status: response.statusCode,
        cookie: response.headers['set-cookie'] === undefined ? 'none' : 'session?',
        body: response.body
          .replace(attempt.email, 'EMAIL')
          .replace(/name="_csrf" value="[^"]+"/, '')
          .replace(/lang=[a-z]+"/g, ''),
      });
    }
    assert.equal(answers[0]?.status, 401);
    assert.match(answers[0]?.body ?? '', /Adresse électronique ou mot de passe incorrect/);
    assert.match(answers[0]?.body ?? '', /ProConnect/);
    for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0]);
    // Each failure is in the log, with the account it named (none for the unknown email).
    const failed = await t.database.db
      .selectFrom('audit_entry')
      .select(['agent_id as agentId', 'after'])
      .where('action', '=', 'agent.sign_in_failed')
      .where('agent_id', 'in', [known.id, inactive.id, federated.id])
      .orderBy('id')
      .execute();
    assert.deepEqual(failed, [
      { agentId: known.id, after: { method: 'password', step: 'password', reason: 'password' } },
      {
        agentId: inactive.id,
        after: { method: 'password', step: 'password', reason: 'password', detail: 'inactive' },
      },
      {
        agentId: federated.id,
        after: { method: 'password', step: 'password', reason: 'password', detail: 'federation_only' },
      },
    ]);
    const anonymous = await auditOf(null, 'agent.sign_in_failed');
    assert.ok(anonymous.some((entry) => entry.targetType === 'agent' && entry.targetId === null));
  });

  test('a password longer than any allowed is refused like a wrong one', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const response = await submitPassword(browser(), {
      email: agent.email,
      password: `${agent.password}${'x'.repeat(200)}`,
    });
    assert.equal(response.statusCode, 401);
  });
});

describe('the throttle', () => {
  test('after 3 failures the next attempt must wait a second, then two', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const b = browser();
    const wrong = { email: agent.email, password: 'wrong wrong wrong' };
    for (let i = 0; i < 3; i++) assert.equal((await submitPassword(b, wrong)).statusCode, 401);
    const early = await submitPassword(b, agent);
    assert.equal(early.statusCode, 429);
    assert.match(early.body, /patientez 1 seconde avant de réessayer/);
    t.clock.advance(1_000);
    assert.equal((await submitPassword(b, wrong)).statusCode, 401);
    t.clock.advance(1_000);
    assert.equal((await submitPassword(b, wrong)).statusCode, 429, 'the 5th attempt waits 2 s');
    t.clock.advance(1_000);
    assert.equal(
      (await submitPassword(b, agent)).statusCode,
      303,
      'the right password, once the delay is over',
    );
  });

  test('an unknown email is throttled exactly as an account is', async () => {
    const b = browser();
    const wrong = { email: 'nobody-throttled@prefecture.test', password: 'wrong wrong wrong' };
    for (let i = 0; i < 3; i++) assert.equal((await submitPassword(b, wrong)).statusCode, 401);
    assert.equal((await submitPassword(b, wrong)).statusCode, 429);
  });

  test('one address trying many accounts is slowed down too', async () => {
    const b = browser();
    const statuses = [];
    for (let i = 0; i < 31; i++) {
      statuses.push(
        (await submitPassword(b, { email: `spray-${i}@prefecture.test`, password: 'Printemps2030!' }))
          .statusCode,
      );
    }
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(401));
    assert.equal(statuses[30], 429);
  });

  test('10 failures lock the account for 15 minutes, even for the right password, and the agent is told by email', async () => {
    const agent = await createAgent(t.database.db, t.config, { name: 'Dominique Verrou' });
    const b = browser();
    const wrong = { email: agent.email, password: 'wrong wrong wrong' };
    for (let i = 0; i < 10; i++) {
      t.clock.advance(61_000);
      assert.equal((await submitPassword(b, wrong)).statusCode, 401, `failure ${i + 1}`);
    }
    t.clock.advance(61_000);
    const lockedAt = t.clock.now();
    const locked = await submitPassword(b, agent);
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /la connexion est bloquée jusqu’à/);
    assert.equal(b.cookie(cookieName), undefined);
    t.clock.advance(14 * 60_000);
    const stillLocked = await submitPassword(b, agent);
    assert.equal(stillLocked.statusCode, 429, 'the right password is refused while locked');

    assert.equal(await t.deliverMail(), 1);
    const mail = t.mail.messages().find((m) => m.to.includes(agent.email));
    assert.equal(mail?.subject, 'Votre compte Créneau a été verrouillé');
    assert.match(mail?.text ?? '', /Bonjour Dominique Verrou,/);
    assert.match(mail?.text ?? '', /verrouillé après plusieurs tentatives de connexion infructueuses/);
    assert.doesNotMatch(mail?.text ?? '', /https?:\/\//, 'no link in the warning');

    const locks = await auditOf(agent.id, 'agent.lock');
    assert.equal(locks.length, 1, 'one lock entry');
    assert.deepEqual(locks[0]?.after, {
      by: 'agent',
      until: new Date(lockedAt.getTime() + 15 * 60_000).toISOString(),
      failures: 10,
    });
    const reasons = (await auditOf(agent.id, 'agent.sign_in_failed')).map(
      (e) => (e.after as { reason: string }).reason,
    );
    assert.deepEqual(reasons, [...Array(10).fill('password'), 'locked', 'locked']);

    t.clock.advance(60_001);
    const after = await submitPassword(b, agent);
    assert.equal(after.statusCode, 303, 'the lock is over after 15 minutes');
    assert.equal(await t.deliverMail(), 0, 'one email per lock');
  });
});

describe('signing out', () => {
  test('signs this browser out: the session ends, the cookie is cleared, the page says so', async () => {
    const agent = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'viewer', scope: scope('74') }],
    });
    const b = browser();
    await signIn(b, agent, t.clock.now());
    const session = b.cookie(cookieName) ?? '';
    assert.equal((await b.get('/agents')).statusCode, 200);
    const response = await b.post('/agents/deconnexion', {});
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/agents/connexion?etat=deconnexion');
    assert.equal(b.cookie(cookieName), undefined);
    const page = await b.get('/agents/connexion?etat=deconnexion');
    assert.match(page.body, /Vous êtes déconnecté\./);
    const reuse = await t.app.inject({
      method: 'GET',
      url: '/agents',
      headers: { cookie: `${cookieName}=${session}` },
    });
    assert.equal(reuse.statusCode, 303, 'the old cookie opens nothing');
    assert.equal((await auditOf(agent.id, 'agent.sign_out')).length, 1);
  });

  test('signing out everywhere ends every session of the agent, on every device', async () => {
    const agent = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'viewer', scope: scope('74') }],
    });
    const elsewhere = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
    const b = browser();
    await signIn(b, agent, t.clock.now());
    const response = await b.post('/agents/deconnexion-partout', {});
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/agents/connexion?etat=deconnexion-partout');
    const other = await t.app.inject({ method: 'GET', url: '/agents', headers: { cookie: elsewhere } });
    assert.equal(other.statusCode, 303);
    const live = await t.database.db
      .selectFrom('agent_session')
      .select('id_hash')
      .where('agent_id', '=', agent.id)
      .where('ended_at', 'is', null)
      .execute();
    assert.deepEqual(live, []);
    const entries = await auditOf(agent.id, 'agent.sign_out_everywhere');
    assert.deepEqual(
      entries.map((e) => e.after),
      [{ sessionsEnded: 2 }],
    );
  });

  test('a half-done session cannot sign the agent out everywhere', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const elsewhere = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
    const b = browser();
    await submitPassword(b, agent);
    const response = await b.post('/agents/deconnexion-partout', {});
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/agents/connexion');
    const other = await t.app.inject({ method: 'GET', url: '/agents', headers: { cookie: elsewhere } });
    assert.equal(other.statusCode, 200);
  });

  test('signing out without the anti-forgery token is refused', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const b = browser();
    await signIn(b, agent, t.clock.now());
    const response = await b.post('/agents/deconnexion', {}, { csrf: false });
    assert.equal(response.statusCode, 403);
    assert.equal((await b.get('/agents')).statusCode, 200, 'still signed in');
  });
});

describe('the session’s life', () => {
  test('a complete session ends after 30 idle minutes', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const b = browser();
    await signIn(b, agent, t.clock.now());
    t.clock.advance(29 * 60_000);
    assert.equal((await b.get('/agents')).statusCode, 200);
    t.clock.advance(30 * 60_000 + 1_000);
    const idle = await b.get('/agents');
    assert.equal(idle.statusCode, 303);
    assert.equal(idle.headers.location, '/agents/connexion');
  });

  test('a complete session ends 12 hours after sign-in, however busy', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const b = browser();
    await signIn(b, agent, t.clock.now());
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.clock.advance(20 * 60_000);
      assert.equal((await b.get('/agents')).statusCode, 200, `still open after ${minutes} minutes`);
    }
    t.clock.advance(20 * 60_000);
    const expired = await b.get('/agents');
    assert.equal(expired.statusCode, 303);
  });

  test('a half-done session lasts the idle time only: the code must follow the password', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const b = browser();
    await submitPassword(b, agent);
    t.clock.advance(31 * 60_000);
    const page = await b.get('/agents/connexion/code');
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/agents/connexion?etat=expiree');
  });
});
