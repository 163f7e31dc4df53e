import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/app.ts';
import {
  api,
  auditCount,
  auditOf,
  type Offices,
  page,
  setUpOffices,
  submit,
} from './helpers/configuration.ts';

// The setting N of the counter loop (site.calls_before_missed, PRODUCT §4.4, decision 0041): how many
// calls before a person may be marked missed, set in the site's form and through the admin API, 1 to 10,
// audited with the site's other fields.

let t: TestApp;
let o: Offices;

before(async () => {
  t = await createTestApp();
  o = await setUpOffices(t);
});
after(() => t.close());

/** The setting N of an audit entry's before or after. */
const nOf = (value: unknown) =>
  (value as { callsBeforeMissed?: number } | null | undefined)?.callsBeforeMissed;

async function storedN(id: number): Promise<number | undefined> {
  const row = await t.database.db
    .selectFrom('site')
    .select('calls_before_missed')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.calls_before_missed;
}

/** The site as the API returns it, without its id and département: a PUT body. */
async function putBody(id: number): Promise<Record<string, unknown>> {
  const { id: _id, departmentCode: _code, ...body } = (await api(t, o.admin74, 'GET', `/sites/${id}`)).json();
  return body;
}

describe('the setting N through the admin API', () => {
  test('a site reads 3 by default; PUT sets it, audited before and after; PUT without it keeps it', async () => {
    const id = o.fixture.siteId;
    const body = await putBody(id);
    assert.equal(body.callsBeforeMissed, 3);
    const response = await api(t, o.siteManager, 'PUT', `/sites/${id}`, { ...body, callsBeforeMissed: 5 });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().callsBeforeMissed, 5);
    assert.equal(await storedN(id), 5);
    const entry = (await auditOf(t, 'site.update', id)).at(-1);
    assert.equal(nOf(entry?.before), 3);
    assert.equal(nOf(entry?.after), 5);
    const { callsBeforeMissed: _n, ...without } = body;
    const kept = await api(t, o.siteManager, 'PUT', `/sites/${id}`, {
      ...without,
      name: 'Préfecture (N gardé)',
    });
    assert.equal(kept.statusCode, 200, kept.body);
    assert.equal(kept.json().callsBeforeMissed, 5);
    assert.equal(await storedN(id), 5);
    await api(t, o.siteManager, 'PUT', `/sites/${id}`, { ...body, callsBeforeMissed: 3 });
  });

  test('a value outside 1..10, not whole or not a number is refused 422 on callsBeforeMissed; nothing stored', async () => {
    const id = o.fixture.siteId;
    const body = await putBody(id);
    const count = await auditCount(t);
    for (const value of [0, 11, 2.5, '3', null, -1]) {
      const response = await api(t, o.admin74, 'PUT', `/sites/${id}`, { ...body, callsBeforeMissed: value });
      assert.equal(response.statusCode, 422, `${value}: ${response.body}`);
      const fields = response.json().error.fields.map((f: { field: string }) => f.field);
      assert.deepEqual(fields, ['callsBeforeMissed'], String(value));
    }
    assert.equal(await storedN(id), 3);
    assert.equal(await auditCount(t), count);
  });

  test('a new site gets 3 unless given, and the value given otherwise', async () => {
    const base = {
      departmentCode: '74',
      kind: 'antenne',
      address: 'Cluses',
      counters: ['Guichet 1'],
    };
    const plain = await api(t, o.admin74, 'POST', '/sites', { ...base, name: 'Antenne de Cluses' });
    assert.equal(plain.statusCode, 201, plain.body);
    assert.equal(plain.json().callsBeforeMissed, 3);
    const two = await api(t, o.admin74, 'POST', '/sites', {
      ...base,
      name: 'Antenne de Sallanches',
      callsBeforeMissed: 2,
    });
    assert.equal(two.statusCode, 201, two.body);
    assert.equal(two.json().callsBeforeMissed, 2);
    assert.equal(await storedN(two.json().id), 2);
    const created = (await auditOf(t, 'site.create', two.json().id))[0];
    assert.equal(nOf(created?.after), 2);
  });

  test('the OpenAPI document gives the field with its bounds', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const schema = doc.paths['/api/v1/admin/sites/{id}'].put.requestBody.content['application/json'].schema;
    assert.equal(schema.properties.callsBeforeMissed.minimum, 1);
    assert.equal(schema.properties.callsBeforeMissed.maximum, 10);
    assert.ok(!schema.required.includes('callsBeforeMissed'));
  });
});

describe('the setting N in the site form', () => {
  const url = () => `/agents/services/${o.fixture.siteId}`;

  async function formFields(): Promise<Record<string, string>> {
    const form = await page(t, o.siteManager, url());
    const value = (name: string) =>
      new RegExp(`name="${name.replace('.', '\\.')}"[^>]*value="([^"]*)"`).exec(form.body)?.[1] ?? '';
    const counters = /name="counters"[^>]*>([^<]*)</.exec(form.body)?.[1] ?? '';
    const address = /name="address"[^>]*>([^<]*)</.exec(form.body)?.[1] ?? '';
    return {
      name: value('name'),
      kind: 'prefecture',
      address,
      counters,
      callsBeforeMissed: value('callsBeforeMissed'),
    };
  }

  test('the form shows the stored value; saving 4 stores it and audits the change', async () => {
    const fields = await formFields();
    assert.equal(fields.callsBeforeMissed, '3');
    const form = await page(t, o.siteManager, url());
    assert.match(form.body, /Appels avant absence/);
    const response = await submit(t, o.siteManager, url(), url(), { ...fields, callsBeforeMissed: '4' });
    assert.equal(response.statusCode, 303, response.body);
    assert.equal(await storedN(o.fixture.siteId), 4);
    const entry = (await auditOf(t, 'site.update', o.fixture.siteId)).at(-1);
    assert.equal(nOf(entry?.before), 3);
    assert.equal(nOf(entry?.after), 4);
    assert.equal((await formFields()).callsBeforeMissed, '4');
  });

  test('an empty, out-of-range or non-numeric value comes back 422 with the field’s message', async () => {
    const fields = await formFields();
    const count = await auditCount(t);
    const cases: [string, RegExp][] = [
      ['', /Ce champ est obligatoire\./],
      ['11', /Indiquez un nombre entre 1 et 10\./],
      ['0', /Indiquez un nombre entre 1 et 10\./],
      ['trois', /Indiquez un nombre entier\./],
    ];
    for (const [value, message] of cases) {
      const response = await submit(t, o.siteManager, url(), url(), { ...fields, callsBeforeMissed: value });
      assert.equal(response.statusCode, 422, value);
      assert.match(response.body, message, value);
      assert.match(response.body, /href="#callsBeforeMissed">Appels avant absence/);
    }
    assert.equal(await auditCount(t), count);
  });
});

test('the database refuses a value outside 1..10 whatever writes it', async () => {
  for (const value of [0, 11]) {
    await assert.rejects(
      t.database.db
        .updateTable('site')
        .set({ calls_before_missed: value })
        .where('id', '=', o.fixture.siteId)
        .execute(),
      (error: { constraint?: string }) => error.constraint === 'site_calls_before_missed_check',
    );
  }
});
