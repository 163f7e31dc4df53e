import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/db/database.ts';
import { findBookingDetails } from '../src/modules/booking/booking.repository.ts';
import { defaultLastDay } from '../src/modules/schedule/availability.routes.ts';
import { publishSlots } from '../src/modules/schedule/publication.ts';
import { localDate } from '../src/modules/schedule/timezone.ts';
import { findFreeWeek } from '../src/modules/schedule/week.repository.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';

// The publication horizon is a property of each offer (offer.publication_days, migration 0010): the
// publication job, the availability API's default range and the change-of-slot list all read it.

let t: TestApp;

before(async () => {
  // Monday 2030-01-07, 10:00 in Annecy.
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
});
after(() => t.close());

/** A fixture offer open every day from 09:00 to 10:00 (three 20-minute slots), with a horizon of `days`. */
async function openEveryDay(days: number): Promise<Fixture> {
  const fixture = await createFixture(t.database.db, { slots: 0 });
  await t.database.db
    .updateTable('offer')
    .set({ publication_days: days })
    .where('id', '=', fixture.offerId)
    .execute();
  await t.database.db
    .insertInto('opening_rule')
    .values(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        offer_id: fixture.offerId,
        weekday,
        starts_at: '09:00',
        ends_at: '10:00',
        capacity: 1,
        valid_from: null,
        valid_until: null,
      })),
    )
    .execute();
  return fixture;
}

async function publishedDays(offerId: number): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('slot')
    .select('starts_at')
    .where('offer_id', '=', offerId)
    .execute();
  return [...new Set(rows.map((row) => localDate(row.starts_at, 'Europe/Paris')))].sort();
}

describe('the publication horizon of each offer', () => {
  test('publication publishes today and the days after it, as many as each offer says', async () => {
    const short = await openEveryDay(3);
    const long = await openEveryDay(10);
    await publishSlots({ db: t.database.db, clock: t.clock });
    // Today's slots (09:00–10:00) are past at 10:00: the first published day is tomorrow.
    assert.deepEqual(await publishedDays(short.offerId), ['2030-01-08', '2030-01-09']);
    const longDays = await publishedDays(long.offerId);
    assert.equal(longDays.at(0), '2030-01-08');
    assert.equal(longDays.at(-1), '2030-01-16', 'ten days: the 7th to the 16th');
  });

  test('availability without dates answers up to the offer’s last published day', async () => {
    const fixture = await createFixture(t.database.db, { slots: 0 });
    const insert = (day: string) =>
      t.database.db
        .insertInto('slot')
        .values({
          offer_id: fixture.offerId,
          starts_at: new Date(`${day}T08:00:00Z`),
          ends_at: new Date(`${day}T08:20:00Z`),
          capacity: 1,
        })
        .execute();
    await insert('2030-01-10');
    await insert('2030-01-20');
    const days = async () => {
      const response = await t.app.inject({
        url: `/api/v1/availability?procedure=${fixture.procedureId}&site=${fixture.siteId}`,
      });
      assert.equal(response.statusCode, 200, response.body);
      return (response.json() as { slots: { start: string }[] }).slots.map((slot) => slot.start.slice(0, 10));
    };
    await t.database.db
      .updateTable('offer')
      .set({ publication_days: 10 })
      .where('id', '=', fixture.offerId)
      .execute();
    assert.deepEqual(await days(), ['2030-01-10']);
    await t.database.db
      .updateTable('offer')
      .set({ publication_days: 14 })
      .where('id', '=', fixture.offerId)
      .execute();
    t.clock.advance(1_001); // past the availability cache
    assert.deepEqual(await days(), ['2030-01-10', '2030-01-20'], 'fourteen days: up to the 20th');
  });

  test('the default last day is the horizon’s, within the longest range, never before the first day', () => {
    assert.equal(defaultLastDay('2030-01-07', '2030-01-07', 56), '2030-03-03');
    assert.equal(defaultLastDay('2030-01-07', '2030-01-07', 365), '2030-04-10', '93 days at most');
    assert.equal(
      defaultLastDay('2030-06-01', '2030-01-07', 56),
      '2030-06-01',
      'a first day past the horizon',
    );
  });

  test('the change-of-slot list goes up to each office’s horizon', async () => {
    const fixture = await createFixture(t.database.db, { slots: 0 });
    const starts = ['2030-01-08T08:00:00Z', '2030-01-12T08:00:00Z', '2030-01-20T08:00:00Z'];
    const slots = await t.database.db
      .insertInto('slot')
      .values(
        starts.map((start) => ({
          offer_id: fixture.offerId,
          starts_at: new Date(start),
          ends_at: new Date(new Date(start).getTime() + 20 * 60_000),
          capacity: 1,
        })),
      )
      .returning('id')
      .execute();
    await t.database.db
      .updateTable('offer')
      .set({ publication_days: 7 })
      .where('id', '=', fixture.offerId)
      .execute();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { slotId: Number(slots[0]?.id), acceptConditions: true, applicant: applicant() },
    });
    assert.equal(created.statusCode, 201, created.body);
    const booking = await findBookingDetails(t.database.db, { id: String(created.json().id) });
    assert.ok(booking);
    const offered = await findFreeWeek(t.database.db, {
      offerId: fixture.offerId,
      from: t.clock.now(),
      to: new Date(t.clock.now().getTime() + 365 * 86_400_000),
      now: t.clock.now(),
      exceptSlotId: booking.slotId,
    });
    assert.equal(offered.later, false, 'nothing past the horizon either');
    assert.deepEqual(
      offered.slots.map((slot) => slot.id),
      [slots[1]?.id],
      'the 12th is within seven days of the 7th, the 20th is not',
    );
  });

  test('an offer takes PUBLICATION_DAYS when created without a horizon, and the horizon stays within 1–365', async () => {
    const withThirty = createDatabase({
      url: t.database.url,
      maxActivePerEmail: 3,
      publicationDays: 30,
      poolSize: 1,
    });
    try {
      const fixture = await createFixture(withThirty, { slots: 0 });
      const offer = await withThirty
        .selectFrom('offer')
        .select('publication_days')
        .where('id', '=', fixture.offerId)
        .executeTakeFirstOrThrow();
      assert.equal(offer.publication_days, 30);
    } finally {
      await withThirty.destroy();
    }
    const fixture = await createFixture(t.database.db, { slots: 0 });
    const stored = async (days: number) => {
      try {
        await sql`update offer set publication_days = ${days} where id = ${fixture.offerId}`.execute(
          t.database.db,
        );
        return true;
      } catch (error) {
        if ((error as { constraint?: string }).constraint === 'offer_publication_days_check') return false;
        throw error;
      }
    };
    assert.deepEqual(
      [await stored(0), await stored(1), await stored(365), await stored(366)],
      [false, true, true, false],
    );
  });
});
