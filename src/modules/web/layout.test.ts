import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorPageView } from './error-pages.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';

const base = { title: 'Agenda', main: html`<h1>Agenda</h1>`, path: '/agents', assetsVersion: 'v1' } as const;

describe('the page shell', () => {
  test('without a menu or a user, the shell has neither', () => {
    const page = renderPage({ ...base, locale: 'fr' });
    assert.doesNotMatch(page, /fr-nav|creneau-user-bar|fr-header__menu/);
    assert.match(page, /<header class="fr-header">[\s\S]*<\/header>/);
  });

  test('an Arabic page is marked right to left; a French or English one left to right', () => {
    assert.match(renderPage({ ...base, locale: 'ar' }), /<html lang="ar" dir="rtl"/);
    assert.match(renderPage({ ...base, locale: 'fr' }), /<html lang="fr" dir="ltr"/);
    assert.match(renderPage({ ...base, locale: 'en' }), /<html lang="en" dir="ltr"/);
  });

  test('a page that goes on at once says so in its head, and only then', () => {
    const page = renderPage({ ...base, locale: 'fr', refresh: '/agents' });
    const head = page.slice(page.indexOf('<head>'), page.indexOf('</head>'));
    assert.match(head, /<meta http-equiv="refresh" content="0;url=\/agents">/);
    assert.doesNotMatch(renderPage({ ...base, locale: 'fr' }), /http-equiv/);
  });

  test('a main menu lists its entries in the header, the current one marked, in the page’s language', () => {
    const page = renderPage({
      ...base,
      locale: 'en',
      navigation: {
        items: [
          { label: 'Agenda', href: '/agents', current: true },
          { label: 'Sites & offres', href: '/agents/sites' },
        ],
      },
    });
    const header = page.slice(page.indexOf('<header'), page.indexOf('</header>'));
    assert.match(header, /<nav class="fr-nav" id="navigation" role="navigation" aria-label="Main menu">/);
    assert.match(header, /<a class="fr-nav__link" href="\/agents" aria-current="page">Agenda<\/a>/);
    assert.match(header, /<a class="fr-nav__link" href="\/agents\/sites">Sites &amp; offres<\/a>/);
  });

  test('the user area shows the agent’s name and scope and a sign-out form with its anti-forgery field', () => {
    const page = renderPage({
      ...base,
      locale: 'fr',
      user: {
        name: 'Camille <Martin>',
        scope: 'Préfecture de la Haute-Savoie',
        signOut: { action: '/agents/deconnexion', csrf: 'jeton' },
      },
    });
    const bar = page.slice(page.indexOf('creneau-user-bar'), page.indexOf('creneau-languages-bar'));
    assert.match(bar, /aria-label="Votre compte"/);
    assert.match(bar, /<strong>Camille &lt;Martin&gt;<\/strong> — Préfecture de la Haute-Savoie/);
    assert.match(
      bar,
      /<form method="post" action="\/agents\/deconnexion"><input type="hidden" name="_csrf" value="jeton">/,
    );
    assert.match(bar, /type="submit">Se déconnecter<\/button>/);
  });
});

describe('the error pages', () => {
  const fr = { locale: 'fr' as const, csrf: '' };
  const en = { locale: 'en' as const, csrf: '' };

  test('404, 403, 500 and 503 each have their title and status, in the page’s language', () => {
    const cases: [number, string, string][] = [
      [404, 'Page introuvable', 'Page not found'],
      [403, 'Accès refusé', 'Access denied'],
      [500, 'Erreur inattendue', 'Unexpected error'],
      [503, 'Service momentanément indisponible', 'Service temporarily unavailable'],
      [400, 'Demande non valide', 'Request not valid'],
      [413, 'Demande non valide', 'Request not valid'],
    ];
    for (const [status, french, english] of cases) {
      const page = errorPageView(fr, { status });
      assert.equal(page.status, status);
      assert.equal(page.title, french);
      assert.match(page.main.value, new RegExp(`<h1>${french}</h1>`));
      assert.equal(errorPageView(en, { status }).title, english);
    }
  });

  test('the 503 page offers to try the same address again only when it can be replayed', () => {
    assert.match(
      errorPageView(fr, { status: 503, retryUrl: '/departements/74' }).main.value,
      /href="\/departements\/74">Réessayer/,
    );
    assert.doesNotMatch(errorPageView(fr, { status: 503 }).main.value, /Réessayer/);
  });
});
