import type { Locale } from '../../db/schema.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import { errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { capacityChart, ratesChart } from './stats.charts.ts';
import { chartWithTable } from './stats.components.ts';
import { DETAIL_COLUMNS, type StatsRow, type WeekTotals } from './stats.figures.ts';
import { statsFieldMessage, statsTexts } from './stats.messages.ts';
import type { StatsPage } from './stats.usecases.ts';

// /agents/statistiques: a GET form of filters, two charts each with the table of its numbers, the
// detail table, the definitions, a link to the same table as CSV. No script.

/** A number in the page's language: 66,7 in French, 66.7 in English. */
export function formatNumber(value: number | null, locale: Locale): string {
  if (value === null) return '—';
  const text = String(value);
  return locale === 'en' ? text : text.replace('.', ',');
}

/** A 0–1 rate as a percentage with one decimal. */
export function formatRate(rate: number | null, locale: Locale): string {
  return rate === null ? '—' : `${formatNumber(Math.round(rate * 1000) / 10, locale)} %`;
}

/** One detail row's cells as the page writes them. */
export function detailCells(row: StatsRow, locale: Locale): string[] {
  return DETAIL_COLUMNS.map((column) => {
    if (column === 'site') return row.siteName;
    if (column === 'procedure') return row.procedureTitle;
    if (column === 'fillRate') return formatRate(row.fillRate, locale);
    if (column === 'noFreeSlotRate') return formatRate(row.noFreeSlotRate, locale);
    if (column === 'medianWaitDays') return formatNumber(row.medianWaitDays, locale);
    return formatNumber(row[column] as number | null, locale);
  });
}

function select(
  name: string,
  label: string,
  value: string,
  all: string,
  options: { id: number; label: string }[],
) {
  return html`<div class="fr-select-group" id="${name}"><label class="fr-label" for="stats-${name}">${label}</label>
<select class="fr-select" id="stats-${name}" name="${name}"><option value="">${all}</option>
${options.map((o) => html`<option value="${String(o.id)}"${String(o.id) === value ? html` selected` : ''}>${o.label}</option>`)}
</select></div>`;
}

function filters(page: PageContext, model: StatsPage): SafeHtml {
  const m = statsTexts(page.locale);
  const errors = model.errors.map((e) => ({ ...e, message: statsFieldMessage(e, page.locale) }));
  const fieldErrors = (name: string) => errors.filter((e) => e.field === name);
  const sites = model.choices.sites.map((s) => ({ id: s.id, label: s.name }));
  const procedures = model.choices.procedures.map((p) => ({ id: p.id, label: p.title }));
  return html`${errorSummary(page.locale, errors, { from: m.from, to: m.to, site: m.site, procedure: m.procedure })}
<form method="get" action="/agents/statistiques" class="fr-mb-4w"><fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">${m.filters}</legend>
${input({ name: 'from', label: m.from, type: 'date', value: model.form.from, errors: fieldErrors('from') })}
${input({ name: 'to', label: m.to, type: 'date', value: model.form.to, errors: fieldErrors('to') })}
${select('site', m.site, model.form.site, m.all, sites)}
${select('procedure', m.procedure, model.form.procedure, m.all, procedures)}
<button class="fr-btn" type="submit">${m.apply}</button></fieldset></form>`;
}

function charts(locale: Locale, weeks: WeekTotals[]): SafeHtml {
  const m = statsTexts(locale);
  const c = m.columns;
  const n = (v: number) => formatNumber(v, locale);
  const capacity = chartWithTable(capacityChart(weeks), {
    id: 'capacite',
    title: m.capacity.title,
    desc: m.capacity.desc(weeks.length),
    series: {
      bookedOnline: c.bookedOnline,
      bookedCounter: c.bookedCounter,
      bookedPartner: c.bookedPartner,
      seats: c.seats,
    },
    tableCaption: m.capacity.table,
    tableHead: [c.week, c.seats, c.bookedOnline, c.bookedCounter, c.bookedPartner],
    tableRows: weeks.map((w) => [
      w.week,
      n(w.seats),
      n(w.bookedOnline),
      n(w.bookedCounter),
      n(w.bookedPartner),
    ]),
  });
  const rates = chartWithTable(ratesChart(weeks), {
    id: 'taux',
    title: m.rates.title,
    desc: m.rates.desc(weeks.length),
    series: { fillRate: c.fillRate, noShowRate: m.noShowRate },
    tableCaption: m.rates.table,
    tableHead: [c.week, c.fillRate, m.noShowRate, c.attended, c.noShow],
    tableRows: weeks.map((w) => [
      w.week,
      formatRate(w.fillRate, locale),
      formatRate(w.noShowRate, locale),
      n(w.attended),
      n(w.noShow),
    ]),
  });
  return html`${capacity}${rates}`;
}

function csvLink(model: StatsPage): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(model.form)) if (value) params.set(name, value);
  return `/agents/statistiques.csv?${params.toString()}`;
}

function report(page: PageContext, model: StatsPage): SafeHtml {
  if (!model.report) return html``;
  const m = statsTexts(page.locale);
  const rows = model.report.rows.map(
    (row) => html`<tr>${detailCells(row, page.locale).map((cell) => html`<td>${cell}</td>`)}</tr>`,
  );
  return html`${charts(page.locale, model.report.weeks)}
<h2>${m.detail}</h2>
${
  rows.length === 0
    ? html`<p>${m.none}</p>`
    : table(
        m.detail,
        DETAIL_COLUMNS.map((c) => m.columns[c]),
        rows,
      )
}
<p><a class="fr-link fr-icon-download-line fr-link--icon-left" href="${csvLink(model)}" download>${m.csv}</a></p>
<ul>${m.definitions.map((d) => html`<li>${d}</li>`)}</ul>`;
}

/** /agents/statistiques. */
export function statsView(page: PageContext, model: StatsPage): PageView {
  const m = statsTexts(page.locale);
  return {
    title: m.title,
    ...(model.status ? { status: model.status } : {}),
    ...backOfficeChrome(page, model.principal, 'stats'),
    main: html`<h1>${m.title}</h1>
<p>${m.intro}</p>
${filters(page, model)}
${report(page, model)}`,
  };
}
