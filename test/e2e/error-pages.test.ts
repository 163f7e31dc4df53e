import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import type { Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { chromiumSkip, launchChromium, PHONE } from './helpers/browser.ts';

// A real browser meets a missing page and a fault of ours: it gets DSFR pages, styled, in French,
// with nothing of the fault. The application runs in this process so that its database can be made to
// fail on one table (the home page reads the départements).

const FAULT = 'forced fault in the département query';
const failing: KyselyPlugin = {
  transformQuery: ({ node }) => {
    if (JSON.stringify(node).includes('"department"')) throw new Error(FAULT);
    return node;
  },
  transformResult: async ({ result }) => result,
};

let t: TestApp;
let browser: Browser;
let url: string;

before(async () => {
  if (chromiumSkip) return;
  t = await createTestApp({ routesDb: (db) => db.withPlugin(failing) });
  url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

describe('error pages in a browser', { skip: chromiumSkip }, () => {
  test('a missing page and a fault are DSFR pages with their status, the stylesheet loaded, no stack', async () => {
    const context = await browser.newContext({ ...PHONE, baseURL: url });
    context.setDefaultTimeout(20_000);
    try {
      const page = await context.newPage();
      const styles: number[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('/css/creneau.css')) styles.push(response.status());
      });

      const missing = await page.goto('/nulle-part');
      assert.equal(missing?.status(), 404);
      assert.equal(await page.locator('main h1').textContent(), 'Page introuvable');
      assert.equal(await page.title(), 'Page introuvable — Créneau');

      const fault = await page.goto('/');
      assert.equal(fault?.status(), 500);
      assert.equal(await page.locator('main h1').textContent(), 'Erreur inattendue');
      const text = (await page.locator('body').textContent()) ?? '';
      assert.doesNotMatch(text, /forced fault|département query|\bat \S+:\d+|Error/);
      assert.equal(await page.locator('header.fr-header').count(), 1);
      // The page is styled by the DSFR, served by Créneau itself.
      assert.ok(styles.length > 0 && styles.every((status) => status === 200), `stylesheet: ${styles}`);
      type Styled = {
        ownerDocument: { defaultView: { getComputedStyle(e: unknown): { fontFamily: string } } };
      };
      const font = await page
        .locator('body')
        .evaluate((body: Styled) => body.ownerDocument.defaultView.getComputedStyle(body).fontFamily);
      assert.match(font, /Marianne/);
    } finally {
      await context.close();
    }
  });
});
