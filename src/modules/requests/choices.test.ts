import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalHalfDays, checkTimes, HALF_DAYS, isCalendarDate } from './choices.ts';
import { describeEarliest, describeHalfDays } from './half-days.messages.ts';
import { isLabel, newLabel, normaliseLabel } from './labels.ts';

describe('labels', () => {
  test('a new label is 10 characters of Crockford’s base 32, and labels differ', () => {
    const labels = new Set(Array.from({ length: 1000 }, newLabel));
    assert.equal(labels.size, 1000);
    for (const label of labels) assert.ok(isLabel(label), label);
    assert.ok(![...labels].join('').match(/[ILOU]/), 'no I, L, O or U');
  });

  test('a label typed with spaces, hyphens, lower case, O for 0 or I and L for 1 is the same label', () => {
    assert.equal(normaliseLabel(' k7m3o-x9pil '), 'K7M30X9P11');
  });
});

describe('half-days and the earliest date', () => {
  test('fourteen half-days, Monday morning first; stored in the week’s order, each once', () => {
    assert.equal(HALF_DAYS.length, 14);
    assert.equal(HALF_DAYS[0], 'mon-am');
    assert.equal(HALF_DAYS[13], 'sun-pm');
    assert.deepEqual(canonicalHalfDays(['sun-pm', 'mon-am', 'sun-pm', 'tue-am']), [
      'mon-am',
      'tue-am',
      'sun-pm',
    ]);
  });

  test('the earliest date: a real date, not past, not more than a year ahead', () => {
    const today = '2030-01-10';
    const codes = (earliest: string | null, halfDays: string[] = []) =>
      checkTimes({ halfDays, earliest }, today).map((e) => `${e.field}:${e.code}`);
    assert.deepEqual(codes(null), []);
    assert.deepEqual(codes('2030-01-10'), []);
    assert.deepEqual(codes('2030-01-09'), ['earliest:past']);
    assert.deepEqual(codes('2031-01-11'), []);
    assert.deepEqual(codes('2031-01-12'), ['earliest:too_far']);
    assert.deepEqual(codes('2030-02-30'), ['earliest:date_invalid']);
    assert.deepEqual(codes(null, ['mon-noon']), ['halfDays:half_day_invalid']);
    assert.equal(isCalendarDate('2032-02-29'), true);
    assert.equal(isCalendarDate('2031-02-29'), false);
  });

  test('in words: every half-day or none is "Toutes"; the date in full', () => {
    assert.equal(describeHalfDays([], 'fr'), 'Toutes');
    assert.equal(describeHalfDays([...HALF_DAYS], 'en'), 'Any');
    assert.equal(describeHalfDays(['fri-pm', 'mon-am'], 'fr'), 'lundi matin, vendredi après-midi');
    assert.equal(describeEarliest('2030-01-20', 'fr'), 'dimanche 20 janvier 2030');
    assert.equal(describeEarliest(null, 'en'), 'As soon as possible');
  });
});
