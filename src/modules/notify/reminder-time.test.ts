import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isNight, reminderDueAt } from './reminder-time.ts';

const PARIS = 'Europe/Paris';
const at = (iso: string) => new Date(iso);
const long = at('2030-01-01T00:00:00Z');

describe('when a reminder goes', () => {
  test('two days before an appointment in the day', () => {
    assert.equal(
      reminderDueAt(at('2030-01-09T08:00:00Z'), PARIS, long)?.toISOString(),
      '2030-01-07T08:00:00.000Z',
    );
    assert.equal(
      reminderDueAt(at('2030-01-09T18:59:00Z'), PARIS, long)?.toISOString(),
      '2030-01-07T18:59:00.000Z',
    );
  });

  test('an early appointment (07:30 local) is reminded the evening before, at 19:00', () => {
    assert.equal(
      reminderDueAt(at('2030-01-09T06:30:00Z'), PARIS, long)?.toISOString(),
      '2030-01-06T18:00:00.000Z',
    );
  });

  test('a late one (20:30 local) the same day at 19:00', () => {
    assert.equal(
      reminderDueAt(at('2030-01-09T19:30:00Z'), PARIS, long)?.toISOString(),
      '2030-01-07T18:00:00.000Z',
    );
  });

  test('in the office’s zone: 07:30 in La Réunion is 03:30 UTC', () => {
    assert.equal(
      reminderDueAt(at('2030-01-09T03:30:00Z'), 'Indian/Reunion', long)?.toISOString(),
      '2030-01-06T15:00:00.000Z',
    );
  });

  test('across the change to summer time the clock time is kept', () => {
    // Tuesday 31 March 2026 10:00 CEST; two days before is Sunday 29 March 09:00 CEST (DST that night).
    const due = reminderDueAt(at('2026-03-31T08:00:00Z'), PARIS, at('2026-03-01T00:00:00Z'));
    assert.ok(due && !isNight(due, PARIS));
  });

  test('none when the moment has passed: booked or moved within two days', () => {
    assert.equal(reminderDueAt(at('2030-01-09T08:00:00Z'), PARIS, at('2030-01-07T09:00:00Z')), null);
  });

  test('never at night, for any appointment time', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      const start = new Date(Date.UTC(2030, 0, 9) + minutes * 60_000);
      const due = reminderDueAt(start, PARIS, long);
      assert.ok(due && !isNight(due, PARIS), `${start.toISOString()} → ${due?.toISOString()}`);
      assert.ok(start.getTime() - (due?.getTime() ?? 0) >= 2 * 86_400_000, 'at least two days ahead');
    }
  });
});
