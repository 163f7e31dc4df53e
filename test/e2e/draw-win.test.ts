import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { systemClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config.ts';
import { runDraw } from '../../src/modules/draw/draw-run.ts';
import { insertDraw } from '../../src/modules/draw/draws.repository.ts';
import { addDays, zonedTimeToUtc } from '../../src/modules/schedule/timezone.ts';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { chromiumSkip, type E2E, E2E_SECRET_KEY, linkIn, startE2E } from './helpers/browser.ts';
import { mainText, navigateBy, person, submitFormWith } from './helpers/journey.ts';

// Issue 9 in the browser, after the request (test/e2e/requests.test.ts): two people ask for one seat,
// the draw runs; the winner confirms from the emailed link, the other downloads a certificate of
// unavailability from the request's page and checks it at /verifier; axe on every page.

let e: E2E;
let procedureId: number;
let siteId: number;
let offerId: number;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  // The demo's renewal in Haute-Savoie, also offered by draw at a new antenna.
  const renewal = await e.database.db
    .selectFrom('offer')
    .innerJoin('procedure', 'procedure.id', 'offer.procedure_id')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .select('procedure.id')
    .where('procedure.code', '=', 'renouvellement-titre')
    .where('site.department_code', '=', '74')
    .executeTakeFirstOrThrow();
  procedureId = renewal.id;
  const site = await e.database.db
    .insertInto('site')
    .values({
      department_code: '74',
      name: 'Antenne de Rumilly (tirage au sort)',
      kind: 'antenne',
      address: '1 place de l’Hôtel de Ville, 74150 Rumilly',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  siteId = site.id;
  const offer = await e.database.db
    .insertInto('offer')
    .values({ procedure_id: procedureId, site_id: siteId, channel: 'draw' })
    .returning('id')
    .executeTakeFirstOrThrow();
  offerId = offer.id;
  // One seat, in five days at 10:00 in Annecy.
  const start = zonedTimeToUtc(addDays(e.today, 5), '10:00:00', 'Europe/Paris');
  await e.database.db
    .insertInto('slot')
    .values({
      offer_id: offerId,
      starts_at: start,
      ends_at: new Date(start.getTime() + 20 * 60_000),
      capacity: 1,
    })
    .execute();
});
after(() => e?.close());

async function accessible(page: Page, name: string, problems: string[]): Promise<void> {
  const violations = await wcagViolations(page);
  if (violations.length > 0) problems.push(describeViolations(`${name} (${page.url()})`, violations));
}

/** A request through the public API, as the journey makes it. */
async function request(who: ReturnType<typeof person>): Promise<string> {
  const response = await fetch(`${e.url}/api/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ procedureId, siteIds: [siteId], acceptConditions: true, applicant: who }),
  });
  const body = await response.text();
  assert.equal(response.status, 201, body);
  return (JSON.parse(body) as { label: string }).label;
}

/** Creates a draw whose window has just closed and runs it as the run-draws job would. */
async function drawNow(): Promise<number> {
  const now = systemClock.now();
  const draw = await insertDraw(e.database.db, {
    procedureId,
    departmentCode: '74',
    kind: 'main',
    origin: 'one_off',
    offerIds: [offerId],
    siteIds: [siteId],
    windowOpensAt: new Date(now.getTime() - 86_400_000),
    windowClosesAt: new Date(now.getTime() - 1000),
    slotsFrom: addDays(e.today, 1),
    slotsTo: addDays(e.today, 14),
    beaconRound: null,
    createdBy: null,
  });
  assert.ok(draw);
  const config = parseConfig({ SECRET_KEY: E2E_SECRET_KEY, PUBLIC_URL: e.url, LOG_LEVEL: 'silent' });
  assert.equal(await runDraw({ db: e.database.db, clock: systemClock, config }, draw.id), 'drawn');
  return draw.id;
}

describe('after a draw, in the browser', { skip: chromiumSkip }, () => {
  test('the winner confirms from the email; the other downloads a certificate and checks it', async () => {
    const problems: string[] = [];
    const people = [person(e.today), person(e.today, { lastName: 'Mensah', firstName: 'Kofi' })];
    const labels = [await request(people[0] as never), await request(people[1] as never)];
    const drawId = await drawNow();
    const rows = await e.database.db
      .selectFrom('request')
      .select(['label', 'status', 'lost'])
      .where('label', 'in', labels)
      .execute();
    const won = rows.find((r) => r.status === 'won');
    const lost = rows.find((r) => r.status === 'waiting');
    assert.ok(won && lost, JSON.stringify(rows));
    assert.equal(lost.lost, 1);
    const winner = people[labels.indexOf(won.label)];
    const other = people[labels.indexOf(lost.label)];
    assert.ok(winner && other);

    // The winner: the email names the deadline; its link asks to confirm, the button confirms.
    const page = await e.newPage({ acceptDownloads: true });
    const wonMail = await e.mail.waitFor(
      (m) => m.to.includes(winner.email) && m.subject.includes('attribué'),
    );
    assert.match(wonMail.text, /Confirmez-le avant le/);
    await page.goto(linkIn(wonMail, '/rendez-vous/confirmer'));
    await accessible(page, 'confirm a won appointment', problems);
    await navigateBy(page, page.locator('main form button[type="submit"]').first());
    assert.match(await mainText(page), /Votre rendez-vous est confirmé/);
    await accessible(page, 'confirmed', problems);

    // The draw's public page shows its seed and the allocation by label only.
    await page.goto(`/tirages/${drawId}`);
    const drawPage = await mainText(page);
    assert.ok(drawPage.includes(won.label));
    assert.ok(!drawPage.includes(winner.lastName) && !drawPage.includes(winner.email));
    await accessible(page, 'the draw’s page', problems);

    // The other: the request's page, then its certificate.
    const submitted = await e.mail.waitFor(
      (m) => m.to.includes(other.email) && m.text.includes(`/demandes/${lost.label}?`),
    );
    await page.goto(linkIn(submitted, `/demandes/${lost.label}`));
    assert.match(await mainText(page), /En attente du prochain tirage/);
    await accessible(page, 'request page after a lost draw', problems);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('main a[href*="/attestation.pdf"]').click(),
    ]);
    const pdf = await readFile((await download.path()) as string);
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    assert.ok(text.includes(lost.label), 'the certificate names the waiting request');
    assert.match(text, /Tirages perdus\s*1/);
    const code = /(a1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86})/.exec(text.replace(/\s+/g, ''))?.[1];
    assert.ok(code, 'the certificate prints its code');

    await page.goto('/verifier');
    await page.locator('main input[name="code"]').fill(code);
    await submitFormWith(page, 'input[name="code"]');
    assert.match(await mainText(page), /Attestation authentique/);
    await accessible(page, 'verifier, genuine certificate', problems);

    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
