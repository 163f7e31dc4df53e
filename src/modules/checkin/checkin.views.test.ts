import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkInView } from './checkin.views.ts';
import type { CheckInPage } from './checkin-page.usecases.ts';

// The reception's view alone, from a model: the identities field by field, a difference in words.

const principal = {
  agentId: 1,
  name: 'Agent',
  email: 'agent@prefecture.test',
  grants: [{ role: 'site_manager' as const, scope: { kind: 'national' as const } }],
};

function model(overrides: Partial<NonNullable<CheckInPage['result']>> = {}): CheckInPage {
  return {
    principal,
    qr: '',
    reference: '',
    result: {
      reference: '74-K7M3-QX9P',
      status: 'waiting',
      identity: {
        lastName: 'Müller',
        firstName: 'Samira',
        birthDate: '1990-04-12',
        foreignerNumber: '7400000001',
      },
      signedIdentity: { lastName: 'MULLER', firstName: 'Samirah', birthDate: '1990-04-12' },
      appointment: {
        start: new Date('2030-01-07T08:00:00Z'),
        siteId: 1,
        departmentCode: '74',
        siteName: "Préfecture d'Annecy",
        procedureTitle: 'Renouvellement',
        timezone: 'Europe/Paris',
      },
      checkedInAt: new Date('2030-01-07T07:00:00Z'),
      checkedInNow: true,
      canCorrect: true,
      scanned: 'c1.x.y',
      ...overrides,
    },
  };
}

const page = (locale: 'fr' | 'en') => ({ locale, csrf: 'token' });

describe('the reception’s view', () => {
  test('names compared as the identity key does; a differing field said in words; the correction form', () => {
    const view = checkInView(page('fr'), model());
    const main = view.main.toString();
    assert.match(
      main,
      /<th scope="row">Nom<\/th><td>MULLER<\/td><td>Müller<\/td><td><p class="fr-badge fr-badge--success fr-badge--sm">Identique/,
    );
    assert.match(
      main,
      /<th scope="row">Prénom<\/th><td>Samirah<\/td><td>Samira<\/td><td><p class="fr-badge fr-badge--warning fr-badge--sm">Différent : vérifiez la pièce/,
    );
    assert.match(main, /1 champ diffère/);
    assert.match(main, /Numéro étranger<\/th><td>Non porté par le code<\/td><td>7400000001/);
    assert.match(main, /action="\/agents\/accueil\/identite"/);
    assert.match(main, /name="qr" value="c1.x.y"/);
  });

  test('a typed reference shows the booking’s identity alone; no form without the permission', () => {
    const main = checkInView(
      page('en'),
      model({ signedIdentity: undefined, canCorrect: false }),
    ).main.toString();
    assert.match(main, /no signed identity to compare/);
    assert.doesNotMatch(main, /accueil\/identite/);
  });

  test('the other day is named in the page’s language', () => {
    const refused: CheckInPage = {
      principal,
      qr: '',
      reference: '',
      error: { code: 'wrong_day', date: '2030-01-08' },
    };
    assert.match(
      checkInView(page('fr'), refused).main.toString(),
      /prévu le mardi 8 janvier 2030, pas aujourd/,
    );
    assert.match(checkInView(page('en'), refused).main.toString(), /on Tuesday,? 8 January 2030, not today/);
  });
});
