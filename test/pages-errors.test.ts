import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { registerModule } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import type { AppContext, ModulePlugin } from '../src/context.ts';
import { AppError } from '../src/errors.ts';
import { registerErrorHandling } from '../src/http/errors.ts';
import { registerWebLayer } from '../src/modules/web/web.plugin.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant, createFixture } from './helpers/fixtures.ts';

// A browser that meets an error gets a DSFR page in its language — never JSON, never a stack trace —
// while the API keeps its JSON errors; one mapping decides the status for both.

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const SECRET = 'forced fault: amina.diallo@example.org at /secret/path';

// The routes' database fails on every query that reads `department` (the home page, the directory).
const failing: KyselyPlugin = {
  transformQuery: ({ node }) => {
    if (JSON.stringify(node).includes('"department"')) throw new Error(SECRET);
    return node;
  },
  transformResult: async ({ result }) => result,
};

let t: TestApp;
let broken: TestApp;
before(async () => {
  t = await createTestApp();
  broken = await createTestApp({ routesDb: (db) => db.withPlugin(failing) });
});
after(async () => {
  await t.close();
  await broken.close();
});

describe('error pages for browsers, JSON for the API', () => {
  test('an unknown address: a DSFR 404 page for a browser, JSON for a client and for any /api/ path', async () => {
    const page = await t.app.inject({ url: '/nulle-part?lang=en', headers: BROWSER });
    assert.equal(page.statusCode, 404);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<html lang="en"/);
    assert.match(page.body, /<h1>Page not found<\/h1>/);
    assert.match(page.body, /<header class="fr-header">/);

    const client = await t.app.inject({ url: '/nulle-part' });
    assert.equal(client.statusCode, 404);
    assert.equal(client.json().error.code, 'not_found');
    const api = await t.app.inject({ url: '/api/v1/nulle-part', headers: BROWSER });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'not_found');
  });

  test('a page that finds nothing (an unknown département) is the same DSFR 404', async () => {
    const page = await t.app.inject({ url: '/departements/99', headers: BROWSER });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /<h1>Page introuvable<\/h1>/);
  });

  test('a fault: a DSFR 500 page for a browser with no message, no stack, nothing of the cause', async () => {
    const page = await broken.app.inject({ url: '/', headers: BROWSER });
    assert.equal(page.statusCode, 500);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<h1>Erreur inattendue<\/h1>/);
    assert.equal(page.headers['cache-control'], 'no-store');
    for (const leak of [/forced fault/, /amina/, /secret/i, /\bat \S+:\d+:\d+/, /Error:/, /node_modules/]) {
      assert.doesNotMatch(page.body, leak);
    }
  });

  test('the same fault is the API’s JSON 500 for a client, and for a browser on an /api/ path', async () => {
    for (const headers of [{}, BROWSER]) {
      const answer = await broken.app.inject({ url: '/api/v1/departments', headers });
      assert.equal(answer.statusCode, 500);
      assert.deepEqual(answer.json(), {
        error: { code: 'internal', message: 'Erreur interne : réessayez plus tard.' },
      });
    }
  });

  test('an impossible week on the change-of-slot page shows the first week, not an error', async () => {
    const fixture = await createFixture(t.database.db, { slots: 2, capacity: 2 });
    const who = applicant();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: who },
    });
    assert.equal(created.statusCode, 201, created.body);
    await t.deliverMail();
    const mail = t.mail.messages().find((message) => message.to.includes(who.email));
    const manage = tokenFrom(mail?.text ?? '', '/rendez-vous/gerer');
    const page = await t.app.inject({ url: `/rendez-vous/changer?token=${manage}&semaine=2030-13-45` });
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    assert.match(page.body, /Semaine du 07\/01\/2030 au 13\/01\/2030/);
  });
});

describe('a module registered with a prefix and the hooks of its scope', () => {
  const config = parseConfig({
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
  });
  const agents: ModulePlugin = async (app) => {
    app.get('/agenda', async () => ({ page: 'agenda' }));
  };
  const open: ModulePlugin = async (app) => {
    app.get('/ouvert', async () => ({ page: 'ouvert' }));
  };
  // What the agents' scope will do with a sign-in check (issue 8): refuse before any handler runs.
  const signedInOnly = async (request: { headers: Record<string, unknown> }) => {
    if (request.headers.cookie !== 'session=valide') throw new AppError(403, 'forbidden', 'Accès refusé.');
  };

  async function appWithScopes() {
    const app = Fastify({ logger: false });
    const web = await registerWebLayer(app, config);
    registerErrorHandling(app, web);
    const modules = { ctx: { config } as AppContext, web };
    await registerModule(app, agents, {
      ...modules,
      prefix: '/agents',
      hooks: { onRequest: [signedInOnly] },
    });
    await registerModule(app, open, modules);
    return app;
  }

  test('the hook guards the scope’s routes, under its prefix, and no other module’s', async () => {
    const app = await appWithScopes();
    try {
      const allowed = await app.inject({ url: '/agents/agenda', headers: { cookie: 'session=valide' } });
      assert.deepEqual(allowed.json(), { page: 'agenda' });
      assert.equal((await app.inject({ url: '/agenda' })).statusCode, 404);
      const other = await app.inject({ url: '/ouvert' });
      assert.deepEqual(other.json(), { page: 'ouvert' });
    } finally {
      await app.close();
    }
  });

  test('what the hook refuses is a DSFR 403 page for a browser and the JSON 403 for a client', async () => {
    const app = await appWithScopes();
    try {
      const page = await app.inject({ url: '/agents/agenda', headers: BROWSER });
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /<h1>Accès refusé<\/h1>/);
      assert.match(page.body, /<footer class="fr-footer"/);
      const client = await app.inject({ url: '/agents/agenda' });
      assert.equal(client.statusCode, 403);
      assert.deepEqual(client.json(), { error: { code: 'forbidden', message: 'Accès refusé.' } });
    } finally {
      await app.close();
    }
  });
});
