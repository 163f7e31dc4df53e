import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAgent, signedInCookie, type TestAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { addSlot, createFixture, type Fixture } from './helpers/fixtures.ts';
import { loopRow, openCounters, waitingBooking } from './helpers/queue.ts';
import { otherOffice } from './helpers/schedule.ts';
import { signIn, type TestBrowser, testBrowser } from './helpers/sign-in.ts';

// Issue 10 point 2 (decision 0041): the counter chosen after sign-in (/agents/mon-guichet, kept on
// the session) and the queue page /agents/file, its forms posted and redirected, without JavaScript.

const NOW = '2030-01-07T07:00:00Z';

let t: TestApp;
let fixture: Fixture;
let other: { siteId: number };
let agent: TestAgent;
let viewer: TestAgent;
let place: { slotId: number; procedureId: number; siteId: number };

before(async () => {
  t = await createTestApp({ now: NOW });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 0 });
  await openCounters(db, fixture.siteId);
  other = await otherOffice(db);
  place = {
    slotId: await addSlot(db, fixture.offerId, '2030-01-07T08:00:00Z', 50),
    procedureId: fixture.procedureId,
    siteId: fixture.siteId,
  };
  const in74 = (role: 'agent' | 'viewer') => [
    { role, scope: { kind: 'department' as const, departmentCode: '74' } },
  ];
  agent = await createAgent(db, t.config, { grants: in74('agent') });
  viewer = await createAgent(db, t.config, { grants: in74('viewer') });
});
after(() => t.close());

/** A browser with a complete session of `who`, opened directly. */
async function signedIn(who: TestAgent): Promise<{ browser: TestBrowser }> {
  const browser = testBrowser(t.app);
  const [name = '', value = ''] = (
    await signedInCookie(t.database.db, t.config, who.id, t.clock.now())
  ).split('=');
  browser.setCookie(name, value);
  return { browser };
}

async function seatOf(agentId: number) {
  return t.database.db
    .selectFrom('agent_session')
    .select(['site_id', 'counter'])
    .where('agent_id', '=', agentId)
    .where('ended_at', 'is', null)
    .where('stage', '=', 'complete')
    .execute();
}

describe('the counter chosen after sign-in', () => {
  test('a completed sign-in goes to the choice of one’s counter; an agent without the permission goes on home', async () => {
    const browser = testBrowser(t.app);
    const { response } = await signIn(browser, viewer, t.clock.now());
    assert.match(
      response.body,
      /<a class="fr-btn" href="\/agents\/mon-guichet">/,
      'after the recovery codes',
    );
    const page = await browser.get('/agents/mon-guichet');
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/agents');
  });

  test('the agent chooses an office’s counter, kept on the session; the queue page then shows it', async () => {
    const { browser } = await signedIn(agent);
    const page = await browser.get('/agents/mon-guichet');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<option value="\d+\|Guichet 3">Guichet 3 — /);
    assert.match(page.body, /href="\/agents">Passer cette étape</);
    assert.match(page.body, /href="\/agents\/mon-guichet"[^>]*>Mon guichet</, 'in the menu');
    const chosen = await browser.post('/agents/mon-guichet', { seat: `${fixture.siteId}|Guichet 3` });
    assert.equal(chosen.statusCode, 303);
    assert.equal(chosen.headers.location, '/agents/file');
    assert.deepEqual(await seatOf(agent.id), [{ site_id: fixture.siteId, counter: 'Guichet 3' }]);
    const queue = await browser.get('/agents/file');
    assert.match(queue.body, /Guichet 3 — Préfecture d&#39;Annecy|Guichet 3 — Préfecture d'Annecy/);
  });

  test('a counter of an office out of scope, or not of the office, is refused and nothing is kept', async () => {
    const { browser } = await signedIn(agent);
    await browser.get('/agents/mon-guichet');
    for (const seat of [`${other.siteId}|Guichet 1`, `${fixture.siteId}|Guichet 9`, 'nonsense']) {
      const refused = await browser.post('/agents/mon-guichet', { seat });
      assert.equal(refused.statusCode, 422, seat);
      assert.match(refused.body, /n’est pas un des guichets/);
    }
    const sessions = await seatOf(agent.id);
    assert.ok(sessions.some((s) => s.site_id === null && s.counter === null));
  });

  test('the queue page without a counter invites to choose one', async () => {
    const { browser } = await signedIn(agent);
    const page = await browser.get('/agents/file');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Choisissez d’abord votre guichet/);
    const viewerPage = await (await signedIn(viewer)).browser.get('/agents/file');
    assert.equal(viewerPage.statusCode, 403);
  });
});

describe('the queue page', () => {
  test('lists the waiting in arrival order, calls the next to the agent’s counter, then serves and undoes', async () => {
    const first = await waitingBooking(t.database.db, place, new Date('2030-01-07T06:40:00Z'), {
      lastName: 'Diallo',
      firstName: 'Mariama',
    });
    const second = await waitingBooking(t.database.db, place, new Date('2030-01-07T06:50:00Z'), {
      lastName: 'Nguyen',
      firstName: 'Thi',
    });
    const { browser } = await signedIn(agent);
    await browser.get('/agents/mon-guichet');
    await browser.post('/agents/mon-guichet', { seat: `${fixture.siteId}|Guichet 2` });
    const page = await browser.get('/agents/file');
    assert.ok(page.body.indexOf('Diallo') < page.body.indexOf('Nguyen'), 'arrival order');
    assert.match(page.body, /20 min/, 'waiting since 07:40');
    assert.match(page.body, /Appeler le suivant/);
    assert.match(page.body, /js\/queue\.js/);

    const next = await browser.post('/agents/file', { action: 'next' });
    assert.equal(next.statusCode, 303);
    assert.equal(next.headers.location, '/agents/file?fait=next');
    assert.equal((await loopRow(t.database.db, first.reference)).counter, 'Guichet 2');
    assert.equal((await loopRow(t.database.db, first.reference)).status, 'called');
    assert.equal((await loopRow(t.database.db, second.reference)).status, 'waiting');
    const after = await browser.get('/agents/file?fait=next');
    assert.match(after.body, /Personne suivante appelée/);

    const again = await browser.post('/agents/file', { action: 'call', reference: first.reference });
    assert.equal(again.headers.location, '/agents/file?refus=already_called');
    assert.match((await browser.get('/agents/file?refus=already_called')).body, /déjà appelée/);

    await browser.post('/agents/file', { action: 'serve', reference: first.reference });
    assert.equal((await loopRow(t.database.db, first.reference)).status, 'served');
    const undone = await browser.post('/agents/file', { action: 'undo', reference: first.reference });
    assert.equal(undone.headers.location, '/agents/file?fait=undo');
    assert.equal((await loopRow(t.database.db, first.reference)).status, 'called');
  });

  test('a form without the anti-forgery token changes nothing', async () => {
    const booking = await waitingBooking(t.database.db, place, new Date(NOW));
    const { browser } = await signedIn(agent);
    await browser.get('/agents/mon-guichet');
    await browser.post('/agents/mon-guichet', { seat: `${fixture.siteId}|Guichet 1` });
    const forged = await browser.post(
      '/agents/file',
      { action: 'call', reference: booking.reference },
      { csrf: false },
    );
    assert.equal(forged.statusCode, 403);
    assert.equal((await loopRow(t.database.db, booking.reference)).status, 'waiting');
  });
});
