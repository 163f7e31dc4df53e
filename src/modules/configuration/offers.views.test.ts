import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Principal } from '../agents/permissions.ts';
import type { OfferFormPage } from './offers.screens.ts';
import { offerFormView } from './offers.views.ts';

// The offer's view on its own: a view-model in, a page out.

const fr = { locale: 'fr' as const, csrf: 'jeton-fr' };
const en = { locale: 'en' as const, csrf: 'jeton-en' };

const principal: Principal = {
  agentId: 2,
  name: 'Responsable',
  email: 'r@prefecture.test',
  grants: [{ role: 'site_manager', scope: { kind: 'site', siteId: 7, departmentCode: '74' } }],
};

const base: OfferFormPage = {
  principal,
  site: { id: 7, name: 'Préfecture d’Annecy' },
  procedures: [
    { id: 3, title: 'Renouvellement', departmentCode: null },
    { id: 4, title: 'AES', departmentCode: '74' },
  ],
  values: { procedureId: '', channel: 'booking' },
  errors: [],
  saved: false,
};

describe('the offer form', () => {
  test('a new offer chooses among the procedures offered, each with its owner, and posts to the site', () => {
    const page = offerFormView(fr, base);
    assert.match(page.main.value, /action="\/agents\/services\/7\/offres"/);
    assert.match(page.main.value, /<option value="3">Renouvellement \(catalogue national\)<\/option>/);
    assert.match(page.main.value, /<option value="4">AES \(démarche du département 74\)<\/option>/);
    assert.match(page.main.value, /<option value="booking" selected>Prise de rendez-vous en ligne<\/option>/);
    assert.doesNotMatch(page.main.value, /horaires/);
  });

  test('an existing offer has no procedure choice, its date, and the link to its hours and publication', () => {
    const page = offerFormView(en, {
      ...base,
      offer: { id: 31, procedureTitle: 'Renewal', updatedOn: '2029-12-20' },
      procedures: [],
      values: { channel: 'postal', postalAddress: 'BP 2332\n74034 Annecy' },
    });
    assert.equal(page.title, 'Offer: Renewal');
    assert.doesNotMatch(page.main.value, /name="procedureId"/);
    assert.match(page.main.value, /Last updated: 20\/12\/2029/);
    assert.match(page.main.value, /href="\/agents\/services\/7\/offres\/31\/horaires"/);
    assert.match(page.main.value, />BP 2332\n74034 Annecy<\/textarea>/);
  });

  test('a refused change of channel shows the bookings it would strand on the channel field', () => {
    const page = offerFormView(fr, {
      ...base,
      offer: { id: 31, procedureTitle: 'Renouvellement', updatedOn: '2029-12-20' },
      errors: [
        {
          field: 'channel',
          code: 'has_active_bookings',
          message: '…',
          params: { count: 2, references: '74-AAAA-BBBB, 74-CCCC-DDDD' },
        },
      ],
      status: 409,
    });
    assert.equal(page.status, 409);
    assert.match(page.main.value, /href="#channel"/);
    assert.match(page.main.value, /2 rendez-vous à venir en dépendent \(74-AAAA-BBBB, 74-CCCC-DDDD\)/);
    assert.match(page.main.value, /id="channel"[^>]*aria-invalid="true"/);
  });
});
