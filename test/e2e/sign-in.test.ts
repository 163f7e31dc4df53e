import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Config } from '../../src/config.ts';
import { totpCode } from '../../src/modules/agents/totp.ts';
import { createAgent, scope, type TestAgent } from '../helpers/agents.ts';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { chromiumSkip, type E2E, E2E_SECRET_KEY, startE2E } from './helpers/browser.ts';
import { pressToNavigate, tabTo } from './helpers/keyboard.ts';

// Issue 8: an agent signs in with the keyboard only — password, enrolment with the code the test
// computes, the recovery codes, the back office, sign-out, then a recovery code — and axe (WCAG 2.1
// A/AA) finds nothing on any page of the way, refusals included.

let e: E2E;
let agent: TestAgent;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  agent = await createAgent(e.database.db, { secretKey: E2E_SECRET_KEY } as Config, {
    name: 'Camille Martin',
    grants: [{ role: 'viewer', scope: scope('74') }],
  });
});
after(() => e?.close());

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

describe('an agent’s sign-in in a browser', { skip: chromiumSkip }, () => {
  test('password, enrolment, recovery codes, back office, sign-out, recovery code: keyboard only, axe-clean', async () => {
    const page = await e.newPage();
    const problems: string[] = [];
    const check = async (name: string) => {
      const violations = await wcagViolations(page);
      if (violations.length > 0) problems.push(describeViolations(`${name} (${page.url()})`, violations));
    };

    await page.goto('/agents/connexion');
    await check('sign-in page');
    await typeInto(page, '#email', agent.email);
    await typeInto(page, '#password', 'not my password at all');
    await pressToNavigate(page, 'Enter');
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /Adresse électronique ou mot de passe incorrect/,
    );
    await check('refused password');

    await typeInto(page, '#password', agent.password);
    await pressToNavigate(page, 'Enter');
    assert.equal(new URL(page.url()).pathname, '/agents/connexion/code');
    assert.equal(
      await page
        .locator('img.creneau-qr-code')
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0),
      true,
      'the QR code is drawn (CSP allows it)',
    );
    await check('enrolment');
    await typeInto(page, '#code', '000000' === totpCode(agent.totpSecret, new Date()) ? '111111' : '000000');
    await pressToNavigate(page, 'Enter');
    await check('enrolment, wrong code');
    await typeInto(page, '#code', totpCode(agent.totpSecret, new Date()));
    await pressToNavigate(page, 'Enter');
    const shown = page.locator('.creneau-recovery-codes code').first();
    if (!(await shown.isVisible()) && (await page.locator('#code').count()) > 0) {
      // Seen once in CI under load, not reproduced: the code came back refused. A person types the
      // next one; so does the test, once the authenticator shows a new code.
      const msToNextStep = 30_000 - (Date.now() % 30_000) + 500;
      await page.waitForTimeout(msToNextStep);
      await typeInto(page, '#code', totpCode(agent.totpSecret, new Date()));
      await pressToNavigate(page, 'Enter');
    }
    await shown.waitFor();
    const codes = await page.locator('.creneau-recovery-codes code').allInnerTexts();
    assert.equal(codes.length, 10);
    await check('recovery codes');

    await tabTo(page, 'a[href="/agents/mon-guichet"].fr-btn');
    await pressToNavigate(page, 'Enter');
    assert.match((await page.locator('main').textContent()) ?? '', /Bonjour Camille Martin/);
    await check('back office home');
    await tabTo(page, '.creneau-user-bar button');
    await pressToNavigate(page, 'Enter');
    assert.match((await page.locator('main').textContent()) ?? '', /Vous êtes déconnecté/);
    await check('signed out');

    await typeInto(page, '#email', agent.email);
    await typeInto(page, '#password', agent.password);
    await pressToNavigate(page, 'Enter');
    await check('code page');
    await tabTo(page, 'a[href="/agents/connexion/code?secours=1"]');
    await pressToNavigate(page, 'Enter');
    await check('recovery code form');
    await typeInto(page, '#recoveryCode', codes[0] ?? '');
    await pressToNavigate(page, 'Enter');
    assert.equal(new URL(page.url()).pathname, '/agents');

    await page.goto('/agents/connexion?lang=en');
    await check('sign-in page in English');
    assert.deepEqual(problems, []);
  });
});
