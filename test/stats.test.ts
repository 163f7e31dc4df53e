import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, createAgent, scope, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStatsFixture, type StatsFixture } from './helpers/stats.ts';

// The statistics (issue 10 item 8, decision 0040) on a fixed data set (test/helpers/stats.ts): the
// admin API's exact figures, the page's charts and tables, the CSV, the scope and the refused filters.

let t: TestApp;
let f: StatsFixture;
let manager: { cookie: string; token: string };
let national: string;
let viewerThonon: string;
let plainAgent: string;

before(async () => {
  t = await createTestApp({ now: '2030-01-20T10:00:00Z' });
  const db = t.database.db;
  const now = t.clock.now();
  let counterAgentId = 0;
  f = await createStatsFixture(db, async () => {
    const counter = await createAgent(db, t.config, { grants: [{ role: 'agent', scope: scope('74') }] });
    const partner = await createAgent(db, t.config, { grants: [{ role: 'partner', scope: scope('74') }] });
    counterAgentId = counter.id;
    return { counterAgent: counter.id, partnerAgent: partner.id };
  });
  const m = await createAgent(db, t.config, { grants: [{ role: 'site_manager', scope: scope('74') }] });
  manager = { cookie: await signedInCookie(db, t.config, m.id, now), token: await bearer(db, m.id, now) };
  const n = await createAgent(db, t.config, {
    grants: [{ role: 'administrator', scope: scope('national') }],
  });
  national = await bearer(db, n.id, now);
  const v = await createAgent(db, t.config, {
    grants: [{ role: 'viewer', scope: scope(`site:${f.thonon}`) }],
  });
  viewerThonon = await bearer(db, v.id, now);
  plainAgent = await signedInCookie(db, t.config, counterAgentId, now);
});
after(() => t.close());

const api = (query: string, authorization = manager.token) =>
  t.app.inject({ url: `/api/v1/admin/stats?${query}`, headers: { authorization } });
const page = (query: string, cookie = manager.cookie) =>
  t.app.inject({ url: `/agents/statistiques?${query}`, headers: { cookie } });

const ANNECY_W02 = {
  procedureTitle: 'Renouvellement',
  week: '2030-W02',
  seats: 10,
  booked: 6,
  confirmed: 4,
  cancelled: 1,
  revoked: 1,
  attended: 1,
  noShow: 1,
  seatsUsed: 4,
  fillRate: 0.4,
  medianWaitDays: null,
  noFreeSlotRate: null,
  requestsWaiting: 1,
  requestsUnserved: 1,
  bookedOnline: 4,
  bookedCounter: 1,
  bookedPartner: 1,
  medianWaitingMinutes: 20,
  medianWalkingMinutes: 2,
  medianServiceMinutes: 18,
};

describe('the statistics’ figures (admin API)', () => {
  test('one row per office, procedure and ISO week in scope, with exact figures', async () => {
    const response = await api('from=2030-01-07&to=2030-01-13');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.from, '2030-01-07');
    assert.equal(body.to, '2030-01-13');
    assert.deepEqual(
      body.rows.map((r: { siteId: number; week: string }) => [r.siteId, r.week]),
      [
        [f.annecy, '2030-W02'],
        [f.thonon, '2030-W02'],
      ],
      'Chambéry (73) is outside the 74 manager’s scope',
    );
    assert.deepEqual(body.rows[0], {
      siteId: f.annecy,
      siteName: "Préfecture d'Annecy",
      procedureId: f.procedureId,
      ...ANNECY_W02,
    });
    const thonon = body.rows[1];
    assert.deepEqual(
      [thonon.seats, thonon.booked, thonon.fillRate, thonon.medianWaitDays, thonon.requestsWaiting],
      [2, 0, 0, null, 1],
    );
  });

  test('the days given are widened to their ISO weeks, Monday to Sunday', async () => {
    const body = (await api(`from=2030-01-09&to=2030-01-15&site=${f.annecy}`)).json();
    assert.equal(body.from, '2030-01-07');
    assert.equal(body.to, '2030-01-20');
    const w03 = body.rows.find((r: { week: string }) => r.week === '2030-W03');
    assert.deepEqual(
      [w03.seats, w03.booked, w03.confirmed, w03.fillRate, w03.medianWaitDays, w03.bookedOnline],
      [5, 1, 1, 0.2, null, 1],
    );
    assert.equal(body.rows.length, 2);
  });

  test('without dates, the four weeks around today', async () => {
    const body = (await api('')).json();
    assert.equal(body.from, '2029-12-17');
    assert.equal(body.to, '2030-02-17');
    assert.equal(body.rows.length, 4);
  });

  test('the counter’s medians: waiting, walking, at the counter — none for a visit the day’s end closed', async () => {
    const w01 = (await api(`from=2030-01-02&to=2030-01-02&site=${f.annecy}`)).json().rows;
    assert.deepEqual(
      w01.map((r: Record<string, unknown>) => [
        r.week,
        r.attended,
        r.medianWaitingMinutes,
        r.medianWalkingMinutes,
        r.medianServiceMinutes,
      ]),
      [['2030-W01', 4, 7, 2, 22.5]],
    );
    const chambery = (await api(`from=2030-01-07&to=2030-01-13&site=${f.chambery}`, national)).json().rows[0];
    assert.deepEqual(
      [chambery.medianWaitingMinutes, chambery.medianWalkingMinutes, chambery.medianServiceMinutes],
      [10, 1, null],
    );
    const thonon = (await api(`from=2030-01-07&to=2030-01-13&site=${f.thonon}`)).json().rows[0];
    assert.equal(thonon.medianWaitingMinutes, null, 'no visit, no median');
  });

  test('a site outside the scope is a 404, like an absent one; in scope, its rows only', async () => {
    assert.equal((await api(`site=${f.chambery}`)).statusCode, 404);
    assert.equal((await api('site=999999')).statusCode, 404);
    const body = (await api(`from=2030-01-07&to=2030-01-13&site=${f.chambery}`, national)).json();
    assert.equal(body.rows.length, 1);
    assert.deepEqual(
      [
        body.rows[0].seats,
        body.rows[0].attended,
        body.rows[0].fillRate,
        body.rows[0].medianWaitDays,
        body.rows[0].noFreeSlotRate,
      ],
      [3, 1, 0.333, 5, 0.25],
    );
    const thononOnly = (await api('from=2030-01-07&to=2030-01-13', viewerThonon)).json();
    assert.deepEqual(
      thononOnly.rows.map((r: { siteId: number }) => r.siteId),
      [f.thonon],
    );
    assert.equal((await api(`site=${f.annecy}`, viewerThonon)).statusCode, 404);
  });

  test('bad filters are a 422 naming the field', async () => {
    const cases: [string, string, string][] = [
      ['from=2030-02-30', 'from', 'date_invalid'],
      ['to=07/01/2030', 'to', 'date_invalid'],
      ['from=2030-01-14&to=2030-01-07', 'to', 'before_from'],
      ['from=2030-01-07&to=2031-06-01', 'to', 'range_too_long'],
      ['site=abc', 'site', 'id_invalid'],
      ['procedure=0', 'procedure', 'id_invalid'],
    ];
    for (const [query, field, code] of cases) {
      const response = await api(query);
      assert.equal(response.statusCode, 422, query);
      const fields = response.json().error.fields;
      assert.deepEqual(
        fields.map((e: { field: string; code: string }) => [e.field, e.code]),
        [[field, code]],
        query,
      );
      assert.ok(fields[0].message.length > 10);
    }
  });

  test('without stats.read anywhere, a 403', async () => {
    const db = t.database.db;
    const a = await createAgent(db, t.config, { grants: [{ role: 'agent', scope: scope('74') }] });
    assert.equal((await api('', await bearer(db, a.id, t.clock.now()))).statusCode, 403);
    assert.equal((await page('', plainAgent)).statusCode, 403);
  });
});

const cellsOf = (row: string) => [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1] ?? '');
function tableRows(body: string, caption: string): string[][] {
  const start = body.indexOf(`<caption>${caption}</caption>`);
  assert.ok(start > 0, caption);
  const end = body.indexOf('</table>', start);
  return [...body.slice(start, end).matchAll(/<tr>(.*?)<\/tr>/gs)]
    .map((m) => cellsOf(m[1] ?? ''))
    .filter((cells) => cells.length > 0);
}

describe('the statistics page', () => {
  test('draws each chart as an SVG with its title and description, beside a table of the same numbers', async () => {
    const response = await page('from=2030-01-07&to=2030-01-20');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.body;
    assert.doesNotMatch(body, /<script(?![^>]*src="\/assets)/, 'no inline script');
    const svgs = [
      ...body.matchAll(
        /<svg [^>]*role="img"[^>]*aria-labelledby="([^"]+)"[^>]*>\s*<title id="[^"]+">([^<]+)<\/title>\s*<desc/g,
      ),
    ];
    assert.deepEqual(
      svgs.map((s) => s[2]),
      ['Places offertes et réservées par canal', 'Taux de remplissage et d’absence'],
    );
    assert.deepEqual(tableRows(body, 'Places offertes et réservées par canal, par semaine'), [
      ['2030-W02', '12', '4', '1', '1'],
      ['2030-W03', '5', '1', '0', '0'],
    ]);
    assert.deepEqual(tableRows(body, 'Taux de remplissage et d’absence, par semaine'), [
      ['2030-W02', '33,3 %', '50 %', '1', '1'],
      ['2030-W03', '20 %', '—', '0', '0'],
    ]);
    // The bars: W02's online bookings, 4 of them, on a scale whose top is 12 seats.
    assert.match(body, /<rect class="bar" data-series="bookedOnline" data-week="2030-W02"/);
    assert.equal((body.match(/<rect class="bar"/g) ?? []).length, 4, 'W02: 3 channels; W03: online');
    const detail = tableRows(body, 'Détail par service, démarche et semaine');
    assert.deepEqual(detail[0], [
      'Préfecture d&#39;Annecy',
      'Renouvellement',
      '2030-W02',
      '10',
      '6',
      '4',
      '1',
      '1',
      '1',
      '1',
      '40 %',
      '—',
      '—',
      '1',
      '1',
      '4',
      '1',
      '1',
      '20',
      '2',
      '18',
    ]);
    assert.equal(detail.length, 3);
    assert.match(body, /href="\/agents\/statistiques"[^>]*aria-current/);
    assert.match(body, /href="\/agents\/statistiques\.csv\?from=2030-01-07&amp;to=2030-01-20"/);
  });

  test('a bad date: the form again, 422, the field named', async () => {
    const response = await page('from=2030-13-01');
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /href="#from"/);
    assert.match(response.body, /AAAA-MM-JJ/);
    assert.doesNotMatch(response.body, /<svg/);
  });

  test('an office outside the scope is a 404, and is not among the filters', async () => {
    assert.equal((await page(`site=${f.chambery}`)).statusCode, 404);
    const body = (await page('')).body;
    assert.doesNotMatch(body, /Chambéry/);
    assert.match(body, new RegExp(`<option value="${f.thonon}"`));
  });
});

describe('the statistics’ CSV', () => {
  test('the detail table with machine-readable values, in scope only', async () => {
    const response = await t.app.inject({
      url: '/agents/statistiques.csv?from=2030-01-07&to=2030-01-13',
      headers: { cookie: manager.cookie },
    });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(String(response.headers['content-disposition']), /statistiques-2030-01-07-2030-01-13\.csv/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^Service;Démarche;Semaine;Places offertes;Réservées;/);
    assert.equal(
      lines[1],
      "Préfecture d'Annecy;Renouvellement;2030-W02;10;6;4;1;1;1;1;0.4;;;1;1;4;1;1;20;2;18",
    );
    assert.equal(
      lines[2],
      'Sous-préfecture de Thonon;Renouvellement;2030-W02;2;0;0;0;0;0;0;0;;;1;0;0;0;0;;;',
    );
    const refused = await t.app.inject({
      url: `/agents/statistiques.csv?site=${f.chambery}`,
      headers: { cookie: manager.cookie },
    });
    assert.equal(refused.statusCode, 404);
  });
});

describe('the statistics in the OpenAPI document', () => {
  test('GET /api/v1/admin/stats is documented behind the bearer scheme, with its filters', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const route = document.paths['/api/v1/admin/stats'].get;
    assert.deepEqual(route.security, [{ bearerAuth: [] }]);
    assert.deepEqual(route.parameters.map((p: { name: string }) => p.name).sort(), [
      'from',
      'procedure',
      'site',
      'to',
    ]);
    assert.ok(route.responses['200'] && route.responses['422']);
  });
});
