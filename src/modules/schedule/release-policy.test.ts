import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cryptoDraw } from './publication.ts';
import {
  lastPublishedDay,
  nextReleaseAt,
  type ReleaseSchedule,
  releaseAfter,
  releasedThroughAt,
} from './release-policy.ts';
import { localDate, localTime } from './timezone.ts';

const PARIS = 'Europe/Paris';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
/** A draw that always takes the lowest moment, and one that takes the highest. */
const lowest = (min: number) => min;
const highest = (_min: number, max: number) => max - 1;

describe('the next release', () => {
  test('a fixed time is today when still ahead, else the next release weekday', () => {
    const policy: ReleaseSchedule = { mode: 'fixed', weekdays: EVERY_DAY, time: '08:00' };
    // Monday 7 January 2030, 07:30 in Paris (UTC+1).
    assert.equal(
      nextReleaseAt(policy, PARIS, new Date('2030-01-07T06:30:00Z'), lowest).toISOString(),
      '2030-01-07T07:00:00.000Z',
    );
    assert.equal(
      nextReleaseAt(policy, PARIS, new Date('2030-01-07T07:00:00Z'), lowest).toISOString(),
      '2030-01-08T07:00:00.000Z',
      'the moment itself is past: the next day',
    );
    const sundays: ReleaseSchedule = { mode: 'fixed', weekdays: [7], time: '20:00' };
    assert.equal(
      nextReleaseAt(sundays, PARIS, new Date('2030-01-07T06:30:00Z'), lowest).toISOString(),
      '2030-01-13T19:00:00.000Z',
      'Sunday evening, the old Hérault practice',
    );
  });

  test('a fixed time follows the wall clock across daylight saving', () => {
    const policy: ReleaseSchedule = { mode: 'fixed', weekdays: EVERY_DAY, time: '08:00' };
    // Saturday 30 March 2030, 09:00 CET; Sunday the 31st is the spring-forward day.
    const next = nextReleaseAt(policy, PARIS, new Date('2030-03-30T08:00:00Z'), lowest);
    assert.equal(next.toISOString(), '2030-03-31T06:00:00.000Z', '08:00 CEST');
    assert.equal(localTime(next, PARIS), '08:00');
  });

  test('a random moment is drawn over the window’s real instants, and only what remains of today’s', () => {
    const policy: ReleaseSchedule = {
      mode: 'random',
      weekdays: EVERY_DAY,
      windowStart: '08:00',
      windowEnd: '18:00',
    };
    const before = new Date('2030-01-07T06:00:00Z');
    assert.equal(nextReleaseAt(policy, PARIS, before, lowest).toISOString(), '2030-01-07T07:00:00.000Z');
    assert.equal(nextReleaseAt(policy, PARIS, before, highest).toISOString(), '2030-01-07T16:59:59.999Z');
    const noon = new Date('2030-01-07T11:00:00Z');
    assert.equal(
      nextReleaseAt(policy, PARIS, noon, lowest).toISOString(),
      '2030-01-07T11:00:00.001Z',
      'inside the window: from now on',
    );
    const evening = new Date('2030-01-07T17:00:00Z');
    assert.equal(nextReleaseAt(policy, PARIS, evening, lowest).toISOString(), '2030-01-08T07:00:00.000Z');
  });

  test('after a release, the next one is drawn for a later day, a midnight release included', () => {
    const random: ReleaseSchedule = {
      mode: 'random',
      weekdays: EVERY_DAY,
      windowStart: '08:00',
      windowEnd: '18:00',
    };
    const released = new Date('2030-01-07T09:00:00Z'); // 10:00, early in the window
    assert.equal(releaseAfter(random, PARIS, released, lowest).toISOString(), '2030-01-08T07:00:00.000Z');
    const midnight: ReleaseSchedule = { mode: 'fixed', weekdays: EVERY_DAY, time: '00:00' };
    assert.equal(
      releaseAfter(midnight, PARIS, new Date('2030-01-06T23:00:30Z'), lowest).toISOString(),
      '2030-01-07T23:00:00.000Z',
    );
  });

  test('three thousand drawn moments all fall inside the window, on release weekdays, and reach every part of it', () => {
    // Tuesdays and Thursdays, 08:00–18:00 in Paris, over the autumn daylight-saving change.
    const policy: ReleaseSchedule = {
      mode: 'random',
      weekdays: [2, 4],
      windowStart: '08:00',
      windowEnd: '18:00',
    };
    let after = new Date('2030-10-01T00:00:00Z');
    const bins = new Set<number>();
    for (let i = 0; i < 3000; i += 1) {
      const moment = nextReleaseAt(policy, PARIS, after, cryptoDraw);
      const time = localTime(moment, PARIS);
      assert.ok(time >= '08:00' && time < '18:00', `${moment.toISOString()} is ${time} in Paris`);
      const weekday = new Date(`${localDate(moment, PARIS)}T12:00:00Z`).getUTCDay();
      assert.ok(weekday === 2 || weekday === 4, `${moment.toISOString()} is a release day`);
      assert.ok(moment > after);
      const [hours, mins] = time.split(':').map(Number);
      bins.add(Math.floor(((hours as number) * 60 + (mins as number)) / 10));
      // Every other draw starts just after the previous moment: the rest of that day's window.
      after = i % 2 === 0 ? moment : new Date(`${localDate(moment, PARIS)}T22:00:00Z`);
    }
    // Sixty ten-minute bins from 08:00 to 18:00: fifteen hundred whole-window draws miss one of them
    // with a probability below 1e-9.
    assert.deepEqual(
      [...bins].sort((a, b) => a - b),
      Array.from({ length: 60 }, (_, bin) => 48 + bin),
    );
  });
});

describe('the days published', () => {
  test('a rolling horizon is today and the days after it; a release policy, the days released', () => {
    assert.equal(
      lastPublishedDay({ releaseMode: 'rolling', publicationDays: 7, releasedThrough: null }, '2030-01-07'),
      '2030-01-13',
    );
    assert.equal(
      lastPublishedDay(
        { releaseMode: 'fixed', publicationDays: 7, releasedThrough: '2030-01-10' },
        '2030-01-07',
      ),
      '2030-01-10',
    );
    assert.equal(
      lastPublishedDay({ releaseMode: 'random', publicationDays: 7, releasedThrough: null }, '2030-01-07'),
      '2030-01-06',
      'nothing released yet',
    );
  });

  test('a release brings the released days up to the horizon, never back', () => {
    assert.equal(
      releasedThroughAt('2030-01-08', 7, '2030-01-13'),
      '2030-01-14',
      'a daily release opens one day',
    );
    assert.equal(releasedThroughAt('2030-01-13', 7, '2030-01-12'), '2030-01-19', 'a weekly one opens seven');
    assert.equal(
      releasedThroughAt('2030-01-08', 3, '2030-01-13'),
      '2030-01-13',
      'a shorter horizon takes nothing back',
    );
  });
});
