import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createAgent, signedInCookie } from '../helpers/agents.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createFixture, type Fixture } from '../helpers/fixtures.ts';
import { book, slotAt } from '../helpers/schedule.ts';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { chromiumSkip, launchChromium } from './helpers/browser.ts';

// The schedule's back-office pages in a real browser: axe finds no WCAG 2.1 A/AA violation on the
// hours page and the closures page, in French and English, as they are and as a refused save shows
// them (invalid fields, the table of bookings that would lose their place). Forms work without
// JavaScript, so the browser posts them as a person would.

let t: TestApp;
let browser: Browser;
let base: string;
let cookie: { name: string; value: string };
let fixture: Fixture;

before(async () => {
  if (chromiumSkip) return;
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 0 });
  await db.updateTable('offer').set({ publication_days: 7 }).where('id', '=', fixture.offerId).execute();
  const agent = await createAgent(db, t.config, {
    name: 'Camille Martin',
    grants: [{ role: 'administrator', scope: { kind: 'national' } }],
  });
  const [name = '', value = ''] = (await signedInCookie(db, t.config, agent.id, t.clock.now())).split('=');
  cookie = { name, value };
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

async function signedInPage(locale: 'fr' | 'en'): Promise<Page> {
  const context = await browser.newContext({ locale: locale === 'fr' ? 'fr-FR' : 'en-GB', baseURL: base });
  context.setDefaultTimeout(20_000);
  await context.addCookies([{ ...cookie, url: base }]);
  return context.newPage();
}

/** Runs axe on the page as it is and keeps what it finds. */
async function check(problems: string[], page: Page, name: string): Promise<void> {
  const violations = await wcagViolations(page);
  if (violations.length > 0) problems.push(describeViolations(name, violations));
}

const saveRules = (page: Page) => page.locator('form[action$="/horaires"] button[type=submit]').click();
const addClosure = (page: Page) => page.locator('form[action$="/fermetures"] button[type=submit]').click();

describe('the schedule’s pages', { skip: chromiumSkip }, () => {
  test('no WCAG 2.1 AA violation in French: the hours and closures pages, shown, saved and refused', async () => {
    const hours = `/agents/services/${fixture.siteId}/offres/${fixture.offerId}/horaires`;
    const closures = `/agents/services/${fixture.siteId}/fermetures`;
    const problems: string[] = [];
    const page = await signedInPage('fr');
    await page.goto(hours);
    await check(problems, page, 'hours');
    await page.locator('#rules-0-weekday').selectOption('2');
    await page.locator('#rules-0-startsAt').fill('09:00');
    await page.locator('#rules-0-endsAt').fill('10:00');
    await page.locator('#rules-0-capacity').fill('1');
    await Promise.all([page.waitForURL(/enregistre=rules/), saveRules(page)]);
    await check(problems, page, 'hours saved');

    await page.locator('#rules-1-startsAt').fill('15:00');
    await page.locator('#rules-1-endsAt').fill('14:00');
    await page.locator('#rules-1-capacity').fill('0');
    await saveRules(page);
    await page.locator('#erreurs').waitFor();
    await check(problems, page, 'hours with invalid fields');

    await book(t, await slotAt(t.database.db, fixture.offerId, '2030-01-08 09:20'));
    await page.goto(hours);
    await page.locator('label[for="rules-0-remove"]').click();
    await saveRules(page);
    await page.locator('#refus').waitFor();
    await check(problems, page, 'hours with stranded bookings');

    await page.goto(closures);
    await page.locator('#day').fill('2030-01-15');
    await Promise.all([page.waitForURL(/enregistre=created/), addClosure(page)]);
    await check(problems, page, 'closures with one');
    await page.locator('#day').fill('2030-01-01');
    await addClosure(page);
    await page.locator('#erreurs').waitFor();
    await check(problems, page, 'closures with invalid fields');
    assert.deepEqual(problems, []);
  });

  test('no WCAG 2.1 AA violation in English: the hours and closures pages', async () => {
    const problems: string[] = [];
    const page = await signedInPage('en');
    await page.goto(`/agents/services/${fixture.siteId}/offres/${fixture.offerId}/horaires`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await check(problems, page, 'hours');
    await page.goto(`/agents/services/${fixture.siteId}/fermetures`);
    await check(problems, page, 'closures');
    assert.deepEqual(problems, []);
  });
});
