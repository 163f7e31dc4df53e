import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant } from './helpers/fixtures.ts';

// Field errors over HTTP: the API's 422 carries each field's code, parameters and French message; the
// pages render the same error in their language, Corsica included.

let t: TestApp;
let slotId: string;
let procedureCode: string;

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await db
    .insertInto('department')
    .values({ code: '2A', name: 'Corse-du-Sud', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .execute();
  const site = await db
    .insertInto('site')
    .values({
      department_code: '2A',
      name: 'Préfecture de Corse-du-Sud',
      kind: 'prefecture',
      address: 'Palais Lantivy, 20000 Ajaccio',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  procedureCode = 'renouvellement-corse';
  const procedure = await db
    .insertInto('procedure')
    .values({ code: procedureCode, title: 'Renouvellement de titre de séjour', duration_minutes: 20 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offer = await db
    .insertInto('offer')
    .values({ procedure_id: procedure.id, site_id: site.id, channel: 'booking' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const slot = await db
    .insertInto('slot')
    .values({
      offer_id: offer.id,
      starts_at: new Date('2030-01-07T08:00:00Z'),
      ends_at: new Date('2030-01-07T08:20:00Z'),
      capacity: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  slotId = slot.id;
});
after(() => t.close());

// 20200 is Bastia, in Haute-Corse (2B).
const bastia = () => ({ ...applicant(), foreignerNumber: undefined, postalCode: '20200' });

describe('field errors over HTTP', () => {
  test('the API names the field, its code, its parameters and the French message', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: Number(slotId), acceptConditions: true, applicant: bastia() },
    });
    assert.equal(response.statusCode, 422, response.body);
    assert.deepEqual(response.json().error.fields, [
      {
        field: 'applicant.postalCode',
        code: 'postal_code_outside_department',
        message:
          "Ce code postal n'appartient pas au département 2A : ce service est réservé aux personnes qui y résident. Si vous habitez dans un autre département, prenez rendez-vous auprès de sa préfecture.",
        params: { department: '2A' },
      },
    ]);
  });

  test('step 4 in English names 2A for a postal code of Haute-Corse', async () => {
    const stepTwo = await t.app.inject({
      url: `/departements/2A/demarches/${procedureCode}/plage?conditions=acceptees&lang=en`,
    });
    assert.equal(stepTwo.statusCode, 200, stepTwo.body);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(stepTwo.body)?.[1];
    assert.ok(csrf);
    const fields = Object.fromEntries(
      Object.entries(bastia())
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [`applicant.${key}`, String(value)]),
    );
    const page = await t.app.inject({
      method: 'POST',
      url: '/rendez-vous/coordonnees?lang=en',
      cookies: Object.fromEntries(stepTwo.cookies.map((c) => [c.name, c.value])),
      payload: { _csrf: csrf, slotId, action: 'verifier', ...fields },
    });
    assert.equal(page.statusCode, 422, page.body);
    assert.match(
      page.body,
      /This postal code is not in département 2A: this service is for people living there/,
    );
    assert.doesNotMatch(page.body, /département :/);
  });
});
