import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { drawArbitrary, shuffledArbitrary } from '../../../test/helpers/draw-arbitraries.ts';
import {
  referenceAccepts,
  referenceAllocate,
  referenceKey,
  referenceOrderKey,
  referenceRequestOrder,
  referenceSlotOrder,
} from '../../../test/helpers/draw-reference.ts';
import { allocate, type DrawInput, type DrawRequest, type DrawSlot } from './allocation.ts';

// Properties of the allocation over random draws (test/helpers/draw-arbitraries.ts). The checks use
// the reference reading of §5.1 (test/helpers/draw-reference.ts) for acceptance and order, never the
// optimised code under test.
const RUNS = { numRuns: Number(process.env.DRAW_PROPERTY_RUNS ?? 200) };
const draws = drawArbitrary();

/** The allocation with its requests and slots found back by label and id. */
function allocated(input: DrawInput): { request: DrawRequest; slot: DrawSlot }[] {
  const requests = new Map(input.requests.map((r) => [r.label, r]));
  const slots = new Map(input.slots.map((s) => [String(s.id), s]));
  return allocate(input).allocation.map(({ label, slotId }) => {
    const request = requests.get(label);
    const slot = slots.get(String(slotId));
    assert.ok(request !== undefined, `allocated an unknown label ${label}`);
    assert.ok(slot !== undefined && slot.id === slotId, `allocated an unknown slot ${slotId}`);
    return { request, slot };
  });
}

/** Seats left in each slot after the allocation. */
function seatsLeft(input: DrawInput, allocation: { slot: DrawSlot }[]): Map<DrawSlot, number> {
  const left = new Map(input.slots.map((slot) => [slot, slot.seats]));
  for (const { slot } of allocation) left.set(slot, (left.get(slot) ?? 0) - 1);
  return left;
}

/** Whether `a` comes before `b` on priority alone: a lower tier, or the same tier and more lost draws. */
const outranks = (a: DrawRequest, b: DrawRequest) =>
  a.tier < b.tier || (a.tier === b.tier && a.lost > b.lost);

describe('the allocation over random draws', () => {
  test('equals the plain reading of §5.1: its order keys and its allocation', () => {
    fc.assert(
      fc.property(draws, (input) => {
        const result = allocate(input);
        const key = referenceKey(input);
        assert.equal(result.key, key.toString('hex'));
        for (const request of input.requests) {
          assert.equal(
            result.orderKeys.get(request.label),
            referenceOrderKey(key, request.label).toString('hex'),
          );
        }
        assert.deepEqual(result.allocation, referenceAllocate(input));
      }),
      RUNS,
    );
  });

  test('does not depend on the order requests and slots are listed in', () => {
    const pairs = draws.chain((input) => fc.tuple(fc.constant(input), shuffledArbitrary(input)));
    fc.assert(
      fc.property(pairs, ([input, shuffled]) => {
        assert.deepEqual(allocate(shuffled).allocation, allocate(input).allocation);
      }),
      RUNS,
    );
  });

  test('never puts more requests in a slot than its seats', () => {
    fc.assert(
      fc.property(draws, (input) => {
        for (const [slot, left] of seatsLeft(input, allocated(input))) {
          assert.ok(left >= 0, `slot ${slot.id} over its ${slot.seats} seats`);
        }
      }),
      RUNS,
    );
  });

  test('gives a request at most one slot, and only a slot it accepts', () => {
    fc.assert(
      fc.property(draws, (input) => {
        const allocation = allocated(input);
        assert.equal(new Set(allocation.map(({ request }) => request.label)).size, allocation.length);
        for (const { request, slot } of allocation) assert.ok(referenceAccepts(request, slot));
      }),
      RUNS,
    );
  });

  test('leaves no request without a slot while a slot it accepts still has seats', () => {
    fc.assert(
      fc.property(draws, (input) => {
        const allocation = allocated(input);
        const served = new Set(allocation.map(({ request }) => request.label));
        const free = [...seatsLeft(input, allocation)].filter(([, left]) => left > 0).map(([slot]) => slot);
        for (const request of input.requests.filter((r) => !served.has(r.label))) {
          assert.ok(!free.some((slot) => referenceAccepts(request, slot)), `${request.label} left out`);
        }
      }),
      RUNS,
    );
  });

  test('is serial dictatorship: in draw order, each request got the first slot it accepted that had seats', () => {
    fc.assert(
      fc.property(draws, (input) => {
        const got = new Map(allocated(input).map(({ request, slot }) => [request.label, slot]));
        const slots = referenceSlotOrder(input);
        const left = new Map(slots.map((slot) => [slot, slot.seats]));
        for (const request of referenceRequestOrder(input)) {
          const first = slots.find((slot) => (left.get(slot) ?? 0) > 0 && referenceAccepts(request, slot));
          assert.equal(got.get(request.label), first, `${request.label} did not get its first choice`);
          if (first !== undefined) left.set(first, (left.get(first) ?? 0) - 1);
        }
      }),
      RUNS,
    );
  });

  test('never leaves a request envying one it outranks by tier or lost draws', () => {
    fc.assert(
      fc.property(draws, (input) => {
        const allocation = allocated(input);
        const rank = new Map(referenceSlotOrder(input).map((slot, i) => [slot, i]));
        const got = new Map(allocation.map(({ request, slot }) => [request.label, rank.get(slot) ?? -1]));
        for (const winner of allocation) {
          for (const other of input.requests) {
            if (!outranks(other, winner.request) || !referenceAccepts(other, winner.slot)) continue;
            const mine = got.get(other.label);
            assert.ok(mine !== undefined && mine <= (rank.get(winner.slot) ?? -1), `${other.label} envies`);
          }
        }
      }),
      RUNS,
    );
  });
});
