import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPublicHoliday, publicHolidays } from './holidays.ts';

describe('publicHolidays', () => {
  test('metropolitan France has Easter Monday 2026 but not Good Friday', () => {
    const holidays = publicHolidays('metropole', 2026);
    assert.equal(holidays.get('2026-04-06'), 'Lundi de Pâques');
    assert.equal(holidays.has('2026-04-03'), false);
    assert.equal(holidays.has('2026-12-26'), false);
  });

  test('metropolitan France has its eleven public holidays and no observance', () => {
    const holidays = publicHolidays('metropole', 2026);
    assert.deepEqual(
      [...holidays.keys()],
      [
        '2026-01-01',
        '2026-04-06',
        '2026-05-01',
        '2026-05-08',
        '2026-05-14',
        '2026-05-25',
        '2026-07-14',
        '2026-08-15',
        '2026-11-01',
        '2026-11-11',
        '2026-12-25',
      ],
    );
    // Pentecost Sunday and Mother's Day are listed by the package as observances only.
    assert.equal(holidays.has('2026-05-24'), false);
    assert.equal(holidays.has('2026-05-31'), false);
  });

  test('Alsace-Moselle adds Good Friday and 26 December', () => {
    const holidays = publicHolidays('alsace_moselle', 2026);
    assert.equal(holidays.get('2026-04-03'), 'Vendredi saint');
    assert.equal(holidays.has('2026-12-26'), true);
    assert.equal(holidays.has('2026-04-06'), true);
  });

  test('each overseas département has its own abolition-of-slavery day', () => {
    const cases = [
      ['reunion', '2026-12-20'],
      ['martinique', '2026-05-22'],
      ['guadeloupe', '2026-05-27'],
      ['guyane', '2026-06-10'],
      ['mayotte', '2026-04-27'],
    ] as const;
    for (const [region, date] of cases) {
      assert.equal(publicHolidays(region, 2026).has(date), true, `${region} ${date}`);
      assert.equal(publicHolidays('metropole', 2026).has(date), false, `metropole ${date}`);
    }
  });

  test('the optional Victor Schœlcher day does not close offices in Guadeloupe', () => {
    assert.equal(publicHolidays('guadeloupe', 2026).has('2026-07-21'), false);
  });

  test('moving feasts follow the year asked for (Easter Monday 2027 is 29 March)', () => {
    const holidays = publicHolidays('metropole', 2027);
    assert.equal(holidays.get('2027-03-29'), 'Lundi de Pâques');
    assert.equal(holidays.has('2027-04-06'), false);
    assert.equal(publicHolidays('alsace_moselle', 2027).has('2027-03-26'), true);
  });

  test('the same region and year give the same cached list', () => {
    assert.equal(publicHolidays('reunion', 2026), publicHolidays('reunion', 2026));
  });
});

describe('isPublicHoliday', () => {
  test('1 May is a holiday everywhere, a working Monday is not', () => {
    assert.equal(isPublicHoliday('metropole', '2026-05-01'), true);
    assert.equal(isPublicHoliday('mayotte', '2026-05-01'), true);
    assert.equal(isPublicHoliday('metropole', '2026-03-30'), false);
  });

  test('26 December is a holiday only in Alsace-Moselle', () => {
    assert.equal(isPublicHoliday('alsace_moselle', '2026-12-26'), true);
    assert.equal(isPublicHoliday('metropole', '2026-12-26'), false);
  });

  test('reads the year from the date itself', () => {
    assert.equal(isPublicHoliday('metropole', '2027-03-29'), true);
    assert.equal(isPublicHoliday('metropole', '2026-03-29'), false);
  });
});
