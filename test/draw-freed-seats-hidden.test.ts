import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expireHolds } from '../src/modules/booking/holds.usecases.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant } from './helpers/fixtures.ts';
import { tokensOf } from './helpers/invariants.ts';
import { createDrawFixture, type DrawFixture } from './helpers/requests.ts';

// A seat freed in a draw offer (issue 9 item 5) goes to a follow-up draw, never to the public: once a
// won booking's hold has expired, its seat is free again and must still not appear in the
// availability API, step 2 or the change-of-slot page (decision 0034).

let t: TestApp;
let fixture: DrawFixture;
let freedSlotId: string;

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  fixture = await createDrawFixture(db);
  const offer = await db
    .selectFrom('offer')
    .select('id')
    .where('site_id', '=', fixture.drawSiteIds[0])
    .executeTakeFirstOrThrow();
  // Thursday 2030-01-03, before every booking slot (2030-01-07), so that a leak would come first.
  const slot = await db
    .insertInto('slot')
    .values({
      offer_id: offer.id,
      starts_at: new Date('2030-01-03T08:00:00Z'),
      ends_at: new Date('2030-01-03T08:20:00Z'),
      capacity: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  freedSlotId = slot.id;
  // Its one seat, won and not confirmed in time.
  await db
    .insertInto('booking')
    .values({
      reference: '74-WONX-0001',
      slot_id: slot.id,
      procedure_id: fixture.procedureId,
      identity_key: 'F:7400200001',
      email_key: 'won-not-confirmed',
      last_name: 'Dupont',
      first_name: 'Amina',
      birth_date: '1990-04-12',
      email: 'amina.won@example.org',
      locale: 'fr',
      hold_expires_at: new Date(t.clock.now().getTime() - 60_000),
    })
    .execute();
  const freed = await expireHolds({ db, clock: t.clock });
  assert.deepEqual(
    freed.map((seat) => seat.slotId),
    [freedSlotId],
  );
});
after(() => t.close());

function assertNotListed(body: string, where: string) {
  assert.doesNotMatch(
    body,
    new RegExp(`(value|"id")[=:]"?${freedSlotId}\\b`),
    `${where} lists the freed seat`,
  );
}

describe('a freed seat of a draw offer', () => {
  test('is free again, and the availability API does not list it', async () => {
    const slot = await t.database.db
      .selectFrom('slot')
      .select(['taken', 'capacity'])
      .where('id', '=', freedSlotId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(slot, { taken: 0, capacity: 1 });
    const response = await t.app.inject({
      url: `/api/v1/availability?procedure=${fixture.procedureId}&site=${fixture.drawSiteIds[0]}&from=2030-01-01&to=2030-01-31`,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { slots: [] });
  });

  test('step 2 does not list it, even when asked for its office', async () => {
    for (const query of ['', `&site=${fixture.drawSiteIds[0]}`]) {
      const page = await t.app.inject({
        url: `/departements/74/demarches/${fixture.procedureCode}/plage?conditions=acceptees${query}`,
      });
      assert.equal(page.statusCode, 200, page.body);
      assertNotListed(page.body, `step 2${query}`);
      assert.match(page.body, new RegExp(`value="${fixture.slotIds[0]}"`), 'the booking slots are there');
    }
  });

  test('the change-of-slot page does not list it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: fixture.slotIds[1], acceptConditions: true, applicant: applicant() },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { id, reference } = created.json() as { id: number; reference: string };
    const { manage } = await tokensOf(t.database.db, String(id), t.config.secretKey);
    const page = await t.app.inject({ url: `/rendez-vous/changer?token=${manage}&reference=${reference}` });
    assert.equal(page.statusCode, 200, page.body);
    assertNotListed(page.body, 'the change-of-slot page');
    assert.match(page.body, new RegExp(`value="${fixture.slotIds[0]}"`), 'the other booking slot is there');
  });
});
