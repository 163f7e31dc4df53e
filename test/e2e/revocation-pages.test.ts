import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/db/schema.ts';
import { addDays, zonedTimeToUtc } from '../../src/modules/schedule/timezone.ts';
import { createAgent, scope } from '../helpers/agents.ts';
import { addSlot, applicant, createFixture, type Fixture } from '../helpers/fixtures.ts';
import { chromiumSkip, type E2E, linkIn, startE2E } from './helpers/browser.ts';
import { navigateBy } from './helpers/journey.ts';
import {
  type AxeLog,
  agentPage,
  axeLog,
  confirmedBooking,
  E2E_CONFIG,
  LANGUAGES,
  submitForm,
} from './helpers/office.ts';

// Issue 10 in a browser: the revocations (/agents/annulations, its confirmation step, its refusals,
// what was done), the revoked person's page (/rendez-vous/priorite: the choice, the booking, the used
// link) and the suspicious-bookings review (/agents/signalements), each as an administrator reaches
// it: axe (WCAG 2.1 A/AA) clean, `lang` and `dir` those of the language, every message in it, in
// French, English and Arabic. Pick-up and /dev/sms: pickup-pages.test.ts.

let e: E2E;
let adminId: number;
/** One office per language, so that the runs in parallel revoke and mark only their own. */
const offices = new Map<Locale, { fixture: Fixture; day: string; references: string[]; emails: string[] }>();
let identity = 60_000;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  const db = e.database.db;
  adminId = (
    await createAgent(db, E2E_CONFIG, {
      name: 'Alix Administratrice',
      grants: [{ role: 'administrator', scope: scope('national') }],
    })
  ).id;
  for (const [i, { locale }] of LANGUAGES.entries()) {
    const day = addDays(e.today, 5 + i);
    const fixture = await createFixture(db, {
      slots: 4,
      capacity: 3,
      firstSlot: zonedTimeToUtc(day, '09:00', 'Europe/Paris').toISOString(),
    });
    // The day after: where the pass of the booking revoked alone keeps its seat once the day is closed.
    await addSlot(db, fixture.offerId, zonedTimeToUtc(addDays(day, 1), '09:00', 'Europe/Paris'), 3);
    const references: string[] = [];
    const emails: string[] = [];
    // Two of them share an address as a mailbox receives it (a reseller's +tags): one group to review.
    const addresses = [`revendeur.${locale}+1@gmail.com`, `revendeur.${locale}+2@gmail.com`];
    for (let n = 0; n < 4; n++) {
      identity += 1;
      const who = applicant(identity, {
        phone: `06 12 34 ${String(10 + i)} ${String(10 + n)}`,
        ...(n < 2 ? { email: addresses[n] } : { email: `office.${locale}.${n}@example.org` }),
      }) as Parameters<typeof confirmedBooking>[2];
      references.push(await confirmedBooking(e, fixture.slotIds[n] as number, who));
      emails.push(who.email);
    }
    offices.set(locale, { fixture, day, references, emails });
  }
});
after(() => e?.close());

async function revocations(page: Page, axe: AxeLog, locale: Locale): Promise<void> {
  const office = offices.get(locale);
  assert.ok(office);
  const [, , alone, last] = office.references;
  await page.goto('/agents/annulations');
  await axe.check('revocations');
  await page.fill('#reference', '74-AAAA-AAAA');
  await page.fill('form[action="/agents/annulations/rendez-vous"] #reason', 'Erreur de saisie');
  await submitForm(page, '/agents/annulations/rendez-vous');
  assert.equal(await page.locator('.fr-alert--error').count(), 1, 'an unknown reference is said so');
  await axe.check('unknown reference');
  await page.fill('#reference', alone ?? '');
  await page.fill('form[action="/agents/annulations/rendez-vous"] #reason', 'Agent absent ce jour');
  await submitForm(page, '/agents/annulations/rendez-vous');
  assert.equal(await page.locator('.fr-alert--success').count(), 1);
  await axe.check('one booking revoked');

  await page.selectOption('#siteId', String(office.fixture.siteId));
  await page.fill('#from', office.day);
  await page.fill('#to', office.day);
  // Too short for the rule (3 characters): the server's refusal, the browser lets it through.
  await page.fill('form[action="/agents/annulations/verifier"] #reason', 'x');
  await submitForm(page, '/agents/annulations/verifier');
  assert.equal((await page.locator('.fr-error-text, .fr-message--error').count()) > 0, true);
  await axe.check('period refused');
  await page.fill('form[action="/agents/annulations/verifier"] #reason', 'Fermeture exceptionnelle');
  await submitForm(page, '/agents/annulations/verifier');
  const listed = (await page.locator('main table').textContent()) ?? '';
  assert.ok(listed.includes(last ?? '-') && !listed.includes(alone ?? '-'), listed);
  await axe.check('confirmation step');
  // "Change": back to the form with what was typed, then checked again.
  await navigateBy(page, page.locator('button[formaction="/agents/annulations/modifier"]'));
  assert.equal(await page.inputValue('#from'), office.day);
  assert.equal(await page.inputValue('#siteId'), String(office.fixture.siteId));
  assert.equal(
    await page.inputValue('form[action="/agents/annulations/verifier"] #reason'),
    'Fermeture exceptionnelle',
  );
  await axe.check('period form again');
  await submitForm(page, '/agents/annulations/verifier');
  await submitForm(page, '/agents/annulations/periode');
  assert.equal(await page.locator('.fr-alert--success').count(), 1);
  await axe.check('period revoked');
}

async function review(page: Page, axe: AxeLog, locale: Locale): Promise<void> {
  const office = offices.get(locale);
  assert.ok(office);
  const [first] = office.references;
  await page.goto('/agents/signalements');
  await axe.check('review');
  // No box ticked: refused, the error summary's link leading to the boxes.
  await page.fill('form[action="/agents/signalements"] #reason', 'Revente de rendez-vous');
  await submitForm(page, '/agents/signalements');
  assert.equal(await page.locator('#erreurs a[href="#references"]').count(), 1);
  await axe.check('review refused');
  await page.locator(`input[name="ref-${first}"]`).first().check({ force: true });
  await page.fill('form[action="/agents/signalements"] #reason', 'Revente de rendez-vous');
  await submitForm(page, '/agents/signalements');
  assert.equal(await page.locator('.fr-alert--success').count(), 1);
  await axe.check('review done');
}

async function priority(page: Page, axe: AxeLog, email: string): Promise<void> {
  const mail = await e.mail.waitFor((m) => m.to.includes(email) && m.text.includes('/rendez-vous/priorite'));
  const link = new URL(linkIn(mail, '/rendez-vous/priorite'));
  const path = `${link.pathname}${link.search}`;
  await page.goto(path);
  await axe.check('priority choice');
  await submitForm(page, '/rendez-vous/priorite');
  assert.equal(await page.locator('.fr-alert--success').count(), 1, 'booked again');
  await axe.check('priority booked');
  await page.goto(path);
  assert.equal(await page.locator('.fr-alert--error').count(), 1, 'the link was used');
  await axe.check('priority link used');
  await page.goto('/rendez-vous/priorite?token=not-a-token');
  assert.equal(await page.locator('.fr-alert--error').count(), 1, 'a broken link is said so');
  await axe.check('priority link broken');
}

describe('revocations, the priority page and the review in a browser', {
  skip: chromiumSkip,
  concurrency: 2,
}, () => {
  for (const { locale, name, skip } of LANGUAGES) {
    test(`revocations, their confirmation, the priority page, the review: axe-clean, in ${name}`, {
      skip,
    }, async () => {
      const page = await agentPage(e, adminId, locale);
      const axe = axeLog(page, locale);
      await review(page, axe, locale);
      await revocations(page, axe, locale);
      // The booking revoked alone: its holder's link to book again first.
      await priority(page, axe, offices.get(locale)?.emails[2] ?? '');
      axe.assertClean();
    });
  }
});
