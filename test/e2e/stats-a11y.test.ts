import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAgent, scope } from '../helpers/agents.ts';
import { createStatsFixture } from '../helpers/stats.ts';
import { chromiumSkip, type E2E, startE2E } from './helpers/browser.ts';
import { axeLog, E2E_CONFIG, LANGUAGES, signedInAs } from './helpers/office.ts';

// The statistics page (decision 0040) in a browser: axe finds no WCAG 2.1 AA violation on the
// charts, their tables and the form in error, in French, English and Arabic; the charts are drawn
// (SVG images with their names) and the filters are a plain GET form (no script of its own).

let e: E2E;
let adminId: number;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  const db = e.database.db;
  await createStatsFixture(db, async () => {
    const counter = await createAgent(db, E2E_CONFIG, { grants: [{ role: 'agent', scope: scope('74') }] });
    const partner = await createAgent(db, E2E_CONFIG, { grants: [{ role: 'partner', scope: scope('74') }] });
    return { counterAgent: counter.id, partnerAgent: partner.id };
  });
  const admin = await createAgent(db, E2E_CONFIG, {
    grants: [{ role: 'administrator', scope: scope('national') }],
  });
  adminId = admin.id;
});
after(() => e?.close());

describe('the statistics page in a browser', { skip: chromiumSkip, concurrency: 2 }, () => {
  for (const { locale, name: language, skip } of LANGUAGES) {
    test(`charts, tables and the form in error are axe-clean, in ${language}`, { skip }, async () => {
      const page = await signedInAs(e, adminId, await e.newPage(locale === 'en' ? { locale: 'en-GB' } : {}));
      const axe = axeLog(page, locale);
      const check = axe.check;
      await page.goto(`/agents/statistiques?lang=${locale}`);
      await check('the current weeks (demo data)');
      await page.fill('#from', '2030-01-07');
      await page.fill('#to', '2030-01-20');
      await page.locator('form[action="/agents/statistiques"] button[type="submit"]').click();
      await page.waitForURL(/from=2030-01-07/);
      assert.equal(await page.locator('svg[role="img"] > title').count(), 2);
      assert.ok(await page.locator('svg[role="img"]').first().isVisible());
      assert.equal(await page.locator('figure table caption').count(), 2);
      await check('the fixed data set');
      await page.goto('/agents/statistiques?from=2030-02-30');
      await page.waitForSelector('.fr-alert--error');
      await check('the form in error');
      axe.assertClean();
    });
  }
});
