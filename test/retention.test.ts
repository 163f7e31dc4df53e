import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { purgePersonalData, RETENTION_DAYS } from '../src/modules/booking/retention.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture } from './helpers/fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('personal data is deleted once the retention period after the appointment is over', async () => {
  const fixture = await createFixture(t.database.db, {
    slots: 2,
    capacity: 2,
    firstSlot: '2030-01-07T08:00:00Z',
  });
  for (const [i, slotId] of fixture.slotIds.entries()) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId, acceptConditions: true, applicant: applicant(900 + i) },
    });
    assert.equal(response.statusCode, 201);
  }
  const count = async (table: 'booking' | 'booking_token' | 'outbox' | 'email_activity') =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db))
        .rows[0]?.n,
    );

  // Within the period (the day after the appointment): everything stays.
  assert.equal(await purgePersonalData(t.database.db, new Date('2030-01-08T00:00:00Z')), 0);
  assert.equal(await count('booking'), 2);

  // Past it: bookings, their tokens, their emails and the address counters are gone.
  const later = new Date(Date.parse('2030-01-07T10:00:00Z') + (RETENTION_DAYS + 1) * 86_400_000);
  assert.equal(await purgePersonalData(t.database.db, later), 2);
  assert.equal(await count('booking'), 0);
  assert.equal(await count('booking_token'), 0);
  assert.equal(await count('outbox'), 0);
  assert.equal(await count('email_activity'), 0);
  const seats = await t.database.db
    .selectFrom('slot')
    .select('taken')
    .where('offer_id', '=', fixture.offerId)
    .execute();
  assert.deepEqual(
    seats.map((s) => s.taken),
    [0, 0],
    'the counters stayed true',
  );
});
