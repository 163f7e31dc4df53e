import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { parseConfig } from '../../../src/config.ts';
import type { Locale, RoleName } from '../../../src/db/schema.ts';
import { LOCALES } from '../../../src/modules/web/i18n.ts';
import { createAgent, scope, signedInCookie } from '../../helpers/agents.ts';
import { createFixture, type Fixture } from '../../helpers/fixtures.ts';
import { describeViolations, wcagViolations } from './a11y.ts';
import { type E2E, E2E_SECRET_KEY, linkIn } from './browser.ts';
import { navigateBy } from './journey.ts';

// What the browser tests of the office's pages (issue 10) share: an agent's signed-in page in a
// language, axe run page after page with every violation kept for one assertion at the end, and
// bookings made and confirmed through the public API as an applicant's browser would.

export const E2E_CONFIG = parseConfig({ SECRET_KEY: E2E_SECRET_KEY });

/**
 * The reason to skip the Arabic runs while Arabic is not yet a language a page can be asked in
 * (`LOCALES`); false once it is, so that the runs start by themselves when the catalogs land.
 */
export const arabicSkip: string | false = (LOCALES as readonly string[]).includes('ar')
  ? false
  : 'Arabic is not yet among the pages’ languages (LOCALES)';

/** The languages a test runs in, each with its skip reason (false: runs). */
export const LANGUAGES: { locale: Locale; name: string; skip: string | false }[] = [
  { locale: 'fr', name: 'French', skip: false },
  { locale: 'en', name: 'English', skip: false },
  { locale: 'ar', name: 'Arabic', skip: arabicSkip },
];

/**
 * The fixture's office with an appointment now (one slot of 20 seats: the server runs on the real
 * clock, and a check-in is for today's appointments), and an agent of its site with `role`.
 */
export async function officeNow(e: E2E, role: RoleName): Promise<{ fixture: Fixture; agentId: number }> {
  const fixture = await createFixture(e.database.db, {
    slots: 1,
    capacity: 20,
    firstSlot: new Date().toISOString(),
  });
  const agent = await createAgent(e.database.db, E2E_CONFIG, {
    grants: [{ role, scope: scope(`site:${fixture.siteId}`) }],
  });
  return { fixture, agentId: agent.id };
}

/** `page`, with a complete session of the agent (opened directly) among its context's cookies. */
export async function signedInAs(e: E2E, agentId: number, page: Page): Promise<Page> {
  const cookie = await signedInCookie(e.database.db, E2E_CONFIG, agentId, new Date());
  const [name = '', value = ''] = cookie.split('=');
  await page.context().addCookies([{ name, value, url: e.url }]);
  return page;
}

/** A page signed in as the agent (a complete session opened directly), its language chosen by `?lang=`. */
export async function agentPage(e: E2E, agentId: number, locale: Locale): Promise<Page> {
  const page = await signedInAs(e, agentId, await e.newPage(locale === 'en' ? { locale: 'en-GB' } : {}));
  // The language is remembered in a cookie from the first page asked with ?lang=.
  await page.goto(`/agents?lang=${locale}`);
  return page;
}

/** What a page says about the last action: notices, refusals, each field's error. */
const MESSAGES = 'main .fr-alert, main .fr-message--error, main .fr-error-text';

/**
 * Words no English or Arabic message has, but nearly every French sentence does: a message of the
 * page's own catalogs never matches; a French text passed through from an error or the API does.
 */
const FRENCH =
  /(^|[\s(])(le|la|les|des|du|une|ce|cette|votre|vous|est|sont|aucun|aucune|pour|[ndlj]’\S+)(?=[\s,.;:!?)]|$)/iu;

/** An appointment's reference, such as 74-RKDR-42B3, or a day and time written as digits. */
const CODE = /^(\d{2,3}-[A-Z0-9]{4}-[A-Z0-9]{4}|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2})$/;

/**
 * What a right-to-left reader would see wrong that axe does not look at: a table laid out left to
 * right (the DSFR aligns captions and cells left), or a code shown in a right-to-left run, where the
 * bidirectional algorithm reorders its parts (74-RKDR-42B3 drawn as RKDR-42B3-74).
 */
async function rightToLeftProblems(page: Page): Promise<string[]> {
  const cells = await page
    .locator('main .fr-table caption, main .fr-table th, main .fr-table td, main dd')
    .evaluateAll((elements) => {
      const view = globalThis as unknown as {
        getComputedStyle(e: unknown): { textAlign: string; direction: string };
      };
      return elements.map((element) => {
        const style = view.getComputedStyle(element);
        return {
          tag: element.tagName.toLowerCase(),
          text: (element.textContent ?? '').trim(),
          textAlign: style.textAlign,
          direction: style.direction,
        };
      });
    });
  const problems: string[] = [];
  for (const cell of cells) {
    const code = CODE.test(cell.text);
    if (cell.tag !== 'dd' && cell.textAlign === 'left')
      problems.push(`<${cell.tag}> "${cell.text.slice(0, 40)}" aligned left`);
    if (code && cell.direction !== 'ltr')
      problems.push(`<${cell.tag}> "${cell.text}" laid out right to left`);
  }
  return problems;
}

/** Axe on each page as it is, the violations kept; `assertClean` fails once, listing them all. */
export interface AxeLog {
  check(name: string): Promise<void>;
  assertClean(): void;
}

/**
 * An axe log for `page`; with a `locale`, each check also asserts that `<html>` has the language's
 * `lang` and `dir` (an Arabic page laid out left to right fails), that an Arabic page's tables
 * and codes read right (rightToLeftProblems), and that no message of the page
 * (notice, refusal, field error) is French on a page in another language; and, always, that each
 * link of a form's error summary reaches an element of the page.
 */
export function axeLog(page: Page, locale?: Locale): AxeLog {
  const problems: string[] = [];
  return {
    async check(name) {
      const where = `${name} (${new URL(page.url()).pathname})`;
      if (locale) {
        const html = page.locator('html');
        const root = {
          lang: (await html.getAttribute('lang')) ?? '',
          dir: (await html.getAttribute('dir')) ?? 'ltr',
        };
        const dir = locale === 'ar' ? 'rtl' : 'ltr';
        if (root.lang !== locale || root.dir !== dir)
          problems.push(`${where}: <html lang="${root.lang}" dir="${root.dir}">, not ${locale} ${dir}`);
      }
      const violations = await wcagViolations(page);
      if (violations.length > 0) problems.push(describeViolations(where, violations));
      for (const href of await page
        .locator('#erreurs a[href^="#"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? '')))
        if ((await page.locator(href).count()) === 0)
          problems.push(`${where}: the error summary links to ${href}, which is not on the page`);
      if (locale === 'ar')
        for (const problem of await rightToLeftProblems(page)) problems.push(`${where}: ${problem}`);
      if (locale && locale !== 'fr') {
        for (const text of await page.locator(MESSAGES).allTextContents()) {
          const clean = text.replace(/\s+/g, ' ').trim();
          if (FRENCH.test(clean))
            problems.push(`${where}: a message in French on a page in ${locale}: ${clean}`);
        }
      }
    },
    assertClean() {
      assert.deepEqual(problems, []);
    },
  };
}

/** An applicant of the fixture's procedure as the booking API takes it. */
export interface Applicant {
  lastName: string;
  firstName: string;
  birthDate: string;
  email: string;
  phone?: string;
  foreignerNumber: string;
  postalCode: string;
}

/** Books `slotId` through the public API and confirms it with the emailed token: its reference. */
export async function confirmedBooking(e: E2E, slotId: number, applicant: Applicant): Promise<string> {
  const created = await fetch(`${e.url}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ slotId, acceptConditions: true, applicant }),
  });
  const body = (await created.json()) as { id: number; reference: string };
  assert.equal(created.status, 201, JSON.stringify(body));
  // The token from the email the person receives (the server's worker sends it at once, and then the
  // outbox keeps no token to read).
  const mail = await e.mail.waitFor(
    (m) => m.to.includes(applicant.email) && m.text.includes('/rendez-vous/confirmer'),
    20_000,
  );
  const confirm = new URL(linkIn(mail, '/rendez-vous/confirmer')).searchParams.get('token');
  const confirmed = await fetch(`${e.url}/api/v1/bookings/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: confirm }),
  });
  assert.equal(confirmed.status, 200, await confirmed.text());
  return body.reference;
}

/** One SMS as `GET /dev/sms.json` shows it. */
export interface CapturedSmsJson {
  to: string;
  text: string;
  encoding: string;
  segments: number;
}

/** The SMS the server's capture received (no SMS_URL), newest first. */
export async function capturedSms(e: E2E): Promise<CapturedSmsJson[]> {
  const response = await fetch(`${e.url}/dev/sms.json`);
  assert.equal(response.status, 200);
  return (await response.json()) as CapturedSmsJson[];
}

/** Sends the form whose action is `action` by its submit button, and waits for the page it leads to. */
export async function submitForm(page: Page, action: string): Promise<void> {
  await navigateBy(page, page.locator(`form[action="${action}"] button[type="submit"]:not([formaction])`));
}
