import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHART, capacityChart, ratesChart } from './stats.charts.ts';
import { chartSvg } from './stats.components.ts';
import { statsCsv } from './stats.csv.ts';
import { statsRows, type WeekTotals, weekTotals } from './stats.figures.ts';
import { statsMessages } from './stats.messages.ts';
import { isoWeekOf, parseStatsQuery, weeksBetween } from './stats.period.ts';
import type { BookingCounts } from './stats.repository.ts';
import { formatRate } from './stats.views.ts';

// The statistics' pure parts: the filters, the ISO weeks, the figures' merge and totals, and the
// chart models d3 computes (no database).

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('the statistics’ filters and weeks', () => {
  test('ISO weeks as PostgreSQL writes them, at the turn of the year', () => {
    assert.equal(isoWeekOf(day('2030-01-07')), '2030-W02');
    assert.equal(isoWeekOf(day('2029-12-31')), '2030-W01');
    assert.equal(isoWeekOf(day('2027-01-01')), '2026-W53');
    assert.equal(isoWeekOf(day('2026-12-31')), '2026-W53');
    assert.deepEqual(weeksBetween('2029-12-24', '2030-01-13'), ['2029-W52', '2030-W01', '2030-W02']);
  });

  test('days are widened to Monday and Sunday; ids are checked', () => {
    const parsed = parseStatsQuery({ from: '2030-01-09', to: '2030-01-09', site: '12' }, day('2030-01-01'));
    assert.deepEqual(parsed.query, { from: '2030-01-07', to: '2030-01-13', siteId: 12 });
    const refused = parseStatsQuery({ from: '2030-02-29', site: '-1' }, day('2030-01-01'));
    assert.deepEqual(
      refused.errors.map((e) => [e.field, e.code]),
      [
        ['from', 'date_invalid'],
        ['site', 'id_invalid'],
      ],
    );
  });

  test('53 weeks at most: 2030-W01 to 2030-W53 is refused, to 2030-W52 is not', () => {
    const today = day('2030-01-01');
    assert.ok(parseStatsQuery({ from: '2029-12-31', to: '2030-12-29' }, today).query);
    assert.ok(parseStatsQuery({ from: '2029-12-31', to: '2031-01-05' }, today).query, '53 weeks');
    const refused = parseStatsQuery({ from: '2029-12-31', to: '2031-01-06' }, today);
    assert.deepEqual(refused.errors?.[0]?.code, 'range_too_long');
  });
});

const key = { siteId: 1, siteName: 'A', procedureId: 2, procedureTitle: 'P' };
const bookings = (over: Partial<BookingCounts>): BookingCounts => ({
  ...key,
  week: '2030-W02',
  booked: 0,
  confirmed: 0,
  cancelled: 0,
  revoked: 0,
  attended: 0,
  noShow: 0,
  seatsUsed: 0,
  bookedOnline: 0,
  bookedCounter: 0,
  bookedPartner: 0,
  medianWaitingMinutes: null,
  medianWalkingMinutes: null,
  medianServiceMinutes: null,
  ...over,
});

describe('the statistics’ figures', () => {
  test('seats, bookings and requests of one place and week make one row; the fill rate and median rounded', () => {
    const rows = statsRows(
      [{ ...key, week: '2030-W02', seats: 3 }],
      [bookings({ booked: 2, seatsUsed: 2, medianWaitingMinutes: 12.25, medianServiceMinutes: 7.96 })],
      [{ ...key, week: '2030-W03', waiting: 2, unserved: 1 }],
      [{ ...key, week: '2030-W02', medianWaitDays: 4.26, samples: 3, samplesWithoutSlot: 1 }],
    );
    assert.equal(rows.length, 2);
    assert.deepEqual(
      [rows[0]?.fillRate, rows[0]?.medianWaitDays, rows[0]?.noFreeSlotRate, rows[0]?.seats],
      [0.667, 4.3, 0.333, 3],
    );
    assert.deepEqual(
      [rows[0]?.medianWaitingMinutes, rows[0]?.medianWalkingMinutes, rows[0]?.medianServiceMinutes],
      [12.3, null, 8],
      'the counter’s medians rounded to a tenth of a minute, none without visits',
    );
    assert.equal(rows[1]?.noFreeSlotRate, null, 'no samples, no rate');
    assert.deepEqual([rows[1]?.week, rows[1]?.fillRate, rows[1]?.requestsWaiting], ['2030-W03', null, 2]);
  });

  test('weekly totals: every week of the range, the rates from the sums', () => {
    const rows = statsRows(
      [
        { ...key, week: '2030-W02', seats: 10 },
        { ...key, siteId: 9, siteName: 'B', week: '2030-W02', seats: 10 },
      ],
      [bookings({ seatsUsed: 5, attended: 3, noShow: 1 })],
      [],
    );
    const [w01, w02] = weekTotals(rows, ['2030-W01', '2030-W02']);
    assert.deepEqual([w01?.seats, w01?.fillRate, w01?.noShowRate], [0, null, null]);
    assert.deepEqual([w02?.seats, w02?.fillRate, w02?.noShowRate], [20, 0.25, 0.25]);
  });
});

const week = (name: string, over: Partial<WeekTotals>): WeekTotals => ({
  week: name,
  seats: 0,
  seatsUsed: 0,
  bookedOnline: 0,
  bookedCounter: 0,
  bookedPartner: 0,
  attended: 0,
  noShow: 0,
  fillRate: null,
  noShowRate: null,
  ...over,
});

describe('the statistics’ charts', () => {
  const plot = CHART.height - CHART.bottom - CHART.top;

  test('capacity: stacked bars by channel on the seats’ scale, the seats as a line', () => {
    const model = capacityChart([
      week('2030-W02', { seats: 12, bookedOnline: 4, bookedCounter: 1, bookedPartner: 1 }),
      week('2030-W03', { seats: 5, bookedOnline: 1 }),
    ]);
    const online = model.bars.find((b) => b.series === 'bookedOnline' && b.week === '2030-W02');
    assert.equal(online?.height, Math.round((4 / 12) * plot * 10) / 10);
    const counter = model.bars.find((b) => b.series === 'bookedCounter' && b.week === '2030-W02');
    assert.ok(online && counter && Math.abs(counter.y + counter.height - online.y) < 0.01, 'stacked on top');
    assert.equal(model.bars.length, 4, 'no empty bar');
    const seats = model.lines[0];
    assert.deepEqual(
      seats?.points.map((p) => p.y),
      [CHART.top, Math.round((CHART.top + plot * (7 / 12)) * 10) / 10],
    );
    assert.match(seats?.d ?? '', /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
  });

  test('rates: percentages from 0 to 100, a week without a rate left out of its line', () => {
    const model = ratesChart([
      week('2030-W02', { fillRate: 0.5, noShowRate: 0.25 }),
      week('2030-W03', { fillRate: 1, noShowRate: null }),
    ]);
    const [fill, noShow] = model.lines;
    assert.deepEqual(
      fill?.points.map((p) => p.value),
      [50, 100],
    );
    assert.equal(fill?.points[1]?.y, CHART.top);
    assert.deepEqual(
      noShow?.points.map((p) => p.week),
      ['2030-W02'],
    );
    assert.equal(model.yTicks.at(-1)?.label, '100 %');
  });

  test('the SVG is an image named by its title and description, its texts escaped', () => {
    const svg = chartSvg(ratesChart([week('2030-W02', { fillRate: 0.5 })]), {
      id: 'taux',
      title: 'Taux <de> remplissage',
      desc: 'Une courbe',
      series: { fillRate: 'Remplissage' },
      tableCaption: '',
      tableHead: [],
      tableRows: [],
    }).toString();
    assert.match(svg, /^<svg [^>]*role="img"[^>]*aria-labelledby="taux-title taux-desc"/);
    assert.match(svg, /<title id="taux-title">Taux &lt;de&gt; remplissage<\/title>/);
    assert.match(svg, /<desc id="taux-desc">Une courbe<\/desc>/);
    assert.match(svg, /<path class="line" data-series="fillRate" d="M/);
    assert.equal(formatRate(0.333, 'fr'), '33,3 %');
    assert.equal(formatRate(null, 'en'), '—');
  });
});

describe('the statistics’ CSV text', () => {
  test('a name a spreadsheet would take for a formula stays text; a semicolon is quoted', () => {
    const [row] = statsRows(
      [{ ...key, siteName: '=HYPERLINK("x")', procedureTitle: 'A; B', week: '2030-W02', seats: 2 }],
      [],
      [],
    );
    const lines = statsCsv(row ? [row] : [], statsMessages.en.columns)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    assert.match(lines[0] ?? '', /^Office;Procedure;Week;Seats offered;/);
    assert.equal(lines[1], `"'=HYPERLINK(""x"")";"A; B";2030-W02;2;0;0;0;0;0;0;0;;;0;0;0;0;0;;;`);
  });
});
