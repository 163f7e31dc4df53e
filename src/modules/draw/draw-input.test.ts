import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  civilDay,
  compareIdKeys,
  DrawInputError,
  idKeyOf,
  parseDrawInput,
  parseStart,
} from './draw-input.ts';

const VALID = {
  id: 7,
  version: 'creneau-draw-v1',
  seed: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  beacon: '',
  slots: [{ id: 101, siteId: 10, start: '2026-12-08T09:00:00+01:00', seats: 2 }],
  requests: [{ label: 'K7QF-2M', tier: 2, lost: 0, siteIds: [10], halfDays: ['tue-am'], earliest: null }],
};

type Bundle = typeof VALID;
const withSlot = (change: Record<string, unknown>) => ({
  ...VALID,
  slots: [{ ...VALID.slots[0], ...change }],
});
const withRequest = (change: Record<string, unknown>) => ({
  ...VALID,
  requests: [{ ...VALID.requests[0], ...change }],
});

describe('a draw input that cannot be drawn from is refused, naming the field', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', [], 'bundle'],
    ['another version', { ...VALID, version: 'creneau-draw-v2' }, 'version'],
    ['no version', { ...VALID, version: undefined }, 'version'],
    ['a draw id below zero', { ...VALID, id: -1 }, 'id'],
    ['a draw id with a fraction', { ...VALID, id: 1.5 }, 'id'],
    ['a draw id with a leading zero', { ...VALID, id: '07' }, 'id'],
    ['a seed of 63 digits', { ...VALID, seed: VALID.seed.slice(1) }, 'seed'],
    ['a seed with a non-hex digit', { ...VALID, seed: `${VALID.seed.slice(1)}g` }, 'seed'],
    ['a beacon that is not hex', { ...VALID, beacon: 'round-12' }, 'beacon'],
    ['a missing beacon', { ...VALID, beacon: null }, 'beacon'],
    ['slots not a list', { ...VALID, slots: {} }, 'slots'],
    ['a slot id as a word', withSlot({ id: 'a1' }), 'slots[0].id'],
    ['a site id missing', withSlot({ siteId: undefined }), 'slots[0].siteId'],
    ['a start without offset', withSlot({ start: '2026-12-08T09:00:00' }), 'slots[0].start'],
    ['a start on 30 February', withSlot({ start: '2026-02-30T09:00:00+01:00' }), 'slots[0].start'],
    ['a start at 24:00', withSlot({ start: '2026-12-08T24:00:00+01:00' }), 'slots[0].start'],
    [
      'a start with an offset of 25 hours',
      withSlot({ start: '2026-12-08T09:00:00+25:00' }),
      'slots[0].start',
    ],
    ['a start as a number', withSlot({ start: 1_765_180_800_000 }), 'slots[0].start'],
    ['seats below zero', withSlot({ seats: -1 }), 'slots[0].seats'],
    ['seats as text', withSlot({ seats: '2' }), 'slots[0].seats'],
    ['an empty label', withRequest({ label: '' }), 'requests[0].label'],
    ['a label with a lone surrogate', withRequest({ label: 'A\uD800' }), 'requests[0].label'],
    ['a tier as text', withRequest({ tier: '0' }), 'requests[0].tier'],
    ['lost draws below zero', withRequest({ lost: -2 }), 'requests[0].lost'],
    ['site ids not a list', withRequest({ siteIds: 10 }), 'requests[0].siteIds'],
    ['a site id with a sign', withRequest({ siteIds: [10, '+11'] }), 'requests[0].siteIds[1]'],
    [
      'an unknown half-day code',
      withRequest({ halfDays: ['tue-am', 'tue-noon'] }),
      'requests[0].halfDays[1]',
    ],
    ['a half-day code in capitals', withRequest({ halfDays: ['TUE-AM'] }), 'requests[0].halfDays[0]'],
    ['an earliest date that does not exist', withRequest({ earliest: '2026-13-01' }), 'requests[0].earliest'],
    ['an earliest date with a time', withRequest({ earliest: '2026-12-08T00:00' }), 'requests[0].earliest'],
    ['no earliest field at all', withRequest({ earliest: undefined }), 'requests[0].earliest'],
  ];
  for (const [what, input, field] of cases) {
    test(`${what} → ${field}`, () => {
      assert.throws(
        () => parseDrawInput(input),
        (error: unknown) => error instanceof DrawInputError && error.field === field,
      );
    });
  }

  test('the message names the field and what was expected', () => {
    assert.throws(
      () => parseDrawInput(withRequest({ halfDays: ['tue-noon'] })),
      /^DrawInputError: requests\[0\]\.halfDays\[0\]: expected a half-day code mon-am … sun-pm, got "tue-noon"$/,
    );
  });

  test('two requests with one label, or two slots with one id, are refused', () => {
    const twice = { ...VALID, requests: [VALID.requests[0], VALID.requests[0]] } as Bundle;
    assert.throws(() => parseDrawInput(twice), /requests\[1\]\.label: label "K7QF-2M" appears twice/);
    const slots = [VALID.slots[0], { ...VALID.slots[0], id: '101' }];
    assert.throws(() => parseDrawInput({ ...VALID, slots }), /slots\[1\]\.id: slot 101 appears twice/);
  });

  test('a valid input passes, with its fields kept apart from the extra ones of a bundle', () => {
    const parsed = parseDrawInput({ ...VALID, commitment: 'x', allocation: [], _expected: {} });
    assert.equal(parsed.idKey, '7');
    assert.equal(parsed.slots.length, 1);
    assert.deepEqual(parsed.requests[0]?.siteKeys, ['10']);
  });
});

describe('starts are read as written, with their own offset', () => {
  test('the instant is the local time minus the offset', () => {
    for (const start of [
      '2026-12-08T09:00:00+01:00',
      '2026-03-29T10:00:00+02:00',
      '2026-12-08T02:00:00+04:00',
      '2026-12-08T21:00:00-04:00',
      '2026-12-08T09:00:00.5Z',
      '2026-12-08T09:00:00.125+05:30',
      '1999-12-31T23:59:59-00:00',
    ]) {
      assert.equal(parseStart(start).instant, Date.parse(start), start);
    }
  });

  test('the local date is the written date, whatever the UTC date', () => {
    assert.equal(parseStart('2026-03-29T00:30:00+02:00').localDay, civilDay(2026, 3, 29));
    assert.equal(parseStart('2026-12-08T23:30:00-04:00').localDay, civilDay(2026, 12, 8));
  });

  test('days since 1970 follow the Gregorian calendar, leap days included', () => {
    assert.equal(civilDay(1970, 1, 1), 0);
    assert.equal(civilDay(2000, 2, 29), Date.UTC(2000, 1, 29) / 86_400_000);
    assert.equal(civilDay(2026, 12, 8), Date.UTC(2026, 11, 8) / 86_400_000);
    assert.equal(civilDay(2100, 2, 29), undefined, '2100 is not a leap year');
    assert.equal(civilDay(2026, 4, 31), undefined);
  });
});

describe('ids', () => {
  test('a number and its decimal string are the same id, compared as integers', () => {
    assert.equal(idKeyOf(101, 'id'), idKeyOf('101', 'id'));
    assert.ok(compareIdKeys(idKeyOf(99, 'id'), idKeyOf('100', 'id')) < 0);
    assert.ok(compareIdKeys('1000', '999') > 0);
    assert.equal(compareIdKeys('0', '0'), 0);
    assert.ok(compareIdKeys(idKeyOf('90071992547409931', 'id'), idKeyOf('90071992547409930', 'id')) > 0);
  });

  test('an integer beyond 2^53 must be written as a string', () => {
    assert.throws(() => idKeyOf(2 ** 53, 'slots[0].id'), /slots\[0\]\.id: expected a non-negative integer/);
  });
});
