import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishSlots } from '../src/modules/schedule/publication.ts';
import { loadDemoData } from '../src/modules/territory/demo-seed.repository.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;

before(async () => {
  t = await createTestApp();
  await loadDemoData(t.database.db, '2029-12-20');
  await publishSlots({ db: t.database.db, clock: t.clock });
});
after(() => t.close());

/** The page's markup with the entities `html` writes turned back into characters. */
function text(markup: string): string {
  return markup
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

async function page(url: string, expectedStatus = 200): Promise<string> {
  const response = await t.app.inject({ url, headers: { accept: 'text/html' } });
  assert.equal(response.statusCode, expectedStatus, `${url}: ${response.body.slice(0, 300)}`);
  return text(response.body);
}

function headings(markup: string, level: number): string[] {
  const pattern = new RegExp(`<h${level}[^>]*>([\\s\\S]*?)</h${level}>`, 'g');
  return [...markup.matchAll(pattern)].map((match) => (match[1] ?? '').replace(/<[^>]+>/g, '').trim());
}

/** The part of the page after the result list's heading, so that the search form is not matched. */
function results(markup: string): string {
  return markup.slice(markup.indexOf('<h1>'));
}

describe('home page', () => {
  test('lists the served départements with links to their pages and the search form', async () => {
    const body = await page('/');
    assert.match(body, /<html lang="fr"/);
    assert.match(body, /href="\/departements\/74">Haute-Savoie \(74\)<\/a>/);
    assert.match(body, /href="\/departements\/974">La Réunion \(974\)<\/a>/);
    assert.match(body, /<form method="get" action="\/recherche"/);
    assert.deepEqual(headings(body, 1), ['Prendre rendez-vous au service des étrangers de votre préfecture']);
  });

  test('is in English with ?lang=en, headings included', async () => {
    const body = await page('/?lang=en');
    assert.match(body, /<html lang="en"/);
    assert.deepEqual(headings(body, 1), [
      'Book an appointment with the foreigners’ service of your préfecture',
    ]);
    assert.ok(headings(body, 2).includes('Choose a département'));
    assert.doesNotMatch(body, /Choisir un département|Rechercher</);
  });
});

describe('commune search', () => {
  test('postal code 74000 leads to the préfecture at Annecy', async () => {
    const body = results(await page('/recherche?q=74000'));
    assert.match(body, /Annecy \(74\)/);
    assert.match(body, /Bureau compétent :<\/strong> Préfecture de la Haute-Savoie/);
    assert.match(body, /href="\/departements\/74"/);
  });

  test('"thonon" finds Thonon-les-Bains and its sous-préfecture', async () => {
    const body = results(await page('/recherche?q=thonon'));
    assert.match(body, /Thonon-les-Bains \(74\)/);
    assert.match(body, /Bureau compétent :<\/strong> Sous-préfecture de Thonon-les-Bains/);
  });

  test('a name without accents and in capitals finds the commune ("ORLEANS" → Orléans)', async () => {
    const body = results(await page('/recherche?q=ORLEANS'));
    assert.match(body, /<h2[^>]*>Orléans \(45\)<\/h2>/);
    assert.match(body, /Préfecture du Loiret/);
  });

  test('a commune of a département Créneau does not serve gets a clear message', async () => {
    const body = results(await page('/recherche?q=Marseille'));
    assert.match(body, /Marseille \(13\)/);
    assert.match(body, /Le département Bouches-du-Rhône \(13\) n’est pas servi par Créneau/);
    assert.doesNotMatch(body, /Bureau compétent/);
  });

  test('a search finding many communes shows at most 20', async () => {
    const body = results(await page('/recherche?q=saint'));
    assert.equal([...body.matchAll(/<h2 class="fr-h5 fr-mb-1w">/g)].length, 20);
    assert.match(body, /Seules les 20 premières communes sont affichées/);
  });

  test('a one-letter query asks for more, and an unknown name says nothing matches', async () => {
    assert.match(await page('/recherche?q=a'), /Saisissez au moins deux lettres/);
    assert.match(await page('/recherche?q=zzzzqqq'), /Aucune commune ne correspond à « zzzzqqq »/);
  });
});

describe('département page', () => {
  test("69 shows Lyon's online service for an admission exceptionnelle", async () => {
    const body = await page('/departements/69');
    assert.deepEqual(headings(body, 1), ['Démarches de séjour : Rhône (69)']);
    assert.match(
      body,
      /<a class="fr-btn fr-btn--secondary" href="https:\/\/www\.demarches-simplifiees\.fr\/commencer\/premiere-demande-titre-de-sejour-prefecture-rhone" rel="noopener">Accéder au service en ligne/,
    );
    assert.match(body, /Dernière mise à jour : 09\/02\/2023/);
  });

  test('03 shows the postal address of the Allier préfecture, line by line', async () => {
    const body = await page('/departements/03');
    assert.match(
      body,
      /<address class="creneau-pre-line[^"]*">Préfecture de l'Allier\nBureau de la nationalité et des étrangers\n2 rue Michel de l'Hospital\nCS 31649 - 03016 Moulins Cedex<\/address>/,
    );
  });

  test('74 links each booking procedure to its step 1 with the next free slot', async () => {
    const body = await page('/departements/74');
    assert.match(body, /href="\/departements\/74\/demarches\/renouvellement-titre">Prendre rendez-vous/);
    assert.match(body, /Prochaine plage libre : jeudi 20 décembre 2029 à 11:10/);
    assert.match(body, /Arrondissements desservis : Thonon-les-Bains/);
  });

  test('is in English with ?lang=en', async () => {
    const body = await page('/departements/74?lang=en');
    assert.match(body, /<html lang="en"/);
    assert.deepEqual(headings(body, 1), ['Residence procedures: Haute-Savoie (74)']);
    assert.match(body, /Next free slot: Thursday, 20 December 2029 at 11:10/);
    assert.doesNotMatch(body, /Prochaine plage libre|Prendre rendez-vous</);
  });

  test('an unknown département is a 404 page', async () => {
    assert.match(await page('/departements/99', 404), /Page introuvable/);
    await page('/departements/75', 404);
  });
});

describe('step 1 (Descriptif)', () => {
  const url = '/departements/74/demarches/renouvellement-titre';

  test('shows the stepper, the five steps, the warning, the documents, the conditions and the button', async () => {
    const body = await page(url);
    assert.match(
      body,
      /<h2 class="fr-stepper__title">Descriptif<span class="fr-stepper__state">Étape 1 sur 5<\/span>/,
    );
    assert.match(body, /Étape suivante :<\/span> Choix d'une plage/);
    for (const title of [
      'Descriptif',
      "Choix d'une plage",
      'Contrôle de sécurité',
      'Coordonnées personnelles',
      'Valider et terminer',
    ]) {
      assert.match(body, new RegExp(`<li>${title}</li>`));
    }
    assert.match(
      body,
      /les démarches liées au droit du séjour des étrangers sont gratuites\. Aucune entreprise n’est agréée par la préfecture pour réaliser ces procédures ni ne dispose d’un accès privilégié pour obtenir des rendez-vous\./,
    );
    assert.match(body, /<li>Convocation imprimée<\/li>/);
    assert.match(body, /Imprimer la liste/);
    assert.match(
      body,
      /<form method="get" action="\/departements\/74\/demarches\/renouvellement-titre\/plage">/,
    );
    assert.match(body, /<input type="checkbox" id="conditions" name="conditions" value="acceptees" required/);
    assert.match(body, /J'accepte les conditions d'utilisation/);
    assert.match(body, /<button class="fr-btn" type="submit">Effectuer une demande de rendez-vous<\/button>/);
    assert.match(body, /href="\/rendez-vous\/gerer">Annuler, consulter et gérer mes demandes de rendez-vous/);
    assert.match(body, /jeudi 20 décembre 2029 à 11:10/);
  });

  test('comes back with an error on the checkbox when step 2 refused it', async () => {
    const body = await page(`${url}?erreur=conditions`);
    assert.match(body, /<title>Erreur :/);
    assert.match(body, /aria-invalid="true"/);
    assert.match(body, /Cochez la case pour accepter les conditions d’utilisation/);
  });

  test('is in English with ?lang=en', async () => {
    const body = await page(`${url}?lang=en`);
    assert.match(body, /<html lang="en"/);
    assert.match(
      body,
      /<h2 class="fr-stepper__title">Description<span class="fr-stepper__state">Step 1 of 5/,
    );
    assert.match(body, /Residence procedures for foreign nationals are free of charge/);
    assert.match(body, />Request an appointment<\/button>/);
    assert.doesNotMatch(body, /Effectuer une demande|Étape 1 sur 5|Pièces à fournir/);
  });

  test('a procedure offered through other channels shows them instead of the form', async () => {
    const body = await page('/departements/69/demarches/admission-exceptionnelle');
    assert.doesNotMatch(body, /name="conditions"/);
    assert.match(body, /ne se fait pas sur rendez-vous en ligne/);
    assert.match(body, /href="https:\/\/www\.demarches-simplifiees\.fr\/[^"]+" rel="noopener"/);
  });

  test('says when no slot is free', async () => {
    await t.database.db
      .updateTable('slot')
      .set({ taken: (eb) => eb.ref('capacity') })
      .execute();
    const body = await page(url);
    assert.match(body, /Aucune plage disponible pour le moment/);
    await t.database.db.updateTable('slot').set({ taken: 0 }).execute();
  });

  test('an unknown procedure, or one the département does not offer, is a 404 page', async () => {
    await page('/departements/74/demarches/inconnue', 404);
    await page('/departements/69/demarches/renouvellement-titre', 404);
    await page('/departements/99/demarches/renouvellement-titre', 404);
  });
});
