import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signCertificate } from '../../src/modules/convocation/certificate-token.ts';
import { signConvocation } from '../../src/modules/convocation/qr-token.ts';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { bookingsOf, claimsOf } from './helpers/booking-state.ts';
import { chromiumSkip, type E2E, E2E_SECRET_KEY, linkIn, startE2E } from './helpers/browser.ts';
import {
  acceptConditions,
  applicantField,
  chooseFirstSlot,
  DEPARTMENT,
  fillApplicant,
  navigateBy,
  PROCEDURE,
  passAltcha,
  person,
  STEP1,
  submitApplicant,
  submitFormWith,
  validateBooking,
} from './helpers/journey.ts';

// Issue 3: axe reports no WCAG 2.1 A/AA violation on any page of the journey, in French and English.
// Every page is checked as a person reaches it (forms filled, errors shown), and all the violations
// of a language are reported together, so that one run lists everything to fix.

let e: E2E;

before(async () => {
  if (!chromiumSkip) e = await startE2E({ captcha: true });
});
after(() => e?.close());

/** Checks pages one after another and keeps what is wrong with each. */
function auditor(page: Page, locale: 'fr' | 'en') {
  const problems: string[] = [];
  const checked: string[] = [];
  return {
    problems,
    checked,
    async check(name: string): Promise<void> {
      checked.push(name);
      const lang = await page.locator('html').getAttribute('lang');
      if (lang !== locale)
        problems.push(`${name} (${page.url()}): <html lang="${lang}">, expected "${locale}"`);
      const violations = await wcagViolations(page);
      if (violations.length > 0) problems.push(describeViolations(`${name} (${page.url()})`, violations));
    },
    async visit(name: string, url: string): Promise<void> {
      await page.goto(url);
      await this.check(name);
    },
  };
}

// Both languages at once, each in its own browser context: the run takes half the time.
describe('accessibility', { skip: chromiumSkip, concurrency: 2 }, () => {
  for (const locale of ['fr', 'en'] as const) {
    // Some 30 pages, each checked by axe (2–4 s apiece when the other test files load the machine):
    // longer than the runner's default of 120 s, so this journey has its own deadline.
    test(`no WCAG 2.1 AA violation on any page of the journey, in ${locale === 'fr' ? 'French' : 'English'}`, {
      timeout: 300_000,
    }, async () => {
      const page = await e.newPage(locale === 'en' ? { locale: 'en-GB' } : {});
      const a = auditor(page, locale);
      // A 9-digit number, to see step 4 in error; each language its own, as both run at once.
      const nineDigits = locale === 'fr' ? '741234567' : '741234568';
      const who = person(e.today, { foreignerNumber: nineDigits });

      await a.visit('home', `/?lang=${locale}`);
      await a.visit('search results', '/recherche?q=Annecy');
      await a.visit('search without result', '/recherche?q=zzzz');
      await a.visit('département', `/departements/${DEPARTMENT}`);
      await a.visit('département with other channels (Hérault)', '/departements/34');
      await a.visit('step 1 with the conditions error', `${STEP1}/plage`);
      await a.visit('step 1 Descriptif', STEP1);
      await acceptConditions(page);
      await a.check('step 2 Choix d’une plage (offices)');
      await chooseFirstSlot(page);
      await a.check('step 3 Contrôle de sécurité');
      await passAltcha(page);
      await a.check('step 3 with the check passed');
      await submitFormWith(page, 'input[name="slotId"]');
      await a.check('step 4 Coordonnées personnelles');
      await fillApplicant(page, who);
      await submitApplicant(page);
      await a.check('step 4 with an error');
      await applicantField(page, 'foreignerNumber').fill(`${nineDigits.slice(0, 2)}0${nineDigits.slice(2)}`);
      await submitApplicant(page);
      await a.check('step 5 Valider et terminer');
      await validateBooking(page);
      await a.check('result (N’oubliez pas de confirmer)');

      const request = await e.mail.waitFor((m) => m.to.includes(who.email));
      await a.visit('confirm page', linkIn(request, '/rendez-vous/confirmer'));
      await submitFormWith(page, '[type="submit"]');
      await a.check('confirmed page');
      await a.visit('confirm page with a bad link', '/rendez-vous/confirmer?token=abimé');

      const confirmed = await e.mail.waitFor((m) => m.to.includes(who.email) && m.attachments.length > 0);
      const manageUrl = linkIn(confirmed, '/rendez-vous/gerer');
      await a.visit('manage list', manageUrl);
      await navigateBy(page, page.locator('main a[href^="/rendez-vous/gerer?"][href*="reference="]').first());
      await a.check('manage: consult');
      await page.goto(manageUrl);
      await navigateBy(page, page.locator('main a[href^="/rendez-vous/changer"]').first());
      await a.check('changer de créneau');
      await page.goto(manageUrl);
      await navigateBy(page, page.locator('main a[href^="/rendez-vous/supprimer"]').first());
      await a.check('supprimer (question)');
      await navigateBy(page, page.locator('main form[method="post" i] button[type="submit"]').first());
      await a.check('supprimer (done)');

      await a.visit('manage request', '/rendez-vous/gerer');
      await a.visit('verifier', '/verifier');
      await a.visit('verifier, code not recognised', '/verifier?code=c1.bm9uZQ.c2lnbg');
      const [booking] = await bookingsOf(e.database.db, who.email);
      assert.ok(booking);
      const genuine = signConvocation(claimsOf(booking), E2E_SECRET_KEY);
      await a.visit('verifier, genuine code', `/verifier?code=${encodeURIComponent(genuine)}`);
      await a.visit('certificate form', `/attestation?departement=${DEPARTMENT}&demarche=${PROCEDURE}`);
      await submitFormWith(page, 'input[name="applicant.lastName"]');
      await a.check('certificate form with errors');
      const certificate = signCertificate(
        {
          lastName: booking.lastName,
          firstName: booking.firstName,
          birthDate: booking.birthDate,
          issuedAt: new Date().toISOString(),
          procedureId: 1,
          departmentCode: DEPARTMENT,
          searchedFrom: e.today,
          offices: [{ siteId: 1, channel: 'booking', through: e.today, nextFree: null }],
          nextFree: null,
          request: null,
        },
        E2E_SECRET_KEY,
      );
      await a.visit('verifier, genuine certificate', `/verifier?code=${encodeURIComponent(certificate)}`);
      await a.visit('aide', '/aide');
      await a.visit('données personnelles', '/donnees-personnelles');
      await a.visit('accessibilité', '/accessibilite');
      await a.visit('mentions légales', '/mentions-legales');
      await a.visit('404', '/cette-page-n-existe-pas');

      assert.ok(a.checked.length >= 28, `only ${a.checked.length} pages checked`);
      assert.equal(a.problems.length, 0, `\n${a.problems.join('\n')}`);
    });
  }
});
