import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeView, signInView, signOutEverywhereForm } from './sign-in.views.ts';

// The sign-in pages on their own: a view-model in, a page out, no database and no HTTP.

const fr = { locale: 'fr' as const, csrf: 'jeton-fr' };
const en = { locale: 'en' as const, csrf: 'jeton-en' };

describe('the sign-in page', () => {
  test('a form with the anti-forgery field, no menu and no user bar', () => {
    const page = signInView(fr, { email: '', proConnect: false });
    assert.equal(page.status, undefined);
    assert.equal(page.navigation, undefined);
    assert.equal(page.user, undefined);
    assert.match(page.main.value, /<form method="post" action="\/agents\/connexion" novalidate>/);
    assert.match(page.main.value, /name="_csrf" value="jeton-fr"/);
    assert.match(page.main.value, /<label class="fr-label" for="email">Adresse électronique professionnelle/);
    assert.match(page.main.value, /<label class="fr-label" for="password">Mot de passe<\/label>/);
    assert.doesNotMatch(page.main.value, /proconnect/);
  });

  test('ProConnect, when configured, is offered beside the password', () => {
    const page = signInView(fr, { email: '', proConnect: true });
    assert.match(
      page.main.value,
      /<a class="fr-btn fr-btn--secondary" href="\/agents\/connexion\/proconnect">Se connecter avec ProConnect<\/a>/,
    );
  });

  test('refused credentials: 401, one message for every case, the typed email kept, never the password', () => {
    const page = signInView(fr, {
      email: 'camille@prefecture.test',
      proConnect: false,
      refused: { code: 'credentials' },
    });
    assert.equal(page.status, 401);
    assert.match(page.title, /^Erreur : /);
    assert.match(
      page.main.value,
      /role="alert"><h2 class="fr-alert__title">Connexion refusée<\/h2><p>Adresse électronique ou mot de passe incorrect\.<\/p><p>Si votre compte se connecte par ProConnect/,
    );
    assert.match(page.main.value, /value="camille@prefecture.test"/);
    assert.doesNotMatch(page.main.value, /id="password"[^>]*value=/);
  });

  test('missing fields: 422, the summary linking to each field', () => {
    const page = signInView(en, {
      email: '',
      proConnect: false,
      refused: { code: 'missing', fields: ['email', 'password'] },
    });
    assert.equal(page.status, 422);
    assert.match(page.main.value, /<a href="#email">Work email address: Enter your email address\.<\/a>/);
    assert.match(page.main.value, /<a href="#password">Password: Enter your password\.<\/a>/);
    assert.match(
      page.main.value,
      /id="password"[^>]*aria-invalid="true" aria-describedby="password-messages"/,
    );
  });

  test('throttled and locked: 429, with the wait in seconds or the lock’s end in Paris time', () => {
    const throttled = signInView(fr, {
      email: 'a@b.fr',
      proConnect: false,
      refused: { code: 'throttled', retryAfterSeconds: 4 },
    });
    assert.equal(throttled.status, 429);
    assert.match(throttled.main.value, /patientez 4 secondes avant de réessayer/);
    const locked = signInView(fr, {
      email: 'a@b.fr',
      proConnect: false,
      refused: { code: 'locked', until: new Date('2030-01-07T08:15:00Z') },
    });
    assert.equal(locked.status, 429);
    assert.match(locked.main.value, /bloquée jusqu’à 09:15 \(heure de Paris\)/);
  });

  test('the notices after signing out and after an unfinished sign-in', () => {
    assert.match(
      signInView(fr, { email: '', proConnect: false, notice: 'signed_out' }).main.value,
      /Vous êtes déconnecté\./,
    );
    assert.match(
      signInView(en, { email: '', proConnect: false, notice: 'signed_out_everywhere' }).main.value,
      /signed out of all your sessions/,
    );
    assert.match(
      signInView(fr, { email: '', proConnect: false, notice: 'expired' }).main.value,
      /fr-alert--warning/,
    );
  });
});

describe('the code pages', () => {
  const enrol = {
    kind: 'enrol' as const,
    account: 'camille@prefecture.test',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    qrCode: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
  };

  test('enrolment: the QR code with its text alternative, the key in groups of four, the first code', () => {
    const page = codeView(fr, enrol);
    assert.equal(page.status, undefined);
    assert.match(page.main.value, /<h1>Activer la validation en deux étapes<\/h1>/);
    assert.match(
      page.main.value,
      /<img class="creneau-qr-code" src="data:image\/svg\+xml;base64,PHN2Zz48L3N2Zz4=" alt="QR code du compte camille@prefecture.test/,
    );
    assert.match(page.main.value, /<code>JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP<\/code>/);
    assert.match(page.main.value, /name="code"[^>]*autocomplete="one-time-code" inputmode="numeric"/);
    assert.match(page.main.value, /action="\/agents\/deconnexion"/);
  });

  test('a wrong code: 401, the error tied to the field, the title saying so', () => {
    const page = codeView(fr, { kind: 'code', recovery: false, refused: { code: 'wrong' } });
    assert.equal(page.status, 401);
    assert.equal(page.title, 'Erreur : Validation en deux étapes');
    assert.match(page.main.value, /<a href="#code">Code à 6 chiffres : Ce code n’est pas valable/);
    assert.match(page.main.value, /href="\/agents\/connexion\/code\?secours=1"/);
  });

  test('the recovery code’s form, and its refusal', () => {
    const page = codeView(en, { kind: 'code', recovery: true, refused: { code: 'wrong' } });
    assert.match(page.main.value, /<h1>Recovery code<\/h1>/);
    assert.match(page.main.value, /name="recoveryCode"/);
    assert.match(page.main.value, /not valid or has already been used/);
    assert.match(page.main.value, /href="\/agents\/connexion\/code">Use the code of my app instead/);
  });

  test('the recovery codes, once, with the warning and the way on', () => {
    const page = codeView(fr, { kind: 'recovery_codes', codes: ['AAAAA-BBBBB', 'CCCCC-DDDDD'] });
    assert.match(page.main.value, /Ces codes ne seront plus jamais affichés/);
    assert.match(
      page.main.value,
      /<li><code>AAAAA-BBBBB<\/code><\/li>\s*<li><code>CCCCC-DDDDD<\/code><\/li>/,
    );
    assert.match(
      page.main.value,
      /<a class="fr-btn" href="\/agents\/mon-guichet">Continuer vers l’espace des agents<\/a>/,
    );
  });

  test('locked at the code step: 429 and the alert after the page’s heading', () => {
    const page = codeView(fr, {
      kind: 'code',
      recovery: false,
      refused: { code: 'locked', until: new Date('2030-01-07T08:15:00Z') },
    });
    assert.equal(page.status, 429);
    assert.ok(page.main.value.indexOf('<h1>') < page.main.value.indexOf('fr-alert'));
  });
});

describe('signing out everywhere', () => {
  test('a form posting to /agents/deconnexion-partout with the anti-forgery field', () => {
    const form = signOutEverywhereForm(fr).value;
    assert.match(form, /<form method="post" action="\/agents\/deconnexion-partout">/);
    assert.match(form, /name="_csrf" value="jeton-fr"/);
    assert.match(form, /Se déconnecter de tous les appareils/);
  });
});
