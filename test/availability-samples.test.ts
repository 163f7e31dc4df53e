import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../src/db/database.ts';
import {
  purgeAvailabilitySamples,
  SAMPLE_RETENTION_DAYS,
  sampleAvailability,
} from '../src/modules/stats/availability-samples.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';

// The hourly samples of what the public pool shows (migration 0029, decision 0047): the earliest slot
// anyone could book, or none; once per offer and hour; draw offers never; purged after a year.

let database: TestDatabase;
let db: Db;
let fixture: Fixture;

before(async () => {
  database = await createTestDatabase();
  db = database.db;
  // Three slots of two seats, Monday 7 January 2030 at 09:00, 10:00 and 11:00 Paris time.
  fixture = await createFixture(db, { slots: 3, capacity: 2 });
});
after(() => database.drop());

async function samplesOf(offerId: number) {
  return db
    .selectFrom('availability_sample')
    .select(['sampled_at', 'next_free_at'])
    .where('offer_id', '=', offerId)
    .orderBy('sampled_at')
    .execute();
}

const [first, second] = [0, 1];

describe('the availability samples', () => {
  test('the earliest slot with a seat anyone may book, at the hour of the sample', async () => {
    await sampleAvailability(db, new Date('2030-01-01T10:17:00Z'));
    const [sample] = await samplesOf(fixture.offerId);
    assert.deepEqual(sample, {
      sampled_at: new Date('2030-01-01T10:00:00Z'),
      next_free_at: new Date('2030-01-07T08:00:00Z'),
    });
  });

  test('once per offer and hour, whoever runs it', async () => {
    const again = await sampleAvailability(db, new Date('2030-01-01T10:59:00Z'));
    assert.equal(again, 0);
    assert.equal((await samplesOf(fixture.offerId)).length, 1);
  });

  test('a full slot, or one whose seats cool down, is not free; nothing free is a null', async () => {
    const slotIds = fixture.slotIds.map(String);
    await db
      .updateTable('slot')
      .set({ taken: 2 })
      .where('id', '=', slotIds[first] ?? '')
      .execute();
    await db
      .updateTable('slot')
      .set({ held_back: 2 })
      .where('id', '=', slotIds[second] ?? '')
      .execute();
    await sampleAvailability(db, new Date('2030-01-02T10:00:00Z'));
    assert.deepEqual(
      (await samplesOf(fixture.offerId)).at(-1)?.next_free_at,
      new Date('2030-01-07T10:00:00Z'),
    );
    await db
      .updateTable('slot')
      .set({ taken: 2, held_back: 0 })
      .where('offer_id', '=', fixture.offerId)
      .execute();
    await sampleAvailability(db, new Date('2030-01-03T10:00:00Z'));
    assert.equal((await samplesOf(fixture.offerId)).at(-1)?.next_free_at, null);
  });

  test('a slot that has started is not free any more', async () => {
    await db
      .updateTable('slot')
      .set({ taken: 0, held_back: 0 })
      .where('offer_id', '=', fixture.offerId)
      .execute();
    await sampleAvailability(db, new Date('2030-01-07T08:30:00Z'));
    assert.deepEqual(
      (await samplesOf(fixture.offerId)).at(-1)?.next_free_at,
      new Date('2030-01-07T09:00:00Z'),
    );
  });

  test('a draw offer is never sampled: its seats are not in the public pool', async () => {
    const other = await createFixture(db, { slots: 2, capacity: 2 });
    await db.updateTable('offer').set({ channel: 'draw' }).where('id', '=', other.offerId).execute();
    const offerId = other.offerId;
    await sampleAvailability(db, new Date('2030-01-04T10:00:00Z'));
    assert.equal((await samplesOf(offerId)).length, 0);
  });

  test('samples older than the retention go, the others stay', async () => {
    const before = (await samplesOf(fixture.offerId)).length;
    const day = 24 * 3_600_000;
    const deleted = await purgeAvailabilitySamples(
      db,
      new Date(new Date('2030-01-02T10:00:01Z').getTime() + SAMPLE_RETENTION_DAYS * day),
    );
    assert.equal(deleted, 2, 'the samples of 1 and 2 January 2030 are past the retention');
    assert.equal((await samplesOf(fixture.offerId)).length, before - 2);
  });

  test('the database keeps one sample per hour', async () => {
    const refused = await db
      .insertInto('availability_sample')
      .values({ offer_id: fixture.offerId, sampled_at: '2030-02-01T10:30:00Z', next_free_at: null })
      .execute()
      .then(
        () => null,
        (error: { constraint?: string }) => error.constraint,
      );
    assert.equal(refused, 'availability_sample_on_the_hour');
  });
});
