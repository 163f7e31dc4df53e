import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { bearer, createAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import { auditCount, auditOf, book, otherOffice, publicStarts, slotAt, slotsOf } from './helpers/schedule.ts';

// Issue 8, point 4, through the admin API: opening rules, closures, holidays, duration and publication
// regenerate an offer's future slots in the transaction of the change; a change that would leave a
// booking without a seat is refused with the list of those bookings, and changes nothing.

let t: TestApp;
let fixture: Fixture;
let manager: string;
let national: string;
let siteManager: string;
let other: { siteId: number; offerId: number; procedureId: number };

const WEEKDAYS_9_TO_10 = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  startsAt: '09:00',
  endsAt: '10:00',
  capacity: 2,
}));

before(async () => {
  // Monday 7 January 2030, 10:00 in Annecy.
  t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
  const db = t.database.db;
  other = await otherOffice(db);
  fixture = await createFixture(db, { slots: 0 });
  const now = t.clock.now();
  const agent = async (grants: NonNullable<Parameters<typeof createAgent>[2]>['grants']) =>
    bearer(db, (await createAgent(db, t.config, { grants })).id, now);
  manager = await agent([{ role: 'site_manager', scope: { kind: 'department', departmentCode: '74' } }]);
  national = await agent([{ role: 'site_manager', scope: { kind: 'national' } }]);
  siteManager = await agent([
    { role: 'site_manager', scope: { kind: 'site', siteId: fixture.siteId, departmentCode: '74' } },
  ]);
});
after(() => t.close());

/** A fresh fixture offer published over seven days, with no rule yet. */
async function freshOffer(): Promise<Fixture> {
  fixture = await createFixture(t.database.db, { slots: 0 });
  await t.database.db
    .updateTable('offer')
    .set({ publication_days: 7 })
    .where('id', '=', fixture.offerId)
    .execute();
  return fixture;
}

function call(method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, token: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1/admin${url}`,
    headers: { authorization: token },
    ...(payload ? { payload } : {}),
  });
}

const putRules = (offerId: number, rules: object[], token = manager) =>
  call('PUT', `/offers/${offerId}/opening-rules`, token, { rules });

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

describe('holidays and duration', () => {
  test('another holiday calendar regenerates every offer of the département, within site.configure on it', async () => {
    // Monday 15 April 2030: Good Friday the 19th is a holiday in Alsace-Moselle only.
    t.clock.set('2030-04-15T07:00:00Z');
    after(() => t.clock.set('2030-01-07T09:00:00Z'));
    await t.database.db
      .insertInto('department')
      .values({ code: '57', name: 'Moselle', timezone: 'Europe/Paris', holiday_region: 'metropole' })
      .execute();
    const site = await t.database.db
      .insertInto('site')
      .values({
        department_code: '57',
        name: 'Préfecture de Metz',
        kind: 'prefecture',
        address: '9 place de la Préfecture, 57000 Metz',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const offer = await t.database.db
      .insertInto('offer')
      .values({
        procedure_id: fixture.procedureId,
        site_id: site.id,
        channel: 'booking',
        publication_days: 7,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.equal((await putRules(offer.id, WEEKDAYS_9_TO_10, national)).statusCode, 200);
    const fridays = async () =>
      (await slotsOf(t.database.db, offer.id)).filter((s) => s.startsWith('2030-04-19')).length;
    assert.equal(await fridays(), 3);

    assert.equal(
      (await call('PUT', '/departments/57', manager, { holidayRegion: 'alsace_moselle' })).statusCode,
      403,
    );
    const refused = await call('PUT', '/departments/57', national, { holidayRegion: 'corse' });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.fields[0].field, 'holidayRegion');
    const response = await call('PUT', '/departments/57', national, { holidayRegion: 'alsace_moselle' });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {
      code: '57',
      name: 'Moselle',
      timezone: 'Europe/Paris',
      holidayRegion: 'alsace_moselle',
    });
    assert.equal(await fridays(), 0, 'Vendredi saint is now a holiday');
    assert.deepEqual((await auditOf(t.database.db, 'department.update')).at(-1)?.before, {
      holidayRegion: 'metropole',
    });
    assert.equal(
      (await call('PUT', '/departments/95', national, { holidayRegion: 'metropole' })).statusCode,
      404,
    );
  });

  test('a new duration regenerates the procedure’s slots; national procedures need a national grant', async () => {
    await freshOffer();
    await putRules(fixture.offerId, [{ weekday: 2, startsAt: '09:00', endsAt: '10:00', capacity: 1 }]);
    const url = `/procedures/${fixture.procedureId}/duration`;
    assert.equal(
      (await call('PUT', url, manager, { durationMinutes: 30 })).statusCode,
      403,
      'a département grant',
    );
    const bad = await call('PUT', url, national, { durationMinutes: 4 });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.fields[0].field, 'durationMinutes');
    const response = await call('PUT', url, national, { durationMinutes: 30 });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { id: fixture.procedureId, durationMinutes: 30 });
    assert.deepEqual(await slotsOf(t.database.db, fixture.offerId), [
      '2030-01-08 09:00 1/0',
      '2030-01-08 09:30 1/0',
    ]);
    const entry = (await auditOf(t.database.db, 'procedure.update_duration')).at(-1);
    assert.deepEqual([entry?.before, entry?.after], [{ durationMinutes: 20 }, { durationMinutes: 30 }]);

    await book(t, await slotAt(t.database.db, fixture.offerId, '2030-01-08 09:30'));
    const stranding = await call('PUT', url, national, { durationMinutes: 20 });
    assert.equal(stranding.statusCode, 409, 'the 09:30 slot would go');
    assert.equal(
      (await call('PUT', url, national, { durationMinutes: 15 })).statusCode,
      200,
      '09:30 stays at 15 minutes',
    );
    assert.equal(
      (await call('PUT', '/procedures/999999/duration', national, { durationMinutes: 15 })).statusCode,
      404,
    );
  });
});

describe('publication policy', () => {
  beforeEach(freshOffer);

  test('the policy is stored and shown without a random moment; bad settings name the field', async () => {
    const url = `/offers/${fixture.offerId}/publication`;
    const fixed = await call('PUT', url, manager, {
      publicationDays: 7,
      mode: 'fixed',
      weekdays: [1, 2, 3, 4, 5],
      time: '08:00',
    });
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.deepEqual(fixed.json(), {
      offerId: fixture.offerId,
      publicationDays: 7,
      mode: 'fixed',
      weekdays: [1, 2, 3, 4, 5],
      time: '08:00',
      releasedThrough: '2030-01-13',
      nextReleaseAt: '2030-01-08T07:00:00.000Z',
    });
    const random = await call('PUT', url, manager, {
      publicationDays: 10,
      mode: 'random',
      weekdays: [2],
      windowStart: '08:00',
      windowEnd: '18:00',
    });
    assert.equal(random.statusCode, 200, random.body);
    assert.equal(random.json().nextReleaseAt, null, 'the drawn moment is not shown');
    assert.equal(random.json().releasedThrough, '2030-01-13', 'what was published stays published');
    assert.deepEqual((await call('GET', url, manager)).json(), random.json());
    const entry = (await auditOf(t.database.db, 'offer.update_publication')).at(-1);
    assert.deepEqual(entry?.after, {
      publicationDays: 10,
      policy: { mode: 'random', weekdays: [2], windowStart: '08:00', windowEnd: '18:00' },
    });
    const bad = await call('PUT', url, manager, {
      publicationDays: 400,
      mode: 'random',
      weekdays: [2],
      windowStart: '18:00',
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad.json().error.fields.map((f: { field: string }) => f.field),
      ['publicationDays'],
      'the schema answers first',
    );
    const noWindow = await call('PUT', url, manager, { publicationDays: 10, mode: 'random', weekdays: [2] });
    assert.deepEqual(
      noWindow.json().error.fields.map((f: { field: string }) => f.field),
      ['windowStart', 'windowEnd'],
    );
  });
});

describe('the audit log', () => {
  test('each action writes exactly one entry, named after it', async () => {
    await freshOffer();
    const actions: [string, () => Promise<{ statusCode: number; body: string }>][] = [
      ['opening_rules.replace', () => putRules(fixture.offerId, WEEKDAYS_9_TO_10)],
      [
        'closure.create',
        () => call('POST', `/sites/${fixture.siteId}/closures`, manager, { day: '2030-01-12' }),
      ],
      ['closure.delete', () => call('DELETE', `/sites/${fixture.siteId}/closures/2030-01-12`, manager)],
      ['department.update', () => call('PUT', '/departments/74', manager, { holidayRegion: 'metropole' })],
      [
        'procedure.update_duration',
        () => call('PUT', `/procedures/${fixture.procedureId}/duration`, national, { durationMinutes: 20 }),
      ],
      [
        'offer.update_publication',
        () =>
          call('PUT', `/offers/${fixture.offerId}/publication`, manager, {
            publicationDays: 7,
            mode: 'rolling',
          }),
      ],
    ];
    for (const [action, run] of actions) {
      const before = await auditCount(t.database.db);
      const response = await run();
      assert.ok(response.statusCode < 300, `${action}: ${response.body}`);
      assert.equal(await auditCount(t.database.db), before + 1, action);
      const last = await t.database.db
        .selectFrom('audit_entry')
        .select('action')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      assert.equal(last.action, action);
    }
  });
});

describe('authorization', () => {
  test('another département’s offer or site, in the URL, is refused 403 and nothing changes', async () => {
    const entries = await auditCount(t.database.db);
    const refusals = [
      await call('GET', `/offers/${other.offerId}/opening-rules`, manager),
      await putRules(other.offerId, WEEKDAYS_9_TO_10),
      await call('PUT', `/offers/${other.offerId}/publication`, manager, {
        publicationDays: 3,
        mode: 'rolling',
      }),
      await call('GET', `/sites/${other.siteId}/closures`, manager),
      await call('POST', `/sites/${other.siteId}/closures`, manager, { day: '2030-01-09' }),
      await call('DELETE', `/sites/${other.siteId}/closures/2030-01-09`, manager),
      await call('PUT', '/departments/73', manager, { holidayRegion: 'reunion' }),
    ];
    for (const response of refusals) {
      assert.equal(response.statusCode, 403, response.body);
      assert.equal(response.json().error.code, 'out_of_scope');
    }
    assert.deepEqual(await slotsOf(t.database.db, other.offerId), []);
    const offer = await t.database.db
      .selectFrom('offer')
      .select('publication_days')
      .where('id', '=', other.offerId)
      .executeTakeFirstOrThrow();
    assert.equal(offer.publication_days, 56);
    assert.equal(await auditCount(t.database.db), entries);
  });

  test('a site’s manager reaches that site only; unknown ids are 404; no token is 401', async () => {
    await freshOffer();
    const mine = await createFixture(t.database.db, { slots: 0 });
    // siteManager's grant is on the site created in `before`, not on these.
    assert.equal((await putRules(mine.offerId, WEEKDAYS_9_TO_10, siteManager)).statusCode, 403);
    assert.equal((await call('GET', '/offers/999999/opening-rules', manager)).statusCode, 404);
    assert.equal((await call('GET', '/sites/999999/closures', manager)).statusCode, 404);
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/offers/${fixture.offerId}/opening-rules`,
    });
    assert.equal(anonymous.statusCode, 401);
  });

  test('a viewer holds no site.configure: 403 not_permitted', async () => {
    const viewer = await bearer(
      t.database.db,
      (
        await createAgent(t.database.db, t.config, {
          grants: [{ role: 'viewer', scope: { kind: 'department', departmentCode: '74' } }],
        })
      ).id,
      t.clock.now(),
    );
    const response = await putRules(fixture.offerId, WEEKDAYS_9_TO_10, viewer);
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error.code, 'not_permitted');
  });

  test('the admin routes are in the OpenAPI document with the bearer scheme', async () => {
    const answer = await t.app.inject({ url: '/api/openapi.json' });
    assert.equal(answer.statusCode, 200, answer.body.slice(0, 500));
    const document = answer.json();
    const route = document.paths['/api/v1/admin/offers/{id}/opening-rules'].put;
    assert.deepEqual(route.security, [{ bearerAuth: [] }]);
    assert.ok(route.responses['409'].content['application/json'].schema.properties.error.properties.bookings);
    for (const path of [
      '/api/v1/admin/offers/{id}/publication',
      '/api/v1/admin/sites/{id}/closures',
      '/api/v1/admin/sites/{id}/closures/{day}',
      '/api/v1/admin/departments/{code}',
      '/api/v1/admin/procedures/{id}/duration',
    ]) {
      assert.ok(document.paths[path], path);
    }
  });
});
