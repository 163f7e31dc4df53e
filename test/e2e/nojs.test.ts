import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromiumSkip, type E2E, startE2E } from './helpers/browser.ts';
import {
  acceptConditions,
  chooseFirstSlot,
  DEPARTMENT,
  mainText,
  navigateBy,
  STEP1,
} from './helpers/journey.ts';

// Issue 3: every journey works without JavaScript, except the proof-of-work check, which says so.

let e: E2E;

before(async () => {
  if (!chromiumSkip) e = await startE2E({ captcha: true });
});
after(() => e?.close());

describe('the journey without JavaScript', { skip: chromiumSkip }, () => {
  test('home → département → step 1 → step 2 work with plain links and forms; step 3 says JavaScript is needed', async () => {
    const page = await e.newPage({ javaScriptEnabled: false });
    await page.goto('/');
    await navigateBy(page, page.locator(`main a[href="/departements/${DEPARTMENT}"]`).first());
    await navigateBy(page, page.locator(`main a[href^="${STEP1}"]`).first());
    assert.equal(new URL(page.url()).pathname, STEP1);

    await acceptConditions(page);
    assert.equal(new URL(page.url()).searchParams.get('conditions'), 'acceptees');
    await chooseFirstSlot(page);
    assert.equal(new URL(page.url()).pathname, '/rendez-vous/securite');

    const text = await mainText(page);
    assert.match(text, /JavaScript/, 'step 3 tells that the security check needs JavaScript');
    const notice = page.locator('main noscript, main .fr-alert:has-text("JavaScript")');
    assert.ok((await notice.count()) > 0);
  });

  test('step 2 opened without the conditions accepted sends back to step 1 with an error', async () => {
    const page = await e.newPage({ javaScriptEnabled: false });
    // The checkbox is `required`, so the browser itself stops the form; the server must hold too.
    await page.goto(`${STEP1}/plage`);
    assert.equal(new URL(page.url()).pathname, STEP1);
    const error = page.locator('main .fr-alert--error a[href="#conditions"]');
    assert.equal(await error.count(), 1, 'the error links to the checkbox');
    assert.equal(await page.locator('#conditions').getAttribute('aria-invalid'), 'true');
  });

  test('searching for a commune works without JavaScript', async () => {
    const page = await e.newPage({ javaScriptEnabled: false });
    await page.goto('/');
    const search = page.locator('main form[action="/recherche"] input[name="q"]');
    await search.fill('Annecy');
    await navigateBy(page, page.locator('main form[action="/recherche"] [type="submit"]'));
    assert.equal(new URL(page.url()).pathname, '/recherche');
    assert.ok((await page.locator(`main a[href^="/departements/${DEPARTMENT}"]`).count()) > 0);
  });
});
