import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { verifyBundle } from './bundle-verify.ts';

const VECTOR = path.join(import.meta.dirname, '..', '..', '..', 'test', 'vectors', 'draw-v1-small.json');
const vector = JSON.parse(readFileSync(VECTOR, 'utf8'));
type Entry = { label: string; slotId: number | string };
const withAllocation = (allocation: unknown) => ({ ...vector, allocation });

describe('verifyBundle', () => {
  test('the specification’s vector checks out, with what was checked', () => {
    const report = verifyBundle(vector);
    assert.deepEqual(
      {
        ok: report.ok,
        id: report.id,
        requests: report.requests,
        slots: report.slots,
        allocated: report.allocated,
      },
      { ok: true, id: 7, requests: 6, slots: 4, allocated: 5 },
    );
    assert.deepEqual(report.problems, []);
    assert.equal(report.checks.filter((line) => line.startsWith('✔')).length, 4);
  });

  test('the allocation is compared as a set: its order and the writing of slot ids do not matter', () => {
    const reordered = [...vector.allocation]
      .reverse()
      .map((e: Entry) => ({ ...e, slotId: String(e.slotId) }));
    assert.equal(verifyBundle(withAllocation(reordered)).ok, true);
  });

  test('a seed that is not the committed one is refused', () => {
    const seed = `${vector.seed.slice(0, 63)}0`;
    const report = verifyBundle({ ...vector, seed });
    assert.equal(report.ok, false);
    assert.match(report.problems[0] ?? '', /^commitment "630dcd29.*" is not the SHA-256 of the seed/);
  });

  test('a commitment that is not the seed’s is refused, even when the allocation matches', () => {
    const report = verifyBundle({ ...vector, commitment: '0'.repeat(64) });
    assert.equal(report.ok, false);
    assert.equal(report.problems.length, 1);
  });

  test('an allocation with two requests swapped, one left out, one added or one twice is refused', () => {
    const swapped = vector.allocation.map((e: Entry) =>
      e.label === 'K7QF-2M' ? { ...e, slotId: 103 } : e.label === 'B8RN-6W' ? { ...e, slotId: 104 } : e,
    );
    assert.deepEqual(verifyBundle(withAllocation(swapped)).problems, [
      '"K7QF-2M": the bundle gives slot 103, the draw gives slot 104',
      '"B8RN-6W": the bundle gives slot 104, the draw gives slot 103',
    ]);
    assert.deepEqual(verifyBundle(withAllocation(vector.allocation.slice(1))).problems, [
      '"Z1AB-9C": the bundle gives none, the draw gives slot 102',
    ]);
    const added = [...vector.allocation, { label: 'H6VE-1J', slotId: 101 }];
    assert.deepEqual(verifyBundle(withAllocation(added)).problems, [
      '"H6VE-1J": the bundle gives slot 101, the draw gives none',
    ]);
    const twice = [...vector.allocation, vector.allocation[0]];
    assert.deepEqual(verifyBundle(withAllocation(twice)).problems, [
      '"Z1AB-9C" appears more than once in the allocation',
    ]);
  });

  test('a malformed allocation entry is named', () => {
    const report = verifyBundle(withAllocation([...vector.allocation, { label: 'X', slotId: 'one' }]));
    assert.match(report.problems[0] ?? '', /^allocation\[5\]\.slotId: expected a non-negative integer/);
    assert.deepEqual(verifyBundle(withAllocation(null)).problems, ['allocation is not a list']);
  });

  test('another version, or a bundle the draw cannot be computed from, is refused with the field', () => {
    assert.match(
      verifyBundle({ ...vector, version: 'creneau-draw-v2' }).problems[0] ?? '',
      /^version is "creneau-draw-v2"/,
    );
    const slots = [{ ...vector.slots[0], start: '2026-12-08 09:00' }, ...vector.slots.slice(1)];
    assert.deepEqual(verifyBundle({ ...vector, slots }).problems, [
      'the draw cannot be recomputed: slots[0].start: expected an ISO 8601 time with its offset, got "2026-12-08 09:00"',
    ]);
    const nothing = verifyBundle('a string');
    assert.equal(nothing.ok, false);
    assert.equal(nothing.requests, 0);
  });

  test('a long list of differences is cut after twenty', () => {
    const slots = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      siteId: 1,
      start: '2026-12-08T09:00:00Z',
      seats: 1,
    }));
    const requests = Array.from({ length: 30 }, (_, i) => ({
      label: `R${i}`,
      tier: 2,
      lost: 0,
      siteIds: [1],
      halfDays: [],
      earliest: null,
    }));
    const report = verifyBundle({ ...vector, slots, requests, allocation: [] });
    assert.equal(report.problems.length, 21);
    assert.equal(report.problems[20], '… and 10 more differences in the allocation');
  });
});
