import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { TestApp } from './helpers/app.ts';
import type { Fixture } from './helpers/fixtures.ts';
import {
  auditCount,
  auditOf,
  book,
  freshOffer as newOffer,
  publicStarts,
  type ScheduleAdmin,
  slotAt,
  slotsOf,
  startScheduleAdmin,
  WEEKDAYS_9_TO_10,
} from './helpers/schedule.ts';

// Issue 8, point 4, through the admin API: opening rules and closures regenerate an offer's future
// slots in the transaction of the change; a change that would leave a booking without a seat is
// refused with the list of those bookings, and changes nothing.

let s: ScheduleAdmin;
let t: TestApp;
let fixture: Fixture;
let manager: string;

before(async () => {
  s = await startScheduleAdmin();
  ({ t, manager } = s);
  fixture = s.first;
});
after(() => t.close());

const call = (...args: Parameters<ScheduleAdmin['call']>) => s.call(...args);
const putRules = (offerId: number, rules: object[], token = manager) =>
  call('PUT', `/offers/${offerId}/opening-rules`, token, { rules });
/** A fresh fixture offer published over seven days, with no rule yet. */
async function freshOffer(): Promise<Fixture> {
  fixture = await newOffer(t);
  return fixture;
}

describe('opening rules', () => {
  beforeEach(freshOffer);

  test('saving opening rules generates the slots, which the public availability API shows', async () => {
    const response = await putRules(fixture.offerId, WEEKDAYS_9_TO_10);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json().slots, { inserted: 12, updated: 0, removed: 0 });
    const slots = await slotsOf(t.database.db, fixture.offerId);
    // Today's 09:00–10:00 is past at 10:00; Saturday and Sunday are closed.
    assert.deepEqual(slots.slice(0, 3), [
      '2030-01-08 09:00 2/0',
      '2030-01-08 09:20 2/0',
      '2030-01-08 09:40 2/0',
    ]);
    assert.equal(slots.at(-1), '2030-01-11 09:40 2/0');
    const starts = await publicStarts(t, fixture.procedureId, fixture.siteId);
    assert.equal(starts.length, 12);
    assert.equal(starts[0], '2030-01-08T09:00');
    const read = await call('GET', `/offers/${fixture.offerId}/opening-rules`, manager);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json().rules[0], {
      weekday: 1,
      startsAt: '09:00',
      endsAt: '10:00',
      capacity: 2,
      validFrom: null,
      validUntil: null,
    });
  });

  test('changing the rules moves the free slots and updates the counters', async () => {
    await putRules(fixture.offerId, WEEKDAYS_9_TO_10);
    const response = await putRules(fixture.offerId, [
      { weekday: 2, startsAt: '09:00', endsAt: '09:40', capacity: 3 },
      { weekday: 3, startsAt: '14:00', endsAt: '14:20', capacity: 1 },
    ]);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json().slots, { inserted: 1, updated: 2, removed: 10 });
    assert.deepEqual(await slotsOf(t.database.db, fixture.offerId), [
      '2030-01-08 09:00 3/0',
      '2030-01-08 09:20 3/0',
      '2030-01-09 14:00 1/0',
    ]);
    assert.deepEqual(await publicStarts(t, fixture.procedureId, fixture.siteId), [
      '2030-01-08T09:00',
      '2030-01-08T09:20',
      '2030-01-09T14:00',
    ]);
  });

  test('a change that would remove a booked slot is refused with the booking, and changes nothing', async () => {
    await putRules(fixture.offerId, WEEKDAYS_9_TO_10);
    const booked = await book(t, await slotAt(t.database.db, fixture.offerId, '2030-01-08 09:20'));
    const slotsBefore = await slotsOf(t.database.db, fixture.offerId);
    const entries = await auditCount(t.database.db);
    const response = await putRules(
      fixture.offerId,
      WEEKDAYS_9_TO_10.filter((rule) => rule.weekday !== 2),
    );
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().error.code, 'stranded_bookings');
    assert.deepEqual(response.json().error.bookings, [
      {
        reference: booked.reference,
        start: '2030-01-08T09:20:00+01:00',
        lastName: booked.lastName,
        firstName: booked.firstName,
      },
    ]);
    assert.deepEqual(await slotsOf(t.database.db, fixture.offerId), slotsBefore, 'no slot changed');
    const rules = (await call('GET', `/offers/${fixture.offerId}/opening-rules`, manager)).json().rules;
    assert.equal(rules.length, 5, 'the rules are the old ones');
    assert.equal(await auditCount(t.database.db), entries, 'no audit entry for what did not happen');
  });

  test('fewer counters than seats taken are refused, listing the bookings beyond the counters left', async () => {
    await putRules(fixture.offerId, WEEKDAYS_9_TO_10);
    const slotId = await slotAt(t.database.db, fixture.offerId, '2030-01-09 09:00');
    const first = await book(t, slotId);
    const second = await book(t, slotId);
    const response = await putRules(
      fixture.offerId,
      WEEKDAYS_9_TO_10.map((rule) => ({ ...rule, capacity: 1 })),
    );
    assert.equal(response.statusCode, 409, response.body);
    const listed = response.json().error.bookings.map((booking: { reference: string }) => booking.reference);
    assert.deepEqual(
      listed,
      [second.reference],
      `the last booked loses the seat, ${first.reference} keeps it`,
    );
    assert.ok((await slotsOf(t.database.db, fixture.offerId)).includes('2030-01-09 09:00 2/2'));
  });

  test('a slot whose only booking was cancelled is kept without seats, and the public no longer sees it', async () => {
    await putRules(fixture.offerId, WEEKDAYS_9_TO_10);
    const slotId = await slotAt(t.database.db, fixture.offerId, '2030-01-08 09:00');
    const booked = await book(t, slotId);
    await t.database.db
      .updateTable('booking')
      .set({ status: 'cancelled' })
      .where('reference', '=', booked.reference)
      .execute();
    const response = await putRules(
      fixture.offerId,
      WEEKDAYS_9_TO_10.filter((rule) => rule.weekday !== 2),
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json().slots, { inserted: 0, updated: 0, removed: 3 });
    assert.deepEqual(await slotsOf(t.database.db, fixture.offerId).then((s) => s.slice(0, 1)), [
      '2030-01-08 09:00 0/0',
    ]);
    assert.ok(!(await publicStarts(t, fixture.procedureId, fixture.siteId)).includes('2030-01-08T09:00'));
  });

  test('bad rules are refused with the field named, and nothing is stored', async () => {
    const entries = await auditCount(t.database.db);
    const cases: [object, string, string][] = [
      [{ weekday: 1, startsAt: '10:00', endsAt: '09:00', capacity: 1 }, 'rules.0.endsAt', 'before_start'],
      [
        { weekday: 1, startsAt: '09:00', endsAt: '09:10', capacity: 1 },
        'rules.0.endsAt',
        'shorter_than_duration',
      ],
      [{ weekday: 1, startsAt: '09:00', endsAt: '10:00', capacity: 0 }, 'rules.0.capacity', 'out_of_range'],
      [{ weekday: 8, startsAt: '09:00', endsAt: '10:00', capacity: 1 }, 'rules.0.weekday', 'out_of_range'],
      [{ weekday: 1, startsAt: '9:00', endsAt: '10:00', capacity: 1 }, 'rules.0.startsAt', 'format'],
      [
        { weekday: 1, startsAt: '09:00', endsAt: '10:00', capacity: 1, counters: 2 },
        'rules.0.counters',
        'unknown_field',
      ],
      [
        {
          weekday: 1,
          startsAt: '09:00',
          endsAt: '10:00',
          capacity: 1,
          validFrom: '2030-02-01',
          validUntil: '2030-01-01',
        },
        'rules.0.validUntil',
        'before_from',
      ],
    ];
    for (const [rule, field, code] of cases) {
      const response = await putRules(fixture.offerId, [rule]);
      assert.equal(response.statusCode, 422, `${field}: ${response.body}`);
      assert.ok(
        response
          .json()
          .error.fields.some((f: { field: string; code: string }) => f.field === field && f.code === code),
        `${field} ${code}: ${response.body}`,
      );
    }
    assert.deepEqual(await slotsOf(t.database.db, fixture.offerId), []);
    assert.equal(await auditCount(t.database.db), entries);
  });

  test('one audit entry per save, with the rules before and after and the offer’s place', async () => {
    await putRules(fixture.offerId, WEEKDAYS_9_TO_10.slice(0, 1));
    await putRules(fixture.offerId, WEEKDAYS_9_TO_10.slice(1, 2));
    const entries = (await auditOf(t.database.db, 'opening_rules.replace')).filter(
      (entry) => entry.target_id === String(fixture.offerId),
    );
    assert.equal(entries.length, 2);
    const rule = (weekday: number) => ({
      weekday,
      startsAt: '09:00',
      endsAt: '10:00',
      capacity: 2,
      validFrom: null,
      validUntil: null,
    });
    assert.deepEqual(entries[1], {
      agent_id: entries[1]?.agent_id,
      target_type: 'offer',
      target_id: String(fixture.offerId),
      department_code: '74',
      site_id: fixture.siteId,
      before: { rules: [rule(1)] },
      after: { rules: [rule(2)] },
    });
    assert.ok(entries[1]?.agent_id, 'the agent is named');
  });
});

describe('closures', () => {
  beforeEach(async () => {
    await freshOffer();
    await putRules(fixture.offerId, WEEKDAYS_9_TO_10);
  });

  test('a closure on a free day removes that day’s slots; deleting it brings them back', async () => {
    const created = await call('POST', `/sites/${fixture.siteId}/closures`, manager, {
      day: '2030-01-09',
      reason: 'Grève',
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(created.json(), {
      siteId: fixture.siteId,
      day: '2030-01-09',
      reason: 'Grève',
      slots: { inserted: 0, updated: 0, removed: 3 },
    });
    const days = async () =>
      new Set((await slotsOf(t.database.db, fixture.offerId)).map((slot) => slot.slice(0, 10)));
    assert.deepEqual([...(await days())], ['2030-01-08', '2030-01-10', '2030-01-11']);
    assert.ok(
      !(await publicStarts(t, fixture.procedureId, fixture.siteId)).some((start) =>
        start.startsWith('2030-01-09'),
      ),
    );
    const listed = await call('GET', `/sites/${fixture.siteId}/closures`, manager);
    assert.deepEqual(listed.json(), {
      siteId: fixture.siteId,
      closures: [{ day: '2030-01-09', reason: 'Grève' }],
    });
    const again = await call('POST', `/sites/${fixture.siteId}/closures`, manager, { day: '2030-01-09' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'closure_exists');

    const deleted = await call('DELETE', `/sites/${fixture.siteId}/closures/2030-01-09`, manager);
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(deleted.json().slots, { inserted: 3, updated: 0, removed: 0 });
    assert.ok((await days()).has('2030-01-09'));
    assert.equal(
      (await call('DELETE', `/sites/${fixture.siteId}/closures/2030-01-09`, manager)).statusCode,
      404,
    );
    const [create, remove] = [
      await auditOf(t.database.db, 'closure.create'),
      await auditOf(t.database.db, 'closure.delete'),
    ];
    assert.deepEqual(create.at(-1)?.after, { day: '2030-01-09', reason: 'Grève' });
    assert.deepEqual(remove.at(-1)?.before, { day: '2030-01-09', reason: 'Grève' });
    assert.equal(remove.at(-1)?.site_id, fixture.siteId);
  });

  test('a closure on a booked day is refused, listing the booking, and nothing is stored', async () => {
    const booked = await book(t, await slotAt(t.database.db, fixture.offerId, '2030-01-10 09:40'));
    const response = await call('POST', `/sites/${fixture.siteId}/closures`, manager, {
      day: '2030-01-10',
      reason: 'Travaux',
    });
    assert.equal(response.statusCode, 409, response.body);
    assert.deepEqual(
      response.json().error.bookings.map((b: { reference: string; start: string }) => [b.reference, b.start]),
      [[booked.reference, '2030-01-10T09:40:00+01:00']],
    );
    assert.deepEqual((await call('GET', `/sites/${fixture.siteId}/closures`, manager)).json().closures, []);
    assert.equal(
      (await slotsOf(t.database.db, fixture.offerId)).filter((s) => s.startsWith('2030-01-10')).length,
      3,
    );
  });

  test('a closed day in the past, a malformed day or a long reason is refused naming the field', async () => {
    for (const [payload, field, code] of [
      [{ day: '2030-01-06' }, 'day', 'past'],
      [{ day: '10/01/2030' }, 'day', 'format'],
      [{ day: '2030-01-10', reason: 'x'.repeat(201) }, 'reason', 'too_long'],
    ] as const) {
      const response = await call('POST', `/sites/${fixture.siteId}/closures`, manager, payload);
      assert.equal(response.statusCode, 422, response.body);
      assert.deepEqual(
        response.json().error.fields.map((f: { field: string; code: string }) => [f.field, f.code]),
        [[field, code]],
      );
    }
  });
});
