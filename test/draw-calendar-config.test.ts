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

// A draw offer's calendar, set by a site manager on the back office's page and through the admin API
// (issue 9 item 1): saved and audited, refused field by field, out of reach outside the agent's scope
// and for an offer of another channel.

let t: TestApp;
let o: Offices;
let drawOfferId: number;
let otherDrawOfferId: number;

const CALENDAR = {
  firstOpensOn: '2030-01-07',
  opensAt: '09:00',
  windowDays: 2,
  closesAt: '12:00',
  periodDays: 7,
  leadDays: 5,
};

async function drawOffer(siteId: number): Promise<number> {
  const procedure = await t.database.db
    .insertInto('procedure')
    .values({
      code: `tirage-${Math.random().toString(36).slice(2, 8)}`,
      title: 'Renouvellement par tirage',
      duration_minutes: 20,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offer = await t.database.db
    .insertInto('offer')
    .values({ procedure_id: procedure.id, site_id: siteId, channel: 'draw' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return offer.id;
}

before(async () => {
  t = await createTestApp({ now: '2030-01-08T09:00:00Z' });
  o = await setUpOffices(t);
  drawOfferId = await drawOffer(o.fixture.siteId);
  otherDrawOfferId = await drawOffer(o.otherSiteId);
});
after(() => t.close());

const url = (offerId: number) => `/offers/${offerId}/draw-calendar`;

describe('the admin API of draw calendars', () => {
  test('a draw offer has no calendar until one is put; then it answers it with its windows, audited', async () => {
    const empty = await api(t, o.siteManager, 'GET', url(drawOfferId));
    assert.equal(empty.statusCode, 200, empty.body);
    assert.deepEqual(empty.json(), {
      offerId: drawOfferId,
      calendar: null,
      currentWindow: null,
      nextWindow: null,
    });
    const put = await api(t, o.siteManager, 'PUT', url(drawOfferId), CALENDAR);
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json().calendar, { ...CALENDAR, active: true });
    assert.deepEqual(put.json().currentWindow, {
      opensAt: '2030-01-07T08:00:00.000Z',
      closesAt: '2030-01-09T11:00:00.000Z',
      slotsFrom: '2030-01-14',
      slotsTo: '2030-01-20',
    });
    assert.equal(put.json().nextWindow.opensAt, '2030-01-14T08:00:00.000Z');
    const read = await api(t, o.siteManager, 'GET', url(drawOfferId));
    assert.deepEqual(read.json(), put.json());
    const [entry] = await auditOf(t, 'draw_calendar.save', drawOfferId);
    assert.equal(entry?.agent_id, o.siteManager.id);
    assert.equal(entry?.site_id, o.fixture.siteId);
    assert.equal(entry?.before, null);
    assert.deepEqual(entry?.after, { offerId: drawOfferId, ...CALENDAR, active: true });
  });

  test('refused fields are named, and nothing is stored or audited', async () => {
    const entries = await auditCount(t);
    const bad = await api(t, o.admin74, 'PUT', url(drawOfferId), {
      ...CALENDAR,
      firstOpensOn: '2030-02-30',
      opensAt: '25:00',
      windowDays: 0,
    });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.deepEqual(
      bad.json().error.fields.map((f: { field: string; code: string }) => `${f.field} ${f.code}`),
      ['firstOpensOn date_format', 'opensAt time_format', 'windowDays out_of_range'],
    );
    const overlap = await api(t, o.admin74, 'PUT', url(drawOfferId), { ...CALENDAR, windowDays: 7 });
    assert.equal(overlap.statusCode, 422);
    assert.equal(overlap.json().error.fields[0].field, 'windowDays');
    assert.match(overlap.json().error.fields[0].message, /avant l’ouverture de la suivante/);
    const typed = await api(t, o.admin74, 'PUT', url(drawOfferId), { ...CALENDAR, leadDays: 'cinq' });
    assert.equal(typed.statusCode, 422);
    assert.equal(await auditCount(t), entries);
    assert.equal((await api(t, o.admin74, 'GET', url(drawOfferId))).json().calendar.windowDays, 2);
  });

  test('out of scope and for another channel the calendar does not exist; without the right, 403', async () => {
    assert.equal((await api(t, o.admin73, 'GET', url(drawOfferId))).statusCode, 404);
    assert.equal((await api(t, o.admin73, 'PUT', url(drawOfferId), CALENDAR)).statusCode, 404);
    assert.equal((await api(t, o.siteManager, 'GET', url(otherDrawOfferId))).statusCode, 404);
    assert.equal(
      (await api(t, o.siteManager, 'GET', url(o.fixture.offerId))).statusCode,
      404,
      'a booking offer',
    );
    assert.equal((await api(t, o.siteManager, 'GET', url(999_999))).statusCode, 404);
    const counter = await api(t, o.counterAgent, 'PUT', url(drawOfferId), CALENDAR);
    assert.equal(counter.statusCode, 403);
    assert.equal((await api(t, undefined, 'GET', url(drawOfferId))).statusCode, 401);
    assert.equal((await api(t, o.national, 'GET', url(otherDrawOfferId))).statusCode, 200);
  });
});

test('the calendar routes are in the OpenAPI document behind the bearer scheme, with their bodies', async () => {
  const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
  const path = document.paths['/api/v1/admin/offers/{id}/draw-calendar'];
  assert.deepEqual(path.get.security, [{ bearerAuth: [] }]);
  assert.deepEqual(path.put.security, [{ bearerAuth: [] }]);
  const body = path.put.requestBody.content['application/json'].schema;
  assert.deepEqual(Object.keys(body.properties).sort(), [
    'active',
    'closesAt',
    'firstOpensOn',
    'leadDays',
    'opensAt',
    'periodDays',
    'windowDays',
  ]);
  assert.ok(path.put.responses['422']);
});

describe('the calendar page of a draw offer', () => {
  const pageUrl = () => `/agents/services/${o.fixture.siteId}/offres/${drawOfferId}/tirages`;

  test('the offer’s page links to it; it shows the coming windows in the office’s time', async () => {
    const offer = await page(t, o.siteManager, `/agents/services/${o.fixture.siteId}/offres/${drawOfferId}`);
    assert.match(offer.body, new RegExp(`href="${pageUrl()}"`));
    const booking = await page(
      t,
      o.siteManager,
      `/agents/services/${o.fixture.siteId}/offres/${o.fixture.offerId}`,
    );
    assert.doesNotMatch(booking.body, /offres\/\d+\/tirages"/);
    const calendar = await page(t, o.siteManager, pageUrl());
    assert.equal(calendar.statusCode, 200);
    assert.match(
      mainText(calendar.body),
      /Période en cours — Dépôt du lundi 7 janvier 2030 à 09:00 au mercredi 9 janvier 2030 à 12:00/,
    );
    assert.match(calendar.body, /name="_csrf"/);
  });

  test('saving changes the calendar, audited, then shows the notice', async () => {
    const response = await submit(t, o.siteManager, pageUrl(), pageUrl(), {
      firstOpensOn: '2030-01-06',
      opensAt: '08:30',
      windowDays: '3',
      closesAt: '18:00',
      periodDays: '14',
      leadDays: '7',
      active: 'oui',
    });
    assert.equal(response.statusCode, 303, response.body);
    assert.equal(response.headers.location, `${pageUrl()}?enregistre=1`);
    const read = (await api(t, o.siteManager, 'GET', url(drawOfferId))).json();
    assert.deepEqual(read.calendar, {
      firstOpensOn: '2030-01-06',
      opensAt: '08:30',
      windowDays: 3,
      closesAt: '18:00',
      periodDays: 14,
      leadDays: 7,
      active: true,
    });
    const entries = await auditOf(t, 'draw_calendar.save', drawOfferId);
    assert.equal(entries.at(-1)?.agent_id, o.siteManager.id);
    assert.equal((entries.at(-1)?.before as { periodDays: number } | undefined)?.periodDays, 7);
    const notice = await page(t, o.siteManager, `${pageUrl()}?enregistre=1`);
    assert.match(notice.body, /Le calendrier est enregistré/);
  });

  test('refused fields are shown on the form, each named, and nothing is saved', async () => {
    const entries = await auditCount(t);
    const response = await submit(t, o.siteManager, pageUrl(), pageUrl(), {
      firstOpensOn: '',
      opensAt: '9h',
      windowDays: 'deux',
      closesAt: '12:00',
      periodDays: '7',
      leadDays: '500',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /<title>Erreur/);
    for (const field of ['firstOpensOn', 'opensAt', 'windowDays', 'leadDays']) {
      assert.match(response.body, new RegExp(`href="#${field}"`), `the summary links to ${field}`);
      assert.match(response.body, new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    }
    assert.match(response.body, /Indiquez une heure au format HH:MM/);
    assert.match(response.body, /Indiquez un nombre entre 1 et 180/);
    assert.match(response.body, /value="9h"/, 'what was typed is shown again');
    assert.equal(await auditCount(t), entries);
  });

  test('out of scope, the page does not exist', async () => {
    const other = await page(t, o.admin73, pageUrl());
    assert.equal(other.statusCode, 404);
    const wrongSite = await page(
      t,
      o.national,
      `/agents/services/${o.otherSiteId}/offres/${drawOfferId}/tirages`,
    );
    assert.equal(wrongSite.statusCode, 404);
  });
});
