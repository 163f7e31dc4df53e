import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, migrateUpTo } from '../src/db/database.ts';
import { insertBooking } from '../src/modules/booking/booking.repository.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture } from './helpers/fixtures.ts';

// Migration 0009 turns the rendered outbox into notifications by reference: the rows an installation
// already has must come out as the new shape says, and none may keep a link's token in clear.

let database: TestDatabase;

before(async () => {
  database = await createTestDatabase();
  // Back to an empty schema, then up to the outbox as it was before 0009.
  await sql`drop schema public cascade; create schema public`.execute(database.db);
  await migrateUpTo(database.db as never, '0006-outbox-decided-at-send');
});
after(() => database.drop());

test('the rows of the rendered outbox become notifications by reference, and none keeps a link in clear', async () => {
  const { db } = database;
  const fixture = await createFixture(db, { slots: 1 });
  const bookingId = await insertBooking(db, {
    reference: '74-AAAA-BBBB',
    slotId: String(fixture.slotIds[0]),
    procedureId: fixture.procedureId,
    identityKey: 'F:7400000001',
    emailKey: 'amina@example.org',
    lastName: 'Diallo',
    firstName: 'Amina',
    birthDate: '1990-04-12',
    email: 'Amina@example.org',
    phone: null,
    foreignerNumber: '7400000001',
    titleExpiry: null,
    postalCode: '74000',
    locale: 'en',
    holdExpiresAt: new Date('2030-01-01T00:00:00Z'),
  });
  const link = 'http://creneau.test/rendez-vous/gerer?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const legacy = [
    ['booking_confirm_request', bookingId, 'Amina@example.org', 'sent', null, null],
    ['booking_confirm_request', bookingId, 'Amina@example.org', 'pending', link, null],
    ['booking_cancelled', bookingId, 'Amina@example.org', 'pending', 'Votre rendez-vous a été annulé.', null],
    ['booking_rescheduled', bookingId, 'Amina@example.org', 'pending', link, null],
    ['manage_link', null, 'Someone@Example.org', 'pending', null, 'fr'],
    ['manage_link', null, '', 'skipped', null, 'en'],
    ['manage_link', null, 'Amina@example.org', 'sent', null, 'fr'],
  ] as const;
  for (const [kind, booking, recipient, status, body, locale] of legacy) {
    await sql`insert into outbox (kind, booking_id, recipient, subject, body_text, body_html, status, locale)
      values (${kind}, ${booking}, ${recipient}, 'Objet', ${body}, ${body}, ${status}, ${locale})`.execute(
      db,
    );
  }

  await migrateToLatest(db as never);

  const rows = await db
    .selectFrom('outbox')
    .select(['event', 'booking_id', 'email_key', 'status', 'locale', 'params', 'sealed_tokens', 'last_error'])
    .orderBy('id')
    .execute();
  const lost = 'not sent: queued before migration 0009, its links cannot be rebuilt';
  const expected = [
    ['booking.confirm_requested', bookingId, null, 'sent', 'en', {}, null],
    ['booking.confirm_requested', bookingId, null, 'failed', 'en', {}, lost],
    ['booking.cancelled', bookingId, null, 'pending', 'en', {}, null],
    ['booking.rescheduled', bookingId, null, 'failed', 'en', { slotId: String(fixture.slotIds[0]) }, lost],
    ['manage.link_requested', null, null, 'failed', 'fr', {}, lost],
    ['manage.link_requested', null, null, 'skipped', 'en', {}, null],
    ['manage.link_requested', null, 'amina@example.org', 'sent', 'fr', {}, null],
  ] as const;
  assert.deepEqual(
    rows,
    expected.map(([event, booking_id, email_key, status, locale, params, last_error]) => ({
      event,
      booking_id,
      email_key,
      status,
      locale,
      params,
      sealed_tokens: null,
      last_error,
    })),
  );
  // A new kind of message needs no migration any more; a malformed event name is still refused.
  await sql`insert into outbox (event, locale) values ('draw.result_published', 'fr')`.execute(db);
  await assert.rejects(
    sql`insert into outbox (event, locale) values ('Draw result', 'fr')`.execute(db),
    /outbox_event_name/,
  );
});
