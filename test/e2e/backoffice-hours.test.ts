import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { totpCode } from '../../src/modules/agents/totp.ts';
import { createAgent, type TestAgent } from '../helpers/agents.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createFixture, type Fixture } from '../helpers/fixtures.ts';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { chromiumSkip, launchChromium } from './helpers/browser.ts';
import { acceptConditions, navigateBy, tick } from './helpers/journey.ts';

// Issue 8's browser journey: a site manager signs in with a password and the code of their
// authenticator (computed here from the secret), opens the office's opening hours through the menus,
// adds Tuesday morning with two counters, and an applicant sees those slots at step 2 of the public
// journey. axe (WCAG 2.1 A/AA) checks every back-office page on the way.

let t: TestApp;
let browser: Browser;
let base: string;
let fixture: Fixture;
let manager: TestAgent;
let procedureCode: string;

before(async () => {
  if (chromiumSkip) return;
  // A Monday morning in Annecy; the offer publishes a week.
  t = await createTestApp({ now: '2030-01-07T08:00:00Z' });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 0 });
  await db.updateTable('offer').set({ publication_days: 7 }).where('id', '=', fixture.offerId).execute();
  const procedure = await db
    .selectFrom('procedure')
    .select('code')
    .where('id', '=', fixture.procedureId)
    .executeTakeFirstOrThrow();
  procedureCode = procedure.code;
  manager = await createAgent(db, t.config, {
    name: 'Dominique Laurent',
    grants: [{ role: 'site_manager', scope: { kind: 'site', siteId: fixture.siteId, departmentCode: '74' } }],
  });
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL: base });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

describe('a site manager changes the opening hours', { skip: chromiumSkip }, () => {
  test('sign-in with password and code, hours edited, new slots at the public step 2, axe-clean', async () => {
    const page = await newPage();
    const problems: string[] = [];
    const check = async (name: string) => {
      const violations = await wcagViolations(page);
      if (violations.length > 0) problems.push(describeViolations(`${name} (${page.url()})`, violations));
    };

    await page.goto('/agents');
    assert.equal(new URL(page.url()).pathname, '/agents/connexion', 'the back office asks to sign in');
    await page.locator('#email').fill(manager.email);
    await page.locator('#password').fill(manager.password);
    await navigateBy(page, page.locator('main form button[type="submit"]').first());
    assert.equal(new URL(page.url()).pathname, '/agents/connexion/code');
    await page.locator('#code').fill(totpCode(manager.totpSecret, t.clock.now()));
    await navigateBy(page, page.locator('main form button[type="submit"]').first());
    await check('recovery codes');
    await navigateBy(page, page.locator('main a[href="/agents/mon-guichet"]').first());
    await check('counter choice');
    await navigateBy(page, page.getByRole('link', { name: 'Passer cette étape' }));
    assert.match((await page.locator('main').textContent()) ?? '', /Dominique Laurent/);
    await check('home');

    await navigateBy(page, page.locator('nav a[href="/agents/services"]'));
    await check('sites');
    await navigateBy(page, page.locator(`main a[href="/agents/services/${fixture.siteId}"]`).first());
    await check('site');
    const offer = `/agents/services/${fixture.siteId}/offres/${fixture.offerId}`;
    await navigateBy(page, page.locator(`main a[href="${offer}"]`).first());
    await check('offer');
    await navigateBy(page, page.locator(`main a[href="${offer}/horaires"]`).first());
    await check('hours');

    await page.locator('#rules-0-weekday').selectOption('2');
    await page.locator('#rules-0-startsAt').fill('09:00');
    await page.locator('#rules-0-endsAt').fill('10:00');
    await page.locator('#rules-0-capacity').fill('2');
    await navigateBy(page, page.locator('form[action$="/horaires"] button[type=submit]'));
    assert.match(page.url(), /enregistre=rules/);
    await check('hours saved');
    const slots = await t.database.db
      .selectFrom('slot')
      .select(['capacity'])
      .where('offer_id', '=', fixture.offerId)
      .execute();
    assert.deepEqual(
      slots.map((slot) => slot.capacity),
      [2, 2, 2],
      'Tuesday 09:00–10:00 in 20-minute slots',
    );

    const applicant = await newPage();
    await applicant.goto(`/departements/74/demarches/${procedureCode}`);
    await acceptConditions(applicant);
    const radios = applicant.locator('main input[type="radio"][name="slotId"]');
    if ((await radios.count()) === 0) {
      await navigateBy(applicant, applicant.locator('main a[href*="/plage?"][href*="site="]').first());
    }
    const ids = await radios.evaluateAll((inputs) => inputs.map((input) => input.id));
    const labels = await Promise.all(ids.map((id) => applicant.locator(`label[for="${id}"]`).textContent()));
    const shown = labels.join(' | ');
    for (const time of ['09:00', '09:20', '09:40']) assert.match(shown, new RegExp(time), shown);
    await tick(applicant, radios.first());
    assert.deepEqual(problems, []);
  });
});
