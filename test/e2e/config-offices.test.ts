import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { systemClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config.ts';
import { sessionCookieName } from '../../src/modules/agents/sessions.ts';
import { createAgent, signedInCookie } from '../helpers/agents.ts';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { chromiumSkip, type E2E, E2E_SECRET_KEY, startE2E } from './helpers/browser.ts';

// The configuration's back-office pages (issue 8, point 4) as an administrator of Haute-Savoie sees
// them: axe finds no WCAG 2.1 A/AA violation on any, in French and English, forms in error included.

let e: E2E;
let cookie: { name: string; value: string };
let siteId: number;
let offerId: number;
let nationalProcedureId: number;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  const db = e.database.db;
  const config = parseConfig({ SECRET_KEY: E2E_SECRET_KEY, DATABASE_URL: e.database.url });
  const agent = await createAgent(db, config, {
    name: 'Camille Martin',
    grants: [{ role: 'administrator', scope: { kind: 'department', departmentCode: '74' } }],
  });
  const header = await signedInCookie(db, config, agent.id, systemClock.now());
  cookie = { name: sessionCookieName(config), value: header.slice(header.indexOf('=') + 1) };
  const offer = await db
    .selectFrom('offer')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .select(['offer.id', 'offer.site_id as siteId', 'offer.procedure_id as procedureId'])
    .where('site.department_code', '=', '74')
    .orderBy('offer.id')
    .executeTakeFirstOrThrow();
  siteId = offer.siteId;
  offerId = offer.id;
  nationalProcedureId = offer.procedureId;
});
after(() => e?.close());

/** Checks pages one after another and keeps what is wrong with each. */
function auditor(page: Page) {
  const problems: string[] = [];
  return {
    problems,
    async check(name: string): Promise<void> {
      const violations = await wcagViolations(page);
      if (violations.length > 0) problems.push(describeViolations(`${name} (${page.url()})`, violations));
    },
    async visit(name: string, path: string): Promise<void> {
      const response = await page.goto(path);
      assert.equal(response?.status(), 200, `${name}: ${path} answers ${response?.status()}`);
      await this.check(name);
    },
  };
}

/** A page of an administrator of Haute-Savoie, in a context of its own, in `locale`. */
async function signedInPage(locale: 'fr' | 'en'): Promise<Page> {
  const context = await e.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([
    { ...cookie, url: e.url },
    { name: 'lang', value: locale, url: e.url },
  ]);
  const page = await context.newPage();
  // The first pages of a freshly started server can be slow on a loaded machine: a longer deadline.
  page.setDefaultNavigationTimeout(30_000);
  return page;
}

// One test per area and language, so that each stays well within the runner's time limit even on a
// loaded machine (axe takes seconds per page there).
describe('accessibility of the configuration pages', { skip: chromiumSkip, concurrency: 2 }, () => {
  for (const locale of ['fr', 'en'] as const) {
    const language = locale === 'fr' ? 'French' : 'English';

    test(`no WCAG 2.1 AA violation on the pages of sites, in ${language}`, async () => {
      const page = await signedInPage(locale);
      const a = auditor(page);
      await a.visit('sites', '/agents/services');
      await a.visit('new site', '/agents/services/nouveau');
      await page.fill('#name', ' ');
      await page.fill('#contactEmail', 'pas-une-adresse');
      await page.fill('#transport-en', 'Tram only');
      await page.click('main button[type="submit"]');
      assert.match(await page.title(), /^(Erreur|Error)/);
      await a.check('new site with errors');
      await a.visit('site', `/agents/services/${siteId}`);
      assert.deepEqual(a.problems, [], a.problems.join('\n'));
    });

    test(`no WCAG 2.1 AA violation on the pages of offers, in ${language}`, async () => {
      const page = await signedInPage(locale);
      const a = auditor(page);
      await a.visit('new offer', `/agents/services/${siteId}/offres/nouvelle`);
      await a.visit('offer', `/agents/services/${siteId}/offres/${offerId}`);
      await page.selectOption('#channel', 'email');
      await page.fill('#contactEmail', '');
      await page.click('main button[type="submit"]');
      assert.match(await page.title(), /^(Erreur|Error)/);
      await a.check('offer with errors');
      assert.deepEqual(a.problems, [], a.problems.join('\n'));
    });

    test(`no WCAG 2.1 AA violation on the pages of procedures, in ${language}`, async () => {
      const page = await signedInPage(locale);
      const a = auditor(page);
      await a.visit('procedures', '/agents/demarches');
      await a.visit('new procedure', '/agents/demarches/nouvelle');
      await page.fill('#code', 'Pas un code');
      await page.click('main button[type="submit"]');
      assert.match(await page.title(), /^(Erreur|Error)/);
      await a.check('new procedure with errors');
      await a.visit('national procedure, read-only', `/agents/demarches/${nationalProcedureId}`);
      assert.deepEqual(a.problems, [], a.problems.join('\n'));
    });
  }
});
