import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Principal } from '../agents/permissions.ts';
import type { ServicesPage, SiteFormPage } from './offices.screens.ts';
import { servicesView, siteFormView } from './offices.views.ts';

// The sites' views on their own: a view-model in, a page out, no database and no HTTP.

const fr = { locale: 'fr' as const, csrf: 'jeton-fr' };
const en = { locale: 'en' as const, csrf: 'jeton-en' };

const principal: Principal = {
  agentId: 1,
  name: 'Camille Martin',
  email: 'camille@prefecture.test',
  grants: [{ role: 'administrator', scope: { kind: 'department', departmentCode: '74' } }],
};

const site = {
  id: 7,
  departmentCode: '74',
  name: 'Préfecture d’Annecy',
  kind: 'prefecture' as const,
  address: 'Rue du 30e RI, 74000 Annecy',
  counters: ['Guichet 1'],
  callsBeforeMissed: 3,
  contactPhone: null,
  contactEmail: null,
  transport: null,
  accessibility: null,
  arrivalAdvice: null,
};

const offer = {
  id: 31,
  procedureId: 3,
  procedureCode: 'renouvellement-titre',
  procedureTitle: 'Renouvellement de titre de séjour',
  siteId: 7,
  departmentCode: '74',
  channel: 'postal' as const,
};

describe('the list of sites', () => {
  const model: ServicesPage = { principal, sites: [{ ...site, offers: [offer] }], mayCreate: true };

  test('each site links to its page and each offer to its own, under the configuration menu', () => {
    const page = servicesView(fr, model);
    assert.equal(page.title, 'Services et démarches');
    assert.match(page.main.value, /<h2>Département 74<\/h2>/);
    assert.match(page.main.value, /href="\/agents\/services\/7"/);
    assert.match(page.main.value, /href="\/agents\/services\/7\/offres\/31"/);
    assert.match(page.main.value, /Par courrier/);
    assert.match(page.main.value, /href="\/agents\/services\/nouveau"/);
    assert.deepEqual(
      page.navigation?.items.filter((item) => item.current).map((item) => item.href),
      ['/agents/services'],
    );
    assert.equal(page.user?.name, 'Camille Martin');
  });

  test('without the right to create, no creation button; without sites, a sentence says so', () => {
    const page = servicesView(en, { principal, sites: [], mayCreate: false });
    assert.doesNotMatch(page.main.value, /\/agents\/services\/nouveau/);
    assert.match(page.main.value, /No office is within your scope\./);
  });
});

describe('the site form', () => {
  const base: SiteFormPage = {
    principal,
    departments: [{ code: '74', name: 'Haute-Savoie' }],
    offers: [],
    values: { departmentCode: '74', kind: 'prefecture', counters: 'Guichet 1' },
    errors: [],
    saved: false,
  };

  test('a new site’s form posts to /agents/services with its anti-forgery field and the département choice', () => {
    const page = siteFormView(fr, base);
    assert.equal(page.title, 'Créer un service');
    assert.match(page.main.value, /<form method="post" action="\/agents\/services"/);
    assert.match(page.main.value, /name="_csrf" value="jeton-fr"/);
    assert.match(page.main.value, /<option value="74" selected>Haute-Savoie \(74\)<\/option>/);
    assert.match(page.main.value, /<textarea[^>]*id="arrivalAdvice-ar"[^>]*lang="ar" dir="rtl"/);
    assert.doesNotMatch(page.main.value, /Démarches proposées/);
  });

  test('errors come first with links to their fields, each field marked and explained, values kept', () => {
    const page = siteFormView(en, {
      ...base,
      values: { ...base.values, name: '<Annecy>', contactEmail: 'x@' },
      errors: [
        {
          field: 'contactEmail',
          code: 'email_invalid',
          message: 'Indiquez une adresse électronique valide.',
        },
        { field: 'transport.fr', code: 'french_required', message: '…' },
      ],
      status: 422,
    });
    assert.equal(page.status, 422);
    assert.equal(page.title, 'Error: Create an office');
    assert.match(page.main.value, /href="#contactEmail">Email address: Enter a valid email address/);
    assert.match(
      page.main.value,
      /href="#transport-fr">Getting there \(In French\): Write the French text first/,
    );
    assert.match(
      page.main.value,
      /id="contactEmail"[^>]*aria-invalid="true" aria-describedby="contactEmail-messages"/,
    );
    assert.match(page.main.value, /value="&lt;Annecy&gt;"/);
  });

  test('an existing site’s form lists its offers, offers to add one, and says when it was saved', () => {
    const page = siteFormView(fr, {
      ...base,
      site: { id: 7, name: site.name, departmentCode: '74' },
      departments: [],
      offers: [offer],
      saved: true,
    });
    assert.match(page.main.value, /action="\/agents\/services\/7"/);
    assert.doesNotMatch(page.main.value, /name="departmentCode"/, 'the département is set at creation');
    assert.match(page.main.value, /Les modifications sont enregistrées\./);
    assert.match(page.main.value, /href="\/agents\/services\/7\/offres\/nouvelle"/);
    assert.match(page.main.value, /href="\/agents\/services\/7\/offres\/31"/);
  });
});
