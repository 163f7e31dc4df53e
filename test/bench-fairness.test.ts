import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  differences,
  groupFigures,
  interval95,
  mean,
  sampleSd,
  tQuantile975,
} from '../bench/fairness-stats.ts';

// The arithmetic of `npm run bench:fairness` (bench/fairness-stats.ts) on fixed numbers.
const close = (actual: number, expected: number, tolerance = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

describe('the fairness benchmark’s statistics', () => {
  test('mean, sample standard deviation (n − 1) and the 95 % interval mean ± t·s/√n', () => {
    const values = [1, 2, 3, 4, 5];
    assert.equal(mean(values), 3);
    close(sampleSd(values), Math.sqrt(2.5));
    const ci = interval95(values);
    // t(0.975, 4) = 2.776; s/√n = √2.5/√5 = √0.5.
    close(ci.halfWidth, 2.776 * Math.sqrt(0.5));
    close(ci.low, 3 - 2.776 * Math.sqrt(0.5));
    close(ci.high, 3 + 2.776 * Math.sqrt(0.5));
    assert.equal(ci.n, 5);
  });

  test('twenty per-seed shares: the interval uses t(0.975, 19) = 2.093', () => {
    const shares = [
      49.7, 50.6, 49.6, 50.2, 49.9, 50.4, 49.1, 50.8, 50.0, 49.5, 50.3, 49.8, 50.1, 49.4, 50.5, 49.9, 50.2,
      49.6, 50.0, 50.4,
    ];
    const ci = interval95(shares);
    close(ci.mean, 50.0);
    close(ci.halfWidth, (2.093 * sampleSd(shares)) / Math.sqrt(20));
  });

  test('t quantiles: the table, then the expansion within 0.001 of the exact values', () => {
    assert.equal(tQuantile975(1), 12.706);
    assert.equal(tQuantile975(19), 2.093);
    assert.equal(tQuantile975(30), 2.042);
    close(tQuantile975(31), 2.039513, 1e-3);
    close(tQuantile975(60), 2.000298, 1e-3);
    close(tQuantile975(120), 1.97993, 1e-3);
    assert.throws(() => tQuantile975(0), RangeError);
  });

  test('paired differences, and refusals of what has no value', () => {
    assert.deepEqual(differences([3, 5], [1, 2]), [2, 3]);
    assert.throws(() => differences([1], [1, 2]), RangeError);
    assert.throws(() => mean([]), RangeError);
    assert.throws(() => sampleSd([1]), RangeError);
  });

  test('group figures: shares of the seats, win rates, and the duplicators’ ratio', () => {
    const fast = (duplicates: boolean) => ({ group: 'fast' as const, duplicates });
    const slow = () => ({ group: 'slow' as const, duplicates: false });
    const duplicator = fast(true);
    const people = [duplicator, fast(false), fast(false), fast(false), slow(), slow(), slow(), slow()];
    const winners = [duplicator, people[1], people[4]] as typeof people;
    const f = groupFigures(people, winners);
    assert.equal(f.seats, 3);
    assert.equal(f.fastSeats, 2);
    assert.equal(f.slowSeats, 1);
    close(f.fastShare, 200 / 3);
    close(f.slowShare, 100 / 3);
    close(f.difference, 100 / 3);
    close(f.fastWinRate, 50);
    close(f.slowWinRate, 25);
    // The duplicator won (100 %); single submitters 2 of 7.
    close(f.duplicateRatio, 100 / (200 / 7));
  });
});
