import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import { tokensOf } from './helpers/invariants.ts';

// A draw offer's seats are allocated by its draw (PRODUCT §5), never first come: beside a booking
// offer of the same procedure, its free slots — earlier ones, so that a leak would show — must not
// appear in, or be accepted by, any public read or write.

let t: TestApp;
let fixture: Fixture;
let procedureCode: string;
const drawSite = 'Sous-préfecture de Thonon-les-Bains (tirage au sort)';
let drawSiteId: number;
let drawSlotIds: string[];

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  // The booking offer: slots from Monday 2030-01-07, 09:00 in Annecy.
  fixture = await createFixture(db, { slots: 4, capacity: 2 });
  procedureCode = (
    await db
      .selectFrom('procedure')
      .select('code')
      .where('id', '=', fixture.procedureId)
      .executeTakeFirstOrThrow()
  ).code;
  const site = await db
    .insertInto('site')
    .values({
      department_code: '74',
      name: drawSite,
      kind: 'sous_prefecture',
      address: '1 place de la Mairie, 74200 Thonon-les-Bains',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  drawSiteId = site.id;
  const offer = await db
    .insertInto('offer')
    .values({ procedure_id: fixture.procedureId, site_id: site.id, channel: 'draw' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The draw's slots: Thursday 2030-01-03, four days before the first booking slot, all seats free.
  const slots = await db
    .insertInto('slot')
    .values(
      [0, 1, 2].map((hour) => ({
        offer_id: offer.id,
        starts_at: new Date(Date.UTC(2030, 0, 3, 8 + hour)),
        ends_at: new Date(Date.UTC(2030, 0, 3, 8 + hour, 20)),
        capacity: 5,
      })),
    )
    .returning('id')
    .execute();
  drawSlotIds = slots.map((slot) => slot.id);
});
after(() => t.close());

/** Nothing was ever taken from the draw's slots. */
async function drawSeatsTaken(): Promise<number> {
  const rows = await t.database.db
    .selectFrom('slot')
    .select('taken')
    .where('id', 'in', drawSlotIds)
    .execute();
  return rows.reduce((sum, row) => sum + row.taken, 0);
}

function assertNoDrawSlot(body: string, where: string) {
  for (const id of drawSlotIds) {
    assert.doesNotMatch(body, new RegExp(`(value|"id")[=:]"?${id}\\b`), `${where} shows draw slot ${id}`);
  }
}

/** The anti-forgery cookie and field of a page, to post its form as a browser would. */
function formSession(page: { body: string; cookies: { name: string; value: string }[] }) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf, 'the page carries the anti-forgery field');
  return { csrf, cookies: Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
}

describe('a draw offer beside a booking offer', () => {
  test('availability: nothing at the draw office, only booking slots at the other', async () => {
    const range = '&from=2030-01-01&to=2030-01-31';
    const atDraw = await t.app.inject({
      url: `/api/v1/availability?procedure=${fixture.procedureId}&site=${drawSiteId}${range}`,
    });
    assert.equal(atDraw.statusCode, 200, atDraw.body);
    assert.deepEqual(atDraw.json(), { slots: [] });
    const atBooking = await t.app.inject({
      url: `/api/v1/availability?procedure=${fixture.procedureId}&site=${fixture.siteId}${range}`,
    });
    const ids = (atBooking.json() as { slots: { id: number }[] }).slots.map((slot) => slot.id);
    assert.deepEqual(ids, fixture.slotIds);
  });

  test('booking a draw slot through the API is refused, and no seat is taken', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: Number(drawSlotIds[0]), acceptConditions: true, applicant: applicant() },
    });
    assert.equal(response.statusCode, 422, response.body);
    assert.deepEqual(
      response.json().error.fields.map((f: { field: string; code: string }) => [f.field, f.code]),
      [['slotId', 'not_found']],
    );
    assert.equal(await drawSeatsTaken(), 0);
  });

  test('step 2 lists neither the draw office nor its slots, even when asked for it', async () => {
    for (const query of ['', `&site=${drawSiteId}`]) {
      const page = await t.app.inject({
        url: `/departements/74/demarches/${procedureCode}/plage?conditions=acceptees${query}`,
      });
      assert.equal(page.statusCode, 200, page.body);
      assertNoDrawSlot(page.body, `step 2${query}`);
      assert.ok(!page.body.includes(drawSite), `step 2${query} names the draw office`);
      assert.match(page.body, new RegExp(`value="${fixture.slotIds[0]}"`), 'the booking slots are there');
    }
  });

  test('step 3 does not go on with a draw slot', async () => {
    const stepTwo = await t.app.inject({
      url: `/departements/74/demarches/${procedureCode}/plage?conditions=acceptees`,
    });
    const { csrf, cookies } = formSession(stepTwo);
    const answer = await t.app.inject({
      method: 'POST',
      url: '/rendez-vous/securite',
      cookies,
      payload: { _csrf: csrf, slotId: String(drawSlotIds[0]) },
    });
    assert.notEqual(answer.statusCode, 200, 'no security step for a draw slot');
    assert.ok(!answer.body.includes('/rendez-vous/coordonnees'), 'no way on to step 4');
  });

  test('the next free date of the département and step 1 is the booking offer’s', async () => {
    for (const url of ['/departements/74', `/departements/74/demarches/${procedureCode}`]) {
      const page = await t.app.inject({ url });
      assert.equal(page.statusCode, 200, page.body);
      assert.ok(!page.body.includes('3 janvier 2030'), `${url} shows the draw's date`);
      assert.match(page.body, /7 janvier 2030/, `${url} shows the booking offer's date`);
    }
  });

  test('rescheduling neither offers a draw slot nor accepts one', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: applicant() },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { id, reference } = created.json() as { id: number; reference: string };
    const { manage } = await tokensOf(t.database.db, String(id), t.config.secretKey);
    const page = await t.app.inject({ url: `/rendez-vous/changer?token=${manage}&reference=${reference}` });
    assert.equal(page.statusCode, 200, page.body);
    assertNoDrawSlot(page.body, 'the change-of-slot page');
    assert.ok(!page.body.includes(drawSite), 'the change-of-slot page names the draw office');

    const { csrf, cookies } = formSession(page);
    const answer = await t.app.inject({
      method: 'POST',
      url: '/rendez-vous/changer',
      cookies,
      payload: { _csrf: csrf, token: manage, reference, slotId: String(drawSlotIds[1]) },
    });
    assert.equal(answer.statusCode, 422, answer.body);
    const booking = await t.database.db
      .selectFrom('booking')
      .select('slot_id')
      .where('id', '=', String(id))
      .executeTakeFirstOrThrow();
    assert.equal(booking.slot_id, String(fixture.slotIds[0]), 'the booking kept its slot');
    assert.equal(await drawSeatsTaken(), 0);
  });
});
