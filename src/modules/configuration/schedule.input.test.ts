import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Checked,
  checkClosure,
  checkDuration,
  checkHolidayRegion,
  checkOpeningRules,
  checkPolicy,
} from './schedule.input.ts';

const rule = { weekday: 1, startsAt: '09:00', endsAt: '12:00', capacity: 2 };
const refused = <T>(checked: Checked<T>) => {
  assert.equal(checked.ok, false, 'refused');
  return checked.ok ? [] : checked.errors.map((error) => [error.field, error.code]);
};

describe('opening rules', () => {
  test('a valid set is accepted, validity dates null when absent', () => {
    const checked = checkOpeningRules(
      [rule, { ...rule, weekday: 7, validFrom: '2030-01-01', validUntil: '2030-01-31' }],
      20,
    );
    assert.deepEqual(checked, {
      ok: true,
      value: [
        { ...rule, validFrom: null, validUntil: null },
        { ...rule, weekday: 7, validFrom: '2030-01-01', validUntil: '2030-01-31' },
      ],
    });
  });

  test('each wrong field is named with its row', () => {
    assert.deepEqual(
      refused(
        checkOpeningRules(
          [
            rule,
            { weekday: 8, startsAt: '9h', endsAt: '24:00', capacity: 0 },
            { ...rule, endsAt: '08:00', validFrom: '2030-02-30' },
            { ...rule, endsAt: '09:10', validFrom: '2030-02-01', validUntil: '2030-01-01' },
          ],
          20,
        ),
      ),
      [
        ['rules.1.weekday', 'out_of_range'],
        ['rules.1.startsAt', 'time_format'],
        ['rules.1.endsAt', 'time_format'],
        ['rules.1.capacity', 'out_of_range'],
        ['rules.2.endsAt', 'before_start'],
        ['rules.2.validFrom', 'date_format'],
        ['rules.3.endsAt', 'shorter_than_duration'],
        ['rules.3.validUntil', 'before_from'],
      ],
    );
  });

  test('the French message says how to fix, with the values', () => {
    const checked = checkOpeningRules([{ ...rule, endsAt: '09:10' }], 20);
    assert.ok(!checked.ok);
    assert.equal(checked.errors[0]?.message, 'La plage doit durer au moins un rendez-vous, soit 20 minutes.');
    assert.deepEqual(checked.errors[0]?.params, { durationMinutes: 20 });
  });

  test('at most a hundred rules', () => {
    assert.deepEqual(refused(checkOpeningRules(Array(101).fill(rule), 20)), [['rules', 'too_many']]);
  });
});

describe('publication policy', () => {
  test('each mode keeps its own settings, weekdays sorted once each', () => {
    assert.deepEqual(checkPolicy({ publicationDays: 30, mode: 'rolling', time: '08:00' }), {
      ok: true,
      value: { publicationDays: 30, policy: { mode: 'rolling' } },
    });
    assert.deepEqual(
      checkPolicy({ publicationDays: 30, mode: 'fixed', weekdays: [5, 1, 5], time: '08:00' }),
      {
        ok: true,
        value: { publicationDays: 30, policy: { mode: 'fixed', weekdays: [1, 5], time: '08:00' } },
      },
    );
    assert.deepEqual(
      checkPolicy({
        publicationDays: 30,
        mode: 'random',
        weekdays: [2],
        windowStart: '08:00',
        windowEnd: '18:00',
      }),
      {
        ok: true,
        value: {
          publicationDays: 30,
          policy: { mode: 'random', weekdays: [2], windowStart: '08:00', windowEnd: '18:00' },
        },
      },
    );
  });

  test('what a mode needs is required, and a window ends after it starts', () => {
    assert.deepEqual(refused(checkPolicy({ publicationDays: 0, mode: 'weekly' })), [
      ['publicationDays', 'out_of_range'],
      ['mode', 'not_allowed'],
    ]);
    assert.deepEqual(refused(checkPolicy({ publicationDays: 30, mode: 'fixed', weekdays: [] })), [
      ['weekdays', 'required'],
      ['time', 'time_format'],
    ]);
    assert.deepEqual(
      refused(
        checkPolicy({
          publicationDays: 30,
          mode: 'random',
          weekdays: [0],
          windowStart: '18:00',
          windowEnd: '08:00',
        }),
      ),
      [
        ['weekdays', 'out_of_range'],
        ['windowEnd', 'before_start'],
      ],
    );
  });
});

describe('closures, holidays, duration', () => {
  test('a closure is today or later, with a short reason', () => {
    assert.deepEqual(checkClosure({ day: '2030-01-07', reason: ' Grève ' }, '2030-01-07'), {
      ok: true,
      value: { day: '2030-01-07', reason: 'Grève' },
    });
    assert.deepEqual(refused(checkClosure({ day: '2030-01-06' }, '2030-01-07')), [['day', 'past']]);
    assert.deepEqual(refused(checkClosure({ day: '07/01/2030', reason: 'x'.repeat(201) }, '2030-01-07')), [
      ['day', 'date_format'],
      ['reason', 'too_long'],
    ]);
  });

  test('a holiday region is one of the seven calendars; a duration 5 to 480 minutes', () => {
    assert.deepEqual(checkHolidayRegion('alsace_moselle'), { ok: true, value: 'alsace_moselle' });
    assert.deepEqual(refused(checkHolidayRegion('corse')), [['holidayRegion', 'not_allowed']]);
    assert.deepEqual(checkDuration(30), { ok: true, value: 30 });
    assert.deepEqual(refused(checkDuration(4)), [['durationMinutes', 'out_of_range']]);
    assert.deepEqual(refused(checkDuration('20')), [['durationMinutes', 'out_of_range']]);
  });
});
