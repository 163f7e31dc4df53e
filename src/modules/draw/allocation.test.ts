import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { drawArbitrary } from '../../../test/helpers/draw-arbitraries.ts';
import { referenceAllocate, referenceOrderKey } from '../../../test/helpers/draw-reference.ts';
import {
  allocate,
  commitmentOf,
  type DrawInput,
  type DrawRequest,
  type DrawSlot,
  drawKey,
  halfDayCode,
  orderKeyOf,
  orderKeysOf,
  tierOf,
} from './allocation.ts';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');
const VECTOR = path.join(ROOT, 'test', 'vectors', 'draw-v1-small.json');
// The specification's own copy, beside PRODUCT.md, when this checkout sits next to it.
const SHARED_VECTOR = path.join(ROOT, '..', 'shared', 'vectors', 'draw-v1-small.json');

interface Vector extends DrawInput {
  commitment: string;
  allocation: { label: string; slotId: number }[];
  _expected: { key: string; orderKeys: Record<string, string> };
}
const vector: Vector = JSON.parse(readFileSync(VECTOR, 'utf8'));

const SEED = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const OTHER_SEED = 'ff'.repeat(32);

function slot(id: number, start: string, overrides: Partial<DrawSlot> = {}): DrawSlot {
  return { id, siteId: 10, start, seats: 1, ...overrides };
}

function request(label: string, overrides: Partial<DrawRequest> = {}): DrawRequest {
  return { label, tier: 2, lost: 0, siteIds: [10], halfDays: [], earliest: null, ...overrides };
}

function draw(slots: DrawSlot[], requests: DrawRequest[], seed = SEED): DrawInput {
  return { id: 1, version: 'creneau-draw-v1', seed, beacon: '', slots, requests };
}

/** label → slot id, for assertions that read like the allocation. */
function slotsOf(input: DrawInput): Record<string, DrawSlot['id']> {
  return Object.fromEntries(allocate(input).allocation.map(({ label, slotId }) => [label, slotId]));
}

/** `count` single-seat slots that every request accepts, and `count` requests of the same tier. */
function evenDraw(count: number, seed: string): DrawInput {
  const slots = Array.from({ length: count }, (_, i) => slot(i + 1, `2026-12-08T09:${pad(i % 60)}:00+01:00`));
  return draw(
    slots,
    Array.from({ length: count }, (_, i) => request(`R${i}`)),
    seed,
  );
}
const pad = (n: number) => String(n).padStart(2, '0');

describe('the worked example of PRODUCT §5.1 (vectors/draw-v1-small.json)', () => {
  test('the checked-in copy is the specification’s vector', { skip: !existsSync(SHARED_VECTOR) }, () => {
    assert.deepEqual(vector, JSON.parse(readFileSync(SHARED_VECTOR, 'utf8')));
  });

  test('the commitment is the SHA-256 of the seed', () => {
    assert.equal(commitmentOf(vector.seed), vector.commitment);
  });

  test('the key, every order key and the allocation are the vector’s', () => {
    const result = allocate(vector);
    assert.equal(result.key, vector._expected.key);
    assert.deepEqual(Object.fromEntries(result.orderKeys), vector._expected.orderKeys);
    assert.deepEqual(result.allocation, vector.allocation);
  });
});

describe('keys', () => {
  test('the batch order keys are HMAC-SHA256(K, label) for short, long and non-ASCII labels', () => {
    const key = drawKey(Buffer.from(SEED, 'hex'), '7', '');
    const labels = [
      'K7QF-2M',
      'é',
      '日本語-ラベル',
      '🎲',
      'x'.repeat(64),
      'ü'.repeat(300),
      'y'.repeat(1000),
      'Z1AB-9C',
    ];
    const keys = orderKeysOf(key, labels);
    for (const label of labels) {
      assert.equal(keys.get(label), createHmac('sha256', key).update(label, 'utf8').digest('hex'), label);
      assert.equal(keys.get(label), orderKeyOf(key, label));
    }
  });

  test('the beacon and the draw id enter the key, so either changes every order key', () => {
    const base = allocate(vector).key;
    assert.notEqual(allocate({ ...vector, beacon: 'ab'.repeat(32) }).key, base);
    assert.notEqual(allocate({ ...vector, id: 8 }).key, base);
    assert.equal(allocate({ ...vector, id: '7' }).key, base, 'the id "7" is the id 7, written in decimal');
  });

  test('a seed that is not 64 hexadecimal digits has no commitment', () => {
    assert.throws(() => commitmentOf('00'), /seed: expected 64 hexadecimal digits/);
    assert.throws(() => commitmentOf(`${'0'.repeat(63)}g`), /seed/);
  });
});

describe('the result depends only on the set of requests and slots, and on the seed', () => {
  test('shuffled requests and slots, with other fields such as arrival times, give the same allocation', () => {
    const input = fc.sample(drawArbitrary({ minSlots: 20, maxSlots: 40, minRequests: 60, maxRequests: 80 }), {
      seed: 9,
      numRuns: 1,
    })[0];
    assert.ok(input !== undefined && input.requests.length > 20);
    const expected = allocate(input).allocation;
    for (let round = 0; round < 10; round++) {
      const shuffled: DrawInput = {
        ...input,
        requests: shuffle(input.requests, round).map((r, i) => ({
          ...r,
          submittedAt: `2026-01-0${1 + (i % 9)}`,
        })),
        slots: shuffle(input.slots, round + 100),
      };
      assert.deepEqual(allocate(shuffled).allocation, expected);
    }
  });

  test('another seed gives another allocation of 60 interchangeable requests over 60 seats', () => {
    const first = slotsOf(evenDraw(60, SEED));
    const second = slotsOf(evenDraw(60, OTHER_SEED));
    assert.equal(Object.keys(first).length, 60);
    assert.equal(Object.keys(second).length, 60);
    // Each seed gives a permutation of 60 slots: two seeds agree on all of them with odds 1 in 60!.
    assert.notDeepEqual(first, second);
  });

  test('the optimised allocation equals the plain scan of §5.1 on a draw of 3,000 requests', () => {
    const big = drawArbitrary({
      minSlots: 300,
      maxSlots: 400,
      minRequests: 3000,
      maxRequests: 3000,
      maxSeats: 4,
      sites: 4,
    });
    const [input] = fc.sample(big, { seed: 2026, numRuns: 1 });
    assert.ok(input !== undefined && input.requests.length > 1000 && input.slots.length > 100);
    const allocation = allocate(input).allocation;
    assert.ok(allocation.length > 100);
    assert.deepEqual(allocation, referenceAllocate(input));
  });
});

describe('the order of requests', () => {
  const one = [slot(1, '2026-12-08T09:00:00+01:00')];

  test('a lower tier wins the single seat whatever the order keys and lost draws', () => {
    for (const seed of seeds(20)) {
      const input = draw(
        one,
        [request('A', { tier: 2, lost: 9 }), request('B', { tier: 0 }), request('C', { tier: 1 })],
        seed,
      );
      assert.deepEqual(slotsOf(input), { B: 1 });
    }
  });

  test('within a tier, more lost draws win the single seat whatever the order keys', () => {
    for (const seed of seeds(20)) {
      const input = draw(one, [request('A', { lost: 1 }), request('B', { lost: 3 }), request('C')], seed);
      assert.deepEqual(slotsOf(input), { B: 1 });
    }
  });

  test('within a tier and seniority, the smaller order key wins', () => {
    const input = draw(one, [request('A'), request('B'), request('C')]);
    const key = drawKey(Buffer.from(SEED, 'hex'), '1', '');
    const winner = ['A', 'B', 'C'].sort((a, b) =>
      Buffer.compare(referenceOrderKey(key, a), referenceOrderKey(key, b)),
    )[0];
    assert.deepEqual(slotsOf(input), { [winner as string]: 1 });
  });

  test('the allocation lists the winners in draw order', () => {
    const slots = [slot(1, '2026-12-08T09:00:00+01:00', { seats: 3 })];
    const input = draw(slots, [request('A'), request('B', { tier: 1 }), request('C', { tier: 0 })]);
    assert.deepEqual(
      allocate(input).allocation.map((a) => a.label),
      ['C', 'B', 'A'],
    );
  });
});

describe('the order of slots and their seats', () => {
  test('slots are taken in the order of their instants, not of their written local times', () => {
    // 10:00+02:00 is 08:00 UTC, before 09:30+01:00 (08:30 UTC).
    const slots = [slot(1, '2026-03-29T09:30:00+01:00'), slot(2, '2026-03-29T10:00:00+02:00')];
    assert.deepEqual(slotsOf(draw(slots, [request('A')])), { A: 2 });
  });

  test('slots at the same instant are taken in the order of their ids as integers (99 before 100)', () => {
    const at = '2026-12-08T09:00:00+01:00';
    const slots = [slot(100, at), slot(99, '2026-12-08T08:00:00Z'), slot(101, at, { id: '101' })];
    assert.deepEqual(slotsOf(draw(slots, [request('A')])), { A: 99 });
    const two = [slot(100, at), { ...slot(0, at), id: '99' }];
    assert.deepEqual(slotsOf(draw(two, [request('A')])), { A: '99' }, 'the id keeps the type it was given');
  });

  test('no slot gets more requests than its seats, and no request gets two slots', () => {
    const slots = [
      slot(1, '2026-12-08T09:00:00+01:00', { seats: 2 }),
      slot(2, '2026-12-08T09:20:00+01:00', { seats: 0 }),
    ];
    const input = draw(
      slots,
      Array.from({ length: 10 }, (_, i) => request(`R${i}`)),
    );
    const allocation = allocate(input).allocation;
    assert.equal(allocation.length, 2);
    assert.deepEqual(
      allocation.map((a) => a.slotId),
      [1, 1],
    );
    assert.equal(new Set(allocation.map((a) => a.label)).size, 2);
  });
});

describe('acceptance', () => {
  const slots = [
    slot(1, '2026-12-08T09:00:00+01:00', { siteId: 10 }),
    slot(2, '2026-12-08T14:00:00+01:00', { siteId: 10 }),
    slot(3, '2026-12-09T09:00:00+01:00', { siteId: 11 }),
    slot(4, '2026-12-10T09:00:00+01:00', { siteId: 10 }),
  ];

  test('a request gets only a slot at one of its sites', () => {
    assert.deepEqual(slotsOf(draw(slots, [request('A', { siteIds: [11] })])), { A: 3 });
    assert.deepEqual(slotsOf(draw(slots, [request('A', { siteIds: ['11'] })])), { A: 3 });
    assert.deepEqual(slotsOf(draw(slots, [request('A', { siteIds: [12] })])), {});
  });

  test('a request with half-days gets only a slot in one of them; none means any', () => {
    assert.deepEqual(slotsOf(draw(slots, [request('A', { halfDays: ['tue-pm'] })])), { A: 2 });
    assert.deepEqual(slotsOf(draw(slots, [request('A', { halfDays: ['thu-am', 'mon-am'] })])), { A: 4 });
    assert.deepEqual(slotsOf(draw(slots, [request('A', { halfDays: ['wed-pm'] })])), {});
    assert.deepEqual(slotsOf(draw(slots, [request('A', { halfDays: [] })])), { A: 1 });
  });

  test('a request with an earliest date gets a slot on that date or after', () => {
    assert.deepEqual(slotsOf(draw(slots, [request('A', { earliest: '2026-12-09' })])), { A: 4 });
    assert.deepEqual(slotsOf(draw(slots, [request('A', { earliest: '2026-12-10' })])), { A: 4 });
    assert.deepEqual(slotsOf(draw(slots, [request('A', { earliest: '2026-12-11' })])), {});
  });

  test('the earliest date is compared with the slot’s local date, not its UTC date', () => {
    // 00:30+02:00 on the 29th is 22:30 UTC on the 28th.
    const late = [slot(1, '2026-03-29T00:30:00+02:00')];
    assert.deepEqual(slotsOf(draw(late, [request('A', { earliest: '2026-03-29' })])), { A: 1 });
  });

  test('a request takes the first slot it accepts with seats left, after those taken before it', () => {
    const input = draw(slots, [
      request('A', { tier: 0 }),
      request('B', { tier: 1 }),
      request('C', { halfDays: ['tue-am'] }),
    ]);
    assert.deepEqual(slotsOf(input), { A: 1, B: 2 });
  });
});

describe('half-day codes, in the local time of the start’s own offset', () => {
  const cases: [string, string, string][] = [
    ['2026-12-08T09:00:00+01:00', 'tue-am', 'winter in Paris'],
    ['2026-12-08T11:59:59+01:00', 'tue-am', 'just before noon'],
    ['2026-12-08T12:00:00+01:00', 'tue-pm', 'noon is the afternoon'],
    ['2026-03-29T11:30:00+02:00', 'sun-am', 'summer time (09:30 UTC)'],
    ['2026-03-28T12:30:00+01:00', 'sat-pm', 'the day before summer time (11:30 UTC)'],
    ['2026-10-25T12:30:00+01:00', 'sun-pm', 'back to winter time (11:30 UTC)'],
    ['2026-10-25T11:30:00+02:00', 'sun-am', 'the morning of the change, still +02:00'],
    ['2026-12-08T02:00:00+04:00', 'tue-am', 'La Réunion: Monday 22:00 UTC'],
    ['2026-12-08T13:00:00+04:00', 'tue-pm', 'La Réunion, afternoon (09:00 UTC)'],
    ['2026-12-08T21:00:00-04:00', 'tue-pm', 'Guadeloupe: Wednesday 01:00 UTC'],
    ['2026-12-13T10:00:00Z', 'sun-am', 'Z is +00:00'],
    ['2026-12-07T08:00+01:00', 'mon-am', 'seconds may be left out'],
  ];
  for (const [start, code, why] of cases) {
    test(`${start} is ${code} (${why})`, () => assert.equal(halfDayCode(start), code));
  }
});

describe('tiers (PRODUCT §5.1 "Tiers")', () => {
  const closes = '2026-11-30';
  const cases: [string | null, boolean, 0 | 1 | 2, string][] = [
    ['2026-12-30', true, 0, '30 days after the window closes'],
    ['2026-12-31', true, 1, '31 days'],
    ['2027-01-29', true, 1, '60 days, across the new year'],
    ['2027-01-30', true, 2, '61 days'],
    ['2026-11-30', true, 0, 'expiring the day the window closes'],
    ['2026-10-01', true, 0, 'already expired'],
    ['2027-06-01', false, 2, 'a procedure without a permit window'],
    [null, true, 2, 'no expiry date given'],
  ];
  for (const [titleExpiry, hasPermitWindow, tier, why] of cases) {
    test(`tier ${tier}: ${why}`, () => {
      assert.equal(tierOf({ hasPermitWindow, windowClosesOn: closes, titleExpiry }), tier);
    });
  }

  test('days are calendar days, February of a leap year included', () => {
    assert.equal(
      tierOf({ hasPermitWindow: true, windowClosesOn: '2028-02-01', titleExpiry: '2028-03-02' }),
      0,
    );
    assert.equal(
      tierOf({ hasPermitWindow: true, windowClosesOn: '2027-02-01', titleExpiry: '2027-03-04' }),
      1,
    );
  });

  test('a date that does not exist is refused, naming it', () => {
    assert.throws(
      () => tierOf({ hasPermitWindow: true, windowClosesOn: '2026-02-30', titleExpiry: '2026-03-01' }),
      /windowClosesOn: expected a date YYYY-MM-DD/,
    );
  });
});

function seeds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => commitmentOf(SEED.slice(0, 62) + pad(i)));
}

/** A fixed permutation (Fisher–Yates on a tiny linear congruential generator). */
function shuffle<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed + 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
