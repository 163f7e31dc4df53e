import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { localesOf } from '../src/modules/web/i18n.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

// Decision 0046: the pages offer French, English and Arabic, but the back office's pages whose catalogs
// have no Arabic (sign-in, configuration, accounts, audit) keep French and English whatever the visitor
// chose, without forgetting that choice for the other pages.

let t: TestApp;

before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ url, headers: { accept: 'text/html', ...headers } });
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return {
    body: response.body,
    status: response.statusCode,
    lang: cookies.find((c) => c.startsWith('lang=')),
  };
}

/** The language links of a page: hreflang → the link's text. */
function languageLinks(body: string): Record<string, string> {
  const nav = /<nav class="creneau-languages"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? '';
  return Object.fromEntries(
    [...nav.matchAll(/hreflang="(\w+)" href="[^"]*"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]),
  );
}

describe('the languages a page offers', () => {
  test('a public page offers French, English and Arabic, each named in its own language', async () => {
    const { body } = await get('/rendez-vous/gerer');
    assert.deepEqual(languageLinks(body), { fr: 'Français', en: 'English', ar: 'العربية' });
  });

  test('?lang=ar gives the page in Arabic, right to left, and remembers the choice', async () => {
    const page = await get('/rendez-vous/gerer?lang=ar');
    assert.match(page.body, /<html lang="ar" dir="rtl"/);
    assert.match(page.body, /<h1>إلغاء طلبات المواعيد والاطلاع عليها وإدارتها<\/h1>/);
    assert.match(page.lang ?? '', /^lang=ar;/);
    const next = await get('/aide', { cookie: 'lang=ar' });
    assert.match(next.body, /<html lang="ar" dir="rtl"/);
    assert.match((await get('/', { 'accept-language': 'ar-MA,fr;q=0.8' })).body, /<html lang="ar" dir="rtl"/);
  });

  test('the sign-in page stays in French (or English) for Arabic, and keeps the cookie as it is', async () => {
    const asked = await get('/agents/connexion?lang=ar');
    assert.equal(asked.status, 200);
    assert.match(asked.body, /<html lang="fr" dir="ltr"/);
    assert.match(asked.body, /<h1>Connexion à l’espace des agents<\/h1>/);
    assert.equal(asked.lang, undefined, 'the public pages stay in Arabic');
    assert.deepEqual(languageLinks(asked.body), { fr: 'Français', en: 'English' });
    assert.match((await get('/agents/connexion', { cookie: 'lang=ar' })).body, /<html lang="fr" dir="ltr"/);
    const english = await get('/agents/connexion', { 'accept-language': 'ar, en;q=0.8' });
    assert.match(english.body, /<html lang="en" dir="ltr"/);
  });

  test('the back office offers Arabic on its counter pages, not on those still in French and English', () => {
    for (const path of [
      '/agents/connexion',
      '/agents/compte?lang=en',
      '/agents/services/3',
      '/agents/journal',
    ])
      assert.deepEqual(localesOf(path), ['fr', 'en'], path);
    for (const path of [
      '/',
      '/rendez-vous/gerer?lang=ar',
      '/agents',
      '/agents/agenda?site=1',
      '/agents/accueil',
    ])
      assert.deepEqual(localesOf(path), ['fr', 'en', 'ar'], path);
  });
});
