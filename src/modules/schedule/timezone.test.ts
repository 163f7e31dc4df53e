import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addDays,
  formatInZone,
  isoWeekday,
  isValidTimeZone,
  localDate,
  localTime,
  zonedTimeToUtc,
} from './timezone.ts';

const PARIS = 'Europe/Paris';

describe('zonedTimeToUtc', () => {
  test('09:00 in Paris is 08:00Z the day before spring forward and 07:00Z on that Sunday', () => {
    assert.equal(zonedTimeToUtc('2026-03-28', '09:00', PARIS).toISOString(), '2026-03-28T08:00:00.000Z');
    assert.equal(zonedTimeToUtc('2026-03-29', '09:00', PARIS).toISOString(), '2026-03-29T07:00:00.000Z');
  });

  test('09:00 in Paris is 07:00Z the day before fall back and 08:00Z on that Sunday', () => {
    assert.equal(zonedTimeToUtc('2026-10-24', '09:00', PARIS).toISOString(), '2026-10-24T07:00:00.000Z');
    assert.equal(zonedTimeToUtc('2026-10-25', '09:00', PARIS).toISOString(), '2026-10-25T08:00:00.000Z');
  });

  test('a wall time in the spring-forward gap is shifted forward by the gap (02:30 → 03:30 CEST)', () => {
    const instant = zonedTimeToUtc('2026-03-29', '02:30', PARIS);
    assert.equal(instant.toISOString(), '2026-03-29T01:30:00.000Z');
    assert.equal(formatInZone(instant, PARIS), '2026-03-29T03:30:00+02:00');
  });

  test('a wall time in the autumn overlap is its earlier occurrence, in summer time', () => {
    const instant = zonedTimeToUtc('2026-10-25', '02:30', PARIS);
    assert.equal(instant.toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(formatInZone(instant, PARIS), '2026-10-25T02:30:00+02:00');
  });

  test('the wall times just around the transitions map to the offset in force', () => {
    assert.equal(zonedTimeToUtc('2026-03-29', '01:59', PARIS).toISOString(), '2026-03-29T00:59:00.000Z');
    assert.equal(zonedTimeToUtc('2026-03-29', '03:00', PARIS).toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(zonedTimeToUtc('2026-10-25', '01:59', PARIS).toISOString(), '2026-10-24T23:59:00.000Z');
    assert.equal(zonedTimeToUtc('2026-10-25', '03:00', PARIS).toISOString(), '2026-10-25T02:00:00.000Z');
  });

  test('overseas zones without daylight saving keep the same offset all year', () => {
    const cases = [
      ['America/Cayenne', '12:00:00.000Z'],
      ['America/Guadeloupe', '13:00:00.000Z'],
      ['America/Martinique', '13:00:00.000Z'],
      ['Indian/Reunion', '05:00:00.000Z'],
      ['Indian/Mayotte', '06:00:00.000Z'],
    ] as const;
    for (const [zone, utcTime] of cases) {
      for (const date of ['2026-01-15', '2026-03-29', '2026-07-15', '2026-10-25']) {
        assert.equal(
          zonedTimeToUtc(date, '09:00', zone).toISOString(),
          `${date}T${utcTime}`,
          `${zone} ${date}`,
        );
      }
    }
  });

  test('seconds are accepted, as PostgreSQL returns time columns with them', () => {
    assert.equal(zonedTimeToUtc('2026-06-01', '09:15:30', PARIS).toISOString(), '2026-06-01T07:15:30.000Z');
  });

  test('a malformed or impossible date or time is refused', () => {
    assert.throws(() => zonedTimeToUtc('2026-02-30', '09:00', PARIS), RangeError);
    assert.throws(() => zonedTimeToUtc('30/03/2026', '09:00', PARIS), RangeError);
    assert.throws(() => zonedTimeToUtc('2026-03-30', '9h00', PARIS), RangeError);
    assert.throws(() => zonedTimeToUtc('2026-03-30', '24:00', PARIS), RangeError);
  });

  test('an unknown zone is refused', () => {
    assert.throws(() => zonedTimeToUtc('2026-03-30', '09:00', 'Europe/Atlantis'), RangeError);
  });
});

describe('formatInZone', () => {
  test('shows the offset in force at the instant, seconds included', () => {
    assert.equal(formatInZone(new Date('2026-03-30T07:00:00Z'), PARIS), '2026-03-30T09:00:00+02:00');
    assert.equal(formatInZone(new Date('2026-01-05T08:00:00Z'), PARIS), '2026-01-05T09:00:00+01:00');
  });

  test('shows +00:00 for UTC rather than Z', () => {
    assert.equal(formatInZone(new Date('2026-03-30T07:00:05Z'), 'UTC'), '2026-03-30T07:00:05+00:00');
  });

  test('shows negative and positive overseas offsets', () => {
    const instant = new Date('2026-03-30T12:00:00Z');
    assert.equal(formatInZone(instant, 'America/Cayenne'), '2026-03-30T09:00:00-03:00');
    assert.equal(formatInZone(instant, 'America/Guadeloupe'), '2026-03-30T08:00:00-04:00');
    assert.equal(formatInZone(instant, 'Indian/Reunion'), '2026-03-30T16:00:00+04:00');
    assert.equal(formatInZone(instant, 'Indian/Mayotte'), '2026-03-30T15:00:00+03:00');
  });

  test('round-trips with zonedTimeToUtc', () => {
    const instant = zonedTimeToUtc('2026-12-31', '23:40', 'Pacific/Noumea');
    assert.equal(formatInZone(instant, 'Pacific/Noumea'), '2026-12-31T23:40:00+11:00');
  });
});

describe('local date and time', () => {
  test('an instant late in the UTC evening is already the next day in La Réunion', () => {
    const instant = new Date('2026-05-31T21:30:00Z');
    assert.equal(localDate(instant, 'Indian/Reunion'), '2026-06-01');
    assert.equal(localTime(instant, 'Indian/Reunion'), '01:30');
    assert.equal(localDate(instant, 'America/Cayenne'), '2026-05-31');
    assert.equal(localTime(instant, 'America/Cayenne'), '18:30');
  });

  test('midnight is shown as 00:00, not 24:00', () => {
    assert.equal(localTime(new Date('2026-06-01T22:00:00Z'), PARIS), '00:00');
  });
});

describe('calendar dates', () => {
  test('addDays crosses months, years and leap days', () => {
    assert.equal(addDays('2026-03-28', 2), '2026-03-30');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });

  test('addDays counts calendar days across a daylight-saving change', () => {
    assert.equal(addDays('2026-03-29', 1), '2026-03-30');
    assert.equal(addDays('2026-10-25', 1), '2026-10-26');
  });

  test('isoWeekday numbers Monday 1 to Sunday 7', () => {
    assert.equal(isoWeekday('2026-03-30'), 1);
    assert.equal(isoWeekday('2026-04-03'), 5);
    assert.equal(isoWeekday('2026-03-29'), 7);
  });
});

describe('isValidTimeZone', () => {
  test('accepts the zones of French départements', () => {
    for (const zone of [PARIS, 'America/Cayenne', 'Indian/Reunion', 'Indian/Mayotte', 'America/Guadeloupe']) {
      assert.equal(isValidTimeZone(zone), true, zone);
    }
  });

  test('refuses unknown names, empty strings and fixed offsets', () => {
    for (const zone of ['Europe/Atlantis', '', '+02:00', 'Paris']) {
      assert.equal(isValidTimeZone(zone), false, zone);
    }
  });
});
