import { scaleBand, scaleLinear } from 'd3-scale';
import { line, stack } from 'd3-shape';
import type { WeekTotals } from './stats.figures.ts';

// Figures → chart models: positions, bar rectangles and line paths computed with d3-scale and
// d3-shape, no DOM. stats.components.ts writes them as SVG; tests read the numbers here.

export const CHART = { width: 720, height: 300, top: 16, right: 16, bottom: 40, left: 48 };

export type BarSeries = 'bookedOnline' | 'bookedCounter' | 'bookedPartner';
export type LineSeries = 'seats' | 'fillRate' | 'noShowRate';

export interface Bar {
  series: BarSeries;
  week: string;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

export interface Line {
  series: LineSeries;
  /** The SVG path; empty when no week has a value. */
  d: string;
  points: { week: string; x: number; y: number; value: number }[];
}

export interface ChartModel {
  width: number;
  height: number;
  bars: Bar[];
  lines: Line[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
}

const BAR_SERIES: readonly BarSeries[] = ['bookedOnline', 'bookedCounter', 'bookedPartner'];
const r1 = (n: number) => Math.round(n * 10) / 10;

function weekScale(weeks: WeekTotals[]) {
  return scaleBand<string>()
    .domain(weeks.map((w) => w.week))
    .range([CHART.left, CHART.width - CHART.right])
    .padding(0.2);
}

function lineOf(
  series: LineSeries,
  weeks: WeekTotals[],
  x: (week: string) => number,
  y: (value: number) => number,
  read: (w: WeekTotals) => number | null,
): Line {
  const points = weeks.flatMap((w) => {
    const value = read(w);
    return value === null ? [] : [{ week: w.week, x: r1(x(w.week)), y: r1(y(value)), value }];
  });
  const path = line<{ x: number; y: number }>()
    .x((p) => p.x)
    .y((p) => p.y)(points);
  return { series, d: path ?? '', points };
}

/** Seats offered (a line) against bookings by channel (stacked bars), per week. */
export function capacityChart(weeks: WeekTotals[]): ChartModel {
  const x = weekScale(weeks);
  const booked = (w: WeekTotals) => w.bookedOnline + w.bookedCounter + w.bookedPartner;
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.seats, booked(w))));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([CHART.height - CHART.bottom, CHART.top]);
  const layers = stack<WeekTotals, BarSeries>().keys(BAR_SERIES)(weeks);
  const bars = layers.flatMap((layer) =>
    layer.map(([low, high], i) => {
      const week = weeks[i]?.week ?? '';
      return {
        series: layer.key,
        week,
        x: r1(x(week) ?? 0),
        // Both ends rounded first: a bar's top is exactly the bottom of the one stacked on it.
        y: r1(y(high)),
        width: r1(x.bandwidth()),
        height: r1(r1(y(low)) - r1(y(high))),
        value: high - low,
      };
    }),
  );
  const center = (week: string) => (x(week) ?? 0) + x.bandwidth() / 2;
  return {
    width: CHART.width,
    height: CHART.height,
    bars: bars.filter((b) => b.value > 0),
    lines: [lineOf('seats', weeks, center, y, (w) => w.seats)],
    xTicks: weeks.map((w) => ({ x: r1(center(w.week)), label: w.week })),
    yTicks: y.ticks(5).map((v) => ({ y: r1(y(v)), label: String(v) })),
  };
}

/** Fill rate and no-show rate (percent), one line each, per week; a week without a rate is skipped. */
export function ratesChart(weeks: WeekTotals[]): ChartModel {
  const x = weekScale(weeks);
  const y = scaleLinear()
    .domain([0, 100])
    .range([CHART.height - CHART.bottom, CHART.top]);
  const center = (week: string) => (x(week) ?? 0) + x.bandwidth() / 2;
  const percent = (rate: number | null) => (rate === null ? null : r1(rate * 100));
  return {
    width: CHART.width,
    height: CHART.height,
    bars: [],
    lines: [
      lineOf('fillRate', weeks, center, y, (w) => percent(w.fillRate)),
      lineOf('noShowRate', weeks, center, y, (w) => percent(w.noShowRate)),
    ],
    xTicks: weeks.map((w) => ({ x: r1(center(w.week)), label: w.week })),
    yTicks: y.ticks(5).map((v) => ({ y: r1(y(v)), label: `${v} %` })),
  };
}
