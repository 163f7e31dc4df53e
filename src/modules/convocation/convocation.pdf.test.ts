import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractText, getMeta } from 'unpdf';
import {
  type ConvocationInput,
  renderConvocationPdf,
  toWinAnsi,
  verificationLink,
} from './convocation.pdf.ts';

const PASSPORT =
  'Passeport en cours de validité (pages relatives à l’état civil, aux dates de validité, aux visas)';
const HOME_PROOF =
  'Justificatif de domicile de moins de 6 mois (ou attestation d’hébergement avec la pièce d’identité et un justificatif de domicile de l’hébergeant)';

function input(overrides: Partial<ConvocationInput> = {}): ConvocationInput {
  return {
    reference: '74-K7M3-QX9P',
    procedureTitle:
      '3.1 Renouvellement de visa de long séjour valant titre de séjour, carte de séjour temporaire ou pluriannuelle, autorisation provisoire de séjour',
    durationMinutes: 20,
    documents: ['Convocation imprimée', PASSPORT, HOME_PROOF, 'Œuvre, cœur, garçon, élève, à côté'],
    siteName: 'Préfecture de la Haute-Savoie',
    siteAddress: '30 rue du 30e Régiment d’Infanterie, 74000 Annecy',
    // 09:05 in Paris (summer time, UTC+2), 11:05 in Réunion (UTC+4).
    startsAt: new Date('2030-06-21T07:05:00Z'),
    timezone: 'Europe/Paris',
    lastName: 'Dupré',
    firstName: 'Amélie',
    birthDate: '1990-04-03',
    foreignerNumber: '2008006503',
    arrivalAdvice: {
      fr: 'Présentez-vous 30 minutes en avance au guichet B.',
      en: 'Please arrive 30 minutes early at counter B.',
    },
    admissionRule: { fr: '1 rendez-vous = 1 personne = 1 dossier.' },
    qrToken: 'c1.payload.signature',
    verifyUrl: 'https://rdv.example.gouv.fr/verifier',
    locale: 'fr',
    ...overrides,
  };
}

/** The PDF's text with every run of white space (line breaks from wrapping included) as one space. */
async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/gu, ' ');
}

describe('renderConvocationPdf', () => {
  test('the convocation is a PDF with the reference, the office, the procedure and the identity', async () => {
    const pdf = await renderConvocationPdf(input());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = await textOf(pdf);
    for (const expected of [
      'Convocation',
      '74-K7M3-QX9P',
      'Préfecture de la Haute-Savoie',
      '30 rue du 30e Régiment d’Infanterie, 74000 Annecy',
      'Renouvellement de visa de long séjour valant titre de séjour',
      '20 mn',
      'Dupré',
      'Amélie',
      '03/04/1990',
      '2008006503',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
  });

  test('the time is the wall-clock time of the site: 07:05Z is 09:05 in Paris', async () => {
    const text = await textOf(await renderConvocationPdf(input()));
    assert.ok(text.includes('vendredi 21 juin 2030 à 09:05'), text);
  });

  test('the same instant at a site in Réunion reads 11:05', async () => {
    const text = await textOf(await renderConvocationPdf(input({ timezone: 'Indian/Reunion' })));
    assert.ok(text.includes('vendredi 21 juin 2030 à 11:05'), text);
    assert.ok(!text.includes('09:05'), text);
  });

  test('every document to bring is listed, with French accents, œ and ’ intact', async () => {
    const text = await textOf(await renderConvocationPdf(input()));
    for (const document of input().documents) {
      assert.ok(text.includes(document), `missing "${document}" in: ${text}`);
    }
  });

  test('the office’s arrival advice and the procedure’s admission rule are printed as written', async () => {
    const text = await textOf(await renderConvocationPdf(input()));
    assert.ok(text.includes('Présentez-vous 30 minutes en avance au guichet B.'), text);
    assert.ok(text.includes('1 rendez-vous = 1 personne = 1 dossier.'), text);
    assert.ok(!text.includes('10 minutes'), text);
  });

  test('an English convocation prints their English version, or the French one when none was written', async () => {
    const text = await textOf(await renderConvocationPdf(input({ locale: 'en' })));
    assert.ok(text.includes('Please arrive 30 minutes early at counter B.'), text);
    assert.ok(!text.includes('guichet B'), text);
    assert.ok(text.includes('1 rendez-vous = 1 personne = 1 dossier.'), text);
  });

  test('an Arabic version is not printed: the French convocation takes the French text', async () => {
    const arrivalAdvice = { fr: 'Entrée rue de la Poste.', ar: 'المدخل من شارع البريد.' };
    const text = await textOf(await renderConvocationPdf(input({ locale: 'ar', arrivalAdvice })));
    assert.ok(text.includes('Entrée rue de la Poste.'), text);
    assert.ok(!text.includes('?'), `the Arabic text drawn as question marks: ${text}`);
  });

  test('without advice or rule, neither is printed', async () => {
    const pdf = await renderConvocationPdf(input({ arrivalAdvice: null, admissionRule: null }));
    const text = await textOf(pdf);
    assert.ok(!text.includes('guichet B'), text);
    assert.ok(!text.includes('1 dossier'), text);
    assert.ok(text.includes('Cette convocation est personnelle'), text);
  });

  test('without a foreigner number, no foreigner number line is printed', async () => {
    const text = await textOf(await renderConvocationPdf(input({ foreignerNumber: null })));
    assert.ok(!text.includes('N° étranger'), text);
    assert.ok(text.includes('Date de naissance 03/04/1990'), text);
  });

  test('the English convocation is in English, with the date in English', async () => {
    const text = await textOf(await renderConvocationPdf(input({ locale: 'en' })));
    assert.ok(text.includes('Friday, 21 June 2030 at 09:05'), text);
    assert.ok(text.includes('Documents to bring'), text);
    assert.ok(!text.includes('Présentez-vous'), text);
  });

  test('an Arabic-speaking applicant gets the French convocation for now', async () => {
    const text = await textOf(await renderConvocationPdf(input({ locale: 'ar' })));
    assert.ok(text.includes('Pièces à apporter'), text);
    assert.ok(text.includes('Présentez-vous 30 minutes en avance au guichet B.'), text);
  });

  test('the metadata carries the reference as title and no personal data', async () => {
    const { info } = await getMeta(new Uint8Array(await renderConvocationPdf(input())));
    assert.equal(info.Title, 'Convocation 74-K7M3-QX9P');
    const metadata = JSON.stringify(info);
    for (const personal of ['Dupré', 'Amélie', '1990', '2008006503']) {
      assert.ok(!metadata.includes(personal), `"${personal}" in metadata ${metadata}`);
    }
  });

  test('a name with letters outside the standard font is printed with the nearest letters', async () => {
    const text = await textOf(await renderConvocationPdf(input({ lastName: 'Nguyễn', firstName: 'Łukasz' })));
    assert.ok(text.includes('Nguyên'), text);
    assert.ok(text.includes('Lukasz'), text);
  });

  test('a long list of documents flows onto a second page without losing any', async () => {
    const documents = Array.from({ length: 45 }, (_, i) => `Pièce justificative numéro ${i + 1}`);
    const pdf = await renderConvocationPdf(input({ documents }));
    const { totalPages } = await extractText(new Uint8Array(pdf));
    assert.ok(totalPages >= 2, `${totalPages} page(s)`);
    const text = await textOf(pdf);
    assert.ok(text.includes('Pièce justificative numéro 45'), text);
    assert.ok(text.includes('Présentez-vous 30 minutes en avance au guichet B.'), text);
  });
});

describe('verificationLink', () => {
  test('the token is appended as the code parameter of the verification page', () => {
    assert.equal(
      verificationLink('https://rdv.example.gouv.fr/verifier', 'c1.abc.def'),
      'https://rdv.example.gouv.fr/verifier?code=c1.abc.def',
    );
    assert.equal(
      verificationLink('https://rdv.example.gouv.fr/verifier?lang=en', 'c1.abc.def'),
      'https://rdv.example.gouv.fr/verifier?lang=en&code=c1.abc.def',
    );
  });
});

describe('toWinAnsi', () => {
  test('French text, œ, ’, « », … and € pass unchanged', () => {
    const french = 'Élève à l’école « cœur » : ça coûte 225 €…';
    assert.equal(toWinAnsi(french), french);
  });

  test('letters outside WinAnsi keep what accent they can (ễ → ê) or lose it (ş → s, Ł → L)', () => {
    assert.equal(toWinAnsi('Nguyễn Şahin Łukasz Ăn'), 'Nguyên Sahin Lukasz An');
  });

  test('narrow no-break spaces become no-break spaces, and unknown symbols a question mark', () => {
    assert.equal(toWinAnsi('10\u202fh'), '10\u00a0h');
    assert.equal(toWinAnsi('漢'), '?');
  });
});
