import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import type { BookingStatus } from '../src/db/schema.ts';
import { createCaptcha } from '../src/modules/protection/captcha.ts';
import { bearer, createAgent, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { LOOP_COLUMNS, LOOP_PATHS } from './helpers/booking-paths.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';

// Issue 10 item 1: the office's agenda on a fixed data set. Today is Sunday 6 January 2030 in
// Annecy (UTC+1); the week of Monday 7 holds the appointments, Saturday 5 one already past.

let t: TestApp;
let fixture: Fixture;
let otherSiteId: number;
let token: string;
let partnerToken: string;
let cookie: string;
let agentId: number;

/** Runs `check` with the clock at `instant` (and a session opened then), then back to Sunday. */
async function at(instant: string, check: () => Promise<void>) {
  const renew = async (when: string) => {
    t.clock.set(when);
    cookie = await signedInCookie(t.database.db, t.config, agentId, t.clock.now());
  };
  await renew(instant);
  try {
    await check();
  } finally {
    await renew('2030-01-06T10:00:00Z');
  }
}

const PATHS: Record<BookingStatus, BookingStatus[]> = {
  pending: [],
  confirmed: ['confirmed'],
  expired: ['expired'],
  cancelled: ['confirmed', 'cancelled'],
  revoked: ['confirmed', 'revoked'],
  attended: ['confirmed', 'attended'],
  no_show: ['confirmed', 'no_show'],
  ...LOOP_PATHS,
};

const LOOP_STATUSES = new Set<BookingStatus>(Object.keys(LOOP_PATHS) as BookingStatus[]);

async function slotAt(offerId: number, start: string): Promise<string> {
  const startsAt = new Date(start);
  const row = await t.database.db
    .insertInto('slot')
    .values({
      offer_id: offerId,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 20 * 60_000),
      capacity: 5,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let n = 0;
async function book(
  slotId: string,
  procedureId: number,
  b: {
    reference: string;
    lastName: string;
    firstName: string;
    foreignerNumber: string;
    status: BookingStatus;
  },
) {
  n += 1;
  const db = t.database.db;
  const { id } = await db
    .insertInto('booking')
    .values({
      reference: b.reference,
      slot_id: slotId,
      procedure_id: procedureId,
      identity_key: `F:${b.foreignerNumber}`,
      email_key: `agenda.${n}@example.org`,
      last_name: b.lastName,
      first_name: b.firstName,
      birth_date: '1990-01-01',
      email: `agenda.${n}@example.org`,
      foreigner_number: b.foreignerNumber,
      hold_expires_at: new Date('2030-01-10T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const status of PATHS[b.status]) {
    await db
      .updateTable('booking')
      // The loop's columns only on the loop's steps: a confirmed booking has no counter.
      .set({ status, ...(LOOP_STATUSES.has(status) ? LOOP_COLUMNS : {}) })
      .where('id', '=', id)
      .execute();
  }
}

before(async () => {
  t = await createTestApp({ now: '2030-01-06T10:00:00Z' });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 0 });
  const { offerId: o, procedureId: p } = fixture;
  const monday9 = await slotAt(o, '2030-01-07T08:00:00Z');
  const monday10 = await slotAt(o, '2030-01-07T09:00:00Z');
  const monday11 = await slotAt(o, '2030-01-07T10:00:00Z');
  const tuesday = await slotAt(o, '2030-01-08T08:00:00Z');
  const saturday = await slotAt(o, '2030-01-05T08:00:00Z');
  await book(monday9, p, {
    reference: '74-AGDA-0001',
    lastName: 'Dupont',
    firstName: 'Amina',
    foreignerNumber: '7400000001',
    status: 'confirmed',
  });
  await book(monday10, p, {
    reference: '74-AGDA-0002',
    lastName: 'Martin',
    firstName: 'Paul',
    foreignerNumber: '7400000002',
    status: 'cancelled',
  });
  await book(monday10, p, {
    reference: '74-AGDA-0003',
    lastName: 'Bernard',
    firstName: 'Léa',
    foreignerNumber: '7400000003',
    status: 'pending',
  });
  await book(monday11, p, {
    reference: '74-AGDA-0004',
    lastName: 'Nguyen',
    firstName: 'Thi',
    foreignerNumber: '7400000004',
    status: 'revoked',
  });
  await book(monday11, p, {
    reference: '74-AGDA-0005',
    lastName: 'Zed',
    firstName: 'Expiré',
    foreignerNumber: '7400000005',
    status: 'expired',
  });
  await book(tuesday, p, {
    reference: '74-AGDA-0006',
    lastName: 'Haddad',
    firstName: 'Karim',
    foreignerNumber: '2008006503',
    status: 'confirmed',
  });
  await book(saturday, p, {
    reference: '74-AGDA-0007',
    lastName: 'Dupont',
    firstName: 'Passé',
    foreignerNumber: '7400000007',
    status: 'confirmed',
  });

  await db
    .insertInto('department')
    .values({ code: '84', name: 'Vaucluse', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .execute();
  const other = await db
    .insertInto('site')
    .values({ department_code: '84', name: 'Préfecture de Vaucluse', kind: 'prefecture', address: 'Avignon' })
    .returning('id')
    .executeTakeFirstOrThrow();
  otherSiteId = other.id;
  const otherOffer = await db
    .insertInto('offer')
    .values({ procedure_id: p, site_id: other.id, channel: 'booking' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const otherSlot = await slotAt(otherOffer.id, '2030-01-07T08:00:00Z');
  await book(otherSlot, p, {
    reference: '84-AGDA-0008',
    lastName: 'Dupont',
    firstName: 'Ailleurs',
    foreignerNumber: '8400000008',
    status: 'confirmed',
  });

  const siteScope = { kind: 'site' as const, siteId: fixture.siteId, departmentCode: '74' };
  const agent = await createAgent(db, t.config, { grants: [{ role: 'agent', scope: siteScope }] });
  token = await bearer(db, agent.id, t.clock.now());
  agentId = agent.id;
  cookie = await signedInCookie(db, t.config, agent.id, t.clock.now());
  const partner = await createAgent(db, t.config, { grants: [{ role: 'partner', scope: siteScope }] });
  partnerToken = await bearer(db, partner.id, t.clock.now());
});
after(() => t.close());

const api = (url: string, authorization = token) => t.app.inject({ url, headers: { authorization } });
const page = (url: string) => t.app.inject({ url, headers: { cookie, accept: 'text/html' } });
const agendaApi = (query: string, siteId = fixture.siteId) =>
  api(`/api/v1/admin/sites/${siteId}/agenda${query}`);

describe('the admin API twin', () => {
  test('a day lists exactly reference, status, start, lastName, firstName, in time order; pending and expired left out', async () => {
    const response = await agendaApi('?date=2030-01-07');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), [
      {
        reference: '74-AGDA-0001',
        status: 'confirmed',
        start: '2030-01-07T09:00:00+01:00',
        lastName: 'Dupont',
        firstName: 'Amina',
      },
      {
        reference: '74-AGDA-0002',
        status: 'cancelled',
        start: '2030-01-07T10:00:00+01:00',
        lastName: 'Martin',
        firstName: 'Paul',
      },
      {
        reference: '74-AGDA-0004',
        status: 'revoked',
        start: '2030-01-07T11:00:00+01:00',
        lastName: 'Nguyen',
        firstName: 'Thi',
      },
    ]);
  });

  test('without a date it is today in the office’s zone; another date its own day', async () => {
    assert.deepEqual((await agendaApi('')).json(), []);
    const tuesday = (await agendaApi('?date=2030-01-08')).json() as { reference: string }[];
    assert.deepEqual(
      tuesday.map((e) => e.reference),
      ['74-AGDA-0006'],
    );
    // 23:30 UTC on Monday is already Tuesday in Annecy.
    await at('2030-01-07T23:30:00Z', async () => {
      const today = (await agendaApi('')).json() as { reference: string }[];
      assert.deepEqual(
        today.map((e) => e.reference),
        ['74-AGDA-0006'],
      );
    });
  });

  test('a malformed or impossible date is refused naming date', async () => {
    for (const date of ['2030-13-01', '07/01/2030', '2030-02-30', 'demain', '2030-1-7']) {
      const response = await agendaApi(`?date=${encodeURIComponent(date)}`);
      assert.ok([400, 422].includes(response.statusCode), `${date}: ${response.statusCode}`);
      const fields = (response.json().error.fields ?? []) as { field: string }[];
      assert.deepEqual(
        fields.map((f) => f.field),
        ['date'],
        date,
      );
    }
  });

  test('another département’s office and an unknown one are 404; without agenda.read 403; without a token 401', async () => {
    assert.equal((await agendaApi('?date=2030-01-07', otherSiteId)).statusCode, 404);
    assert.equal((await agendaApi('?date=2030-01-07', 999_999)).statusCode, 404);
    assert.equal((await api(`/api/v1/admin/sites/${fixture.siteId}/agenda`, partnerToken)).statusCode, 403);
    assert.equal((await api(`/api/v1/admin/sites/${fixture.siteId}/agenda`, '')).statusCode, 401);
  });

  test('the route is in the OpenAPI document behind the bearer scheme', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const route = document.paths['/api/v1/admin/sites/{id}/agenda']?.get;
    assert.ok(route, 'documented');
    assert.deepEqual(route.security, [{ bearerAuth: [] }]);
  });
});

describe('the agenda page', () => {
  test('the day: plain HTML rows in time order, cancelled ones shown as such, nothing pending or expired', async () => {
    const response = await page(`/agents/agenda?site=${fixture.siteId}&date=2030-01-07`);
    assert.equal(response.statusCode, 200);
    const body = response.body;
    const order = ['74-AGDA-0001', '74-AGDA-0002', '74-AGDA-0004'].map((ref) => body.indexOf(ref));
    assert.ok(
      order.every((at) => at > 0),
      'each appointment is in the HTML',
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'in time order',
    );
    assert.ok(!body.includes('74-AGDA-0003') && !body.includes('74-AGDA-0005'), 'no pending or expired one');
    assert.match(
      body,
      /<tr class="creneau-agenda-struck"><td>10:00<\/td><td dir="ltr">74-AGDA-0002<\/td>.*Annulé par l&#39;usager|<tr class="creneau-agenda-struck"><td>10:00<\/td><td dir="ltr">74-AGDA-0002<\/td>.*Annulé par l'usager/,
    );
    assert.match(body, /74-AGDA-0004<\/td>.*Annulé par le service/);
    assert.match(body, /<td>09:00<\/td><td dir="ltr">74-AGDA-0001<\/td><td>Dupont<\/td><td>Amina<\/td>/);
  });

  test('the page links its print stylesheet and its script, and has no inline script', async () => {
    const body = (await page(`/agents/agenda?site=${fixture.siteId}&date=2030-01-07`)).body;
    const print = /<link rel="stylesheet" media="print" href="(\/assets\/[^"]+\/css\/print\.css)">/.exec(
      body,
    );
    assert.ok(print?.[1], 'print stylesheet linked');
    const css = await t.app.inject({ url: print[1] });
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['content-type'] as string, /text\/css/);
    assert.match(css.body, /break-before: page/);
    const script = /<script type="module" src="(\/assets\/[^"]+\/js\/agenda\.js)"><\/script>/.exec(body);
    assert.ok(script?.[1], 'refresh script linked');
    assert.match((await t.app.inject({ url: script[1] })).body, /setInterval\(refresh, PERIOD_MS\)/);
    assert.deepEqual(body.match(/<script(?![^>]*\bsrc=)[^>]*>/g), null, 'no inline script');
    assert.match(
      body,
      new RegExp(
        `data-agenda-feed="/agents/agenda/donnees\\?site=${fixture.siteId}&amp;date=2030-01-07&amp;vue=jour"`,
      ),
    );
  });

  test('the week: seven tables from Monday to Sunday, each day’s appointments in its own', async () => {
    const body = (await page(`/agents/agenda?site=${fixture.siteId}&date=2030-01-09&vue=semaine`)).body;
    const days = [...body.matchAll(/<tbody data-agenda-day="([\d-]+)">([\s\S]*?)<\/tbody>/g)];
    assert.deepEqual(
      days.map((d) => d[1]),
      ['2030-01-07', '2030-01-08', '2030-01-09', '2030-01-10', '2030-01-11', '2030-01-12', '2030-01-13'],
    );
    assert.match(days[0]?.[2] ?? '', /74-AGDA-0001/);
    assert.match(days[1]?.[2] ?? '', /74-AGDA-0006/);
    assert.match(days[2]?.[2] ?? '', /Aucun rendez-vous/);
    assert.ok(!body.includes('74-AGDA-0007'), 'Saturday 5 is another week');
  });

  test('the office defaults to the agent’s, the day to today, and tomorrow’s list is one link away', async () => {
    const body = (await page('/agents/agenda')).body;
    assert.match(body, /<tbody data-agenda-day="2030-01-06">/);
    assert.match(
      body,
      new RegExp(
        `href="/agents/agenda\\?site=${fixture.siteId}&amp;date=2030-01-07&amp;vue=jour">Liste de demain pour l&#39;accueil|href="/agents/agenda\\?site=${fixture.siteId}&amp;date=2030-01-07&amp;vue=jour">Liste de demain pour l'accueil`,
      ),
    );
    assert.match(
      body,
      /href="\/agents\/agenda"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/agents\/agenda"/,
    );
  });

  test('another département’s office is a 404 page; a malformed date a 4xx naming the date', async () => {
    assert.equal((await page(`/agents/agenda?site=${otherSiteId}`)).statusCode, 404);
    const bad = await page(`/agents/agenda?site=${fixture.siteId}&date=2030-02-30`);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /La date doit exister et s’écrire AAAA-MM-JJ/);
    assert.match(bad.body, /id="date"[^>]*aria-invalid="true"/);
  });

  test('the JSON twin gives the same rows with their texts, for the script', async () => {
    const response = await t.app.inject({
      url: `/agents/agenda/donnees?site=${fixture.siteId}&date=2030-01-07&vue=jour`,
      headers: { cookie, accept: 'application/json' },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const feed = response.json();
    assert.equal(feed.days.length, 1);
    assert.deepEqual(feed.days[0].rows[1], {
      time: '10:00',
      reference: '74-AGDA-0002',
      lastName: 'Martin',
      firstName: 'Paul',
      procedure: '3.1 Renouvellement de visa de long séjour valant titre de séjour',
      counter: '',
      status: 'cancelled',
      statusLabel: "Annulé par l'usager",
      struck: true,
    });
    assert.match(feed.updated, /^Mis à jour à 11:00\.$/);
    const other = await t.app.inject({
      url: `/agents/agenda/donnees?site=${otherSiteId}`,
      headers: { cookie },
    });
    assert.equal(other.statusCode, 404);
  });
});

describe('the search among upcoming appointments', () => {
  const found = async (q: string) => {
    const body = (
      await page(`/agents/agenda?site=${fixture.siteId}&date=2030-01-20&q=${encodeURIComponent(q)}`)
    ).body;
    const results = /<caption>Rendez-vous à venir[\s\S]*?<\/tbody>/.exec(body)?.[0] ?? '';
    return [...results.matchAll(/\d{2}-AGDA-\d{4}/g)].map((m) => m[0]);
  };

  test('by reference, in any case', async () => {
    assert.deepEqual(await found('74-agda-0001'), ['74-AGDA-0001']);
  });

  test('by name: never a past appointment, never another département’s, never a cancelled one', async () => {
    assert.deepEqual(await found('dupont'), ['74-AGDA-0001']);
    assert.deepEqual(await found('Amina Dupont'), ['74-AGDA-0001']);
    assert.deepEqual(await found('martin'), []);
  });

  test('by foreigner number, the 9 digits of an old card included', async () => {
    assert.deepEqual(await found('7400000001'), ['74-AGDA-0001']);
    assert.deepEqual(await found('208006503'), ['74-AGDA-0006']);
    assert.deepEqual(await found('7400000007'), [], 'a past appointment');
  });

  test('today’s earlier appointments are still found, yesterday’s are not', async () => {
    // Noon on Monday: 09:00 has passed, yet the person may be at the counter, late.
    await at('2030-01-07T11:00:00Z', async () => assert.deepEqual(await found('Amina'), ['74-AGDA-0001']));
    await at('2030-01-08T07:00:00Z', async () => assert.deepEqual(await found('Amina'), []));
  });

  test('one character is too short, and says so', async () => {
    const body = (await page(`/agents/agenda?site=${fixture.siteId}&q=D`)).body;
    assert.match(body, /Saisissez au moins deux caractères/);
  });

  test('the searched text never reaches the log', async () => {
    const lines: string[] = [];
    const config = { ...t.config, logLevel: 'trace' };
    const captcha = createCaptcha({
      db: t.database.db,
      secretKey: config.secretKey,
      clock: t.clock,
      enabled: false,
      cost: 10,
    });
    const app = await buildApp({
      config,
      db: t.database.db,
      clock: t.clock,
      captcha,
      mailCapture: undefined,
      wakeOutbox: () => {},
      logStream: { write: (line: string) => lines.push(line) },
    });
    try {
      const response = await app.inject({ url: '/agents/agenda?q=Haddad%207400000001', headers: { cookie } });
      assert.equal(response.statusCode, 200);
      const log = lines.join('');
      assert.match(log, /\/agents\/agenda/);
      assert.ok(!log.includes('Haddad') && !log.includes('7400000001'), log);
    } finally {
      await app.close();
    }
  });
});
