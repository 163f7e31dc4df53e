import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { newAgentBearer } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { LOOP_COLUMNS } from './helpers/booking-paths.ts';
import { addSlot, createFixture, type Fixture } from './helpers/fixtures.ts';
import { confirmedBooking } from './helpers/schedule.ts';

// Decision 0049: a site's period revoked is closed. A part of a day (instants) is not made a closure
// but loses its free seats; a day on which someone is already checked in stays open, its free seats
// withdrawn; a draw offer's slots of the period lose theirs too; the pass keeps a seat after the period.

let t: TestApp;
let manager: string;

before(async () => {
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
  const db = t.database.db;
  await createFixture(db, { slots: 0 });
  manager = await newAgentBearer(t, 'site_manager');
});
after(() => t.close());

function revoke(siteId: number, body: object) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/sites/${siteId}/revocations`,
    headers: { authorization: manager },
    payload: body,
  });
}

async function confirmed(slotId: number): Promise<string> {
  return (await confirmedBooking(t, slotId)).id;
}

/** Capacity, taken and held back of the fixture's slots, by start (UTC hour). */
async function seats(fixture: Fixture) {
  const rows = await t.database.db
    .selectFrom('slot')
    .select(['starts_at', 'capacity', 'taken', 'held_back'])
    .where('id', 'in', fixture.slotIds.map(String))
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => [r.starts_at.toISOString().slice(11, 16), r.capacity, r.taken, r.held_back]);
}

async function closuresOf(siteId: number): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('closure')
    .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'))
    .where('site_id', '=', siteId)
    .execute();
  return rows.map((row) => row.day);
}

describe('revoking a part of a day', () => {
  test('no closure: the period’s free seats are withdrawn, the pass keeps a seat after it the same day', async () => {
    // 09:00, 10:00, 11:00, 12:00 UTC (10:00 … 13:00 in Paris), two seats each.
    const fixture = await createFixture(t.database.db, {
      slots: 4,
      capacity: 2,
      firstSlot: '2030-01-21T09:00:00Z',
    });
    const revokedId = await confirmed(fixture.slotIds[1] as number);
    const body = { from: '2030-01-21T11:00:00+01:00', to: '2030-01-21T13:00:00+01:00', reason: 'Panne' };
    const done = await revoke(fixture.siteId, body);
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), { revoked: 1, closedDays: [] });
    assert.deepEqual(await closuresOf(fixture.siteId), []);
    assert.deepEqual(await seats(fixture), [
      ['09:00', 2, 0, 0],
      ['10:00', 0, 0, 0],
      ['11:00', 0, 0, 0],
      ['12:00', 2, 0, 1],
    ]);
    const pass = await t.database.db
      .selectFrom('priority_pass')
      .innerJoin('held_seat', 'held_seat.id', 'priority_pass.held_seat_id')
      .select('held_seat.slot_id')
      .where('priority_pass.booking_id', '=', revokedId)
      .executeTakeFirstOrThrow();
    assert.equal(pass.slot_id, String(fixture.slotIds[3]));
    const retry = await revoke(fixture.siteId, body);
    assert.deepEqual(retry.json(), { revoked: 0, closedDays: [] });
    assert.deepEqual((await seats(fixture))[3], ['12:00', 2, 0, 1], 'no second seat kept');
  });
});

describe('revoking days when someone is already checked in', () => {
  test('that day stays open with its free seats withdrawn; the other day is closed', async () => {
    const db = t.database.db;
    // Wednesday 23 and Thursday 24, 09:00 UTC, two seats each.
    const fixture = await createFixture(db, { slots: 0 });
    const wednesday = await addSlot(db, fixture.offerId, '2030-01-23T09:00:00Z', 2);
    const thursday = await addSlot(db, fixture.offerId, '2030-01-24T09:00:00Z', 2);
    const waiting = await confirmed(wednesday);
    await db
      .updateTable('booking')
      .set({ status: 'waiting', checked_in_at: LOOP_COLUMNS.checked_in_at })
      .where('id', '=', waiting)
      .execute();
    // A draw offer of the same site with a slot on Thursday: its free seats go too.
    const procedure = await db
      .insertInto('procedure')
      .values({
        code: `tirage-${fixture.siteId}`,
        title: 'Première demande de titre de séjour',
        duration_minutes: 20,
        requires_foreigner_number: false,
        requires_title_expiry: false,
        requires_postal_code: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const draw = await db
      .insertInto('offer')
      .values({ procedure_id: procedure.id, site_id: fixture.siteId, channel: 'draw' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const drawSlot = await addSlot(db, draw.id, '2030-01-24T10:00:00Z', 3);
    const done = await revoke(fixture.siteId, { from: '2030-01-23', to: '2030-01-24', reason: 'Grève' });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), { revoked: 0, closedDays: ['2030-01-24'] });
    assert.deepEqual(await closuresOf(fixture.siteId), ['2030-01-24']);
    const rows = await db
      .selectFrom('slot')
      .select(['id', 'capacity', 'taken'])
      .where('id', 'in', [String(wednesday), String(thursday), String(drawSlot)])
      .orderBy('starts_at')
      .execute();
    assert.deepEqual(
      rows.map((r) => [Number(r.id), r.capacity, r.taken]),
      [
        [wednesday, 1, 1],
        [thursday, 0, 0],
        [drawSlot, 0, 0],
      ],
    );
    const status = await db
      .selectFrom('booking')
      .select('status')
      .where('id', '=', waiting)
      .executeTakeFirst();
    assert.equal(status?.status, 'waiting', 'a person already checked in is not revoked');
  });
});

describe('closing a day on which a pass keeps a seat', () => {
  test('the seat kept for a booking revoked alone moves after the period', async () => {
    const db = t.database.db;
    // Monday 28, 09:00 UTC, and Tuesday 29, 09:00 UTC: one seat each.
    const fixture = await createFixture(db, { slots: 0 });
    const monday = await addSlot(db, fixture.offerId, '2030-01-28T09:00:00Z', 1);
    const tuesday = await addSlot(db, fixture.offerId, '2030-01-29T09:00:00Z', 1);
    const alone = await confirmed(monday);
    const reference = (
      await db.selectFrom('booking').select('reference').where('id', '=', alone).executeTakeFirstOrThrow()
    ).reference;
    const one = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/bookings/${reference}/revoke`,
      headers: { authorization: manager },
      payload: { reason: 'Agent absent' },
    });
    assert.equal(one.statusCode, 200, one.body);
    const keptSlot = async () =>
      (
        await db
          .selectFrom('priority_pass')
          .leftJoin('held_seat', 'held_seat.id', 'priority_pass.held_seat_id')
          .select(['held_seat.slot_id as slotId', 'held_seat.status'])
          .where('priority_pass.booking_id', '=', alone)
          .executeTakeFirstOrThrow()
      ).slotId;
    assert.equal(await keptSlot(), String(monday), 'first its own seat');

    const day = await revoke(fixture.siteId, { from: '2030-01-28', to: '2030-01-28', reason: 'Grève' });
    assert.deepEqual(day.json(), { revoked: 0, closedDays: ['2030-01-28'] });
    assert.equal(await keptSlot(), String(tuesday), 'then a seat after the closed day');
    const rows = await db
      .selectFrom('slot')
      .select(['capacity', 'taken', 'held_back'])
      .where('id', 'in', [String(monday), String(tuesday)])
      .orderBy('starts_at')
      .execute();
    assert.deepEqual(rows, [
      { capacity: 0, taken: 0, held_back: 0 },
      { capacity: 1, taken: 0, held_back: 1 },
    ]);
    const old = await db
      .selectFrom('held_seat')
      .select('status')
      .where('slot_id', '=', String(monday))
      .executeTakeFirstOrThrow();
    assert.equal(old.status, 'returned');
    const audit = await db
      .selectFrom('audit_entry')
      .select('after')
      .where('action', '=', 'site.revoke_period')
      .where('target_id', '=', String(fixture.siteId))
      .executeTakeFirstOrThrow();
    assert.equal((audit.after as { keptSeatsMoved: number }).keptSeatsMoved, 1);
  });
});
