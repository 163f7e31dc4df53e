import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDrawWindows } from '../src/modules/draw/draw-windows.ts';
import { nextDrawWindow } from '../src/modules/requests/requests.usecases.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { mainText } from './helpers/configuration.ts';
import { createDrawFixture, type DrawFixture } from './helpers/requests.ts';

// Step 1 and the request journey announce the draw offers' window (issue 9 item 1): its dates in the
// office's zone, the seats at stake, the commitment published ahead, and the draw's public page.

let t: TestApp;
let fixture: DrawFixture;

// Tuesday 2030-01-08, 10:00 in Annecy: the weekly window opened Monday 09:00 closes Wednesday noon.
before(async () => {
  t = await createTestApp({ now: '2030-01-08T09:00:00Z' });
  fixture = await createDrawFixture(t.database.db);
  const db = t.database.db;
  const offers = await db
    .selectFrom('offer')
    .select('id')
    .where('procedure_id', '=', fixture.procedureId)
    .where('site_id', 'in', fixture.drawSiteIds)
    .execute();
  for (const { id } of offers) {
    // Mondays 09:00–10:00, two counters: 3 slots of 20 minutes, 6 seats a week per office.
    await db
      .insertInto('opening_rule')
      .values({ offer_id: id, weekday: 1, starts_at: '09:00', ends_at: '10:00', capacity: 2 })
      .execute();
    await db
      .insertInto('draw_calendar')
      .values({
        offer_id: id,
        first_opens_on: '2030-01-07',
        opens_at: '09:00',
        window_days: 2,
        closes_at: '12:00',
        period_days: 7,
        lead_days: 5,
      })
      .execute();
  }
});
after(() => t.close());

async function currentDraw() {
  return t.database.db
    .selectFrom('draw')
    .select(['id', 'commitment'])
    .where('procedure_id', '=', fixture.procedureId)
    .orderBy('window_opens_at')
    .executeTakeFirstOrThrow();
}

describe('the announced window of a draw', () => {
  test('none before the windows job ran', async () => {
    const deps = { db: t.database.db, clock: t.clock };
    assert.equal(
      await nextDrawWindow(deps, { procedureId: fixture.procedureId, departmentCode: '74' }),
      undefined,
    );
  });

  test('the window open now, with its commitment and the seats of both offices', async () => {
    await openDrawWindows({ db: t.database.db, clock: t.clock, config: t.config, beacon: undefined });
    const draw = await currentDraw();
    const deps = { db: t.database.db, clock: t.clock };
    const window = await nextDrawWindow(deps, { procedureId: fixture.procedureId, departmentCode: '74' });
    assert.deepEqual(window && { ...window, opensAt: window.opensAt.toISOString() }, {
      drawId: draw.id,
      opensAt: '2030-01-07T08:00:00.000Z',
      closesAt: new Date('2030-01-09T11:00:00Z'),
      slotsFrom: '2030-01-14',
      slotsTo: '2030-01-20',
      commitment: draw.commitment,
      seats: 12,
      collecting: true,
    });
    // Savoie's office of the same procedure has no calendar: nothing is announced there.
    assert.equal(
      await nextDrawWindow(deps, { procedureId: fixture.procedureId, departmentCode: '73' }),
      undefined,
    );
  });

  test('step 1 shows the window in the office’s time, the seats, the commitment and the draw’s page', async () => {
    const draw = await currentDraw();
    const page = await t.app.inject({ url: `/departements/74/demarches/${fixture.procedureCode}` });
    assert.equal(page.statusCode, 200);
    const text = mainText(page.body);
    assert.match(text, /Période de dépôt en cours/);
    assert.match(
      text,
      /Du lundi 7 janvier 2030 à 09:00 au mercredi 9 janvier 2030 à 12:00, heure locale du service/,
    );
    assert.match(text, /12 places de rendez-vous mises en jeu, du 14\/01\/2030 au 20\/01\/2030/);
    assert.ok(text.includes(draw.commitment), 'the commitment is shown');
    assert.match(page.body, new RegExp(`href="/tirages/${draw.id}"`));
    assert.doesNotMatch(text, /Aucune période de dépôt/);
    const english = await t.app.inject({
      url: `/departements/74/demarches/${fixture.procedureCode}?lang=en`,
    });
    assert.match(mainText(english.body), /Requests are being collected/);
    assert.match(mainText(english.body), /12 appointment seats at stake/);
  });

  test('the request journey’s form shows the same window', async () => {
    const draw = await currentDraw();
    const page = await t.app.inject({
      url: `/departements/74/demarches/${fixture.procedureCode}/demande?conditions=acceptees`,
    });
    assert.equal(page.statusCode, 200);
    assert.match(mainText(page.body), /Période de dépôt en cours/);
    assert.ok(page.body.includes(draw.commitment));
  });

  test('once the window has closed, the next one is announced as coming', async () => {
    t.clock.set('2030-01-09T11:00:00Z');
    const deps = { db: t.database.db, clock: t.clock };
    const window = await nextDrawWindow(deps, { procedureId: fixture.procedureId, departmentCode: '74' });
    assert.equal(window?.opensAt.toISOString(), '2030-01-14T08:00:00.000Z');
    assert.equal(window?.collecting, false);
    const page = await t.app.inject({ url: `/departements/74/demarches/${fixture.procedureCode}` });
    assert.match(mainText(page.body), /Prochaine période de dépôt Du lundi 14 janvier 2030 à 09:00/);
  });
});
