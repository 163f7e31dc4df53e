import type { Locale } from '../../db/schema.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import { addDays, zonedTimeToUtc } from '../schedule/timezone.ts';
import { alert, errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { agendaMessages } from './agenda.messages.ts';
import type { AgendaDay } from './agenda.usecases.ts';
import { agendaUrl, tomorrowOf } from './agenda-links.ts';
import type { AgendaPage } from './agenda-page.usecases.ts';

// /agents/agenda: the office's day or week as plain HTML tables (one per day, printable through
// css/print.css), a GET form to choose, a search among upcoming appointments; js/agenda.js refreshes
// the tables from the JSON twin when JavaScript runs.

type Messages = (typeof agendaMessages)['fr'];

/** A local date in words, in the office's zone ("lundi 7 janvier 2030"). */
function dayLabel(date: string, zone: string, locale: Locale): string {
  return formatDateTime(zonedTimeToUtc(date, '12:00', zone), zone, locale, { date: 'full' });
}

/** The page's field errors (a malformed date, an unknown counter), in the page's language. */
const fieldErrors = (m: Messages, model: AgendaPage, field?: string) =>
  model.errors
    .filter((e) => field === undefined || e.field === field)
    .map((e) => ({ ...e, message: e.field === 'guichet' ? m.counterInvalid : m.dateInvalid }));

const struck = (status: string) => status === 'cancelled' || status === 'revoked';

function dayTable(m: Messages, day: AgendaDay, caption: string): SafeHtml {
  const c = m.columns;
  const head = [c.time, c.reference, c.name, c.firstName, c.procedure, c.counter, c.status];
  const rows =
    day.rows.length === 0
      ? html`<tr><td colspan="${String(head.length)}">${m.none}</td></tr>`
      : day.rows.map(
          (row) =>
            html`<tr${struck(row.status) ? html` class="creneau-agenda-struck"` : ''}><td>${row.time}</td><td dir="ltr">${row.reference}</td><td>${row.lastName}</td><td>${row.firstName}</td><td>${row.procedureTitle}</td><td>${row.counter ?? ''}</td><td>${m.statuses[row.status]}</td></tr>`,
        );
  return html`<div class="fr-table creneau-agenda-day"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${caption}"><div class="fr-table__content">
<table>
<caption>${caption}</caption>
<thead><tr>${head.map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody data-agenda-day="${day.date}">
${rows}
</tbody>
</table>
</div></div></div></div>`;
}

/** The counter filter: "every counter" or one of the office's, kept by the refresh (its feed's address). */
function counterSelect(m: Messages, model: AgendaPage, site: { counters: string[] }): SafeHtml {
  const errors = fieldErrors(m, model, 'guichet');
  const describedBy = errors.length > 0 ? html` aria-describedby="guichet-messages"` : '';
  const option = (value: string, label: string) =>
    html`<option value="${value}"${(model.counter ?? '') === value ? html` selected` : ''}>${label}</option>`;
  return html`<div class="fr-select-group${errors.length > 0 ? ' fr-select-group--error' : ''}"><label class="fr-label" for="guichet">${m.counterFilter}</label>
<select class="fr-select" id="guichet" name="guichet"${describedBy}>${option('', m.allCounters)}${site.counters.map((name) => option(name, name))}</select>
${errors.length > 0 ? html`<div class="fr-messages-group" id="guichet-messages">${errors.map((e) => html`<p class="fr-message fr-message--error">${e.message}</p>`)}</div>` : ''}</div>`;
}

function chooser(m: Messages, model: AgendaPage): SafeHtml {
  const site = model.site;
  if (!site) return html``;
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="/agents/agenda" class="creneau-no-print">
<div class="fr-select-group"><label class="fr-label" for="agenda-site">${m.site}</label>
<select class="fr-select" id="agenda-site" name="site">${model.sites.map((s) => option(String(s.id), s.name, s.id === site.id))}</select></div>
${input({ name: 'date', label: m.date, type: 'date', value: model.date, errors: fieldErrors(m, model, 'date') })}
${counterSelect(m, model, site)}
<div class="fr-select-group"><label class="fr-label" for="agenda-view">${m.view}</label>
<select class="fr-select" id="agenda-view" name="vue">${option('jour', m.day, model.view === 'day')}${option('semaine', m.week, model.view === 'week')}</select></div>
<button class="fr-btn" type="submit">${m.show}</button>
</form>`;
}

function links(m: Messages, model: AgendaPage): SafeHtml {
  const site = model.site;
  if (!site) return html``;
  const step = model.view === 'week' ? 7 : 1;
  const to = (date: string, view = model.view, counter = model.counter) =>
    agendaUrl(site.id, date, view, false, counter);
  return html`<ul class="creneau-week-nav creneau-no-print">
<li><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="${to(addDays(model.date, -step))}">${m.previous}</a></li>
<li><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${to(addDays(model.date, step))}">${m.next}</a></li>
<li><a class="fr-link fr-icon-printer-line fr-link--icon-left" href="${to(tomorrowOf(model), 'day', undefined)}">${m.tomorrowList}</a></li>
</ul>
<p class="fr-text--sm creneau-no-print">${m.printHint}</p>`;
}

function days(page: PageContext, m: Messages, model: AgendaPage): SafeHtml {
  const site = model.site;
  if (!site) return html`<p>${m.noSite}</p>`;
  const updated = formatDateTime(model.updatedAt, site.timezone, page.locale, { time: 'short' });
  return html`<p class="fr-text--sm creneau-no-print" id="agenda-updated" aria-live="polite">${m.updated(updated)}</p>
<div id="agenda" data-agenda-feed="${model.feed}">
${model.days.map((day) => {
  const label = dayLabel(day.date, site.timezone, page.locale);
  return html`<section class="creneau-agenda-day"><h2>${label} <span class="fr-text--sm" data-agenda-count="${day.date}">(${m.count(day.rows.length)})</span></h2>
${dayTable(m, day, m.dayCaption(label, model.counter !== undefined ? `${site.name}, ${model.counter}` : site.name))}</section>`;
})}
</div>`;
}

function search(page: PageContext, m: Messages, model: AgendaPage): SafeHtml {
  const s = model.search;
  const site = model.site;
  const form = html`<form method="get" action="/agents/agenda" role="search">
${site ? html`<input type="hidden" name="site" value="${String(site.id)}"><input type="hidden" name="date" value="${model.date}"><input type="hidden" name="vue" value="${model.view === 'week' ? 'semaine' : 'jour'}">${model.counter !== undefined ? html`<input type="hidden" name="guichet" value="${model.counter}">` : ''}` : ''}
${input({ name: 'q', label: m.searchLabel, hint: m.searchHint, value: s?.text ?? '', autocomplete: 'off' })}
<button class="fr-btn fr-btn--secondary" type="submit">${m.searchSubmit}</button>
</form>`;
  if (!s) return html`<h2>${m.searchTitle}</h2>${form}`;
  const c = m.columns;
  const answer = s.tooShort
    ? alert('warning', m.searchTooShort)
    : s.results.length === 0
      ? html`<p>${m.searchNone}</p>`
      : table(
          m.searchCaption(s.text),
          [m.searchColumns.date, c.time, c.reference, c.name, c.firstName, m.searchColumns.site, c.status],
          s.results.map(
            (r) =>
              html`<tr><td>${dayLabel(r.date, r.timezone, page.locale)}</td><td>${formatDateTime(r.startsAt, r.timezone, page.locale, { time: 'short' })}</td><td dir="ltr">${r.reference}</td><td>${r.lastName}</td><td>${r.firstName}</td><td>${r.siteName}</td><td>${m.statuses[r.status]}</td></tr>`,
          ),
        );
  return html`<h2>${m.searchTitle}</h2>${form}<div aria-live="polite">${answer}</div>`;
}

/** /agents/agenda: the chosen office's day or week, printable, and the search. */
export function agendaView(page: PageContext, model: AgendaPage): PageView {
  const m = messagesFor(agendaMessages, page.locale);
  const title = model.site ? `${m.title} — ${model.site.name}` : m.title;
  const counters = model.site && model.site.counters.length > 0 ? model.site.counters.join(', ') : '';
  return {
    title,
    status: model.status,
    ...backOfficeChrome(page, model.principal, 'agenda'),
    stylesheets: [{ name: 'css/print.css', media: 'print' }],
    scripts: ['js/agenda.js'],
    main: html`<h1>${title}</h1>
${errorSummary(page.locale, fieldErrors(m, model), { date: m.date, guichet: m.counterFilter })}
<p class="creneau-no-print">${m.intro}</p>
${counters ? html`<p class="fr-text--sm">${m.counters(counters)}</p>` : ''}
${chooser(m, model)}
${links(m, model)}
<div class="creneau-no-print">${search(page, m, model)}</div>
${days(page, m, model)}`,
  };
}

/** The JSON twin the script fetches: each day's rows, with their texts in the page's language. */
export function agendaFeed(locale: Locale, model: AgendaPage) {
  const m = messagesFor(agendaMessages, locale);
  const zone = model.site?.timezone ?? 'Europe/Paris';
  return {
    updated: m.updated(formatDateTime(model.updatedAt, zone, locale, { time: 'short' })),
    none: m.none,
    days: model.days.map((day) => ({
      date: day.date,
      count: `(${m.count(day.rows.length)})`,
      rows: day.rows.map((row) => ({
        time: row.time,
        reference: row.reference,
        lastName: row.lastName,
        firstName: row.firstName,
        procedure: row.procedureTitle,
        counter: row.counter ?? '',
        status: row.status,
        statusLabel: m.statuses[row.status],
        struck: struck(row.status),
      })),
    })),
  };
}
