import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAgent, scope } from '../helpers/agents.ts';
import { applicant, createFixture } from '../helpers/fixtures.ts';
import { checkAxe } from './helpers/a11y.ts';
import { chromiumSkip, type E2E, startE2E } from './helpers/browser.ts';
import { E2E_CONFIG, signedInAs } from './helpers/office.ts';

// The suspicious-bookings review (decisions 0038, 0043, 0048) in a browser, behind a trusted proxy:
// bookings and a draw request made from one network appear as "Même adresse réseau (réseau n° 1)";
// the page, its error state and its English and Arabic versions are axe-clean; a ticked group is
// revoked (bookings) and closed (the request) with a reason.

let e: E2E;
let adminId: number;
const references: string[] = [];
let label = '';

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E({ env: { TRUST_PROXY: '127.0.0.1,::1' } });
  const db = e.database.db;
  const fixture = await createFixture(db, { slots: 2, capacity: 3 });
  const people = [
    applicant(701, { lastName: 'Kone', firstName: 'Awa' }),
    applicant(702, { lastName: 'Lindqvist', firstName: 'Sven' }),
  ];
  for (const [i, who] of people.entries()) {
    const response = await fetch(`${e.url}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `2001:db8:55:1::${i + 1}` },
      body: JSON.stringify({ slotId: fixture.slotIds[i], acceptConditions: true, applicant: who }),
    });
    const text = await response.text();
    assert.equal(response.status, 201, text);
    references.push((JSON.parse(text) as { reference: string }).reference);
  }
  // The same procedure offered by draw at a sous-préfecture, and a request from the same network.
  const site = await db
    .insertInto('site')
    .values({
      department_code: '74',
      name: 'Antenne de Cluses (essai)',
      kind: 'sous_prefecture',
      address: '1 rue de la Gare',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('offer')
    .values({ procedure_id: fixture.procedureId, site_id: site.id, channel: 'draw' })
    .execute();
  const request = await fetch(`${e.url}/api/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '2001:db8:55:1::3' },
    body: JSON.stringify({
      procedureId: fixture.procedureId,
      siteIds: [site.id],
      halfDays: [],
      acceptConditions: true,
      applicant: applicant(703, { lastName: 'Okafor', firstName: 'Chidi' }),
    }),
  });
  const asked = await request.text();
  assert.equal(request.status, 201, asked);
  label = (JSON.parse(asked) as { label: string }).label;
  const admin = await createAgent(db, E2E_CONFIG, {
    grants: [{ role: 'administrator', scope: scope('74') }],
  });
  adminId = admin.id;
});
after(() => e?.close());

describe('the suspicious-bookings review in a browser', { skip: chromiumSkip }, () => {
  test('a network group, axe-clean in three languages and in error, revoked with a reason', async () => {
    const page = await signedInAs(e, adminId, await e.newPage());
    const problems: string[] = [];
    const check = (what: string) => checkAxe(page, what, problems);
    for (const locale of ['en', 'ar', 'fr']) {
      await page.goto(`/agents/signalements?lang=${locale}`);
      await check(`the review in ${locale}`);
    }
    const caption = page.locator('caption', { hasText: 'Même adresse réseau (réseau n° 1)' });
    assert.equal(await caption.count(), 1);
    assert.equal((await page.content()).includes('2001:db8'), false);
    const table = page.locator('table', { has: caption });
    // Too short a reason (the browser itself refuses an empty one): the server names the field.
    await page.fill('#reason', 'ab');
    await page.locator('form[action="/agents/signalements"] button[type="submit"]').click();
    await page.waitForSelector('.fr-message--error');
    await check('the review with too short a reason');
    // DSFR draws the box over the visually hidden input.
    for (const reference of references)
      await table.locator(`input[name="ref-${reference}"]`).check({ force: true });
    await table.locator(`input[name="req-${label}"]`).check({ force: true });
    await page.fill('#reason', 'Réservations multiples depuis un même réseau');
    await page.locator('form[action="/agents/signalements"] button[type="submit"]').click();
    await page.waitForSelector('.fr-alert--success');
    assert.match(
      (await page.locator('.fr-alert--success').textContent()) ?? '',
      /2 rendez-vous annulés, 1 demande close/,
    );
    await check('the review after the revocation');
    assert.deepEqual(problems, []);
  });
});
