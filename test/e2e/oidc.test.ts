import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { CALLBACK_PATH, FEDERATION_PATH } from '../../src/modules/agents/federation.client.ts';
import { createAgent } from '../helpers/agents.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { startOidcProvider, type TestProvider } from '../helpers/oidc.ts';
import { freePort } from '../helpers/server-process.ts';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { chromiumSkip, launchChromium, PHONE } from './helpers/browser.ts';

// An agent signs in through the OpenID provider in a real browser. The provider is another site
// (localhost and 127.0.0.1 are two sites), as ProConnect is: the browser comes back from it by a
// cross-site navigation, which a SameSite=Strict session cookie does not follow.

let op: TestProvider;
let t: TestApp;
let browser: Browser;
let url: string;

before(async () => {
  if (chromiumSkip) return;
  const port = await freePort();
  url = `http://localhost:${port}`;
  op = await startOidcProvider({
    redirectUri: `${url}${CALLBACK_PATH}`,
    accounts: { camille: { email: 'camille.martin@interieur.gouv.fr' } },
  });
  t = await createTestApp({ env: { ...op.env, PUBLIC_URL: url } });
  await t.app.listen({ host: '127.0.0.1', port });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await op?.stop();
});

describe('sign-in through ProConnect in a browser', { skip: chromiumSkip }, () => {
  test('the agent signs in at the provider and lands in the back office, signed in', async () => {
    await createAgent(t.database.db, t.config, {
      email: 'camille.martin@interieur.gouv.fr',
      name: 'Camille Martin',
    });
    const context = await browser.newContext({ ...PHONE, baseURL: url });
    context.setDefaultTimeout(20_000);
    try {
      const page = await context.newPage();
      await page.goto(FEDERATION_PATH);
      assert.equal(new URL(page.url()).origin, op.issuer, 'at the provider');
      await page.getByLabel('Identifiant').fill('camille');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      // Through the page that goes on by itself (a redirect from the provider's site would not
      // carry the SameSite=Strict session cookie to /agents).
      await page.waitForURL(`${url}/agents`);
      assert.match((await page.locator('main').textContent()) ?? '', /Camille Martin/);
    } finally {
      await context.close();
    }
  });

  test('the pages telling a problem have no WCAG 2.1 AA violation, in French and English', async () => {
    const context = await browser.newContext({ ...PHONE, baseURL: url });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      for (const lang of ['fr', 'en']) {
        for (const reason of ['account', 'second_factor', 'failed', 'unavailable']) {
          await page.goto(`${FEDERATION_PATH}/refus?raison=${reason}&lang=${lang}`);
          const violations = await wcagViolations(page);
          if (violations.length > 0) problems.push(describeViolations(`${reason} (${lang})`, violations));
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
