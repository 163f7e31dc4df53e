import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { closeFinishedDays } from '../src/modules/queue/end-of-day.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { bookingIn } from './helpers/check-in.ts';
import { addSlot, createFixture, type Fixture } from './helpers/fixtures.ts';
import { eventsOf, loopRow } from './helpers/queue.ts';

// Issue 10 point 2 (decision 0041): the end of an office's day — once its local day is over, served
// → attended and confirmed, waiting, called, missed → no_show, each with a close_day event, agent
// null; today's appointments and finished ones untouched; a second run changes nothing.

let t: TestApp;
let fixture: Fixture;

const slot = (startsAt: string) => addSlot(t.database.db, fixture.offerId, startsAt, 50);

before(async () => {
  // Tuesday 8 January 2030, 00:30 in Annecy: Monday is over there.
  t = await createTestApp({ now: '2030-01-07T23:30:00Z' });
  fixture = await createFixture(t.database.db, { slots: 0 });
});
after(() => t.close());

describe('closing finished days', () => {
  test('every booking of a finished day still in the loop ends attended or no-show, once', async () => {
    const db = t.database.db;
    // Monday 17:30 in Annecy (16:30 UTC), and Tuesday 09:00.
    const monday = { slotId: await slot('2030-01-07T16:30:00Z'), procedureId: fixture.procedureId };
    const tuesday = { slotId: await slot('2030-01-08T08:00:00Z'), procedureId: fixture.procedureId };
    const statuses = [
      'confirmed',
      'waiting',
      'called',
      'served',
      'missed',
      'attended',
      'cancelled',
      'revoked',
    ] as const;
    const past = new Map<string, string>();
    for (const status of statuses) past.set(status, (await bookingIn(db, monday, status)).reference);
    const todays = (await bookingIn(db, tuesday, 'confirmed')).reference;

    const counts = await closeFinishedDays({ db, clock: t.clock });
    assert.deepEqual(counts, { attended: 1, no_show: 4 });
    const expected: Record<string, string> = {
      confirmed: 'no_show',
      waiting: 'no_show',
      called: 'no_show',
      served: 'attended',
      missed: 'no_show',
      attended: 'attended',
      cancelled: 'cancelled',
      revoked: 'revoked',
    };
    for (const [from, reference] of past) {
      assert.equal((await loopRow(db, reference)).status, expected[from], from);
      const events = await eventsOf(db, reference);
      if (from === 'attended' || from === 'cancelled' || from === 'revoked') assert.deepEqual(events, []);
      else
        assert.deepEqual(
          events.map((e) => [e.action, e.from_status, e.to_status, e.agent_id]),
          [['close_day', from, expected[from], null]],
        );
    }
    assert.ok((await loopRow(db, past.get('served') ?? '')).finished_at, 'the served one finished now');
    assert.equal((await loopRow(db, todays)).status, 'confirmed', 'today’s day is not over');

    assert.deepEqual(await closeFinishedDays({ db, clock: t.clock }), { attended: 0, no_show: 0 });
    const closeDays = await db
      .selectFrom('counter_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'close_day')
      .executeTakeFirstOrThrow();
    assert.equal(Number(closeDays.n), 5, 'the second run wrote nothing');
  });
});
