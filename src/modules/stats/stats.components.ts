import { table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import type { ChartModel } from './stats.charts.ts';
import { CHART } from './stats.charts.ts';

// A chart model as an accessible SVG: role="img" named by its <title> and <desc>, the legend as text,
// and beside it a table of the same numbers (a screen reader reads the table; no script anywhere).

/** Colours of the DSFR palette; each series also has its legend text. */
const COLOURS: Record<string, string> = {
  bookedOnline: '#000091',
  bookedCounter: '#6a6af4',
  bookedPartner: '#c9191e',
  seats: '#18753c',
  fillRate: '#000091',
  noShowRate: '#c9191e',
};

export interface ChartTexts {
  id: string;
  title: string;
  desc: string;
  /** The legend's text of each series. */
  series: Record<string, string>;
  tableCaption: string;
  tableHead: string[];
  tableRows: string[][];
}

function axes(model: ChartModel): SafeHtml {
  const bottom = CHART.height - CHART.bottom;
  return html`<g class="axes" font-size="11" fill="#3a3a3a">
<line x1="${CHART.left}" y1="${bottom}" x2="${CHART.width - CHART.right}" y2="${bottom}" stroke="#3a3a3a"/>
${model.yTicks.map((t) => html`<text x="${CHART.left - 6}" y="${t.y + 4}" text-anchor="end">${t.label}</text><line x1="${CHART.left}" y1="${t.y}" x2="${CHART.width - CHART.right}" y2="${t.y}" stroke="#ddd"/>`)}
${model.xTicks.map((t) => html`<text x="${t.x}" y="${bottom + 16}" text-anchor="middle">${t.label}</text>`)}
</g>`;
}

function legend(texts: ChartTexts): SafeHtml {
  const entries = Object.entries(texts.series);
  return html`<g class="legend" font-size="12">${entries.map(
    ([series, label], i) =>
      html`<rect x="${CHART.left + i * 200}" y="${CHART.height - 14}" width="12" height="12" fill="${COLOURS[series] ?? '#000'}"/><text x="${CHART.left + i * 200 + 16}" y="${CHART.height - 4}">${label}</text>`,
  )}</g>`;
}

/** The SVG of a chart model (drawn on the server). */
export function chartSvg(model: ChartModel, texts: ChartTexts): SafeHtml {
  return html`<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${model.width} ${model.height}" width="100%" aria-labelledby="${texts.id}-title ${texts.id}-desc" class="stats-chart">
<title id="${texts.id}-title">${texts.title}</title>
<desc id="${texts.id}-desc">${texts.desc}</desc>
${axes(model)}
${model.bars.map((b) => html`<rect class="bar" data-series="${b.series}" data-week="${b.week}" x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${COLOURS[b.series] ?? '#000'}"/>`)}
${model.lines.map((l) => html`<path class="line" data-series="${l.series}" d="${l.d}" fill="none" stroke="${COLOURS[l.series] ?? '#000'}" stroke-width="2"/>${l.points.map((p) => html`<circle cx="${p.x}" cy="${p.y}" r="3" fill="${COLOURS[l.series] ?? '#000'}"/>`)}`)}
${legend(texts)}
</svg>`;
}

/** A chart and the table of its numbers, side by side in a figure. */
export function chartWithTable(model: ChartModel, texts: ChartTexts): SafeHtml {
  const rows = texts.tableRows.map((cells) => html`<tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>`);
  return html`<figure class="fr-mb-4w" id="${texts.id}">
<figcaption><h2 class="fr-h4">${texts.title}</h2></figcaption>
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-lg-7">${chartSvg(model, texts)}</div>
<div class="fr-col-12 fr-col-lg-5">${table(texts.tableCaption, texts.tableHead, rows)}</div>
</div>
</figure>`;
}
