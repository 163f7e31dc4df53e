import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { findBookingDetails, findSlotForBooking } from '../src/modules/booking/booking.repository.ts';
import { loadDemoData } from '../src/modules/territory/demo-seed.repository.ts';
import { findProcedure } from '../src/modules/territory/directory.repository.ts';
import { textIn } from '../src/modules/territory/localized-text.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture } from './helpers/fixtures.ts';

// The arrival advice of a site and the admission rule of a procedure (migration 0010): data written
// in French with an optional English version, read with the booking, the slot and the procedure.

let t: TestApp;

before(async () => {
  t = await createTestApp();
  assert.ok(await loadDemoData(t.database.db, '2029-12-20'));
});
after(() => t.close());

/** Whether PostgreSQL stores `value` as a site's arrival advice. */
async function accepted(value: unknown): Promise<boolean> {
  try {
    await sql`update site set arrival_advice = ${JSON.stringify(value)}::jsonb where id = (select min(id) from site)`.execute(
      t.database.db,
    );
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '23514') return false;
    throw error;
  }
}

describe('arrival advice and admission rule', () => {
  test('a text needs its French version; English and Arabic are optional; nothing else is stored', async () => {
    assert.equal(await accepted({ fr: 'Venez à l’heure.' }), true);
    assert.equal(await accepted({ fr: 'Venez à l’heure.', en: 'Come on time.' }), true);
    assert.equal(await accepted({ fr: 'Venez à l’heure.', ar: 'تعال في الوقت المحدد.' }), true);
    assert.equal(await accepted({ en: 'Come on time.' }), false, 'no French');
    assert.equal(await accepted({ fr: '' }), false, 'empty French');
    assert.equal(await accepted({ fr: 'Venez.', en: '' }), false, 'empty English');
    assert.equal(await accepted({ fr: 'Venez.', de: 'Kommen Sie.' }), false, 'an unknown language');
    assert.equal(await accepted({ fr: 'Venez.', en: 3 }), false, 'English not a text');
    assert.equal(await accepted(['Venez.']), false, 'not an object');
    assert.equal(await accepted({ fr: 'x'.repeat(1001) }), false, 'too long');
  });

  test('the demo procedures carry their admission rule: one file per person, or the SMS for a pick-up', async () => {
    const renewal = await findProcedure(t.database.db, 'renouvellement-titre');
    assert.ok(renewal?.admissionRule);
    assert.match(textIn(renewal.admissionRule, 'fr'), /^1 rendez-vous = 1 personne = 1 dossier\./);
    assert.match(textIn(renewal.admissionRule, 'en'), /^1 appointment = 1 person = 1 application\./);
    const pickUp = await findProcedure(t.database.db, 'remise-titre');
    assert.match(textIn(pickUp?.admissionRule ?? { fr: '' }, 'fr'), /ayant reçu un SMS/);
    // A language without its version falls back to French.
    assert.equal(textIn(renewal.admissionRule, 'ar'), renewal.admissionRule.fr);
  });

  test('a booking and its slot are read with their office’s advice and their procedure’s rule', async () => {
    const fixture = await createFixture(t.database.db, { slots: 1, capacity: 1 });
    await t.database.db
      .updateTable('site')
      .set({ arrival_advice: { fr: 'Entrée par la rue de la Poste.', en: 'Entrance on rue de la Poste.' } })
      .where('id', '=', fixture.siteId)
      .execute();
    const slot = await findSlotForBooking(t.database.db, Number(fixture.slotIds[0]));
    assert.deepEqual(slot?.arrivalAdvice, {
      fr: 'Entrée par la rue de la Poste.',
      en: 'Entrance on rue de la Poste.',
    });
    assert.equal(slot?.admissionRule, null, 'the fixture’s procedure has none');

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: applicant() },
    });
    assert.equal(created.statusCode, 201, created.body);
    const details = await findBookingDetails(t.database.db, { id: String(created.json().id) });
    assert.equal(
      details && textIn(details.arrivalAdvice ?? { fr: '' }, 'en'),
      'Entrance on rue de la Poste.',
    );
    assert.equal(details?.departmentCode, '74');
  });
});
