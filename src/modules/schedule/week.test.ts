import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupByDay, mondayOf, parseWeek, pickWeek, weekBounds } from './week.ts';

describe('the week of free slots', () => {
  test('the Monday of a week, across a month and a year', () => {
    assert.equal(mondayOf('2030-01-07'), '2030-01-07');
    assert.equal(mondayOf('2030-01-13'), '2030-01-07');
    assert.equal(mondayOf('2030-01-01'), '2029-12-31');
  });

  test('a `semaine` parameter names its Monday, or nothing when it is not a real date', () => {
    assert.equal(parseWeek('2030-01-10'), '2030-01-07');
    for (const bad of [undefined, '', '2030-13-45', '2030-02-30', '10/01/2030', '2030-1-7', 'x'.repeat(50)]) {
      assert.equal(parseWeek(bad), undefined, String(bad));
    }
  });

  test('the week shown is the one asked for, else the first with a free slot, never one already past', () => {
    const today = '2030-01-09';
    assert.equal(pickWeek({ wanted: '2030-01-21', firstFree: '2030-01-15', today }), '2030-01-21');
    assert.equal(pickWeek({ firstFree: '2030-01-15', today }), '2030-01-14');
    assert.equal(pickWeek({ wanted: '2029-12-03', firstFree: '2030-01-15', today }), '2030-01-07');
  });

  test('a week ends at next Monday midnight in the zone: 167 hours across spring forward', () => {
    const { from, to } = weekBounds('2030-03-25', 'Europe/Paris');
    assert.equal(from.toISOString(), '2030-03-24T23:00:00.000Z');
    assert.equal(to.toISOString(), '2030-03-31T22:00:00.000Z');
    assert.equal((to.getTime() - from.getTime()) / 3_600_000, 167);
  });

  test('slots are grouped by their local date in the office’s zone, not by their UTC date', () => {
    const slot = (id: string, iso: string) => ({ id, startsAt: new Date(iso) });
    const days = groupByDay(
      [
        slot('a', '2030-01-07T08:00:00Z'),
        slot('b', '2030-01-07T23:30:00Z'),
        slot('c', '2030-01-08T09:00:00Z'),
      ],
      'Europe/Paris',
    );
    assert.deepEqual(
      days.map((day) => [day.date, day.slots.map((s) => s.id)]),
      [
        ['2030-01-07', ['a']],
        ['2030-01-08', ['b', 'c']],
      ],
    );
    // In Réunion (UTC+4) the 20:30Z slot is already the next day.
    assert.deepEqual(
      groupByDay([slot('d', '2030-01-07T20:30:00Z')], 'Indian/Reunion').map((day) => day.date),
      ['2030-01-08'],
    );
  });
});
