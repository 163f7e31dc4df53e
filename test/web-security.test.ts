import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishSlots } from '../src/modules/schedule/publication.ts';
import { loadDemoData } from '../src/modules/territory/demo-seed.repository.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let prod: TestApp;

before(async () => {
  t = await createTestApp();
  await loadDemoData(t.database.db, '2029-12-20');
  // Two weeks are enough here.
  await t.database.db.updateTable('offer').set({ publication_days: 14 }).execute();
  await publishSlots({ db: t.database.db, clock: t.clock });
  prod = await createTestApp({
    env: {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://creneau.example',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      CAPTCHA: 'on',
      RATE_LIMIT: 'on',
    },
  });
});
after(async () => {
  await t.close();
  await prod.close();
});

const PAGES = [
  '/',
  '/recherche?q=74000',
  '/departements/74',
  '/departements/74/demarches/renouvellement-titre',
  '/departements/74/demarches/renouvellement-titre/plage?conditions=acceptees',
  '/rendez-vous/gerer',
  '/verifier',
  '/aide',
  '/donnees-personnelles',
  '/accessibilite',
  '/mentions-legales',
];

describe('security of the pages', () => {
  test('every page has a strict CSP, no inline script or style, and sends no referrer', async () => {
    for (const url of PAGES) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/, url);
      assert.match(csp, /style-src 'self'(;|$)/, url);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, url);
      assert.equal(response.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['x-frame-options'], 'DENY', url);
      assert.doesNotMatch(response.body, /<script(?![^>]*\bsrc=)[^>]*>/, `${url}: inline script`);
      assert.doesNotMatch(response.body, /\sstyle=/, `${url}: inline style attribute`);
      assert.doesNotMatch(response.body, /<style/, `${url}: style element`);
      assert.doesNotMatch(
        response.body,
        /https?:\/\/(?!creneau\.test)[^"']*\.(js|css)/,
        `${url}: third-party asset`,
      );
    }
  });

  test('the anti-forgery and language cookies are HttpOnly and SameSite, not Secure in development', async () => {
    const response = await t.app.inject({ url: '/rendez-vous/gerer?lang=en' });
    const cookies = [response.headers['set-cookie']].flat().map(String);
    const csrf = cookies.find((c) => c.startsWith('csrf='));
    const lang = cookies.find((c) => c.startsWith('lang='));
    assert.ok(csrf && lang, cookies.join(' | '));
    for (const cookie of [csrf, lang]) {
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.doesNotMatch(cookie, /Secure/i);
    }
  });

  test('in production the cookies are Secure and HSTS is sent', async () => {
    const response = await prod.app.inject({ url: '/rendez-vous/gerer?lang=fr' });
    const cookies = [response.headers['set-cookie']].flat().map(String);
    assert.ok(cookies.length >= 2);
    for (const cookie of cookies) assert.match(cookie, /;\s*Secure/i, cookie);
    assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/);
  });

  test('a form posted without its anti-forgery token is refused and changes nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/rendez-vous/gerer',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=amina%40example.org',
    });
    assert.equal(response.statusCode, 403);
    assert.equal((await t.database.db.selectFrom('outbox').select('id').execute()).length, 0);
  });
});

describe('assets', () => {
  test('the DSFR bundle is served locally, compressed, immutable and revalidated by ETag', async () => {
    const home = await t.app.inject({ url: '/' });
    const href = /href="(\/assets\/[^"]+\/css\/creneau\.css)"/.exec(home.body)?.[1];
    assert.ok(href, 'the page links the bundled stylesheet');
    const css = await t.app.inject({ url: href, headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-encoding'], 'br');
    assert.match(String(css.headers['cache-control']), /immutable/);
    assert.ok(css.rawPayload.length < 80_000, `compressed bundle is ${css.rawPayload.length} bytes`);
    const again = await t.app.inject({ url: href, headers: { 'if-none-match': String(css.headers.etag) } });
    assert.equal(again.statusCode, 304);
    const plain = await t.app.inject({ url: href });
    assert.match(plain.body, /\.fr-stepper/);
    assert.doesNotMatch(plain.body, /url\((['"]?)\.\.\/\.\.\//, 'relative urls rebased');
  });

  test('nothing outside the DSFR fonts and icons can be read through the asset route', async () => {
    for (const url of [
      '/assets/x/dsfr/fonts/../../package.json',
      '/assets/x/dsfr/core/core.css',
      '/assets/x/../src/config.ts',
    ]) {
      const response = await t.app.inject({ url });
      assert.notEqual(response.statusCode, 200, url);
    }
  });
});
