import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/db/database.ts';
import { runDraw } from '../src/modules/draw/draw-run.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createDrawScenario, createWeekDraw, type DrawScenario, submit } from './helpers/draws.ts';

// A draw runs once even with two instances at the same moment and a crash mid-way (issue 9 item 3):
// no winner booked twice, none lost. Each test has its own procedure and draw on one database.

let t: TestApp;

before(async () => {
  t = await createTestApp({ now: '2029-12-20T10:00:00Z' });
});
after(() => t.close());

let n = 500;

/** A scenario with `count` requests at Thonon and a draw over its week, its window closed. */
async function closedDraw(count: number): Promise<{ scenario: DrawScenario; drawId: number; ids: string[] }> {
  t.clock.set('2029-12-20T10:00:00Z');
  const scenario = await createDrawScenario(t.database.db);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await submit(t, scenario.fixture, ++n)).id);
  const drawId = await createWeekDraw(t.database.db, scenario);
  t.clock.set('2029-12-20T11:00:00Z');
  return { scenario, drawId, ids };
}

const deps = () => ({ db: t.database.db, clock: t.clock, config: t.config });

async function state(drawId: number, ids: string[]) {
  const db = t.database.db;
  const bookings = await db
    .selectFrom('booking')
    .select(['request_id', 'slot_id'])
    .where('draw_id', '=', drawId)
    .execute();
  const requests = await db.selectFrom('request').select(['status', 'lost']).where('id', 'in', ids).execute();
  const entries = await db
    .selectFrom('draw_entry')
    .select('request_id')
    .where('draw_id', '=', drawId)
    .execute();
  const outbox = await db
    .selectFrom('outbox')
    .select('event')
    .where('request_id', 'in', ids)
    .where('event', 'like', 'draw.%')
    .where('channel', '=', 'email') // a winner's SMS beside it
    .execute();
  const draw = await db
    .selectFrom('draw')
    .select('status')
    .where('id', '=', drawId)
    .executeTakeFirstOrThrow();
  return { bookings, requests, entries, outbox, status: draw.status };
}

describe('a draw under concurrency and crashes', () => {
  test('two instances run it at once: drawn once, one booking per winner', async () => {
    const { drawId, ids } = await closedDraw(6);
    const second = createDatabase({ url: t.database.url, maxActivePerEmail: 3, poolSize: 2 });
    try {
      const outcomes = await Promise.all([
        runDraw(deps(), drawId),
        runDraw({ ...deps(), db: second }, drawId),
      ]);
      assert.deepEqual(outcomes.sort(), ['already_drawn', 'drawn']);
    } finally {
      await second.destroy();
    }
    const after = await state(drawId, ids);
    // Three seats at Thonon (Bonneville's is for nobody here): three winners, three losers.
    assert.equal(after.bookings.length, 3);
    assert.equal(new Set(after.bookings.map((b) => b.request_id)).size, 3);
    assert.deepEqual(after.requests.map((r) => r.status).sort(), [
      'waiting',
      'waiting',
      'waiting',
      'won',
      'won',
      'won',
    ]);
    assert.equal(after.entries.length, 6);
    assert.equal(after.outbox.length, 6, 'one email each, not two');
  });

  test('a crash between the allocation and the bookings leaves nothing; the rerun books each winner once', async () => {
    const { drawId, ids } = await closedDraw(5);
    const db = t.database.db;
    // The second booking a draw inserts fails, as if the process died there.
    await sql`
      create sequence crash_after;
      create function crash_on_second_win() returns trigger language plpgsql as $$
      begin
        if new.draw_id is not null and nextval('crash_after') = 2 then
          raise exception 'injected crash';
        end if;
        return new;
      end $$;
      create trigger crash_on_second_win before insert on booking
        for each row execute function crash_on_second_win();
    `.execute(db);
    try {
      await assert.rejects(runDraw(deps(), drawId), /injected crash/);
    } finally {
      await sql`drop trigger crash_on_second_win on booking; drop function crash_on_second_win(); drop sequence crash_after`.execute(
        db,
      );
    }
    const crashed = await state(drawId, ids);
    assert.deepEqual(crashed.bookings, []);
    assert.deepEqual(crashed.entries, []);
    assert.deepEqual(crashed.outbox, []);
    assert.deepEqual(
      crashed.requests.map((r) => [r.status, r.lost]),
      ids.map(() => ['waiting', 0]),
    );
    assert.notEqual(crashed.status, 'drawn');
    const seats = await db
      .selectFrom('slot')
      .select((eb) => eb.fn.sum<string>('taken').as('taken'))
      .where('offer_id', 'in', (await createdOffers(drawId)) as number[])
      .executeTakeFirstOrThrow();
    assert.equal(Number(seats.taken), 0, 'no seat taken');

    assert.equal(await runDraw(deps(), drawId), 'drawn');
    const rerun = await state(drawId, ids);
    assert.equal(rerun.bookings.length, 3);
    assert.equal(new Set(rerun.bookings.map((b) => b.request_id)).size, 3, 'each winner exactly one booking');
    assert.equal(rerun.entries.length, 5);
    assert.deepEqual(rerun.requests.map((r) => `${r.status}/${r.lost}`).sort(), [
      'waiting/1',
      'waiting/1',
      'won/0',
      'won/0',
      'won/0',
    ]);
  });
});

async function createdOffers(drawId: number): Promise<number[]> {
  const row = await t.database.db
    .selectFrom('draw')
    .select('offer_ids')
    .where('id', '=', drawId)
    .executeTakeFirstOrThrow();
  return row.offer_ids;
}
