import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { addDays } from '../../../src/modules/schedule/timezone.ts';

// The steps of the booking journey as a person does them in the browser, by the URL scheme agreed in
// issue 3. Selectors go by form field names and roles, not by wording, so that one helper serves
// French and English.

/** The demo procedure the journeys book: Haute-Savoie, renewal (foreigner number, expiry, postal code). */
export const DEPARTMENT = '74';
export const PROCEDURE = 'renouvellement-titre';
export const STEP1 = `/departements/${DEPARTMENT}/demarches/${PROCEDURE}`;

/** What a person types in step 4. */
export interface Person {
  lastName: string;
  firstName: string;
  birthDate: string;
  email: string;
  phone: string;
  foreignerNumber: string;
  titleExpiry: string;
  postalCode: string;
}

/** A valid, distinct applicant for the demo renewal procedure (permit expiring in a month). */
export function person(today: string, overrides: Partial<Person> = {}): Person {
  const n = randomInt(1e8, 1e9);
  return {
    lastName: 'Okafor',
    firstName: 'Amaka',
    birthDate: '1991-03-14',
    email: `amaka.${n}@example.org`,
    phone: '06 12 34 56 78',
    foreignerNumber: `7${String(n).padStart(9, '0')}`,
    titleExpiry: addDays(today, 30),
    postalCode: '74000',
    ...overrides,
  };
}

/** The text of an element with its white space collapsed, as a sighted reader takes it in. */
export async function textOf(target: Locator): Promise<string> {
  return ((await target.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The text of the page's main content. */
export function mainText(page: Page): Promise<string> {
  return textOf(page.locator('main'));
}

/** Clicks what leads to another page (link or submit button) and waits until that page has loaded. */
export async function navigateBy(page: Page, target: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await target.click();
  await navigated;
  await page.waitForLoadState('domcontentloaded');
}

/** The form that holds `field` (a selector), for submitting the right one. */
export function formWith(page: Page, field: string): Locator {
  return page.locator('main form').filter({ has: page.locator(field) });
}

/** Submits the form holding `field` with its first submit button, and waits for the next page. */
export async function submitFormWith(page: Page, field: string): Promise<void> {
  await navigateBy(page, formWith(page, field).locator('[type="submit"]').first());
}

/** Checks a DSFR checkbox or radio (the input is visually replaced: the label takes the click). */
export async function tick(page: Page, input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  assert.ok(id, 'the checkbox or radio has an id its label points to');
  await page.locator(`label[for="${id}"]`).click();
  assert.equal(await input.isChecked(), true);
}

/** Step 1 → step 2: accept the conditions and ask for an appointment. */
export async function acceptConditions(page: Page): Promise<void> {
  const conditions = page.locator('main input[type="checkbox"][name="conditions"]');
  await tick(page, conditions);
  await submitFormWith(page, 'input[name="conditions"]');
  assert.match(new URL(page.url()).pathname, /\/plage$/, `step 2 expected, got ${page.url()}`);
}

/** Step 2 → step 3: choose the first free slot shown; gives its radio label. */
export async function chooseFirstSlot(page: Page): Promise<string> {
  const radio = page.locator('main input[type="radio"][name="slotId"]').first();
  // A département with several offices asks which one first.
  if ((await radio.count()) === 0)
    await navigateBy(page, page.locator('main a[href*="/plage?"][href*="site="]').first());
  await tick(page, radio);
  const id = await radio.getAttribute('id');
  const label = await textOf(page.locator(`label[for="${id}"]`));
  await submitFormWith(page, 'input[name="slotId"]');
  return label;
}

/**
 * Waits until the page's ALTCHA widget has solved its proof of work in the browser and put the payload
 * in its hidden `altcha` field; fails with what the widget shows when it does not within 10 s.
 */
export async function waitForAltchaSolution(page: Page): Promise<void> {
  const payload = page.locator('main input[name="altcha"]');
  const solved = async () => (await payload.count()) > 0 && (await payload.inputValue()) !== '';
  const deadline = Date.now() + 10_000;
  while (!(await solved()) && Date.now() < deadline) await page.waitForTimeout(100);
  if (!(await solved())) {
    const shown = await textOf(page.locator('main altcha-widget'));
    assert.fail(`the ALTCHA widget of ${page.url()} did not solve its challenge; it shows "${shown}"`);
  }
}

/** Ticks the page's ALTCHA widget (it checks its box itself once solved) and waits for the solution. */
export async function passAltcha(page: Page): Promise<void> {
  const widget = page.locator('main altcha-widget');
  await widget.waitFor();
  await widget.locator('input[type="checkbox"]').click();
  await waitForAltchaSolution(page);
}

/** Step 3 → step 4, through the captcha when it is on. */
export async function passSecurityCheck(page: Page, captcha: boolean): Promise<void> {
  if (captcha) await passAltcha(page);
  await submitFormWith(page, 'input[name="slotId"]');
}

/** The input of step 4 for a field of the applicant. */
export function applicantField(page: Page, field: keyof Person): Locator {
  return page.locator(`main [name="applicant.${field}"]`);
}

/** Fills step 4 with the person's details (fields the procedure does not ask for are skipped). */
export async function fillApplicant(page: Page, who: Person): Promise<void> {
  for (const [field, value] of Object.entries(who) as [keyof Person, string][]) {
    const input = applicantField(page, field);
    if ((await input.count()) === 0) continue;
    await input.fill(value);
  }
}

/** Step 4 → step 5 (or step 4 again with the errors): the "check my details" button. */
export async function submitApplicant(page: Page): Promise<void> {
  const check = page.locator('main form button[name="action"][value="verifier"]');
  await navigateBy(page, check);
}

/** Step 5 → result: the summary's button that books (not the one that goes back to edit). */
export async function validateBooking(page: Page): Promise<void> {
  const book = page.locator(
    'main form[action="/rendez-vous/valider"] button[type="submit"]:not([formaction])',
  );
  await navigateBy(page, book);
}

/** The whole booking from step 1 to the result page ("N'oubliez pas de confirmer votre rendez-vous"). */
export async function bookFromStep1(page: Page, who: Person, options: { captcha: boolean }): Promise<void> {
  await page.goto(STEP1);
  await acceptConditions(page);
  await chooseFirstSlot(page);
  await passSecurityCheck(page, options.captcha);
  await fillApplicant(page, who);
  await submitApplicant(page);
  await validateBooking(page);
}

/** A short description of the focused element ("INPUT#applicant-lastName"), or null. */
export async function focused(page: Page): Promise<string | null> {
  // A locator rather than evaluated code: the pages' CSP forbids eval, which string predicates use.
  const element = page.locator(':focus');
  if ((await element.count()) === 0) return null;
  const tag = await element.first().evaluate((el: { tagName: string }) => el.tagName);
  const id = await element.first().getAttribute('id');
  return id ? `${tag}#${id}` : tag;
}
