import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatInZone } from '../schedule/timezone.ts';
import { calendarOverlap, type DrawCalendarRule, windowAt, windowsAround } from './calendar.ts';

const PARIS = 'Europe/Paris';

// Weekly windows: open Monday 09:00, close Wednesday 12:00, slots of the week starting the Monday
// after (lead of 5 days after Wednesday).
const weekly: DrawCalendarRule = {
  firstOpensOn: '2026-03-16',
  opensAt: '09:00:00',
  windowDays: 2,
  closesAt: '12:00:00',
  periodDays: 7,
  leadDays: 5,
};

const local = (window: { opensAt: Date; closesAt: Date }) => [
  formatInZone(window.opensAt, PARIS),
  formatInZone(window.closesAt, PARIS),
];

describe('the windows of a draw calendar', () => {
  test('the first window opens on its first day and allocates the period after its lead', () => {
    const first = windowAt(weekly, PARIS, 0);
    assert.deepEqual(local(first), ['2026-03-16T09:00:00+01:00', '2026-03-18T12:00:00+01:00']);
    assert.equal(first.slotsFrom, '2026-03-23');
    assert.equal(first.slotsTo, '2026-03-29');
  });

  test('across the spring change of time, windows open at 09:00 on the office’s clock', () => {
    // 2026-03-29 is the last Sunday of March: the window of 30 March is the first in summer time.
    const second = windowAt(weekly, PARIS, 1);
    const third = windowAt(weekly, PARIS, 2);
    assert.deepEqual(local(second), ['2026-03-23T09:00:00+01:00', '2026-03-25T12:00:00+01:00']);
    assert.deepEqual(local(third), ['2026-03-30T09:00:00+02:00', '2026-04-01T12:00:00+02:00']);
    // Hence six days and 23 hours between the two openings, not seven days.
    assert.equal(third.opensAt.getTime() - second.opensAt.getTime(), (7 * 24 - 1) * 3_600_000);
  });

  test('a window spanning the autumn change closes at its local time, an hour more after it opened', () => {
    const autumn = { ...weekly, firstOpensOn: '2026-10-24', windowDays: 1 };
    const window = windowAt(autumn, PARIS, 0);
    assert.deepEqual(local(window), ['2026-10-24T09:00:00+02:00', '2026-10-25T12:00:00+01:00']);
    assert.equal(window.closesAt.getTime() - window.opensAt.getTime(), 28 * 3_600_000);
  });

  test('in an overseas zone the windows follow its own clock', () => {
    const window = windowAt(weekly, 'Indian/Reunion', 0);
    assert.equal(formatInZone(window.opensAt, 'Indian/Reunion'), '2026-03-16T09:00:00+04:00');
    assert.equal(window.opensAt.toISOString(), '2026-03-16T05:00:00.000Z');
  });

  test('before the first window, none is current and the next is the first', () => {
    const { current, next } = windowsAround(weekly, PARIS, new Date('2026-03-01T00:00:00Z'));
    assert.equal(current, undefined);
    assert.equal(next.index, 0);
  });

  test('while a window is open it is current, and the next is the one after', () => {
    const now = new Date('2026-03-31T10:00:00Z'); // Tuesday of the first summer week
    const { current, next } = windowsAround(weekly, PARIS, now);
    assert.equal(current?.index, 2);
    assert.equal(next.index, 3);
    assert.deepEqual(local(next), ['2026-04-06T09:00:00+02:00', '2026-04-08T12:00:00+02:00']);
  });

  test('between two windows none is current; the opening and closing instants are exact', () => {
    const third = windowAt(weekly, PARIS, 2);
    const justClosed = windowsAround(weekly, PARIS, third.closesAt);
    assert.equal(justClosed.current, undefined, 'a window is closed at its closing instant');
    assert.equal(justClosed.next.index, 3);
    const justOpened = windowsAround(weekly, PARIS, third.opensAt);
    assert.equal(justOpened.current?.index, 2, 'a window is open from its opening instant');
    const before = windowsAround(weekly, PARIS, new Date(third.opensAt.getTime() - 1));
    assert.equal(before.current, undefined);
    assert.equal(before.next.index, 2);
  });

  test('years later the right window is found', () => {
    const daily = { ...weekly, windowDays: 1, periodDays: 1, closesAt: '08:00', opensAt: '09:00' };
    const { current, next } = windowsAround(daily, PARIS, new Date('2031-07-14T12:00:00Z'));
    assert.deepEqual(local(current ?? next), ['2031-07-14T09:00:00+02:00', '2031-07-15T08:00:00+02:00']);
    assert.equal(next.index, (current?.index ?? -1) + 1);
  });

  test('a window must close before the next one opens', () => {
    assert.equal(calendarOverlap(weekly), undefined);
    assert.equal(calendarOverlap({ ...weekly, windowDays: 7, closesAt: '09:00' }), undefined);
    assert.equal(calendarOverlap({ ...weekly, windowDays: 7, closesAt: '09:30' }), 'windowDays');
    assert.equal(calendarOverlap({ ...weekly, windowDays: 8 }), 'windowDays');
  });
});
