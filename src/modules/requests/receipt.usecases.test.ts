import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractText } from 'unpdf';
import { receiptPdf } from './receipt.usecases.ts';
import type { RequestDetails } from './requests.repository.ts';

// The receipt PDF is printed with the standard fonts, which have no Arabic glyphs: an Arabic reader's
// receipt is the French one, its half-days and date included (decision 0045).

const details = {
  label: 'K7M3-QX9P',
  procedureId: 1,
  procedureTitle: 'Renouvellement de titre de séjour',
  siteIds: [1],
  sites: [{ name: 'Préfecture de l’Hérault', address: '34 place des Martyrs, 34000 Montpellier' }],
  halfDays: ['mon-am', 'tue-pm'],
  earliest: '2030-06-03',
  updatedAt: new Date('2030-05-20T08:00:00Z'),
  timezone: 'Europe/Paris',
  locale: 'ar',
} as unknown as RequestDetails;
const config = { secretKey: 'x'.repeat(64), publicUrl: 'https://rdv.example.gouv.fr' };

async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/gu, ' ');
}

describe('the receipt of a request made in Arabic', () => {
  test('is printed in French, half-days and earliest date included', async () => {
    const text = await textOf(await receiptPdf(config, details, new Date('2030-05-20T08:05:00Z')));
    assert.ok(text.includes('lundi matin, mardi après-midi'), text);
    assert.ok(text.includes('lundi 3 juin 2030'), text);
    assert.doesNotMatch(text, /\p{Script=Arabic}/u);
  });
});
