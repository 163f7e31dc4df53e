import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { purgePersonalData } from '../src/modules/booking/retention.ts';
import { newAgentBearer } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { bookingIn } from './helpers/check-in.ts';
import { addSlot, createFixture, type Fixture } from './helpers/fixtures.ts';
import { otherOffice } from './helpers/schedule.ts';

// Issue 10 point 2 (decision 0042): an identity is corrected only by the agent's audited action, with
// a reason — POST /api/v1/admin/bookings/REF/identity — and the database refuses every other change of
// the names, birth date, foreigner number or identity key (migration 0027).

let t: TestApp;
let fixture: Fixture;
let place: { slotId: number; procedureId: number };
let elsewhere: { slotId: number; procedureId: number };
let manager: string;
let agent: string;

before(async () => {
  t = await createTestApp({ now: '2030-01-07T07:00:00Z' });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 1, capacity: 50, firstSlot: '2030-01-07T08:00:00Z' });
  place = { slotId: fixture.slotIds[0] ?? 0, procedureId: fixture.procedureId };
  const other = await otherOffice(db);
  elsewhere = {
    slotId: await addSlot(db, other.offerId, '2030-01-07T08:00:00Z', 5),
    procedureId: other.procedureId,
  };
  manager = await newAgentBearer(t, 'site_manager');
  agent = await newAgentBearer(t, 'agent');
});
after(() => t.close());

function correct(reference: string, payload: object, authorization = manager) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/bookings/${reference}/identity`,
    headers: { authorization },
    payload,
  });
}

async function identityOf(id: string) {
  return t.database.db
    .selectFrom('booking')
    .select(['last_name', 'first_name', 'birth_date', 'foreigner_number', 'identity_key'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function refusal(statement: Promise<unknown>): Promise<string | null> {
  try {
    await statement;
    return null;
  } catch (error) {
    return (error as { constraint?: string }).constraint ?? (error as { code?: string }).code ?? 'error';
  }
}

describe('correcting an identity', () => {
  test('a misspelt name is corrected: the new identity, its key recomputed, the correction and the audit entry', async () => {
    const booking = await bookingIn(t.database.db, place, 'waiting', { lastName: 'Benalli' });
    const response = await correct(booking.reference, {
      lastName: 'Benali',
      reason: 'Nom mal orthographié à la réservation',
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {
      reference: booking.reference,
      identity: {
        lastName: 'Benali',
        firstName: 'Samira',
        birthDate: '1990-04-12',
        foreignerNumber: booking.foreignerNumber,
      },
      corrected: ['lastName'],
    });
    const row = await identityOf(booking.id);
    assert.equal(row.last_name, 'Benali');
    assert.equal(row.identity_key, `F:${booking.foreignerNumber}`);
    const corrections = await t.database.db
      .selectFrom('identity_correction')
      .select(['reason', 'before', 'after', 'agent_id'])
      .where('booking_id', '=', booking.id)
      .execute();
    assert.equal(corrections.length, 1);
    assert.equal(corrections[0]?.reason, 'Nom mal orthographié à la réservation');
    assert.equal(corrections[0]?.before.lastName, 'Benalli');
    assert.equal(corrections[0]?.after.lastName, 'Benali');
    const audit = await t.database.db
      .selectFrom('audit_entry')
      .select(['before', 'after', 'personal', 'site_id', 'agent_id'])
      .where('action', '=', 'booking.correct_identity')
      .where('target_id', '=', booking.reference)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.personal, true);
    assert.equal(audit[0]?.site_id, fixture.siteId);
    assert.deepEqual(audit[0]?.before, {
      lastName: 'Benalli',
      firstName: 'Samira',
      birthDate: '1990-04-12',
      foreignerNumber: booking.foreignerNumber,
    });
    assert.deepEqual(audit[0]?.after, {
      lastName: 'Benali',
      firstName: 'Samira',
      birthDate: '1990-04-12',
      foreignerNumber: booking.foreignerNumber,
      reason: 'Nom mal orthographié à la réservation',
    });
  });

  test('a foreigner number corrected changes the identity key; the same again changes nothing', async () => {
    const booking = await bookingIn(t.database.db, place, 'confirmed');
    const payload = { foreignerNumber: '7499999001', reason: 'Chiffres inversés' };
    const first = await correct(booking.reference, payload);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal((await identityOf(booking.id)).identity_key, 'F:7499999001');
    const again = await correct(booking.reference, payload);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json().corrected, []);
    const audits = await t.database.db
      .selectFrom('audit_entry')
      .select('id')
      .where('action', '=', 'booking.correct_identity')
      .where('target_id', '=', booking.reference)
      .execute();
    assert.equal(audits.length, 1);
  });

  test('the reason is required (422 on reason), at least one field, each field checked as the booking form does', async () => {
    const booking = await bookingIn(t.database.db, place, 'confirmed');
    const cases: [object, string, string][] = [
      [{ lastName: 'Benali' }, 'reason', 'required'],
      [{ lastName: 'Benali', reason: 'ok' }, 'reason', 'required'],
      [{ lastName: 'Benali', reason: 'x'.repeat(501) }, 'reason', 'too_long'],
      [{ reason: 'Erreur de saisie' }, 'identity', 'required'],
      [{ lastName: 'Ben4li', reason: 'Erreur de saisie' }, 'lastName', 'name_invalid'],
      [{ birthDate: '2031-01-01', reason: 'Erreur de saisie' }, 'birthDate', 'birth_date_future'],
      [
        { foreignerNumber: '740000001', reason: 'Erreur de saisie' },
        'foreignerNumber',
        'foreigner_number_9_digits',
      ],
      [{ foreignerNumber: '', reason: 'Erreur de saisie' }, 'foreignerNumber', 'required'],
    ];
    for (const [payload, field, code] of cases) {
      const response = await correct(booking.reference, payload);
      assert.equal(response.statusCode, 422, `${JSON.stringify(payload)}: ${response.body}`);
      const fields = response.json().error.fields as { field: string; code: string }[];
      assert.ok(
        fields.some((f) => f.field === field && f.code === code),
        `${JSON.stringify(payload)}: ${response.body}`,
      );
    }
    assert.equal((await identityOf(booking.id)).last_name, 'Benali');
  });

  test('an identity another active booking of the procedure holds is 409 identity_taken, and nothing changes', async () => {
    const holder = await bookingIn(t.database.db, place, 'confirmed');
    const booking = await bookingIn(t.database.db, place, 'confirmed');
    const response = await correct(booking.reference, {
      foreignerNumber: holder.foreignerNumber ?? '',
      reason: 'Numéro recopié du titre',
    });
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().error.code, 'identity_taken');
    assert.equal((await identityOf(booking.id)).foreigner_number, booking.foreignerNumber);
    const corrections = await t.database.db
      .selectFrom('identity_correction')
      .select('id')
      .where('booking_id', '=', booking.id)
      .execute();
    assert.deepEqual(corrections, []);
  });

  test('an ended booking is 409 not_correctable', async () => {
    const booking = await bookingIn(t.database.db, place, 'cancelled');
    const response = await correct(booking.reference, { lastName: 'Benali', reason: 'Erreur de saisie' });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.code, 'not_correctable');
  });

  test('an agent without booking.correct_identity is 403; a booking of another office is 404', async () => {
    const booking = await bookingIn(t.database.db, place, 'confirmed', { lastName: 'Benalli' });
    const refused = await correct(
      booking.reference,
      { lastName: 'Benali', reason: 'Erreur de saisie' },
      agent,
    );
    assert.equal(refused.statusCode, 403);
    const other = await bookingIn(t.database.db, elsewhere, 'confirmed');
    const hidden = await correct(other.reference, { lastName: 'Benali', reason: 'Erreur de saisie' });
    assert.equal(hidden.statusCode, 404);
    assert.equal((await identityOf(booking.id)).last_name, 'Benalli');
  });
});

describe('the database refuses any other change of an identity', () => {
  test('a direct UPDATE of last_name, first_name, birth_date, foreigner_number or identity_key is refused', async () => {
    const booking = await bookingIn(t.database.db, place, 'confirmed');
    const update = (set: Record<string, string>) =>
      refusal(t.database.db.updateTable('booking').set(set).where('id', '=', booking.id).execute());
    assert.equal(await update({ last_name: 'Autre' }), 'booking_identity_correction');
    assert.equal(await update({ first_name: 'Autre' }), 'booking_identity_correction');
    assert.equal(await update({ birth_date: '1991-01-01' }), 'booking_identity_correction');
    assert.equal(await update({ foreigner_number: '7499999999' }), 'booking_identity_correction');
    assert.equal(await update({ identity_key: 'F:7499999999' }), 'booking_identity_correction');
    // Setting a value to what it already is changes nothing, and is not refused.
    assert.equal(await update({ last_name: 'Benali' }), null);
  });

  test('a correction written in another transaction, or with other values, does not open the change', async () => {
    const booking = await bookingIn(t.database.db, place, 'confirmed');
    const values = (lastName: string) => ({
      booking_id: booking.id,
      at: new Date(),
      agent_id: null,
      reason: 'Essai',
      before: JSON.stringify({
        lastName: 'Benali',
        firstName: 'Samira',
        birthDate: '1990-04-12',
        foreignerNumber: booking.foreignerNumber,
      }),
      after: JSON.stringify({
        lastName,
        firstName: 'Samira',
        birthDate: '1990-04-12',
        foreignerNumber: booking.foreignerNumber,
      }),
    });
    await t.database.db.insertInto('identity_correction').values(values('Autre')).execute();
    const later = t.database.db
      .updateTable('booking')
      .set({ last_name: 'Autre' })
      .where('id', '=', booking.id)
      .execute();
    assert.equal(await refusal(later), 'booking_identity_correction');
    const otherValues = t.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('identity_correction').values(values('Autre')).execute();
      await trx.updateTable('booking').set({ last_name: 'Troisième' }).where('id', '=', booking.id).execute();
    });
    assert.equal(await refusal(otherValues), 'booking_identity_correction');
    const keyAlone = t.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('identity_correction').values(values('Benali')).execute();
      await trx
        .updateTable('booking')
        .set({ identity_key: 'F:0000000000' })
        .where('id', '=', booking.id)
        .execute();
    });
    // A correction of this transaction stating the values the booking keeps opens the key alone: the
    // key is the application's to compute (identity.ts), the record of the correction is what counts.
    assert.equal(await refusal(keyAlone), null);
  });

  test('a correction is never rewritten', async () => {
    const booking = await bookingIn(t.database.db, place, 'confirmed', { lastName: 'Benalli' });
    assert.equal(
      (await correct(booking.reference, { lastName: 'Benali', reason: 'Erreur de saisie' })).statusCode,
      200,
    );
    const rewrite = t.database.db
      .updateTable('identity_correction')
      .set({ reason: 'Autre motif' })
      .where('booking_id', '=', booking.id)
      .execute();
    assert.equal(await refusal(rewrite), '42501');
  });

  test('the retention job still deletes a corrected booking, its correction with it', async () => {
    const booking = await bookingIn(t.database.db, place, 'waiting', { lastName: 'Benalli' });
    assert.equal(
      (await correct(booking.reference, { lastName: 'Benali', reason: 'Erreur de saisie' })).statusCode,
      200,
    );
    await purgePersonalData(t.database.db, new Date('2030-06-01T00:00:00Z'));
    const left = await t.database.db
      .selectFrom('booking')
      .select('id')
      .where('id', '=', booking.id)
      .execute();
    assert.deepEqual(left, []);
    const corrections = await t.database.db
      .selectFrom('identity_correction')
      .select('id')
      .where('booking_id', '=', booking.id)
      .execute();
    assert.deepEqual(corrections, []);
  });
});
