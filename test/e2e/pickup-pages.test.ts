import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/db/schema.ts';
import { createAgent, scope } from '../helpers/agents.ts';
import { createFixture, type Fixture } from '../helpers/fixtures.ts';
import { chromiumSkip, type E2E, startE2E } from './helpers/browser.ts';
import { navigateBy } from './helpers/journey.ts';
import {
  type AxeLog,
  agentPage,
  axeLog,
  capturedSms,
  E2E_CONFIG,
  LANGUAGES,
  submitForm,
} from './helpers/office.ts';

// Issue 10 point 6 in a browser: permit pick-up (/agents/retraits, an office's forms, a permit
// marked ready, a CSV refused whole, the desk /agents/retraits/guichet: nothing found, a permit
// found, handed over) as an administrator reaches it, axe (WCAG 2.1 A/AA) clean, `lang` and `dir`
// those of the language, every message in it, in French, English and Arabic; and the SMS capture
// (/dev/sms) that lists the holders' SMS.

let e: E2E;
let adminId: number;
/** One office per language, so that the runs in parallel mark and hand over only their own. */
const offices = new Map<Locale, { fixture: Fixture }>();

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  const db = e.database.db;
  adminId = (
    await createAgent(db, E2E_CONFIG, {
      name: 'Alix Administratrice',
      grants: [{ role: 'administrator', scope: scope('national') }],
    })
  ).id;
  for (const { locale } of LANGUAGES) offices.set(locale, { fixture: await createFixture(db, { slots: 0 }) });
});
after(() => e?.close());

async function pickUp(page: Page, axe: AxeLog, locale: Locale): Promise<void> {
  const office = offices.get(locale);
  assert.ok(office);
  const siteId = office.fixture.siteId;
  const number = String(7_500_000_000 + office.fixture.siteId);
  await page.goto('/agents/retraits');
  await axe.check('pick-up');
  await page.goto(`/agents/retraits?service=${siteId}`);
  await axe.check('pick-up of an office');
  await page.fill('#foreignerNumber', number);
  await page.fill('#phone', '06 98 76 54 32');
  await submitForm(page, `/agents/retraits/${siteId}/titres`);
  assert.equal(await page.locator('.fr-alert--success').count(), 1);
  await axe.check('permit marked ready');
  await page.fill('#csv', '7500000001;06 11 22 33 44\nnot a number;06 11 22 33 45\n');
  await submitForm(page, `/agents/retraits/${siteId}/import`);
  assert.equal(await page.locator('.fr-alert--error li').count(), 1);
  await axe.check('CSV refused');
  await page.goto('/agents/retraits/guichet');
  await axe.check('desk');
  await page.fill('#code', '0000000000');
  await submitForm(page, '/agents/retraits/guichet');
  await axe.check('desk, nothing found');
  await page.fill('#code', number);
  await submitForm(page, '/agents/retraits/guichet');
  await axe.check('desk, permit found');
  await navigateBy(page, page.locator('form[action$="/remise"] button'));
  assert.equal(await page.locator('.fr-alert--success').count(), 1);
  await axe.check('permit handed over');
}

async function smsCapture(page: Page): Promise<void> {
  const holder = '+33698765432';
  const deadline = Date.now() + 15_000;
  while (!(await capturedSms(e)).some((sms) => sms.to === holder) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  await page.goto('/dev/sms');
  assert.ok(((await page.locator('body').textContent()) ?? '').includes(holder), 'the holder’s SMS listed');
  const axe = axeLog(page);
  await axe.check('SMS capture');
  axe.assertClean();
}

describe('permit pick-up in a browser', { skip: chromiumSkip, concurrency: 2 }, () => {
  for (const { locale, name, skip } of LANGUAGES) {
    test(`the office's permits, a CSV refused, the desk: axe-clean, in ${name}`, { skip }, async () => {
      const page = await agentPage(e, adminId, locale);
      const axe = axeLog(page, locale);
      await pickUp(page, axe, locale);
      // The development SMS capture (French only, never in production) lists the holder's SMS.
      if (locale === 'fr') await smsCapture(page);
      axe.assertClean();
    });
  }
});
