import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { describeViolations, wcagViolations } from './helpers/a11y.ts';
import { chromiumSkip, type E2E, linkIn, startE2E } from './helpers/browser.ts';
import {
  fillApplicant,
  mainText,
  navigateBy,
  passAltcha,
  person,
  STEP1,
  submitApplicant,
  submitFormWith,
  tick,
} from './helpers/journey.ts';

// Issue 9, point 2, as a person does it: a request for a draw made from step 1, its receipt downloaded
// and checked at /verifier, its page opened from the email and its withdrawal asked; axe on every page.

let e: E2E;
let drawOffice: string;

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E({ captcha: true });
  // The demo's renewal in Haute-Savoie, also offered by draw at one of its sous-préfectures.
  const offer = await e.database.db
    .selectFrom('offer')
    .innerJoin('procedure', 'procedure.id', 'offer.procedure_id')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .select(['procedure.id as procedureId', 'site.id as siteId'])
    .where('procedure.code', '=', 'renouvellement-titre')
    .where('site.department_code', '=', '74')
    .executeTakeFirstOrThrow();
  const site = await e.database.db
    .insertInto('site')
    .values({
      department_code: '74',
      name: 'Antenne de Saint-Julien-en-Genevois (tirage au sort)',
      kind: 'antenne',
      address: '8 rue Amédée VIII de Savoie, 74160 Saint-Julien-en-Genevois',
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  await e.database.db
    .insertInto('offer')
    .values({ procedure_id: offer.procedureId, site_id: site.id, channel: 'draw' })
    .execute();
  drawOffice = `site-${site.id}`;
});
after(() => e?.close());

async function accessible(page: Page, name: string, problems: string[]): Promise<void> {
  const violations = await wcagViolations(page);
  if (violations.length > 0) problems.push(describeViolations(`${name} (${page.url()})`, violations));
}

describe('a request for a draw in the browser', { skip: chromiumSkip }, () => {
  test('made from step 1, its receipt downloaded and verified, its page and withdrawal reached from the email', async () => {
    const problems: string[] = [];
    const page = await e.newPage({ acceptDownloads: true });
    const who = person(e.today);

    await page.goto(STEP1);
    await accessible(page, 'step 1', problems);
    await tick(page, page.locator('main input[name="conditions"]'));
    await navigateBy(page, page.locator('main button[formaction$="/demande"]'));
    assert.match(new URL(page.url()).pathname, /\/demande$/);
    assert.match(await mainText(page), /L’ordre d’arrivée ne compte pas/);
    await accessible(page, 'step 2 (request)', problems);

    await tick(page, page.locator(`main input[name="${drawOffice}"]`));
    await tick(page, page.locator('main input[name="jour-tue-am"]'));
    await submitFormWith(page, `input[name="${drawOffice}"]`);
    assert.match(await mainText(page), /Étape 3 sur 5/);
    await accessible(page, 'step 3 (request)', problems);
    await passAltcha(page);
    await submitFormWith(page, 'input[name="altcha"]');

    assert.match(await mainText(page), /Étape 4 sur 5/);
    await accessible(page, 'step 4 (request)', problems);
    await fillApplicant(page, who);
    await submitApplicant(page);
    assert.match(await mainText(page), /Étape 5 sur 5/);
    assert.match(await mainText(page), /mardi matin/);
    await accessible(page, 'step 5 (request)', problems);
    await navigateBy(
      page,
      page.locator('main form[action="/demandes/valider"] button[type="submit"]:not([formaction])'),
    );

    const result = await mainText(page);
    assert.match(result, /Demande enregistrée/);
    const label = /([0-9A-HJKMNP-TV-Z]{10})/.exec(result)?.[1];
    assert.ok(label, result);
    await accessible(page, 'request recorded', problems);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('main a[href*="/recepisse.pdf"]').click(),
    ]);
    const pdf = await readFile((await download.path()) as string);
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    assert.ok(text.includes(label));
    const code = /(r1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86})/.exec(text.replace(/\s+/g, ''))?.[1];
    assert.ok(code, 'the receipt prints its code');

    await page.goto('/verifier');
    await page.locator('main input[name="code"]').fill(code);
    await submitFormWith(page, 'input[name="code"]');
    const verified = await mainText(page);
    assert.match(verified, /Récépissé authentique/);
    assert.ok(verified.includes(label));
    assert.match(verified, /toujours en attente/);
    await accessible(page, 'verifier, genuine receipt', problems);

    const email = await e.mail.waitFor((m) => m.to.includes(who.email) && m.subject.includes(label));
    assert.ok(email.attachments.some((a) => a.filename === `recepisse-${label}.pdf`));
    await page.goto(linkIn(email, `/demandes/${label}`));
    assert.match(await mainText(page), /En attente du prochain tirage/);
    await accessible(page, 'request page', problems);
    await navigateBy(page, page.locator('main a[href*="/retirer"]'));
    assert.match(await mainText(page), /Confirmez-vous le retrait de cette demande/);
    await accessible(page, 'withdrawal', problems);
    await submitFormWith(page, 'input[name="token"]');
    assert.match(await mainText(page), /Votre demande est retirée/);
    await accessible(page, 'withdrawn', problems);

    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
