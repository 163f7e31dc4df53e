import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALL_BOOKING_STATUSES } from '../src/modules/booking/statuses.ts';
import { ACTION_RULES, LOOP_ACTIONS, type LoopAction } from '../src/modules/queue/queue.rules.ts';
import { newAgentBearer } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { bookingIn } from './helpers/check-in.ts';
import { addSlot, createFixture, type Fixture } from './helpers/fixtures.ts';
import { eventsOf, loopRow, openCounters, waitingBooking } from './helpers/queue.ts';
import { otherOffice } from './helpers/schedule.ts';

// Issue 10 point 2 (decision 0041): the counter loop's actions through the admin API — each allowed
// from the statuses of its rule and refused from every other, the trigger's N calls as a 409, two
// counters calling one person at once, undo restoring status and columns within the day only.

const NOW = '2030-01-07T07:00:00Z'; // Monday 7 January 2030, 08:00 in Annecy.

let t: TestApp;
let fixture: Fixture;
let today: { slotId: number; procedureId: number; siteId: number };
let elsewhere: { slotId: number; procedureId: number; siteId: number };
let agent: string;
let viewer: string;

const PATHS: Record<LoopAction, string> = {
  call: 'call',
  recall: 'recall',
  serve: 'serve',
  finish: 'finish',
  miss: 'miss',
  requeue: 'requeue',
  no_show: 'no-show',
};

const slot = (offerId: number, startsAt: string) => addSlot(t.database.db, offerId, startsAt, 500);

before(async () => {
  t = await createTestApp({ now: NOW });
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 0 });
  await openCounters(db, fixture.siteId);
  today = {
    slotId: await slot(fixture.offerId, '2030-01-07T08:00:00Z'),
    procedureId: fixture.procedureId,
    siteId: fixture.siteId,
  };
  const other = await otherOffice(db);
  elsewhere = {
    slotId: await slot(other.offerId, '2030-01-07T08:00:00Z'),
    procedureId: other.procedureId,
    siteId: other.siteId,
  };
  agent = await newAgentBearer(t, 'agent');
  viewer = await newAgentBearer(t, 'viewer');
});
after(() => t.close());

function act(reference: string, path: string, payload?: object, authorization = agent) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/bookings/${reference}/${path}`,
    headers: { authorization },
    ...(payload ? { payload } : {}),
  });
}

const call = (reference: string, counter = 'Guichet 3') => act(reference, 'call', { counter });

async function ok(response: Awaited<ReturnType<typeof act>>) {
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

describe('the loop’s actions against the status table', () => {
  test('each action is allowed from the statuses of its rule and refused from every other one', async () => {
    const cells: string[] = [];
    for (const action of LOOP_ACTIONS) {
      for (const status of ALL_BOOKING_STATUSES) {
        const booking = await bookingIn(t.database.db, today, status);
        // Enough calls to be missed for `miss`, fewer than N for `recall`.
        if (status === 'called')
          await t.database.db
            .updateTable('booking')
            .set({ call_count: action === 'miss' ? 3 : 1 })
            .where('id', '=', booking.id)
            .execute();
        const response =
          action === 'call' ? await call(booking.reference) : await act(booking.reference, PATHS[action]);
        const rule = ACTION_RULES[action];
        const after = await loopRow(t.database.db, booking.reference);
        if (rule.from.includes(status)) {
          if (response.statusCode !== 200 || after.status !== rule.to)
            cells.push(`${action} from ${status}: ${response.statusCode} ${response.body.slice(0, 100)}`);
        } else {
          const code = action === 'call' && status === 'called' ? 'already_called' : 'wrong_status';
          if (response.statusCode !== 409 || response.json().error.code !== code || after.status !== status)
            cells.push(`${action} from ${status}: ${response.statusCode} ${response.body.slice(0, 100)}`);
        }
      }
    }
    assert.deepEqual(cells, []);
  });

  test('a wrong status is named in the refusal', async () => {
    const booking = await bookingIn(t.database.db, today, 'served');
    const response = await act(booking.reference, 'miss');
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.code, 'wrong_status');
    assert.equal(response.json().error.status, 'served');
    assert.match(response.json().error.message, /au guichet/);
  });
});

describe('calls', () => {
  test('a call sets the counter, the time and one call; its event and audit entry are written', async () => {
    const booking = await waitingBooking(t.database.db, today, new Date(NOW));
    const body = await ok(await call(booking.reference));
    assert.deepEqual(body, {
      reference: booking.reference,
      status: 'called',
      counter: 'Guichet 3',
      callCount: 1,
      checkedInAt: NOW.replace('Z', '.000Z'),
      calledAt: NOW.replace('Z', '.000Z'),
      servedAt: null,
      finishedAt: null,
    });
    const events = await eventsOf(t.database.db, booking.reference);
    assert.deepEqual(
      events.map((e) => [e.action, e.from_status, e.to_status, e.counter]),
      [
        ['check_in', 'confirmed', 'waiting', null],
        ['call', 'waiting', 'called', 'Guichet 3'],
      ],
    );
    const audit = await t.database.db
      .selectFrom('audit_entry')
      .select(['action', 'site_id'])
      .where('target_id', '=', booking.reference)
      .execute();
    assert.deepEqual(audit, [{ action: 'booking.call', site_id: fixture.siteId }]);
  });

  test('a counter that is not one of the office’s is refused, naming the field', async () => {
    const booking = await waitingBooking(t.database.db, today, new Date(NOW));
    const response = await call(booking.reference, 'Guichet 9');
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().error.fields[0].field, 'counter');
    const missing = await act(booking.reference, 'call', {});
    assert.equal(missing.statusCode, 422);
    assert.equal((await loopRow(t.database.db, booking.reference)).status, 'waiting');
  });

  test('a second call while called is refused, naming the counter', async () => {
    const booking = await waitingBooking(t.database.db, today, new Date(NOW));
    await ok(await call(booking.reference, 'Guichet 1'));
    const again = await call(booking.reference, 'Guichet 2');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'already_called');
    assert.equal(again.json().error.counter, 'Guichet 1');
    assert.match(again.json().error.message, /Guichet 1/);
  });

  test('two counters calling one person at the same moment: exactly one wins', async () => {
    for (let round = 0; round < 5; round += 1) {
      const booking = await waitingBooking(t.database.db, today, new Date(NOW));
      const answers = await Promise.all([
        call(booking.reference, 'Guichet 1'),
        call(booking.reference, 'Guichet 2'),
      ]);
      const statuses = answers.map((a) => a.statusCode).sort();
      assert.deepEqual(statuses, [200, 409]);
      const winner = answers.find((a) => a.statusCode === 200)?.json().counter;
      const loser = answers.find((a) => a.statusCode === 409)?.json().error;
      assert.equal(loser.code, 'already_called');
      assert.equal(loser.counter, winner);
      const row = await loopRow(t.database.db, booking.reference);
      assert.equal(row.call_count, 1);
      assert.equal(row.counter, winner);
      assert.equal((await eventsOf(t.database.db, booking.reference)).length, 2);
    }
  });

  test('recalls count up to the office’s N, then the person is to be marked missed', async () => {
    const booking = await waitingBooking(t.database.db, today, new Date(NOW));
    await ok(await call(booking.reference, 'Guichet 2'));
    t.clock.advance(60_000);
    const second = await ok(await act(booking.reference, 'recall'));
    assert.equal(second.callCount, 2);
    assert.equal(second.counter, 'Guichet 2', 'the same counter');
    assert.equal(second.calledAt, new Date(new Date(NOW).getTime() + 60_000).toISOString());
    await ok(await act(booking.reference, 'recall'));
    const fourth = await act(booking.reference, 'recall');
    assert.equal(fourth.statusCode, 409);
    assert.equal(fourth.json().error.code, 'call_limit');
    assert.equal((await ok(await act(booking.reference, 'miss'))).status, 'missed');
    t.clock.set(NOW);
  });

  test('the trigger refuses a miss before N calls: 409 not_enough_calls', async () => {
    const booking = await waitingBooking(t.database.db, today, new Date(NOW));
    await ok(await call(booking.reference));
    const response = await act(booking.reference, 'miss');
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().error.code, 'not_enough_calls');
    const row = await loopRow(t.database.db, booking.reference);
    assert.equal(row.status, 'called');
    assert.equal(
      (await eventsOf(t.database.db, booking.reference)).length,
      2,
      'no event of the refused miss',
    );
  });

  test('requeue puts a missed person back in the queue with no call counted', async () => {
    const booking = await waitingBooking(t.database.db, today, new Date(NOW));
    await ok(await call(booking.reference));
    await ok(await act(booking.reference, 'recall'));
    await ok(await act(booking.reference, 'recall'));
    await ok(await act(booking.reference, 'miss'));
    const back = await ok(await act(booking.reference, 'requeue'));
    assert.equal(back.status, 'waiting');
    assert.equal(back.callCount, 0);
    assert.equal((await ok(await call(booking.reference))).callCount, 1);
  });

  test('serve and finish record their times', async () => {
    const booking = await waitingBooking(t.database.db, today, new Date(NOW));
    await ok(await call(booking.reference));
    t.clock.advance(2 * 60_000);
    const served = await ok(await act(booking.reference, 'serve'));
    t.clock.advance(15 * 60_000);
    const done = await ok(await act(booking.reference, 'finish'));
    assert.equal(served.servedAt, '2030-01-07T07:02:00.000Z');
    assert.equal(done.status, 'attended');
    assert.equal(done.finishedAt, '2030-01-07T07:17:00.000Z');
    t.clock.set(NOW);
  });

  test('a confirmed person who never came is marked no-show, not before the appointment’s day', async () => {
    const booking = await bookingIn(t.database.db, today, 'confirmed');
    assert.equal((await ok(await act(booking.reference, 'no-show'))).status, 'no_show');
    const tomorrowSlot = await slot(fixture.offerId, '2030-01-08T08:00:00Z');
    const later = await bookingIn(t.database.db, { ...today, slotId: tomorrowSlot }, 'confirmed');
    const early = await act(later.reference, 'no-show');
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().error.code, 'not_yet');
  });
});

describe('undo', () => {
  /** Walks a booking checked in now through `steps`, then returns it with its row. */
  async function walked(steps: string[]) {
    const booking = await waitingBooking(t.database.db, today, new Date(NOW));
    for (const step of steps) {
      t.clock.advance(60_000);
      await ok(step === 'call' ? await call(booking.reference) : await act(booking.reference, step));
    }
    return booking;
  }

  const CASES: { action: string; before: string[] }[] = [
    { action: 'call', before: [] },
    { action: 'recall', before: ['call'] },
    { action: 'serve', before: ['call'] },
    { action: 'finish', before: ['call', 'serve'] },
    { action: 'miss', before: ['call', 'recall', 'recall'] },
    { action: 'requeue', before: ['call', 'recall', 'recall', 'miss'] },
    { action: 'requeue', before: ['call'] },
    { action: 'no-show', before: [] },
    { action: 'no-show', before: ['call', 'recall', 'recall', 'miss'] },
  ];

  for (const { action, before: steps } of CASES) {
    test(`undoing ${action} after [${steps.join(', ')}] restores the status and every loop column`, async () => {
      const booking = await walked(steps);
      const previous = await loopRow(t.database.db, booking.reference);
      t.clock.advance(60_000);
      await ok(action === 'call' ? await call(booking.reference) : await act(booking.reference, action));
      assert.notDeepEqual(await loopRow(t.database.db, booking.reference), previous);
      t.clock.advance(60_000);
      const undone = await ok(await act(booking.reference, 'undo'));
      assert.equal(undone.status, previous.status);
      assert.deepEqual(await loopRow(t.database.db, booking.reference), previous);
      const events = await eventsOf(t.database.db, booking.reference);
      const last = events.at(-1);
      assert.equal(last?.action, 'undo');
      assert.equal(last?.undoes, events.at(-2)?.id, 'the undo names the event it takes back');
      t.clock.set(NOW);
    });
  }

  test('undo goes back step by step, to the check-in: confirmed, checked_in_at cleared', async () => {
    const booking = await walked(['call']);
    await ok(await act(booking.reference, 'undo'));
    const back = await ok(await act(booking.reference, 'undo'));
    assert.equal(back.status, 'confirmed');
    assert.equal(back.checkedInAt, null);
    const nothing = await act(booking.reference, 'undo');
    assert.equal(nothing.statusCode, 409);
    assert.equal(nothing.json().error.code, 'nothing_to_undo');
    t.clock.set(NOW);
  });

  test('undo is refused once the appointment’s day is over', async () => {
    const booking = await walked(['call', 'serve']);
    t.clock.set('2030-01-07T23:30:00Z'); // 00:30 on the 8th in Annecy
    const late = await act(booking.reference, 'undo');
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, 'undo_too_late');
    assert.equal((await loopRow(t.database.db, booking.reference)).status, 'served');
    t.clock.set(NOW);
  });
});

describe('who may act', () => {
  test('a booking of an office out of scope is a 404, without the permission a 403; nothing changes', async () => {
    const booking = await waitingBooking(t.database.db, elsewhere, new Date(NOW));
    const outside = await call(booking.reference, 'Guichet 1');
    assert.equal(outside.statusCode, 404);
    assert.equal(outside.json().error.code, 'booking_not_found');
    const mine = await waitingBooking(t.database.db, today, new Date(NOW));
    assert.equal((await act(mine.reference, 'call', { counter: 'Guichet 1' }, viewer)).statusCode, 403);
    assert.equal((await act(mine.reference, 'undo', undefined, viewer)).statusCode, 403);
    assert.equal((await act('74-ZZZZ-ZZZZ', 'serve')).statusCode, 404);
    assert.equal((await loopRow(t.database.db, booking.reference)).status, 'waiting');
    assert.equal((await loopRow(t.database.db, mine.reference)).status, 'waiting');
  });
});
