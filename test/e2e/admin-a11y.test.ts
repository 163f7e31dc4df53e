import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { parseConfig } from '../../src/config.ts';
import { createAgent, scope, signedInCookie } from '../helpers/agents.ts';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { chromiumSkip, type E2E, E2E_SECRET_KEY, startE2E } from './helpers/browser.ts';

// Issue 8: axe finds no WCAG 2.1 A/AA violation on the administration's screens, "Mon compte" and the
// journal, each seen as an administrator reaches it (forms in error, secrets shown once), in French and
// English; and the forms work by keyboard and without JavaScript (they are plain forms and links).

let e: E2E;
let adminId: number;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  const config = parseConfig({ SECRET_KEY: E2E_SECRET_KEY });
  adminId = (
    await createAgent(e.database.db, config, {
      name: 'Alix Administratrice',
      grants: [{ role: 'administrator', scope: scope('national') }],
    })
  ).id;
});
after(() => e?.close());

async function signedInPage(locale: 'fr' | 'en'): Promise<Page> {
  const config = parseConfig({ SECRET_KEY: E2E_SECRET_KEY });
  const cookie = await signedInCookie(e.database.db, config, adminId, new Date());
  const [name = '', value = ''] = cookie.split('=');
  const context = await e.newContext(locale === 'en' ? { locale: 'en-GB' } : {});
  await context.addCookies([{ name, value, url: e.url }]);
  return context.newPage();
}

describe('accessibility of the back office’s administration', { skip: chromiumSkip, concurrency: 2 }, () => {
  for (const locale of ['fr', 'en'] as const) {
    test(`no WCAG 2.1 AA violation on the agents’, account and journal screens, in ${locale === 'fr' ? 'French' : 'English'}`, async () => {
      const page = await signedInPage(locale);
      const problems: string[] = [];
      const check = async (name: string) => {
        const violations = await wcagViolations(page);
        if (violations.length > 0) problems.push(describeViolations(`${name} (${page.url()})`, violations));
      };
      await page.goto(`/agents/comptes?lang=${locale}`);
      await check('agents');
      await page.goto('/agents/comptes/nouveau');
      await check('new agent');
      await page.locator('form[action="/agents/comptes/nouveau"] button[type="submit"]').press('Enter');
      await page.waitForSelector('.fr-alert--error');
      await check('new agent in error');
      await page.fill('#email', `a11y-${locale}@interieur.gouv.fr`);
      await page.fill('#name', `Accessible ${locale}`);
      await page.selectOption('#scope', '74');
      await page.locator('form[action="/agents/comptes/nouveau"] button[type="submit"]').click();
      await page.waitForSelector('.fr-callout code');
      await check('agent created');
      await page.locator('main a[href^="/agents/comptes/"]').click();
      await page.waitForSelector('h1');
      await check('agent page');
      await page.goto('/agents/compte');
      await check('my account');
      await page.fill('#name', 'a11y');
      await page.locator('form[action="/agents/compte/jetons"] button').click();
      await page.waitForSelector('.fr-callout code');
      await check('token created');
      await page.goto('/agents/journal');
      await check('journal');
      await page.goto('/agents/journal?from=2029-13-01');
      await check('journal in error');
      assert.deepEqual(problems, []);
    });
  }
});
