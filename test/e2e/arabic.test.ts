import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { bookingsOf } from './helpers/booking-state.ts';
import { chromiumSkip, type E2E, startE2E } from './helpers/browser.ts';
import {
  acceptConditions,
  chooseFirstSlot,
  fillApplicant,
  mainText,
  navigateBy,
  passSecurityCheck,
  person,
  STEP1,
  submitApplicant,
  validateBooking,
} from './helpers/journey.ts';

// The five steps of a booking in Arabic (decision 0046), in a real browser: the language chosen on the
// first page with the switch, every step right to left, written in Arabic and clean for axe.

let e: E2E;

before(async () => {
  if (!chromiumSkip) e = await startE2E({ captcha: true });
});
after(() => e?.close());

/**
 * Words of the French catalogs that an Arabic page must not show in its main content, outside the
 * préfecture's own texts that the page marks as French (`lang="fr"`: the procedure's description,
 * its documents, the offices' addresses, when the préfecture wrote no Arabic).
 */
const FRENCH = [
  'Descriptif',
  'Choisissez',
  'Contrôle de sécurité',
  'Coordonnées',
  'Valider et terminer',
  'rendez-vous',
  'Démarche',
  'Pièces à fournir',
  'Lieu',
  'Heure',
  'Étape',
  'Semaine',
  'obligatoire',
  'Vérifiez',
  'Adresse électronique',
  'Numéro étranger',
  'Continuer',
  'Retour',
];

interface Node {
  cloneNode(deep: boolean): Node;
  querySelectorAll(selector: string): { forEach(each: (node: { remove(): void }) => void): void };
  textContent: string | null;
}

/** The main content's text, without the parts marked as written in another language. */
async function unmarkedText(page: Page): Promise<string> {
  const text = await page.locator('main').evaluate((main: Node) => {
    const copy = main.cloneNode(true);
    copy.querySelectorAll('[lang]:not([lang="ar"])').forEach((node) => {
      node.remove();
    });
    return copy.textContent ?? '';
  });
  return text.replace(/\s+/g, ' ').trim();
}

/** What is wrong with the page shown as step `name` of an Arabic booking. */
async function problemsOf(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) !== 'ar') problems.push(`${name}: lang is not "ar"`);
  if ((await html.getAttribute('dir')) !== 'rtl') problems.push(`${name}: dir is not "rtl"`);
  const text = await unmarkedText(page);
  if (!/\p{Script=Arabic}/u.test(text)) problems.push(`${name}: no Arabic in the main content`);
  for (const word of FRENCH) {
    if (text.includes(word)) problems.push(`${name}: French «${word}» in «${text}»`);
  }
  const violations = await wcagViolations(page);
  if (violations.length > 0) problems.push(describeViolations(name, violations));
  return problems;
}

test('a booking in Arabic: the switch on step 1, then five steps right to left, in Arabic, axe clean', {
  skip: chromiumSkip,
}, async () => {
  const page = await e.newPage();
  const who = person(e.today);
  const problems: string[] = [];

  await page.goto(STEP1);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  const arabic = page.locator('nav.creneau-languages a[hreflang="ar"]');
  assert.equal(await arabic.textContent(), 'العربية');
  await navigateBy(page, arabic);
  problems.push(...(await problemsOf(page, '1-descriptif')));

  await acceptConditions(page);
  problems.push(...(await problemsOf(page, '2-plage')));
  await chooseFirstSlot(page);
  problems.push(...(await problemsOf(page, '3-securite')));
  await passSecurityCheck(page, true);
  problems.push(...(await problemsOf(page, '4-coordonnees')));
  await fillApplicant(page, who);
  await submitApplicant(page);
  problems.push(...(await problemsOf(page, '5-valider')));
  await validateBooking(page);
  problems.push(...(await problemsOf(page, '6-resultat')));
  assert.match(await mainText(page), /لا تنسوا تأكيد موعدكم/);

  const [booking] = await bookingsOf(e.database.db, who.email);
  assert.equal(booking?.status, 'pending');
  const mail = await e.mail.waitFor((m) => m.to.includes(who.email));
  assert.match(mail.subject, /أكّدوا طلب موعدكم/, 'the booking keeps its language: the email is in Arabic');
  assert.deepEqual(problems, []);
});

/** The other public pages, reached in Arabic by the cookie the switch left. */
const PUBLIC_PAGES = [
  '/',
  '/departements/74',
  '/recherche?q=Annecy',
  '/departements/34/demarches/renouvellement-titre/demande?conditions=acceptees',
  '/rendez-vous/gerer',
  '/verifier',
  '/attestation',
  '/aide',
  '/donnees-personnelles',
  '/accessibilite',
  '/mentions-legales',
];

test('the other public pages in Arabic: right to left, in Arabic, axe clean', {
  skip: chromiumSkip,
}, async () => {
  const page = await e.newPage();
  await page.goto('/?lang=ar');
  const problems: string[] = [];
  for (const path of PUBLIC_PAGES) {
    await page.goto(path);
    problems.push(...(await problemsOf(page, path)));
  }
  assert.deepEqual(problems, []);
});
