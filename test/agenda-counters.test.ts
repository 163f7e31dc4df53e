import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BookingStatus } from '../src/db/schema.ts';
import { bearer, createAgent, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { LOOP_PATHS } from './helpers/booking-paths.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import { openCounters } from './helpers/queue.ts';

// The agenda per counter (decision 0041's consequences): an entry names the counter of the person's
// last call, `?counter=` (API) and `guichet=` (page, its feed) keep one counter's calls, and the page
// says the loop's statuses in words. Fixed data: Monday 7 January 2030 in Annecy, one booking in each
// status of the loop, three counters.

let t: TestApp;
let fixture: Fixture;
let token: string;
let cookie: string;

const PATHS: Record<string, BookingStatus[]> = {
  confirmed: ['confirmed'],
  ...LOOP_PATHS,
  attended: [...LOOP_PATHS.served, 'attended'],
};

/** The loop's columns a step sets: a check-in time from `waiting`, a call to `counter` from `called`. */
function columnsOf(status: BookingStatus, counter: string | null) {
  if (status === 'confirmed') return {};
  const checkedIn = { checked_in_at: new Date('2030-01-07T07:50:00Z') };
  if (status === 'waiting') return checkedIn;
  return { ...checkedIn, called_at: new Date('2030-01-07T08:05:00Z'), call_count: 3, counter };
}

let n = 0;
async function book(reference: string, status: BookingStatus, counter: string | null, minute: number) {
  n += 1;
  const db = t.database.db;
  const startsAt = new Date(Date.UTC(2030, 0, 7, 8, minute));
  const slot = await db
    .insertInto('slot')
    .values({
      offer_id: fixture.offerId,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 5 * 60_000),
      capacity: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('booking')
    .values({
      reference,
      slot_id: slot.id,
      procedure_id: fixture.procedureId,
      identity_key: `F:740000010${n}`,
      email_key: `guichet.${n}@example.org`,
      last_name: `Nom${n}`,
      first_name: `Prénom${n}`,
      birth_date: '1990-01-01',
      email: `guichet.${n}@example.org`,
      foreigner_number: `740000010${n}`,
      hold_expires_at: new Date('2030-01-10T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const step of PATHS[status] ?? []) {
    await db
      .updateTable('booking')
      .set({ status: step, ...columnsOf(step, counter) })
      .where('id', '=', id)
      .execute();
  }
}

before(async () => {
  t = await createTestApp({ now: '2030-01-07T08:30:00Z' });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 0 });
  await openCounters(db, fixture.siteId);
  await book('74-GCHT-0001', 'confirmed', null, 0);
  await book('74-GCHT-0002', 'waiting', null, 5);
  await book('74-GCHT-0003', 'called', 'Guichet 2', 10);
  await book('74-GCHT-0004', 'served', 'Guichet 1', 15);
  await book('74-GCHT-0005', 'missed', 'Guichet 2', 20);
  await book('74-GCHT-0006', 'attended', 'Guichet 3', 25);
  const scope = { kind: 'site' as const, siteId: fixture.siteId, departmentCode: '74' };
  const agent = await createAgent(db, t.config, { grants: [{ role: 'agent', scope }] });
  token = await bearer(db, agent.id, t.clock.now());
  cookie = await signedInCookie(db, t.config, agent.id, t.clock.now());
});
after(() => t.close());

const agendaApi = (query: string) =>
  t.app.inject({
    url: `/api/v1/admin/sites/${fixture.siteId}/agenda${query}`,
    headers: { authorization: token },
  });
const page = (query: string) =>
  t.app.inject({ url: `/agents/agenda?site=${fixture.siteId}&date=2030-01-07${query}`, headers: { cookie } });

/** The rows of the page's day table, as the texts of their cells. */
function rowsOf(body: string): string[][] {
  const tbody = /<tbody data-agenda-day="2030-01-07">([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
  return [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1] ?? ''),
  );
}

describe('the admin API per counter', () => {
  test('an entry carries the counter of the last call once the person was called, and not before', async () => {
    const response = await agendaApi('?date=2030-01-07');
    assert.equal(response.statusCode, 200, response.body);
    const entries = response.json() as { reference: string; status: string; counter?: string }[];
    assert.deepEqual(
      entries.map((e) => [e.reference, e.status, e.counter ?? null]),
      [
        ['74-GCHT-0001', 'confirmed', null],
        ['74-GCHT-0002', 'waiting', null],
        ['74-GCHT-0003', 'called', 'Guichet 2'],
        ['74-GCHT-0004', 'served', 'Guichet 1'],
        ['74-GCHT-0005', 'missed', 'Guichet 2'],
        ['74-GCHT-0006', 'attended', 'Guichet 3'],
      ],
    );
    assert.ok(!('counter' in (entries[0] ?? {})), 'no counter key before a call');
  });

  test('?counter= keeps the appointments called to that counter; an unknown one is refused 422 on counter', async () => {
    const two = (await agendaApi('?date=2030-01-07&counter=Guichet%202')).json() as { reference: string }[];
    assert.deepEqual(
      two.map((e) => e.reference),
      ['74-GCHT-0003', '74-GCHT-0005'],
    );
    const three = (await agendaApi('?date=2030-01-07&counter=Guichet%203')).json() as { reference: string }[];
    assert.deepEqual(
      three.map((e) => e.reference),
      ['74-GCHT-0006'],
    );
    for (const counter of ['Guichet%209', 'guichet%202', '']) {
      const refused = await agendaApi(`?date=2030-01-07&counter=${counter}`);
      assert.equal(refused.statusCode, 422, `${counter}: ${refused.body}`);
      assert.deepEqual(
        refused.json().error.fields.map((f: { field: string }) => f.field),
        ['counter'],
      );
    }
  });

  test('the OpenAPI document gives the counter filter', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const parameters = doc.paths['/api/v1/admin/sites/{id}/agenda'].get.parameters as { name: string }[];
    assert.ok(parameters.some((p) => p.name === 'counter'));
  });
});

describe('the page per counter', () => {
  test('the day shows a counter column and the loop’s statuses in words', async () => {
    const response = await page('');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<th scope="col">Guichet<\/th><th scope="col">Statut<\/th>/);
    assert.deepEqual(
      rowsOf(response.body).map((cells) => [cells[1], cells[5], cells[6]]),
      [
        ['74-GCHT-0001', '', 'Confirmé'],
        ['74-GCHT-0002', '', 'En attente'],
        ['74-GCHT-0003', 'Guichet 2', 'Appelé'],
        ['74-GCHT-0004', 'Guichet 1', 'Au guichet'],
        ['74-GCHT-0005', 'Guichet 2', 'Absent à l’appel'],
        ['74-GCHT-0006', 'Guichet 3', 'Reçu'],
      ],
    );
  });

  test('the select offers every counter, "Tous les guichets" chosen by default', async () => {
    const body = (await page('')).body;
    const select = /<select class="fr-select" id="guichet" name="guichet"[^>]*>([\s\S]*?)<\/select>/.exec(
      body,
    )?.[1];
    assert.ok(select, 'a counter select');
    assert.deepEqual(
      [...select.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)</g)].map((o) => [
        o[1],
        Boolean(o[2]),
        o[3],
      ]),
      [
        ['', true, 'Tous les guichets'],
        ['Guichet 1', false, 'Guichet 1'],
        ['Guichet 2', false, 'Guichet 2'],
        ['Guichet 3', false, 'Guichet 3'],
      ],
    );
    assert.match(body, /<label class="fr-label" for="guichet">Guichet<\/label>/);
  });

  test('guichet= keeps one counter’s calls, in the page, its links and the feed the refresh reads', async () => {
    const response = await page('&guichet=Guichet+2');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(
      rowsOf(response.body).map((cells) => cells[1]),
      ['74-GCHT-0003', '74-GCHT-0005'],
    );
    assert.match(response.body, /<option value="Guichet 2" selected>/);
    const feedUrl = /data-agenda-feed="([^"]+)"/.exec(response.body)?.[1]?.replaceAll('&amp;', '&') ?? '';
    assert.match(feedUrl, /&guichet=Guichet%202$/);
    assert.match(
      response.body,
      /href="\/agents\/agenda\?site=\d+&amp;date=2030-01-08&amp;vue=jour&amp;guichet=Guichet%202"/,
    );
    const feed = await t.app.inject({ url: feedUrl, headers: { cookie, accept: 'application/json' } });
    assert.equal(feed.statusCode, 200);
    const rows = feed.json().days[0].rows as { reference: string; counter: string; statusLabel: string }[];
    assert.deepEqual(
      rows.map((r) => [r.reference, r.counter, r.statusLabel]),
      [
        ['74-GCHT-0003', 'Guichet 2', 'Appelé'],
        ['74-GCHT-0005', 'Guichet 2', 'Absent à l’appel'],
      ],
    );
  });

  test('a counter the office does not have comes back 422 with every counter’s list and the field’s message', async () => {
    const response = await page('&guichet=Guichet+9');
    assert.equal(response.statusCode, 422);
    assert.equal(rowsOf(response.body).length, 6);
    assert.match(response.body, /Choisissez un des guichets de ce service\./);
    assert.match(response.body, /href="#guichet"/);
  });

  test('the English page names the column and the choice in English', async () => {
    const response = await t.app.inject({
      url: `/agents/agenda?site=${fixture.siteId}&date=2030-01-07`,
      headers: { cookie, 'accept-language': 'en' },
    });
    assert.match(response.body, /<th scope="col">Counter<\/th>/);
    assert.match(response.body, />All counters</);
  });
});
