/**
 * The fairness benchmark's statistics: the mean of per-seed figures and its 95 % confidence interval,
 * mean ± t(0.975, n − 1) · s / √n with s the sample standard deviation (Student's t, the seeds being
 * independent draws of the same experiment). Pure arithmetic, checked on fixed numbers in
 * test/bench-fairness.test.ts.
 */

/** Two-sided 95 % quantiles of Student's t, t(0.975, df), for df = 1 … 30. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z_975 = 1.959964;

/**
 * t(0.975, df): from the table up to 30 degrees of freedom, beyond by the Cornish–Fisher expansion
 * around the normal quantile (within 0.001 of the exact value from df = 31 on).
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be ≥ 1, got ${df}`);
  const tabled = T_975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = Z_975;
  return (
    z +
    (z ** 3 + z) / (4 * df) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
  );
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('the mean of no values');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The sample standard deviation (divisor n − 1). */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) throw new RangeError('a sample standard deviation needs two values');
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1));
}

/** A mean with its 95 % confidence interval. */
export interface Interval {
  n: number;
  mean: number;
  sd: number;
  /** t(0.975, n − 1) · sd / √n */
  halfWidth: number;
  low: number;
  high: number;
}

/** The mean of `values` and its 95 % interval, mean ± t(0.975, n − 1) · s / √n. */
export function interval95(values: readonly number[]): Interval {
  const m = mean(values);
  const sd = sampleSd(values);
  const halfWidth = (tQuantile975(values.length - 1) * sd) / Math.sqrt(values.length);
  return { n: values.length, mean: m, sd, halfWidth, low: m - halfWidth, high: m + halfWidth };
}

/** Per-item differences a[i] − b[i] of two paired series (the same seed's two figures). */
export function differences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new RangeError('paired series of different lengths');
  return a.map((value, i) => value - (b[i] as number));
}

/** An interval rounded for printing: "49.8 ± 0.7 [49.1, 50.5]". */
export function formatInterval(value: Interval, digits = 2): string {
  const f = (n: number) => n.toFixed(digits);
  return `${f(value.mean)} ± ${f(value.halfWidth)} [${f(value.low)}, ${f(value.high)}]`;
}

/** Who won, among whom: the figures of one draw (one seed) or of the first-come run. */
export interface GroupFigures {
  seats: number;
  fastSeats: number;
  slowSeats: number;
  /** Shares of the seats taken, in percentage points; they add up to 100. */
  fastShare: number;
  slowShare: number;
  /** fastShare − slowShare. */
  difference: number;
  /** Share of each group's people who got a seat, in percentage points. */
  fastWinRate: number;
  slowWinRate: number;
  /** Win rate of the people who submitted duplicates over that of people who submitted once. */
  duplicateRatio: number;
}

interface Person {
  group: 'fast' | 'slow';
  duplicates: boolean;
}

/** The figures of `winners` (one seat each) among `people` (every identity that took part). */
export function groupFigures(people: readonly Person[], winners: readonly Person[]): GroupFigures {
  const count = (list: readonly Person[], keep: (p: Person) => boolean) => list.filter(keep).length;
  const rate = (keep: (p: Person) => boolean) => {
    const among = count(people, keep);
    return among === 0 ? 0 : (100 * count(winners, keep)) / among;
  };
  const seats = winners.length;
  const fastSeats = count(winners, (p) => p.group === 'fast');
  const slowSeats = seats - fastSeats;
  const fastShare = seats === 0 ? 0 : (100 * fastSeats) / seats;
  const slowShare = seats === 0 ? 0 : (100 * slowSeats) / seats;
  const single = rate((p) => !p.duplicates);
  return {
    seats,
    fastSeats,
    slowSeats,
    fastShare,
    slowShare,
    difference: fastShare - slowShare,
    fastWinRate: rate((p) => p.group === 'fast'),
    slowWinRate: rate((p) => p.group === 'slow'),
    duplicateRatio: single === 0 ? Number.NaN : rate((p) => p.duplicates) / single,
  };
}
