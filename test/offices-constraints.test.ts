import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Executor } from '../src/db/database.ts';
import { insertBooking } from '../src/modules/booking/booking.repository.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import { waitUntil } from './helpers/load.ts';

// Migration 0013's invariants, kept by PostgreSQL whatever the application does: the shapes of a
// site's counters and texts, of a procedure's translations and permit window, of each channel's
// details; and a channel that never changes under a booking still to come, even when the two race.

let database: TestDatabase;
let fixture: Fixture;

before(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db, { slots: 2, capacity: 5 });
});
after(() => database.drop());

/** Whether PostgreSQL accepts the change; nothing is kept either way. */
async function accepted(change: (trx: Executor) => Promise<unknown>): Promise<boolean> {
  const rollback = new Error('rollback');
  try {
    await database.db.transaction().execute(async (trx) => {
      await change(trx);
      throw rollback;
    });
  } catch (error) {
    if (error === rollback) return true;
    if ((error as { code?: string }).code === '23514') return false;
    throw error;
  }
  return true;
}

const site = (values: Record<string, unknown>) => (trx: Executor) =>
  trx.updateTable('site').set(values).where('id', '=', fixture.siteId).execute();
const procedure = (values: Record<string, unknown>) => (trx: Executor) =>
  trx.updateTable('procedure').set(values).where('id', '=', fixture.procedureId).execute();
const offer = (values: Record<string, unknown>) => (trx: Executor) =>
  trx.updateTable('offer').set(values).where('id', '=', fixture.offerId).execute();

describe('the shapes the database keeps', () => {
  test('a site has at least one counter, each named once and shortly; it starts with "Guichet 1"', async () => {
    const row = await database.db
      .selectFrom('site')
      .select('counters')
      .where('id', '=', fixture.siteId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.counters, ['Guichet 1']);
    assert.equal(await accepted(site({ counters: ['Guichet 1', 'Guichet 2'] })), true);
    assert.equal(await accepted(site({ counters: [] })), false);
    assert.equal(await accepted(site({ counters: ['A', 'A'] })), false);
    assert.equal(await accepted(site({ counters: [''] })), false);
    assert.equal(await accepted(site({ counters: ['x'.repeat(51)] })), false);
  });

  test('a site’s texts for applicants are French first, its phone and email plausible', async () => {
    assert.equal(await accepted(site({ transport: JSON.stringify({ fr: 'Tram 1', en: 'Tram 1' }) })), true);
    assert.equal(await accepted(site({ transport: JSON.stringify({ en: 'Tram 1' }) })), false);
    assert.equal(await accepted(site({ accessibility: JSON.stringify({ fr: 'x', de: 'y' }) })), false);
    assert.equal(await accepted(site({ contact_phone: '04 50 33 60 00' })), true);
    assert.equal(await accepted(site({ contact_phone: 'appelez' })), false);
    assert.equal(await accepted(site({ contact_email: 'sans-arobase' })), false);
  });

  test('a procedure’s translations are English or Arabic versions of its texts, within the same limits', async () => {
    const translations = (value: unknown) => procedure({ translations: JSON.stringify(value) });
    assert.equal(await accepted(translations({})), true);
    assert.equal(
      await accepted(translations({ en: { title: 'Renewal', documents: ['Passport'] }, ar: {} })),
      true,
    );
    assert.equal(await accepted(translations({ de: { title: 'Verlängerung' } })), false);
    assert.equal(await accepted(translations({ en: { subtitle: 'x' } })), false);
    assert.equal(await accepted(translations({ en: { title: 'x'.repeat(301) } })), false);
    assert.equal(await accepted(translations({ en: { title: '' } })), false);
    assert.equal(await accepted(translations({ en: { documents: 'Passport' } })), false);
    assert.equal(await accepted(translations({ en: { documents: [1] } })), false);
    assert.equal(await accepted(translations({ en: { documents: ['A', 'A'] } })), false);
    assert.equal(await accepted(translations({ en: 'Renewal' })), false);
    assert.equal(await accepted(translations([])), false);
  });

  test('a procedure’s permit window needs the expiry date; its texts and documents are bounded', async () => {
    assert.equal(
      await accepted(procedure({ requires_title_expiry: false, title_expiry_within_days: 92 })),
      false,
    );
    assert.equal(
      await accepted(procedure({ requires_title_expiry: true, title_expiry_within_days: 92 })),
      true,
    );
    assert.equal(await accepted(procedure({ description: 'x'.repeat(4001) })), false);
    assert.equal(await accepted(procedure({ documents: ['Passeport', 'Passeport'] })), false);
    assert.equal(await accepted(procedure({ arrival_advice: JSON.stringify({ fr: 'Venez tôt.' }) })), true);
    assert.equal(await accepted(procedure({ arrival_advice: JSON.stringify({ fr: '' }) })), false);
  });

  test('an offer by email has an address, an external one an https link, a postal one an address', async () => {
    assert.equal(await accepted(offer({ channel: 'email', contact_email: 'pref@ain.gouv.fr' })), true);
    assert.equal(
      await accepted(offer({ channel: 'external', url: 'https://www.demarches-simplifiees.fr/x' })),
      true,
    );
    assert.equal(await accepted(offer({ channel: 'postal', postal_address: 'BP 2332' })), true);
    assert.equal(await accepted(offer({ channel: 'email', contact_email: null })), false);
    assert.equal(
      await accepted(offer({ channel: 'external', url: 'http://www.demarches-simplifiees.fr/x' })),
      false,
    );
    assert.equal(await accepted(offer({ channel: 'postal', postal_address: null })), false);
    assert.equal(await accepted(offer({ url: 'javascript:alert(1)' })), false);
  });
});

let counter = 0;

/** A pending booking in a slot, in `trx`'s transaction. */
function bookIn(trx: Executor, slotId: number, procedureId: number): Promise<string> {
  counter += 1;
  return insertBooking(trx, {
    reference: `74-RACE-${String(counter).padStart(4, '0')}`,
    slotId: String(slotId),
    procedureId,
    identityKey: `F:74000${String(counter).padStart(5, '0')}`,
    emailKey: `race${counter}@example.org`,
    lastName: 'Diallo',
    firstName: 'Awa',
    birthDate: '1990-04-12',
    email: `race${counter}@example.org`,
    phone: null,
    foreignerNumber: null,
    titleExpiry: null,
    postalCode: null,
    locale: 'fr',
    holdExpiresAt: new Date(Date.now() + 3_600_000),
  });
}

/** Whether some session of the test database waits for a row lock. */
async function someoneWaits(): Promise<boolean> {
  const { rows } = await sql<{ waiting: string }>`
    select count(*) as waiting from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
  return Number(rows[0]?.waiting) > 0;
}

/** A transaction that does `work`, then stays open until `release` is called. */
function heldOpen(work: (trx: Executor) => Promise<unknown>) {
  let release = () => {};
  let done = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const worked = new Promise<void>((resolve) => {
    done = resolve;
  });
  const committed = database.db.transaction().execute(async (trx) => {
    await work(trx);
    done();
    await gate;
  });
  return { worked, committed, release };
}

describe('a channel and the bookings it carries, racing', () => {
  test('a change of channel waits for a booking in flight, then is refused once it committed', async () => {
    const booking = heldOpen((trx) => bookIn(trx, fixture.slotIds[0] as number, fixture.procedureId));
    await booking.worked;
    const change =
      sql`update offer set channel = 'postal', postal_address = 'BP 1' where id = ${fixture.offerId}`
        .execute(database.db)
        .then(
          () => 'changed',
          (error: Error) => error.message,
        );
    await waitUntil('the change of channel to wait for the booking', someoneWaits, 5_000);
    booking.release();
    await booking.committed;
    assert.match(await change, /cannot change/);
  });

  test('a booking waits for a change of channel in flight, then is refused once it committed', async () => {
    const other = await database.db
      .insertInto('procedure')
      .values({ code: 'course-a-la-place', title: 'Course', duration_minutes: 20 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await database.db
      .insertInto('offer')
      .values({ procedure_id: other.id, site_id: fixture.siteId, channel: 'booking' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const slot = await database.db
      .insertInto('slot')
      .values({
        offer_id: created.id,
        starts_at: new Date('2030-04-01T08:00:00Z'),
        ends_at: new Date('2030-04-01T08:20:00Z'),
        capacity: 3,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const change = heldOpen((trx) =>
      sql`update offer set channel = 'walk_in' where id = ${created.id}`.execute(trx),
    );
    await change.worked;
    const booking = database.db
      .transaction()
      .execute((trx) => bookIn(trx, Number(slot.id), other.id))
      .then(
        () => 'booked',
        (error: Error) => error.message,
      );
    await waitUntil('the booking to wait for the change of channel', someoneWaits, 5_000);
    change.release();
    await change.committed;
    assert.match(await booking, /does not take bookings/);
    const taken = await database.db
      .selectFrom('slot')
      .select('taken')
      .where('id', '=', slot.id)
      .executeTakeFirstOrThrow();
    assert.equal(taken.taken, 0, 'no seat was taken');
  });
});
