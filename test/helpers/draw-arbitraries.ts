// Random draws for the allocation's tests (fast-check): few sites, dates around both daylight-saving
// changes, offsets from La Réunion to Guadeloupe, ids as numbers or digit strings, seats from 0, and
// requests with random tiers, lost draws, sites, half-days and earliest dates.
import fc from 'fast-check';
import { type DrawId, type DrawInput, HALF_DAY_CODES } from '../../src/modules/draw/allocation.ts';

const DATES = [
  '2026-03-27',
  '2026-03-28',
  '2026-03-29',
  '2026-03-30',
  '2026-10-25',
  '2026-10-26',
  '2026-12-08',
];
const OFFSETS = ['+01:00', '+02:00', '+04:00', '-04:00', 'Z', '+05:30'];
const pad = (n: number) => String(n).padStart(2, '0');

/** An id written as a JSON number or as a decimal string: both mean the same integer. */
const written = (n: number): fc.Arbitrary<DrawId> => fc.constantFrom<DrawId>(n, String(n));

const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));

const start = fc
  .record({
    date: fc.constantFrom(...DATES),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 30, 59),
    offset: fc.constantFrom(...OFFSETS),
  })
  .map(({ date, hour, minute, offset }) => `${date}T${pad(hour)}:${pad(minute)}:00${offset}`);

export interface DrawShape {
  minSlots?: number;
  maxSlots?: number;
  minRequests?: number;
  maxRequests?: number;
  maxSeats?: number;
  sites?: number;
}

/** A draw's input with unique slot ids and labels. */
export function drawArbitrary(shape: DrawShape = {}): fc.Arbitrary<DrawInput> {
  const { minSlots = 0, maxSlots = 30, minRequests = 0, maxRequests = 40, maxSeats = 3, sites = 3 } = shape;
  const siteId = fc.integer({ min: 1, max: sites }).chain(written);
  const slots = fc
    .uniqueArray(fc.integer({ min: 0, max: 10 * maxSlots + 10 }), {
      minLength: minSlots,
      maxLength: maxSlots,
      size: 'max',
    })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.record({ id: written(id), siteId, start, seats: fc.integer({ min: 0, max: maxSeats }) }),
        ),
      ),
    );
  const label = fc.oneof(
    fc.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{2}$/),
    fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }),
  );
  const requests = fc
    .uniqueArray(label, { minLength: minRequests, maxLength: maxRequests, size: 'max' })
    .chain((labels) =>
      fc.tuple(
        ...labels.map((l) =>
          fc.record({
            label: fc.constant(l),
            tier: fc.integer({ min: 0, max: 2 }),
            lost: fc.integer({ min: 0, max: 3 }),
            siteIds: fc
              .uniqueArray(fc.integer({ min: 1, max: sites + 1 }), { maxLength: sites })
              .chain((ids) => fc.tuple(...ids.map(written))),
            halfDays: fc.subarray([...HALF_DAY_CODES], { maxLength: 4 }),
            earliest: fc.option(fc.constantFrom(...DATES), { nil: null }),
          }),
        ),
      ),
    );
  return fc.record({
    id: fc.nat({ max: 1_000_000 }).chain(written),
    version: fc.constant('creneau-draw-v1'),
    seed: hex(32),
    beacon: fc.oneof(fc.constant(''), hex(32)),
    slots,
    requests,
  });
}

/** The same draw with its requests and slots in another order (a permutation drawn by fast-check). */
export function shuffledArbitrary(draw: DrawInput): fc.Arbitrary<DrawInput> {
  return fc
    .tuple(
      fc.shuffledSubarray(draw.requests, { minLength: draw.requests.length }),
      fc.shuffledSubarray(draw.slots, { minLength: draw.slots.length }),
    )
    .map(([requests, slots]) => ({ ...draw, requests, slots }));
}
