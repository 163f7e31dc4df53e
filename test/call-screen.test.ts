import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newAgentBearer } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { addSlot, createFixture, type Fixture } from './helpers/fixtures.ts';
import { openCounters, waitingBooking } from './helpers/queue.ts';

// Issue 10 point 2 (decision 0041): the public call screen /sites/ID/appel and its JSON twin — the
// office's people called now, today, by reference and counter, never by name; no sign-in.

const NOW = '2030-01-07T07:00:00Z';

let t: TestApp;
let fixture: Fixture;
let agent: string;
const people: { reference: string; lastName: string; firstName: string }[] = [];

const slot = (startsAt: string) => addSlot(t.database.db, fixture.offerId, startsAt, 50);

function act(reference: string, path: string, payload?: object) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/bookings/${reference}/${path}`,
    headers: { authorization: agent },
    ...(payload ? { payload } : {}),
  });
}

before(async () => {
  t = await createTestApp({ now: NOW });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 0 });
  await openCounters(db, fixture.siteId);
  agent = await newAgentBearer(t, 'agent');
  const place = {
    slotId: await slot('2030-01-07T08:00:00Z'),
    procedureId: fixture.procedureId,
    siteId: fixture.siteId,
  };
  const names = [
    ['Ouedraogo', 'Aminata'],
    ['Kowalczyk', 'Ewelina'],
    ['Haddad', 'Yasmina'],
  ] as const;
  for (const [lastName, firstName] of names) {
    const booking = await waitingBooking(db, place, new Date(NOW), { lastName, firstName });
    people.push(booking);
  }
  // Called at Guichet 1, then the second at Guichet 3 a minute later; the third is served.
  assert.equal((await act(people[0]?.reference ?? '', 'call', { counter: 'Guichet 1' })).statusCode, 200);
  t.clock.advance(60_000);
  assert.equal((await act(people[1]?.reference ?? '', 'call', { counter: 'Guichet 3' })).statusCode, 200);
  await act(people[2]?.reference ?? '', 'call', { counter: 'Guichet 2' });
  assert.equal((await act(people[2]?.reference ?? '', 'serve')).statusCode, 200);
  // Yesterday's person left called (the day was not closed): not today's.
  const yesterday = { ...place, slotId: await slot('2030-01-06T08:00:00Z') };
  const old = await waitingBooking(db, yesterday, new Date('2030-01-06T07:00:00Z'), { lastName: 'Vieux' });
  await db
    .updateTable('booking')
    .set({
      status: 'called',
      counter: 'Guichet 2',
      called_at: new Date('2030-01-06T07:10:00Z'),
      call_count: 1,
    })
    .where('id', '=', old.id)
    .execute();
});
after(() => t.close());

describe('the call screen’s JSON', () => {
  test('today’s people called now, the latest first, by reference and counter only', async () => {
    const response = await t.app.inject({ url: `/api/v1/sites/${fixture.siteId}/calls` });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.deepEqual(response.json(), {
      calls: [
        {
          reference: people[1]?.reference,
          counter: 'Guichet 3',
          calledAt: '2030-01-07T07:01:00.000Z',
          callCount: 1,
        },
        {
          reference: people[0]?.reference,
          counter: 'Guichet 1',
          calledAt: '2030-01-07T07:00:00.000Z',
          callCount: 1,
        },
      ],
    });
    for (const person of people) {
      assert.doesNotMatch(response.body, new RegExp(person.lastName, 'i'));
      assert.doesNotMatch(response.body, new RegExp(person.firstName, 'i'));
    }
  });

  test('an office that does not exist is a 404', async () => {
    const response = await t.app.inject({ url: '/api/v1/sites/999999/calls' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'site_not_found');
    assert.equal((await t.app.inject({ url: '/api/v1/sites/abc/calls' })).statusCode, 422);
  });
});

describe('the call screen page', () => {
  test('shows the calls with the latest marked and announced, no name, reloading itself without JavaScript', async () => {
    const response = await t.app.inject({
      url: `/sites/${fixture.siteId}/appel`,
      headers: { accept: 'text/html' },
    });
    assert.equal(response.statusCode, 200);
    const body = response.body;
    assert.match(body, /<noscript><meta http-equiv="refresh" content="15"><\/noscript>/);
    assert.match(body, /role="status" aria-live="polite"[^>]*>Rendez-vous [0-9A-Z-]+ : Guichet 3</);
    assert.match(
      body,
      new RegExp(
        `class="creneau-calls__latest"[^>]*><td dir="ltr">${people[1]?.reference}</td><td>Guichet 3</td>`,
      ),
    );
    assert.match(body, new RegExp(`${people[0]?.reference}</td><td>Guichet 1`));
    assert.doesNotMatch(body, new RegExp(people[2]?.reference ?? '-'), 'a person served is no longer called');
    for (const person of people) {
      assert.doesNotMatch(body, new RegExp(person.lastName, 'i'));
      assert.doesNotMatch(body, new RegExp(person.firstName, 'i'));
    }
    assert.doesNotMatch(body, /Vieux/);
    assert.doesNotMatch(body, /fr-header|fr-footer/, 'a screen for a room, without the site’s chrome');
    assert.match(body, /js\/call-screen\.js/);
  });

  test('speaks English and Arabic when asked', async () => {
    const en = await t.app.inject({ url: `/sites/${fixture.siteId}/appel?lang=en` });
    assert.match(en.body, /<html lang="en" dir="ltr"/);
    assert.match(en.body, /Appointment [0-9A-Z-]+: Guichet 3/);
    const ar = await t.app.inject({ url: `/sites/${fixture.siteId}/appel?lang=ar` });
    assert.match(ar.body, /<html lang="ar" dir="rtl"/);
    assert.match(ar.body, /النداءات الجارية/);
    assert.match(ar.body, /الموعد [0-9A-Z-]+: Guichet 3/);
  });

  test('an office that does not exist is a 404 page', async () => {
    const response = await t.app.inject({ url: '/sites/999999/appel', headers: { accept: 'text/html' } });
    assert.equal(response.statusCode, 404);
  });
});
