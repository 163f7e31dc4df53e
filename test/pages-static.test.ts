import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;

before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function page(url: string): Promise<string> {
  const response = await t.app.inject({ url, headers: { accept: 'text/html' } });
  assert.equal(response.statusCode, 200, url);
  assert.match(String(response.headers['content-type']), /^text\/html/);
  return response.body
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function headings(markup: string, level: number): string[] {
  const pattern = new RegExp(`<h${level}[^>]*>([\\s\\S]*?)</h${level}>`, 'g');
  return [...markup.matchAll(pattern)].map((match) => (match[1] ?? '').replace(/<[^>]+>/g, '').trim());
}

const PAGES = [
  {
    path: '/donnees-personnelles',
    fr: { h1: 'Données personnelles', text: /article 6, paragraphe 1, point e, du RGPD/, h2: 'Vos droits' },
    en: { h1: 'Personal data', text: /Article 6\(1\)\(e\) GDPR/, h2: 'Your rights' },
    ar: { h1: 'البيانات الشخصية', text: /البند e، من RGPD/, h2: 'حقوقكم' },
  },
  {
    path: '/accessibilite',
    fr: { h1: 'Déclaration d’accessibilité', text: /partiellement conforme/, h2: 'Voies de recours' },
    en: { h1: 'Accessibility statement', text: /partially compliant/, h2: 'Remedies' },
    ar: { h1: 'بيان إمكانية الوصول', text: /مطابقة جزئيًا/, h2: 'طرق الطعن' },
  },
  {
    path: '/mentions-legales',
    fr: { h1: 'Mentions légales', text: /EUPL\) version 1\.2/, h2: 'Hébergement' },
    en: { h1: 'Legal notice', text: /EUPL\) version 1\.2/, h2: 'Hosting' },
    ar: { h1: 'الإشعارات القانونية', text: /\(EUPL\) الإصدار 1\.2/, h2: 'الاستضافة' },
  },
  {
    path: '/aide',
    fr: { h1: 'Aide', text: /208006503 devient 2008006503/, h2: 'Votre numéro étranger' },
    en: { h1: 'Help', text: /208006503 becomes 2008006503/, h2: 'Your foreigner number' },
    ar: { h1: 'المساعدة', text: /يصبح 208006503 هو 2008006503/, h2: 'رقم الأجنبي الخاص بكم' },
  },
];

for (const { path, fr, en, ar } of PAGES) {
  describe(path, () => {
    test('is in French by default', async () => {
      const body = await page(path);
      assert.match(body, /<html lang="fr"/);
      assert.deepEqual(headings(body, 1), [fr.h1]);
      assert.ok(headings(body, 2).includes(fr.h2), headings(body, 2).join(' | '));
      assert.match(body, fr.text);
    });

    test('is in English with ?lang=en, with no French heading left', async () => {
      const body = await page(`${path}?lang=en`);
      assert.match(body, /<html lang="en"/);
      assert.deepEqual(headings(body, 1), [en.h1]);
      const h2 = headings(body, 2);
      assert.ok(h2.includes(en.h2), h2.join(' | '));
      const french = (await page(path)).match(/<h2[^>]*>[\s\S]*?<\/h2>/g) ?? [];
      for (const heading of french) assert.ok(!body.includes(heading), `French heading left: ${heading}`);
      assert.match(body, en.text);
    });

    test('is in Arabic with ?lang=ar, right to left, with no French heading left', async () => {
      const body = await page(`${path}?lang=ar`);
      assert.match(body, /<html lang="ar" dir="rtl"/);
      assert.deepEqual(headings(body, 1), [ar.h1]);
      const h2 = headings(body, 2);
      assert.ok(h2.includes(ar.h2), h2.join(' | '));
      const french = (await page(path)).match(/<h2[^>]*>[\s\S]*?<\/h2>/g) ?? [];
      for (const heading of french) assert.ok(!body.includes(heading), `French heading left: ${heading}`);
      assert.match(body, ar.text);
    });
  });
}

describe('page contents', () => {
  test('the help page answers the FAQ questions, with the national form linked for récépissés', async () => {
    const body = await page('/aide');
    for (const question of [
      /Où trouver mon numéro étranger/,
      /déjà un récépissé/,
      /autorisation provisoire de séjour \(APS\)/,
      /pour un proche/,
      /APS Master/,
      /changer de statut/,
      /duplicata/,
      /par courrier et je n’ai pas reçu de convocation/,
      /Seules les personnes ayant reçu un SMS/,
      /Pourquoi n’y a-t-il aucune plage disponible/,
      /Le service est-il payant/,
    ]) {
      assert.match(body, question);
    }
    assert.match(
      body,
      /<a class="fr-link" href="http:\/\/invite\.contacts-demarches\.interieur\.gouv\.fr\/Etrangers" rel="noopener">formulaire en ligne/,
    );
    // The contents list points at each question's heading.
    assert.match(body, /<a class="fr-summary__link" href="#question-1">/);
    assert.match(body, /<h3 id="question-1">/);
  });

  test('the personal data page names the controller, retention, rights and the CNIL', async () => {
    const body = await page('/donnees-personnelles');
    assert.match(body, /la préfecture du département où vous prenez rendez-vous/);
    assert.match(body, /supprimées trois mois après sa date/);
    assert.match(body, /Une demande de tirage au sort est conservée tant qu’elle attend/);
    assert.match(body, /droit d’accès, de rectification, d’effacement et de limitation/);
    assert.match(
      body,
      /href="https:\/\/www\.cnil\.fr\/[^"]*" rel="noopener">déposer une plainte auprès de la CNIL/,
    );
  });

  test('the accessibility statement gives the Défenseur des droits as remedy', async () => {
    const body = await page('/accessibilite');
    assert.match(body, /Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07/);
  });
});
