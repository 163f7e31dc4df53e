import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/db/schema.ts';
import { addDays, zonedTimeToUtc } from '../../src/modules/schedule/timezone.ts';
import { createAgent } from '../helpers/agents.ts';
import { createFixture, type Fixture } from '../helpers/fixtures.ts';
import { chromiumSkip, type E2E, startE2E } from './helpers/browser.ts';
import { axeLog, E2E_CONFIG, LANGUAGES, signedInAs } from './helpers/office.ts';

// Issue 10 item 1 in a browser: the agenda is axe-clean (day on screen and printed, week, search, a
// malformed date) in French, English and Arabic (right to left), and its script replaces the day's
// rows from the JSON twin every minute.

let e: E2E;
let fixture: Fixture;
let agentId: number;
let tomorrow: string;
let bookingId: string;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  const db = e.database.db;
  tomorrow = addDays(e.today, 1);
  fixture = await createFixture(db, {
    slots: 1,
    firstSlot: zonedTimeToUtc(tomorrow, '09:00', 'Europe/Paris').toISOString(),
  });
  const [slotId] = fixture.slotIds;
  const booking = await db
    .insertInto('booking')
    .values({
      reference: '74-E2EA-0001',
      slot_id: String(slotId),
      procedure_id: fixture.procedureId,
      identity_key: 'F:7400000901',
      email_key: 'agenda.e2e@example.org',
      last_name: 'Benali',
      first_name: 'Samira',
      birth_date: '1990-01-01',
      email: 'agenda.e2e@example.org',
      foreigner_number: '7400000901',
      hold_expires_at: new Date(Date.now() + 3_600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  bookingId = booking.id;
  await db.updateTable('booking').set({ status: 'confirmed' }).where('id', '=', bookingId).execute();
  const agent = await createAgent(db, E2E_CONFIG, {
    grants: [{ role: 'agent', scope: { kind: 'site', siteId: fixture.siteId, departmentCode: '74' } }],
  });
  agentId = agent.id;
});
after(() => e?.close());

async function signedInPage(locale: Locale, javaScriptEnabled = true): Promise<Page> {
  const options = { javaScriptEnabled, ...(locale === 'en' ? { locale: 'en-GB' } : {}) };
  return signedInAs(e, agentId, await e.newPage(options));
}

describe('the agenda in a browser', { skip: chromiumSkip, concurrency: 2 }, () => {
  for (const { locale, name, skip } of LANGUAGES) {
    test(`no WCAG 2.1 AA violation on the agenda, on screen and printed, in ${name}`, { skip }, async () => {
      const page = await signedInPage(locale);
      const axe = axeLog(page, locale);
      const base = `/agents/agenda?site=${fixture.siteId}`;
      await page.goto(`${base}&date=${tomorrow}&lang=${locale}`);
      await page.waitForSelector('text=74-E2EA-0001');
      await axe.check('day');
      // Tomorrow's list as the reception desk prints it (css/print.css).
      await page.emulateMedia({ media: 'print' });
      await axe.check('day, printed');
      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${base}&date=${tomorrow}&vue=semaine`);
      await axe.check('week');
      await page.goto(`${base}&q=Benali`);
      await page.waitForSelector('caption');
      await axe.check('search');
      await page.goto(`${base}&date=2030-02-30`);
      await page.waitForSelector('.fr-alert--error');
      await axe.check('malformed date');
      axe.assertClean();
    });
  }

  test('without JavaScript the day is plain HTML; with it the rows follow the database every minute', async () => {
    const plain = await signedInPage('fr', false);
    await plain.goto(`/agents/agenda?site=${fixture.siteId}&date=${tomorrow}`);
    assert.match(
      (await plain.locator(`tbody[data-agenda-day="${tomorrow}"]`).textContent()) ?? '',
      /Benali.*Confirmé/s,
    );

    const page = await signedInPage('fr');
    await page.clock.install();
    await page.goto(`/agents/agenda?site=${fixture.siteId}&date=${tomorrow}`);
    await page.waitForSelector('text=Confirmé');
    await e.database.db
      .updateTable('booking')
      .set({ status: 'cancelled' })
      .where('id', '=', bookingId)
      .execute();
    await page.clock.runFor(61_000);
    await page.waitForSelector(`tbody[data-agenda-day="${tomorrow}"] tr.creneau-agenda-struck`);
    assert.match(
      (await page.locator(`tbody[data-agenda-day="${tomorrow}"]`).textContent()) ?? '',
      /Annulé par l'usager/,
    );
  });
});
