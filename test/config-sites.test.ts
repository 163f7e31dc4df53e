import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/app.ts';
import {
  api,
  auditCount,
  auditOf,
  mainText,
  type Offices,
  page,
  setUpOffices,
  submit,
} from './helpers/configuration.ts';

// Sites (issue 8, point 4): the list, creation and edition of offices, through the admin API and the
// back office's pages, one use case for both; an office out of the agent's scope is never reached.

let t: TestApp;
let o: Offices;

before(async () => {
  t = await createTestApp();
  o = await setUpOffices(t);
});
after(() => t.close());

const newSite = (overrides: Record<string, unknown> = {}) => ({
  departmentCode: '74',
  name: 'Sous-préfecture de Bonneville',
  kind: 'sous_prefecture',
  address: '43 rue du Pertuis du Rhône, 74130 Bonneville',
  counters: ['Guichet A', 'Guichet B'],
  contactPhone: '04 50 97 00 00',
  contactEmail: 'sp-bonneville@haute-savoie.gouv.fr',
  transport: { fr: 'Gare de Bonneville à 10 minutes à pied.', en: 'Bonneville station, 10 minutes on foot.' },
  accessibility: { fr: 'Entrée de plain-pied, rue du Pertuis.' },
  arrivalAdvice: null,
  ...overrides,
});

async function siteRow(id: number) {
  return t.database.db.selectFrom('site').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('the admin API of sites', () => {
  test('without a token the API answers 401, and an agent who may configure nothing 403', async () => {
    assert.equal((await api(t, undefined, 'GET', '/sites')).statusCode, 401);
    const refused = await api(t, o.counterAgent, 'GET', '/sites');
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'not_permitted');
  });

  test('the list holds the sites the agent covers, and no other département’s', async () => {
    const admin = (await api(t, o.admin74, 'GET', '/sites')).json() as { id: number }[];
    assert.ok(admin.some((site) => site.id === o.fixture.siteId));
    assert.ok(!admin.some((site) => site.id === o.otherSiteId));
    const manager = (await api(t, o.siteManager, 'GET', '/sites')).json() as { id: number }[];
    assert.deepEqual(
      manager.map((site) => site.id),
      [o.fixture.siteId],
    );
    const national = (await api(t, o.national, 'GET', '/sites?department=73')).json() as { id: number }[];
    assert.deepEqual(
      national.map((site) => site.id),
      [o.otherSiteId],
    );
    const malformed = await api(t, o.national, 'GET', '/sites?department=20');
    assert.equal(malformed.statusCode, 422);
    assert.equal(malformed.json().error.fields[0].field, 'department');
  });

  test('a new site is created with its counters, contact and access information, and one audit entry', async () => {
    const created = await api(t, o.admin74, 'POST', '/sites', newSite());
    assert.equal(created.statusCode, 201, created.body);
    const site = created.json();
    assert.deepEqual(site.counters, ['Guichet A', 'Guichet B']);
    assert.equal(site.transport.en, 'Bonneville station, 10 minutes on foot.');
    const read = await api(t, o.admin74, 'GET', `/sites/${site.id}`);
    assert.deepEqual(read.json(), site);
    const entries = await auditOf(t, 'site.create', site.id);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.agent_id, o.admin74.id);
    assert.equal(entries[0]?.department_code, '74');
    assert.equal(entries[0]?.site_id, site.id);
    assert.equal(entries[0]?.before, null);
    assert.deepEqual(entries[0]?.after, site);
  });

  test('a site without counters given gets none refused: at least one counter is required', async () => {
    const before = await auditCount(t);
    const response = await api(
      t,
      o.admin74,
      'POST',
      '/sites',
      newSite({ name: 'Sans guichet', counters: ['  '] }),
    );
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      response.json().error.fields.map((f: { field: string; code: string }) => [f.field, f.code]),
      [['counters', 'required']],
    );
    assert.equal(await auditCount(t), before);
  });

  test('creating a site in another département is refused 403 and stores nothing', async () => {
    const before = await auditCount(t);
    const response = await api(
      t,
      o.admin74,
      'POST',
      '/sites',
      newSite({ departmentCode: '73', name: 'Intrus' }),
    );
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error.code, 'out_of_scope');
    const manager = await api(t, o.siteManager, 'POST', '/sites', newSite({ name: 'Intrus 2' }));
    assert.equal(manager.statusCode, 403, 'a site scope does not cover its département');
    const intruders = await t.database.db
      .selectFrom('site')
      .select('id')
      .where('name', 'in', ['Intrus', 'Intrus 2'])
      .execute();
    assert.deepEqual(intruders, []);
    assert.equal(await auditCount(t), before);
  });

  test('bad input is refused 422 naming each field, and nothing is stored', async () => {
    const before = await auditCount(t);
    const response = await api(
      t,
      o.admin74,
      'POST',
      '/sites',
      newSite({
        name: '   ',
        contactEmail: 'pas une adresse',
        contactPhone: 'appelez-nous',
        counters: ['Guichet 1', 'Guichet 1'],
        transport: { fr: '', en: 'Only English' },
      }),
    );
    assert.equal(response.statusCode, 422);
    const fields = response
      .json()
      .error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
    assert.deepEqual(fields.sort(), [
      'contactEmail:email_invalid',
      'contactPhone:phone_invalid',
      'counters:repeated_item',
      'name:required',
      'transport.fr:french_required',
    ]);
    const unknown = await api(
      t,
      o.national,
      'POST',
      '/sites',
      newSite({ departmentCode: '2A', name: 'Ajaccio' }),
    );
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().error.fields[0].field, 'departmentCode');
    const extra = await api(t, o.admin74, 'POST', '/sites', { ...newSite({ name: 'Extra' }), id: 5 });
    assert.equal(extra.statusCode, 422);
    assert.equal(await auditCount(t), before);
  });

  test('a second site of the same name in the département is refused on the name', async () => {
    const name = 'Antenne de Cluses';
    assert.equal((await api(t, o.admin74, 'POST', '/sites', newSite({ name }))).statusCode, 201);
    const again = await api(t, o.admin74, 'POST', '/sites', newSite({ name }));
    assert.equal(again.statusCode, 422);
    assert.deepEqual(again.json().error.fields[0], {
      field: 'name',
      code: 'name_taken',
      message: 'Un autre service du département porte déjà ce nom.',
    });
  });

  test('PUT replaces a site’s configuration with before and after in one audit entry', async () => {
    const id = o.fixture.siteId;
    const before = (await api(t, o.siteManager, 'GET', `/sites/${id}`)).json();
    const body = newSite({
      name: before.name,
      kind: 'prefecture',
      counters: ['Guichet 1', 'Guichet 2', 'Accueil'],
    });
    delete (body as Record<string, unknown>).departmentCode;
    const response = await api(t, o.siteManager, 'PUT', `/sites/${id}`, body);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json().counters, ['Guichet 1', 'Guichet 2', 'Accueil']);
    assert.deepEqual((await siteRow(id))?.counters, ['Guichet 1', 'Guichet 2', 'Accueil']);
    const entries = await auditOf(t, 'site.update', id);
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]?.before, before);
    assert.deepEqual(entries[0]?.after, response.json());
    assert.equal(entries[0]?.agent_id, o.siteManager.id);
  });

  test('another département’s site id in the URL is refused 403, an unknown one 404; nothing changes', async () => {
    const body = newSite({ name: 'Renommé' });
    delete (body as Record<string, unknown>).departmentCode;
    const before = await siteRow(o.otherSiteId);
    const count = await auditCount(t);
    const read = await api(t, o.admin74, 'GET', `/sites/${o.otherSiteId}`);
    assert.equal(read.statusCode, 403);
    const write = await api(t, o.admin74, 'PUT', `/sites/${o.otherSiteId}`, body);
    assert.equal(write.statusCode, 403);
    assert.equal(write.json().error.code, 'out_of_scope');
    assert.deepEqual(await siteRow(o.otherSiteId), before);
    assert.equal((await api(t, o.admin74, 'PUT', '/sites/999999', body)).statusCode, 404);
    assert.equal((await api(t, o.admin74, 'GET', '/sites/99999999999')).statusCode, 422);
    assert.equal(await auditCount(t), count);
    const allowed = await api(t, o.admin73, 'GET', `/sites/${o.otherSiteId}`);
    assert.equal(allowed.statusCode, 200);
  });

  test('the admin API is documented in /api/openapi.json with its bearer security', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/admin/sites', '/api/v1/admin/sites/{id}']) {
      assert.ok(document.paths[path], `${path} is documented`);
    }
    assert.deepEqual(document.paths['/api/v1/admin/sites'].post.security, [{ bearerAuth: [] }]);
  });
});

describe('the pages of sites', () => {
  const formFields = (overrides: Record<string, string> = {}) => ({
    departmentCode: '74',
    name: 'Antenne de Thonon',
    kind: 'antenne',
    address: '5 rue de la Paix\r\n74200 Thonon-les-Bains',
    counters: 'Guichet 1\r\nGuichet 2\r\n',
    callsBeforeMissed: '3',
    contactPhone: '04 50 71 00 00',
    contactEmail: '',
    'transport.fr': 'Bus ligne 1, arrêt Préfecture.',
    'transport.en': '',
    'transport.ar': '',
    'accessibility.fr': '',
    'accessibility.en': '',
    'accessibility.ar': '',
    'arrivalAdvice.fr': 'Venez 10 minutes en avance.',
    'arrivalAdvice.en': 'Come 10 minutes early.',
    'arrivalAdvice.ar': '',
    ...overrides,
  });

  test('the list shows the sites the agent covers with their offers, and nothing of another département', async () => {
    const response = await page(t, o.admin74, '/agents/services');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, new RegExp(`href="/agents/services/${o.fixture.siteId}"`));
    assert.match(
      response.body,
      new RegExp(`/agents/services/${o.fixture.siteId}/offres/${o.fixture.offerId}`),
    );
    assert.doesNotMatch(response.body, /Préfecture de Chambéry/);
    assert.match(response.body, /href="\/agents\/services\/nouveau"/);
    const manager = await page(t, o.siteManager, '/agents/services');
    assert.doesNotMatch(manager.body, /href="\/agents\/services\/nouveau"/, 'a site scope creates no site');
    assert.equal((await page(t, o.counterAgent, '/agents/services')).statusCode, 403);
  });

  test('creating a site through the form redirects to its page with a notice, and is audited once', async () => {
    const response = await submit(t, o.admin74, '/agents/services/nouveau', '/agents/services', formFields());
    assert.equal(response.statusCode, 303, response.body);
    const location = String(response.headers.location);
    const id = Number(/^\/agents\/services\/([0-9]+)\?enregistre=1$/.exec(location)?.[1]);
    assert.ok(id > 0, location);
    const shown = await page(t, o.admin74, location);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Les modifications sont enregistrées\./);
    assert.match(shown.body, /Guichet 1\nGuichet 2<\/textarea>/);
    const row = await siteRow(id);
    assert.equal(row?.address, '5 rue de la Paix\n74200 Thonon-les-Bains');
    assert.deepEqual(row?.arrival_advice, {
      fr: 'Venez 10 minutes en avance.',
      en: 'Come 10 minutes early.',
    });
    const entries = await auditOf(t, 'site.create', id);
    assert.equal(entries.length, 1);
    assert.equal((entries[0]?.after as { name: string } | undefined)?.name, 'Antenne de Thonon');
  });

  test('a form with mistakes comes back 422 with the values typed and each field’s message', async () => {
    const count = await auditCount(t);
    const response = await submit(
      t,
      o.admin74,
      '/agents/services/nouveau',
      '/agents/services',
      formFields({
        name: 'Antenne fautive',
        contactEmail: 'pas-une-adresse',
        'transport.fr': '',
        'transport.en': 'Bus 1',
      }),
    );
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /<title>Erreur :/);
    assert.match(response.body, /href="#contactEmail"/);
    assert.match(response.body, /href="#transport-fr"/);
    assert.match(response.body, /Indiquez une adresse électronique valide/);
    assert.match(response.body, /Écrivez d’abord le texte en français/);
    assert.match(response.body, /value="pas-une-adresse"/);
    assert.match(response.body, /Antenne fautive/);
    assert.equal(await auditCount(t), count);
    const english = await submit(
      t,
      o.admin74,
      '/agents/services/nouveau?lang=en',
      '/agents/services?lang=en',
      formFields({ name: 'Antenne fautive', contactEmail: 'pas-une-adresse' }),
    );
    assert.match(english.body, /Enter a valid email address/);
  });

  test('a form for another département is refused 403 and stores nothing', async () => {
    const count = await auditCount(t);
    const response = await submit(
      t,
      o.admin74,
      '/agents/services/nouveau',
      '/agents/services',
      formFields({ departmentCode: '73', name: 'Intrus par formulaire' }),
    );
    assert.equal(response.statusCode, 403);
    assert.equal(await auditCount(t), count);
  });

  test('editing a site through its page saves it, with before and after in the audit log', async () => {
    const id = o.fixture.siteId;
    const url = `/agents/services/${id}`;
    const form = await page(t, o.siteManager, url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`/agents/services/${id}/offres/nouvelle`));
    const before = await siteRow(id);
    const response = await submit(t, o.siteManager, url, url, {
      ...formFields({ name: String(before?.name), kind: 'prefecture' }),
      counters: 'Guichet 1\nGuichet 2\nGuichet 3',
      'accessibility.fr': 'Ascenseur à gauche de l’entrée.',
    });
    assert.equal(response.statusCode, 303, response.body);
    assert.equal(response.headers.location, `${url}?enregistre=1`);
    const row = await siteRow(id);
    assert.deepEqual(row?.counters, ['Guichet 1', 'Guichet 2', 'Guichet 3']);
    assert.deepEqual(row?.accessibility, { fr: 'Ascenseur à gauche de l’entrée.' });
    const entries = await auditOf(t, 'site.update', id);
    const last = entries.at(-1);
    assert.deepEqual((last?.after as { counters: string[] } | undefined)?.counters, [
      'Guichet 1',
      'Guichet 2',
      'Guichet 3',
    ]);
    assert.notDeepEqual((last?.before as { counters: string[] } | undefined)?.counters, [
      'Guichet 1',
      'Guichet 2',
      'Guichet 3',
    ]);
  });

  test('another département’s site in the address is refused 403, an unknown or malformed one 404', async () => {
    const before = await siteRow(o.otherSiteId);
    assert.equal((await page(t, o.admin74, `/agents/services/${o.otherSiteId}`)).statusCode, 403);
    const ownUrl = `/agents/services/${o.fixture.siteId}`;
    const tampered = await submit(
      t,
      o.admin74,
      ownUrl,
      `/agents/services/${o.otherSiteId}`,
      formFields({ name: 'Pris' }),
    );
    assert.equal(tampered.statusCode, 403);
    assert.deepEqual(await siteRow(o.otherSiteId), before);
    assert.equal((await page(t, o.admin74, '/agents/services/999999')).statusCode, 404);
    assert.equal((await page(t, o.admin74, '/agents/services/abc')).statusCode, 404);
    assert.equal((await page(t, o.admin74, '/agents/services/99999999999')).statusCode, 404);
  });

  test('a form posted without its anti-forgery field is refused', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/agents/services',
      headers: { cookie: o.admin74.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(formFields({ name: 'Sans jeton' })).toString(),
    });
    assert.equal(response.statusCode, 403);
    assert.equal(
      (await t.database.db.selectFrom('site').select('id').where('name', '=', 'Sans jeton').execute()).length,
      0,
    );
  });
});

describe('a site’s contact and access on the public directory', () => {
  test('the département’s page shows the office’s phone, email and access, in the visitor’s language', async () => {
    const id = o.fixture.siteId;
    const current = (await api(t, o.admin74, 'GET', `/sites/${id}`)).json();
    const { id: _id, departmentCode: _d, ...fields } = current;
    const saved = await api(t, o.admin74, 'PUT', `/sites/${id}`, {
      ...fields,
      contactPhone: '04 50 33 60 00',
      contactEmail: 'pref-etrangers@haute-savoie.gouv.fr',
      transport: { fr: 'Bus 2, arrêt Préfecture.', en: 'Bus 2, Préfecture stop.' },
      accessibility: { fr: 'Entrée accessible rue Dupanloup.' },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const english = mainText((await t.app.inject({ url: '/departements/74?lang=en' })).body);
    assert.match(english, /Phone: 04 50 33 60 00/);
    assert.match(english, /Email: pref-etrangers@haute-savoie\.gouv\.fr/);
    assert.match(english, /Getting there: Bus 2, Préfecture stop\./);
    assert.match(english, /Accessibility: Entrée accessible rue Dupanloup\./, 'French when not translated');
    const french = await t.app.inject({ url: '/departements/74?lang=fr' });
    assert.match(mainText(french.body), /Accès : Bus 2, arrêt Préfecture\./);
    assert.match(french.body, /href="tel:0450336000"/);
  });
});
