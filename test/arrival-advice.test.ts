import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText } from 'unpdf';
import type { LocalizedText } from '../src/modules/territory/localized-text.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { tokensOf } from './helpers/invariants.ts';

// The office's arrival advice (site.arrival_advice) and the procedure's admission rule
// (procedure.admission_rule), as the applicant reads them from step 1 to the convocation: what the
// préfecture wrote, in the applicant's language or in French, and nothing when it wrote nothing.

const ADVICE: LocalizedText = {
  fr: 'Présentez-vous 30 minutes en avance au guichet B.',
  en: 'Please arrive 30 minutes early at counter B.',
};
// Written in French only: an English reader gets the French text.
const RULE: LocalizedText = { fr: 'Une personne par rendez-vous, avec son propre dossier.' };

let t: TestApp;
let written: Fixture;
let unwritten: Fixture;

before(async () => {
  t = await createTestApp();
  written = await createFixture(t.database.db, { slots: 1, capacity: 10 });
  unwritten = await createFixture(t.database.db, { slots: 1, capacity: 10 });
  await t.database.db
    .updateTable('site')
    .set({ arrival_advice: ADVICE })
    .where('id', '=', written.siteId)
    .execute();
  await t.database.db
    .updateTable('procedure')
    .set({ admission_rule: RULE })
    .where('id', '=', written.procedureId)
    .execute();
});
after(() => t.close());

/** What the applicant reads once confirmed: the page, the email, its PDF and its calendar file. */
async function confirmedTexts(fixture: Fixture, language: 'fr' | 'en') {
  const who = applicant();
  const headers = language === 'en' ? { 'accept-language': 'en-GB,en;q=0.9' } : {};
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    headers,
    payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: who },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { confirm } = await tokensOf(t.database.db, String(created.json().id), t.config.secretKey);
  const page = await t.app.inject({ url: `/rendez-vous/confirmer?token=${confirm}&lang=${language}` });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const done = await t.app.inject({
    method: 'POST',
    url: '/rendez-vous/confirmer',
    cookies: Object.fromEntries(page.cookies.map((c) => [c.name, c.value])),
    payload: { _csrf: csrf, token: confirm },
  });
  assert.equal(done.statusCode, 200, done.body);
  await t.deliverMail();
  const mail = await t.mail.waitFor((m) => m.to.includes(who.email) && m.attachments.length === 2, 5000);
  const [pdf, ics] = mail.attachments;
  const { text: pdfText } = await extractText(new Uint8Array(pdf?.content ?? Buffer.alloc(0)), {
    mergePages: true,
  });
  return {
    page: done.body,
    email: mail.text,
    pdf: pdfText.replace(/\s+/gu, ' '),
    // Unfolded and unescaped (RFC 5545 §3.3.11), the line breaks of a TEXT value read as spaces.
    ics: (ics?.content.toString('utf8') ?? '')
      .replace(/\r\n[ \t]/g, '')
      .replaceAll('\\n', ' ')
      .replace(/\\([,;\\])/g, '$1'),
  };
}

describe('the arrival advice and the admission rule, from the data', () => {
  test('a site’s and a procedure’s own texts are on the confirmed page, in the email, the PDF and the .ics', async () => {
    const texts = await confirmedTexts(written, 'fr');
    for (const [where, text] of Object.entries(texts)) {
      assert.ok(text.includes(ADVICE.fr), `${where} lacks the arrival advice: ${text}`);
      assert.ok(text.includes(RULE.fr), `${where} lacks the admission rule: ${text}`);
      assert.ok(!text.includes('10 minutes'), `${where} still has the catalog’s advice`);
    }
  });

  test('in English: the English version where written, else the French one', async () => {
    const texts = await confirmedTexts(written, 'en');
    for (const [where, text] of Object.entries(texts)) {
      assert.ok(text.includes(ADVICE.en ?? ''), `${where} lacks the English advice: ${text}`);
      assert.ok(!text.includes(ADVICE.fr), `${where} has the French advice`);
      assert.ok(text.includes(RULE.fr), `${where} lacks the French rule: ${text}`);
    }
  });

  test('a site and a procedure without texts show neither, anywhere', async () => {
    for (const language of ['fr', 'en'] as const) {
      const texts = await confirmedTexts(unwritten, language);
      for (const [where, text] of Object.entries(texts)) {
        for (const hardCoded of ['10 minutes', '1 rendez-vous', '1 appointment', 'guichet B', 'counter B']) {
          assert.ok(!text.includes(hardCoded), `${where} (${language}) says "${hardCoded}": ${text}`);
        }
      }
    }
  });

  test('step 1’s conditions give the procedure’s admission rule, and none when it has none', async () => {
    const codes = await t.database.db
      .selectFrom('procedure')
      .select(['id', 'code'])
      .where('id', 'in', [written.procedureId, unwritten.procedureId])
      .execute();
    const stepOne = async (procedureId: number, lang: string) => {
      const code = codes.find((row) => row.id === procedureId)?.code;
      const page = await t.app.inject({ url: `/departements/74/demarches/${code}?lang=${lang}` });
      assert.equal(page.statusCode, 200, page.body);
      const hint = /<span class="fr-hint-text" id="conditions-hint">(.*?)<\/span>(?=<\/label>)/.exec(
        page.body,
      )?.[1];
      return hint ?? '';
    };
    assert.match(
      await stepOne(written.procedureId, 'fr'),
      /^Une personne par rendez-vous, avec son propre dossier\. Je prends rendez-vous/,
    );
    // Written only in French, the rule is marked as French on the English page (decision 0046).
    assert.match(
      await stepOne(written.procedureId, 'en'),
      /^<span lang="fr" dir="ltr">Une personne par rendez-vous, avec son propre dossier\.<\/span> I am booking/,
    );
    assert.match(await stepOne(unwritten.procedureId, 'fr'), /^Je prends rendez-vous pour moi-même/);
    assert.doesNotMatch(await stepOne(unwritten.procedureId, 'en'), /1 (appointment|rendez-vous)/);
  });
});
