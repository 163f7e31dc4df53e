import type { Locale } from '../../db/schema.ts';
import { procedureTitleIn } from '../territory/procedure-texts.ts';
import { table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import type { DrawListPageModel, DrawPageModel, DrawResultModel } from './draw-pages.usecases.ts';
import { drawMessages } from './draws.messages.ts';
import type { ShownDraw } from './draws.usecases.ts';

// The public draw pages (PRODUCT §4.6, issue 9 item 4), readable without JavaScript: what a draw
// allocates, its commitment from its creation, and once drawn everything needed to recompute it.

type Messages = (typeof drawMessages)['fr'];

const BADGES = { open: 'info', closed: 'warning', drawn: 'success' } as const;

function badge(m: Messages, draw: ShownDraw): SafeHtml {
  return html`<p class="fr-badge fr-badge--${BADGES[draw.status]} fr-badge--no-icon">${m.statuses[draw.status]}</p>`;
}

function day(date: string, zone: string, locale: Locale): string {
  // A local date, shown at noon so that no zone moves it to another day.
  return formatDateTime(new Date(`${date}T12:00:00Z`), zone, locale, { date: 'long' });
}

function instant(at: Date, zone: string, locale: Locale): string {
  return formatDateTime(at, zone, locale, { date: 'long', time: 'short' });
}

function rows(items: [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="creneau-summary fr-mb-4w">${items.map(
    ([label, value]) => html`<div class="creneau-summary-row"><dt>${label}</dt><dd>${value}</dd></div>`,
  )}</dl>`;
}

function facts(m: Messages, locale: Locale, model: DrawPageModel): SafeHtml {
  const { draw } = model;
  const zone = draw.timezone;
  const items: [string, SafeHtml | string][] = [
    [m.procedure, procedureTitleIn(draw.procedureTitle, draw.procedureTranslations, locale)],
    [m.offices, model.offices.join(' ; ')],
    [m.kind, m.kinds[draw.kind]],
    [m.status, badge(m, draw)],
    [
      m.window,
      m.windowRange(instant(draw.windowOpensAt, zone, locale), instant(draw.windowClosesAt, zone, locale)),
    ],
    [m.period, m.periodRange(day(draw.slotsFrom, zone, locale), day(draw.slotsTo, zone, locale))],
    [draw.status === 'drawn' ? m.seatsDrawn : m.seats, String(draw.seats)],
    [m.commitment, html`<code class="creneau-hash">${draw.commitment}</code>`],
  ];
  if (draw.beaconRound !== null) items.push([m.beaconRound, String(draw.beaconRound)]);
  return rows(items);
}

function result(m: Messages, locale: Locale, model: DrawPageModel, outcome: DrawResultModel): SafeHtml {
  const { draw } = model;
  const drawnAt = draw.drawnAt ? instant(draw.drawnAt, draw.timezone, locale) : '';
  const tierRows = outcome.tiers.map(
    (t) =>
      html`<tr><td>${m.tierNames[t.tier] ?? String(t.tier)}</td><td>${t.requests}</td><td>${t.winners}</td></tr>`,
  );
  const allocationRows = outcome.allocation.map(
    (a) =>
      html`<tr><td><code>${a.label}</code></td><td>${a.start ? instant(new Date(a.start), draw.timezone, locale) : ''}</td><td>${a.office}</td></tr>`,
  );
  return html`<h2>${m.result}</h2>
${rows([
  [m.drawnAt, drawnAt],
  [m.seed, html`<code class="creneau-hash">${outcome.seed}</code>`],
  [m.beacon, outcome.beacon === '' ? m.noBeacon : html`<code class="creneau-hash">${outcome.beacon}</code>`],
])}
${table(m.tiers, [m.tier, m.requests, m.winners], tierRows)}
<h2>${m.allocation}</h2>
<p>${m.allocationHint}</p>
${allocationRows.length > 0 ? table(m.allocation, [m.label, m.slot, m.office], allocationRows) : html`<p>${m.noAllocation}</p>`}`;
}

function verification(m: Messages, model: DrawPageModel): SafeHtml {
  return html`<h2>${m.verifyTitle}</h2>
<p>${m.verifyText}</p>
<pre class="creneau-hash"><code>npm run draw:verify -- ${model.bundleUrl}</code></pre>
<p><a class="fr-link fr-icon-download-line fr-link--icon-left" href="/api/v1/draws/${model.draw.id}">${m.bundleLink}</a></p>`;
}

/** The page of one draw. */
export function drawPageView({ locale }: PageContext, model: DrawPageModel): PageView {
  const m = messagesFor(drawMessages, locale);
  const title = m.drawTitle(model.draw.id);
  return {
    title,
    main: html`<h1>${title}</h1>
${facts(m, locale, model)}
<p class="fr-text--sm">${m.commitmentHint}${model.draw.beaconRound !== null ? html` ${m.beaconRoundHint}` : ''}</p>
${model.result ? html`${result(m, locale, model, model.result)}${verification(m, model)}` : html`<p>${m.notDrawn}</p>`}
<p><a class="fr-link" href="/tirages?procedure=${model.draw.procedureId}">${m.allDraws}</a></p>`,
  };
}

/** The list of a procedure's draws, the latest first. */
export function drawListView({ locale }: PageContext, model: DrawListPageModel): PageView {
  const m = messagesFor(drawMessages, locale);
  const { procedure } = model;
  const title = procedureTitleIn(procedure.title, procedure.translations, locale);
  const lines = model.draws.map(
    (draw) =>
      html`<tr><td><a href="/tirages/${draw.id}">${m.drawTitle(draw.id)}</a></td><td>${m.kinds[draw.kind]}</td><td>${m.statuses[draw.status]}</td><td>${instant(draw.windowClosesAt, draw.timezone, locale)}</td><td>${m.periodRange(day(draw.slotsFrom, draw.timezone, locale), day(draw.slotsTo, draw.timezone, locale))}</td><td>${draw.seats}</td></tr>`,
  );
  return {
    title: m.listTitle,
    main: html`<h1>${m.listTitle}</h1>
<p>${m.listIntro(title)}</p>
${
  lines.length > 0
    ? table(m.listTitle, [m.drawColumn, m.kind, m.status, m.closesColumn, m.period, m.seats], lines)
    : html`<p>${m.noDraw}</p>`
}`,
  };
}
