import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishSlots, releaseDueSlots } from '../src/modules/schedule/publication.ts';
import { localDate, localTime } from '../src/modules/schedule/timezone.ts';
import { bearer, createAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import { publicStarts, slotsOf } from './helpers/schedule.ts';

// Releases (decision 0024): a release policy publishes the horizon's new days only at its releases —
// a fixed time, or a moment drawn inside a daily window (the Hérault measure, seeds/004). Before the
// moment the new day's slots do not exist, for the hourly publication as for the public API.

let t: TestApp;
let token: string;

before(async () => {
  // Monday 7 January 2030, 07:00 in Annecy.
  t = await createTestApp({ now: '2030-01-07T06:00:00Z' });
  await createFixture(t.database.db, { slots: 0 });
  const agent = await createAgent(t.database.db, t.config, {
    grants: [{ role: 'site_manager', scope: { kind: 'department', departmentCode: '74' } }],
  });
  token = await bearer(t.database.db, agent.id, t.clock.now());
});
after(() => t.close());

function admin(method: 'PUT' | 'GET', url: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1/admin${url}`,
    headers: { authorization: token },
    ...(payload ? { payload } : {}),
  });
}

/** A fixture offer open every day 09:00–10:00 with one counter, published over `days` days. */
async function openEveryDay(days: number): Promise<Fixture> {
  const fixture = await createFixture(t.database.db, { slots: 0 });
  await t.database.db
    .updateTable('offer')
    .set({ publication_days: days })
    .where('id', '=', fixture.offerId)
    .execute();
  const rules = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    startsAt: '09:00',
    endsAt: '10:00',
    capacity: 1,
  }));
  const response = await admin('PUT', `/offers/${fixture.offerId}/opening-rules`, { rules });
  assert.equal(response.statusCode, 200, response.body);
  return fixture;
}

const days = async (offerId: number) => [
  ...new Set((await slotsOf(t.database.db, offerId)).map((slot) => slot.slice(0, 10))),
];

async function nextRelease(offerId: number): Promise<Date> {
  const row = await t.database.db
    .selectFrom('offer')
    .select('next_release_at')
    .where('id', '=', offerId)
    .executeTakeFirstOrThrow();
  assert.ok(row.next_release_at);
  return row.next_release_at;
}

/** The hourly publication and the minute's releases, as the jobs run them. */
async function runJobs(): Promise<void> {
  await publishSlots({ db: t.database.db, clock: t.clock });
  await releaseDueSlots({ db: t.database.db, clock: t.clock });
}

describe('releases at a fixed time', () => {
  test('the next day of the horizon is published at 08:00, not a minute before', async () => {
    const fixture = await openEveryDay(7);
    assert.deepEqual((await days(fixture.offerId)).at(-1), '2030-01-13');
    const response = await admin('PUT', `/offers/${fixture.offerId}/publication`, {
      publicationDays: 7,
      mode: 'fixed',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      time: '08:00',
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().releasedThrough, '2030-01-13', 'what the horizon had published stays');

    t.clock.set('2030-01-07T07:00:05Z'); // today's 08:00: the horizon seen from today is already out
    await runJobs();
    assert.equal((await nextRelease(fixture.offerId)).toISOString(), '2030-01-08T07:00:00.000Z');

    t.clock.set('2030-01-08T06:59:59Z');
    await runJobs();
    assert.equal((await days(fixture.offerId)).at(-1), '2030-01-13', 'the 14th waits for 08:00');
    assert.ok(
      !(await publicStarts(t, fixture.procedureId, fixture.siteId, '2030-01-20')).some((s) =>
        s.startsWith('2030-01-14'),
      ),
    );

    t.clock.set('2030-01-08T07:00:00Z');
    await runJobs();
    assert.equal((await days(fixture.offerId)).at(-1), '2030-01-14');
    assert.ok(
      (await publicStarts(t, fixture.procedureId, fixture.siteId, '2030-01-20')).includes('2030-01-14T09:00'),
    );
    assert.equal((await nextRelease(fixture.offerId)).toISOString(), '2030-01-09T07:00:00.000Z');
  });
});

describe('releases at a random moment in a window', () => {
  test('over thirty draws, each release happens inside its window and its day appears only then', async () => {
    t.clock.set('2030-02-01T05:00:00Z');
    const fixture = await openEveryDay(3);
    const response = await admin('PUT', `/offers/${fixture.offerId}/publication`, {
      publicationDays: 3,
      mode: 'random',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      windowStart: '08:00',
      windowEnd: '18:00',
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().nextReleaseAt, null, 'the moment is not shown');
    // Today's release opens nothing new: the rolling horizon had published up to the 3rd already.
    t.clock.set(await nextRelease(fixture.offerId));
    await runJobs();
    assert.deepEqual(await days(fixture.offerId), ['2030-02-01', '2030-02-02', '2030-02-03']);
    const moments: Date[] = [];
    for (let draw = 0; draw < 30; draw += 1) {
      const moment = await nextRelease(fixture.offerId);
      moments.push(moment);
      const day = localDate(moment, 'Europe/Paris');
      const time = localTime(moment, 'Europe/Paris');
      assert.ok(time >= '08:00' && time < '18:00', `${moment.toISOString()} is ${time} in Annecy`);
      // The day the release opens: the horizon's last, seen from the release's day.
      const opened = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);

      t.clock.set(new Date(moment.getTime() - 1000));
      await runJobs();
      assert.ok(
        !(await days(fixture.offerId)).includes(opened),
        `${opened} not out at ${time} minus a second`,
      );
      assert.ok(
        !(await publicStarts(t, fixture.procedureId, fixture.siteId, opened)).some((s) =>
          s.startsWith(opened),
        ),
      );

      t.clock.set(moment);
      await runJobs();
      assert.ok((await days(fixture.offerId)).includes(opened), `${opened} out at ${time}`);
      assert.ok(
        (await publicStarts(t, fixture.procedureId, fixture.siteId, opened)).includes(`${opened}T09:00`),
      );
      assert.equal(
        localDate(await nextRelease(fixture.offerId), 'Europe/Paris') > day,
        true,
        'the next draw is for a later day',
      );
    }
    const minutes = moments.map((moment) => {
      const [hours, mins] = localTime(moment, 'Europe/Paris').split(':').map(Number);
      return (hours as number) * 60 + (mins as number);
    });
    assert.ok(
      Math.max(...minutes) - Math.min(...minutes) > 4 * 60,
      `moments spread over the day: ${minutes}`,
    );
    const entries = await t.database.db.selectFrom('audit_entry').select(['before', 'after']).execute();
    const logged = JSON.stringify(entries);
    assert.ok(
      moments.every((moment) => !logged.includes(moment.toISOString())),
      'no moment in the audit log',
    );
  });

  test('two instances releasing at once release each offer once', async () => {
    // Monday 4 March 2030, 05:00 in Annecy; this offer's window, 06:00–07:00, comes before the others'.
    t.clock.set('2030-03-04T04:00:00Z');
    const fixture = await openEveryDay(2);
    await admin('PUT', `/offers/${fixture.offerId}/publication`, {
      publicationDays: 2,
      mode: 'random',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      windowStart: '06:00',
      windowEnd: '07:00',
    });
    const moment = await nextRelease(fixture.offerId);
    t.clock.set(new Date(moment.getTime() - 1));
    await releaseDueSlots({ db: t.database.db, clock: t.clock }); // the other tests' offers, overdue
    t.clock.set(moment);
    const [first, second] = await Promise.all([
      releaseDueSlots({ db: t.database.db, clock: t.clock }),
      releaseDueSlots({ db: t.database.db, clock: t.clock }),
    ]);
    assert.equal(first.released + second.released, 1);
    assert.equal(localDate(await nextRelease(fixture.offerId), 'Europe/Paris'), '2030-03-05');
  });
});
