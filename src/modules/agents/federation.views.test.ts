import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { federationContinueView, federationProblemView } from './federation.views.ts';

// The pages of the sign-in through ProConnect on their own: a view-model in, a page out.

const fr = { locale: 'fr' as const, csrf: 'jeton-fr' };
const en = { locale: 'en' as const, csrf: 'jeton-en' };

describe('the pages of a sign-in through ProConnect', () => {
  test('each problem has its status, its title as the page’s heading, and both ways on', () => {
    const expected = {
      account: [403, 'Aucun compte d’agent pour cette identité'],
      second_factor: [403, 'Double authentification nécessaire'],
      failed: [400, 'La connexion n’a pas abouti'],
      unavailable: [503, 'ProConnect ne répond pas'],
    } as const;
    for (const [problem, [status, title]] of Object.entries(expected)) {
      const page = federationProblemView(fr, { problem: problem as keyof typeof expected });
      assert.equal(page.status, status, problem);
      assert.equal(page.title, title);
      assert.match(page.main.value, new RegExp(`^<h1>${title}</h1>`));
      assert.match(page.main.value, /<a class="fr-btn" href="\/agents\/connexion\/proconnect">/);
      assert.match(page.main.value, /<a class="fr-btn fr-btn--secondary" href="\/agents\/connexion">/);
    }
  });

  test('a refusal is an error alert read out at once; the provider down is a warning', () => {
    assert.match(
      federationProblemView(fr, { problem: 'account' }).main.value,
      /fr-alert--error[^>]*role="alert"/,
    );
    const down = federationProblemView(fr, { problem: 'unavailable' }).main.value;
    assert.match(down, /fr-alert--warning/);
    assert.doesNotMatch(down, /role="alert"/);
  });

  test('the account and second-factor pages say what to do; in English too', () => {
    assert.match(
      federationProblemView(fr, { problem: 'account' }).main.value,
      /administrateur de votre département/,
    );
    const page = federationProblemView(en, { problem: 'second_factor' });
    assert.equal(page.title, 'Two-factor authentication required');
    assert.match(page.main.value, /Set up two-factor authentication/);
    assert.match(page.main.value, />Sign in with a password</);
  });

  test('the step after the provider goes on to the back office by itself, with a link for who stays', () => {
    const page = federationContinueView(fr);
    assert.equal(page.refresh, '/agents/mon-guichet');
    assert.equal(page.status, undefined);
    assert.match(
      page.main.value,
      /<a class="fr-btn" href="\/agents\/mon-guichet">Accéder à l’espace des agents<\/a>/,
    );
    assert.equal(federationContinueView(en).title, 'Opening the agents’ area');
  });
});
