import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PageContext } from '../web/web.plugin.ts';
import type { OwnRequest } from './request-page.usecases.ts';
import { requestPageView, withdrawView } from './request-page.views.ts';
import type { RequestDetails } from './requests.repository.ts';

const page = (locale: 'fr' | 'en' = 'fr'): PageContext => ({ locale, csrf: 'CSRF' });

function own(overrides: Partial<RequestDetails> = {}): OwnRequest {
  return {
    token: 'T'.repeat(43),
    request: {
      id: '1',
      label: 'K7M3QX9PA2',
      status: 'waiting',
      lost: 2,
      locale: 'fr',
      email: 'amina@example.org',
      lastName: 'Dupont',
      firstName: 'Amina',
      siteIds: [3],
      halfDays: ['mon-am'],
      earliest: null,
      createdAt: new Date('2030-01-02T09:00:00Z'),
      updatedAt: new Date('2030-01-03T09:00:00Z'),
      enteredBy: null,
      procedureId: 1,
      procedureCode: 'renouvellement',
      procedureTitle: '3.1 Renouvellement',
      bookingReference: null,
      sites: [
        {
          siteId: 3,
          name: 'Sous-préfecture de Thonon',
          address: 'Thonon',
          departmentCode: '74',
          timezone: 'Europe/Paris',
        },
      ],
      timezone: 'Europe/Paris',
      ...overrides,
    },
  };
}

describe('the request’s page', () => {
  test('a waiting request shows its lost draws, its receipt and the withdrawal, but no identity', () => {
    const html = String(requestPageView(page(), own()).main);
    assert.match(html, /En attente du prochain tirage/);
    assert.match(html, /Tirages passés sans rendez-vous<\/dt><dd>2</);
    assert.match(html, /href="\/demandes\/K7M3QX9PA2\/retirer\?token=T+"/);
    assert.match(html, /recepisse\.pdf\?token=/);
    assert.doesNotMatch(html, /amina@example\.org|Dupont/);
  });

  test('a won request shows its booking’s reference and no withdrawal; in English too', () => {
    const won = own({ status: 'won', bookingReference: '74-K7M3-QX9P' });
    const html = String(requestPageView(page(), won).main);
    assert.match(html, /74-K7M3-QX9P/);
    assert.match(html, /Confirmez le rendez-vous/);
    assert.doesNotMatch(html, /\/retirer/);
    assert.match(String(requestPageView(page('en'), won).main), /You have been given an appointment/);
  });

  test('the withdrawal asks to confirm with a POST carrying the token and the anti-forgery field', () => {
    const html = String(withdrawView(page(), own()).main);
    assert.match(html, /<form method="post" action="\/demandes\/K7M3QX9PA2\/retirer">/);
    assert.match(html, /name="_csrf" value="CSRF"/);
    assert.match(html, /name="token" value="T+"/);
    assert.match(html, /Oui, je retire ma demande/);
  });

  test('a link problem is explained in the page’s language with its status', () => {
    const view = requestPageView(page('en'), {
      problem: { code: 'token_expired', status: 410, message: 'x' },
    });
    assert.equal(view.status, 410);
    assert.match(String(view.main), /This link has expired/);
  });
});
