import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { purgePersonalData } from '../src/modules/booking/retention.ts';
import { runDraw } from '../src/modules/draw/draw-run.ts';
import { networkKey } from '../src/modules/protection/network-key.ts';
import { newAgentBearer } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createDrawScenario, createWeekDraw, type DrawScenario } from './helpers/draws.ts';
import { applicant } from './helpers/fixtures.ts';
import { requestBody } from './helpers/requests.ts';

// Where network keys are written (decision 0043): by the applicant's own submissions — the public
// API and the journeys' pages, bookings and requests — and not for a request an agent or a partner
// enters; a draw's booking keeps its request's key; the retention erases a request's key once it no
// longer waits.

let t: TestApp;
let scenario: DrawScenario;
let partner: string;
let csrf: { cookie: string; token: string };

before(async () => {
  t = await createTestApp({ now: '2029-12-20T10:00:00Z', env: { TRUST_PROXY: '127.0.0.1' } });
  scenario = await createDrawScenario(t.database.db);
  partner = await newAgentBearer(t, 'partner');
  const page = await t.app.inject({
    url: `/departements/74/demarches/${scenario.fixture.procedureCode}/demande?conditions=acceptees`,
  });
  const cookie = page.cookies.find((c) => c.name === 'csrf');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(cookie && token, page.body.slice(0, 300));
  csrf = { cookie: `csrf=${cookie.value}`, token };
});
after(() => t.close());

const keyFor = (address: string) => networkKey(t.config.secretKey, address);

async function requestKey(label: string) {
  const row = await t.database.db
    .selectFrom('request')
    .select(['id', 'network_key'])
    .where('label', '=', label)
    .executeTakeFirstOrThrow();
  return row;
}

function form(url: string, fields: Record<string, string>, address: string) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: csrf.cookie,
      'x-forwarded-for': address,
    },
  });
}

const identity = (who: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(who).map(([k, v]) => [`applicant.${k}`, String(v)]));

describe('network keys of requests and of the journeys', () => {
  const labels: Record<string, string> = {};

  test('POST /api/v1/requests keys the request by its network', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { 'x-forwarded-for': '198.51.100.20' },
      payload: requestBody(scenario.fixture, 501, { applicant: applicant(501, { lastName: 'Kone' }) }),
    });
    assert.equal(response.statusCode, 201, response.body);
    labels.online = (response.json() as { label: string }).label;
    const row = await requestKey(labels.online);
    assert.equal(row.network_key?.length, 32);
    assert.deepEqual(row.network_key, keyFor('198.51.100.20'));
  });

  test('a request a partner enters has none; an online update by the person gives it one', async () => {
    const who = applicant(502, { lastName: 'Traore' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/requests',
      headers: { authorization: partner, 'x-forwarded-for': '198.51.100.30' },
      payload: requestBody(scenario.fixture, 502, { applicant: who }),
    });
    assert.equal(response.statusCode, 201, response.body);
    labels.entered = (response.json() as { label: string }).label;
    assert.equal((await requestKey(labels.entered)).network_key, null);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/requests',
      headers: { authorization: partner, 'x-forwarded-for': '198.51.100.30' },
      payload: requestBody(scenario.fixture, 506, {
        applicant: applicant(506, { lastName: 'Haddad' }),
        siteIds: [scenario.fixture.drawSiteIds[1]],
        halfDays: [],
      }),
    });
    assert.equal(other.statusCode, 201, other.body);
    labels.enteredOnly = (other.json() as { label: string }).label;
    assert.equal((await requestKey(labels.enteredOnly)).network_key, null);

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { 'x-forwarded-for': '2001:db8:30:1::1' },
      payload: requestBody(scenario.fixture, 502, { applicant: who, halfDays: [] }),
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual((await requestKey(labels.entered)).network_key, keyFor('2001:db8:30:1::9'));
    // A later update from elsewhere keeps the first network.
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { 'x-forwarded-for': '203.0.113.30' },
      payload: requestBody(scenario.fixture, 502, { applicant: who }),
    });
    assert.equal(third.statusCode, 200, third.body);
    assert.deepEqual((await requestKey(labels.entered)).network_key, keyFor('2001:db8:30:1::9'));
  });

  test('the request journey’s last step keys the request', async () => {
    const who = applicant(503, { lastName: 'Nguyen' });
    const result = await form(
      '/demandes/valider',
      {
        departement: '74',
        demarche: scenario.fixture.procedureCode,
        [`site-${scenario.fixture.drawSiteIds[0]}`]: 'oui',
        ...identity(who),
      },
      '198.51.100.40',
    );
    assert.equal(result.statusCode, 200, result.body);
    const label = /class="creneau-label">([0-9A-Z]{10})</.exec(result.body)?.[1];
    assert.ok(label, result.body);
    labels.journey = label;
    assert.deepEqual((await requestKey(label)).network_key, keyFor('198.51.100.40'));
  });

  test('the booking journey’s last step keys the booking', async () => {
    const who = applicant(504, { lastName: 'Schmidt' });
    const result = await form(
      '/rendez-vous/valider',
      { slotId: String(scenario.fixture.slotIds[0]), ...identity(who) },
      '2001:db8:40:1::1',
    );
    assert.equal(result.statusCode, 200, result.body);
    const row = await t.database.db
      .selectFrom('booking')
      .select('network_key')
      .where('email', '=', who.email)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.network_key, keyFor('2001:db8:40:1::abcd'));
  });

  test('a draw’s booking keeps its request’s key; none for a request only the partner entered', async () => {
    const drawId = await createWeekDraw(t.database.db, scenario);
    t.clock.set('2029-12-20T11:00:00Z');
    await runDraw({ db: t.database.db, clock: t.clock, config: t.config }, drawId);
    const won = await t.database.db
      .selectFrom('booking')
      .innerJoin('request', 'request.id', 'booking.request_id')
      .select(['request.label', 'booking.network_key'])
      .where('booking.draw_id', '=', drawId)
      .execute();
    const keyOf = new Map(won.map((w) => [w.label, w.network_key]));
    assert.deepEqual(keyOf.get(labels.online as string), keyFor('198.51.100.20'));
    assert.deepEqual(keyOf.get(labels.journey as string), keyFor('198.51.100.40'));
    assert.deepEqual(keyOf.get(labels.entered as string), keyFor('2001:db8:30:1::1'));
    assert.ok(keyOf.has(labels.enteredOnly as string), 'the partner’s entry won its seat');
    assert.equal(keyOf.get(labels.enteredOnly as string), null);
  });

  test('the retention erases the keys of requests that no longer wait, and keeps the others', async () => {
    const waiting = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { 'x-forwarded-for': '198.51.100.50' },
      payload: requestBody(scenario.fixture, 505, { applicant: applicant(505, { lastName: 'Okafor' }) }),
    });
    assert.equal(waiting.statusCode, 201, waiting.body);
    const waitingLabel = (waiting.json() as { label: string }).label;
    await purgePersonalData(t.database.db, t.clock.now());
    for (const label of [labels.online, labels.journey, labels.entered])
      assert.equal((await requestKey(label as string)).network_key, null, `${label} won: erased`);
    assert.deepEqual((await requestKey(waitingLabel)).network_key, keyFor('198.51.100.50'));
    const pending = await t.database.db
      .selectFrom('booking')
      .select('network_key')
      .where('status', '=', 'pending')
      .where('network_key', 'is not', null)
      .execute();
    assert.ok(pending.length >= 3, 'the won bookings, still active, keep theirs');
  });
});
