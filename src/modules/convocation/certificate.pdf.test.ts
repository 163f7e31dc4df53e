import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractText } from 'unpdf';
import { type CertificateInput, daysBetween, renderCertificatePdf } from './certificate.pdf.ts';

function input(overrides: Partial<CertificateInput> = {}): CertificateInput {
  return {
    issuedAt: new Date('2029-12-20T10:00:00Z'),
    timezone: 'Europe/Paris',
    lastName: 'Dupré',
    firstName: 'Amélie',
    birthDate: '1990-04-03',
    foreignerNumber: '7400000001',
    procedureTitle: '3.1 Renouvellement de visa de long séjour valant titre de séjour',
    departmentName: 'Haute-Savoie (74)',
    searchedFrom: '2029-12-20',
    offices: [
      {
        name: 'Préfecture de la Haute-Savoie',
        address: '30 rue du 30e Régiment d’Infanterie, 74000 Annecy',
        channel: 'booking',
        through: '2030-02-13',
        nextFree: null,
      },
      {
        name: 'Sous-préfecture de Thonon-les-Bains',
        address: '1 place de la Mairie',
        channel: 'draw',
        through: null,
        nextFree: null,
      },
    ],
    nextFree: null,
    request: { label: 'K7M3QX9P2A', lost: 2, createdAt: new Date('2029-12-03T09:00:00Z') },
    requestLookup: 'person',
    code: 'a1.payload.signature',
    verifyUrl: 'https://rdv.example.gouv.fr/verifier',
    locale: 'fr',
    ...overrides,
  };
}

async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/gu, ' ');
}

describe('renderCertificatePdf', () => {
  test('it states the issue, the identity, the search, the next free date and the request', async () => {
    const pdf = await renderCertificatePdf(input());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = await textOf(pdf);
    for (const expected of [
      'Attestation d’indisponibilité de rendez-vous',
      'Délivrée le 20 décembre 2029 à 11:00',
      'Dupré',
      'Amélie',
      '03/04/1990',
      '7400000001',
      'Renouvellement de visa de long séjour',
      'Haute-Savoie (74)',
      'Préfecture de la Haute-Savoie',
      'Dates consultées : du 20 décembre 2029 au 13 février 2030',
      'Aucune plage libre',
      'Sous-préfecture de Thonon-les-Bains',
      'Rendez-vous attribués par tirage au sort',
      'Prochaine date libre Aucune',
      'K7M3QX9P2A',
      'Tirages perdus 2',
      'En attente depuis le 3 décembre 2029 (17 jours)',
      'a1.payload.signature',
      'https://rdv.example.gouv.fr/verifier',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
  });

  test('a free slot is stated with its local time, and no request as none', async () => {
    const nextFree = new Date('2030-01-07T08:00:00Z');
    const offices = input().offices.map((o) => (o.channel === 'booking' ? { ...o, nextFree } : o));
    const text = await textOf(
      await renderCertificatePdf(input({ offices, nextFree, request: null, requestLookup: 'typed' })),
    );
    assert.ok(text.includes('Première plage libre : 7 janvier 2030 à 09:00'), text);
    assert.ok(text.includes('Prochaine date libre 7 janvier 2030 à 09:00'), text);
    assert.ok(
      text.includes(
        'Aucune demande en attente pour cette identité associée à l’adresse électronique indiquée',
      ),
      text,
    );
    assert.ok(!text.includes('Tirages perdus'), text);
  });

  test('an office with no day published says so, and English follows the same keys', async () => {
    const offices = [{ ...input().offices[0], through: '2029-12-19' }] as CertificateInput['offices'];
    const text = await textOf(
      await renderCertificatePdf(input({ offices, locale: 'en', foreignerNumber: null })),
    );
    assert.ok(text.includes('No date published'), text);
    assert.ok(text.includes('Next free date None'), text);
    assert.ok(text.includes('Waiting since'), text);
    assert.ok(!text.includes('Foreigner number'), text);
  });

  test('waiting time counts whole days, never negative', () => {
    assert.equal(daysBetween(new Date('2029-12-03T09:00:00Z'), new Date('2029-12-20T08:59:59Z')), 16);
    assert.equal(daysBetween(new Date('2029-12-03T09:00:00Z'), new Date('2029-12-20T09:00:00Z')), 17);
    assert.equal(daysBetween(new Date('2029-12-21T00:00:00Z'), new Date('2029-12-20T00:00:00Z')), 0);
  });
});
