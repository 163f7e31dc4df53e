import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { bearer, createAgent } from './helpers/agents.ts';
import type { TestApp } from './helpers/app.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import {
  auditCount,
  auditOf,
  book,
  freshOffer as newOffer,
  type ScheduleAdmin,
  slotAt,
  slotsOf,
  startScheduleAdmin,
  WEEKDAYS_9_TO_10,
} from './helpers/schedule.ts';

// Issue 8, point 4, through the admin API: the holiday calendar, a procedure's duration and the
// publication policy; one audit entry per action; who may do what (another département's ids, a
// site's manager, a viewer, no token).

let s: ScheduleAdmin;
let t: TestApp;
let fixture: Fixture;
let manager: string;
let national: string;
let siteManager: string;
let other: ScheduleAdmin['other'];

before(async () => {
  s = await startScheduleAdmin();
  ({ t, manager, national, siteManager, other } = s);
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
