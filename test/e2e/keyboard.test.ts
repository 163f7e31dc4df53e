import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { bookingsOf } from './helpers/booking-state.ts';
import { chromiumSkip, type E2E, startE2E } from './helpers/browser.ts';
import {
  DEPARTMENT,
  focused,
  mainText,
  type Person,
  person,
  STEP1,
  waitForAltchaSolution,
} from './helpers/journey.ts';
import { focusIsVisible, pressToNavigate, tabTo } from './helpers/keyboard.ts';

// The whole booking with the keyboard only (RGAA 12.13): Tab, Space and Enter, never a click, and the
// focus visible at every stop.

let e: E2E;

before(async () => {
  if (!chromiumSkip) e = await startE2E({ captcha: true });
});
after(() => e?.close());

/** Tabs to the control, checks that its focus shows, and remembers where it did not. */
async function reach(page: Page, selector: string, hidden: string[]): Promise<void> {
  await tabTo(page, selector);
  if (!(await focusIsVisible(page))) hidden.push(`${new URL(page.url()).pathname}: ${await focused(page)}`);
}

/**
 * Types a date into the focused native date field. Its segments follow the browser's own language
 * (month first in an English Chromium, whatever the page's), so a probe date finds their order first;
 * Shift+Tab twice then goes back to the first segment, and typing replaces the probe.
 */
async function typeDate(page: Page, selector: string, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-');
  await page.keyboard.type('01022003');
  const probe = await page.locator(selector).inputValue();
  if (probe !== '2003-02-01' && probe !== '2003-01-02') throw new Error(`unexpected date segments: ${probe}`);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type(probe === '2003-02-01' ? `${day}${month}${year}` : `${month}${day}${year}`);
  const typed = await page.locator(selector).inputValue();
  if (typed !== isoDate) throw new Error(`typed ${isoDate} into ${selector}, the field holds ${typed}`);
}

async function typeApplicant(page: Page, who: Person, hidden: string[]): Promise<void> {
  const fields: (keyof Person)[] = [
    'lastName',
    'firstName',
    'birthDate',
    'foreignerNumber',
    'titleExpiry',
    'postalCode',
    'email',
    'phone',
  ];
  for (const field of fields) {
    const selector = `main [name="applicant.${field}"]`;
    if ((await page.locator(selector).count()) === 0) continue;
    await reach(page, selector, hidden);
    if ((await page.locator(selector).getAttribute('type')) === 'date')
      await typeDate(page, selector, who[field]);
    else await page.keyboard.type(who[field]);
  }
}

describe('the booking with the keyboard only', { skip: chromiumSkip }, () => {
  test('from the home page to "N’oubliez pas de confirmer", with Tab, Space and Enter, the focus always visible', async () => {
    const page = await e.newPage();
    const who = person(e.today);
    const hidden: string[] = [];

    await page.goto('/');
    await reach(page, `main a[href="/departements/${DEPARTMENT}"]`, hidden);
    await pressToNavigate(page, 'Enter');
    await reach(page, `main a[href^="${STEP1}"]`, hidden);
    await pressToNavigate(page, 'Enter');

    // Step 1: tick the conditions, then ask for an appointment.
    await reach(page, 'main input[name="conditions"]', hidden);
    await page.keyboard.press('Space');
    assert.equal(await page.locator('main input[name="conditions"]').isChecked(), true);
    await reach(page, 'main form:has(input[name="conditions"]) [type="submit"]', hidden);
    await pressToNavigate(page, 'Enter');

    // Step 2: an office (several in Haute-Savoie), then a time.
    if ((await page.locator('main input[name="slotId"]').count()) === 0) {
      await reach(page, 'main a[href*="/plage?"][href*="site="]', hidden);
      await pressToNavigate(page, 'Enter');
    }
    await reach(page, 'main input[type="radio"][name="slotId"]', hidden);
    await page.keyboard.press('Space');
    assert.equal(await page.locator('main input[name="slotId"]:checked').count(), 1, 'Space chose a time');
    await reach(page, 'main form:has(input[name="slotId"]) [type="submit"]', hidden);
    await pressToNavigate(page, 'Enter');

    // Step 3: the ALTCHA checkbox is a real checkbox; Space starts the proof of work.
    await reach(page, 'main altcha-widget input[type="checkbox"]', hidden);
    await page.keyboard.press('Space');
    await waitForAltchaSolution(page);
    await reach(page, 'main form:has(altcha-widget) [type="submit"]', hidden);
    await pressToNavigate(page, 'Enter');

    // Step 4, then step 5.
    await typeApplicant(page, who, hidden);
    await reach(page, 'main button[name="action"][value="verifier"]', hidden);
    await pressToNavigate(page, 'Enter');
    assert.equal(await page.locator('main [role="alert"]').count(), 0, await mainText(page));
    await reach(
      page,
      'main form[action="/rendez-vous/valider"] button[type="submit"]:not([formaction])',
      hidden,
    );
    await pressToNavigate(page, 'Enter');

    assert.match(await mainText(page), /N.oubliez pas de confirmer votre rendez-vous/i);
    const [booking] = await bookingsOf(e.database.db, who.email);
    assert.equal(booking?.status, 'pending');
    assert.equal(booking?.birthDate, who.birthDate, 'the birth date typed into the date field arrived');
    assert.deepEqual(hidden, [], 'every focused control shows its focus');
  });

  test('the first Tab reaches the skip link, and it takes the focus to the main content', async () => {
    const page = await e.newPage();
    await page.goto(STEP1);
    await page.keyboard.press('Tab');
    assert.equal(
      await page.locator('a[href="#contenu"]:focus').count(),
      1,
      `first stop: ${await focused(page)}`,
    );
    assert.equal(await focusIsVisible(page), true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('main :focus').count(), 1, `after the skip link: ${await focused(page)}`);
  });
});
