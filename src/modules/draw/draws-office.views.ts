import { backOfficeChrome } from '../agents/backoffice.ts';
import { alert, csrfField, errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { drawFieldMessage, drawMessages, drawOfficeMessages } from './draws.messages.ts';
import type { DrawsOfficePage } from './draws-office.usecases.ts';

// The back office's page of draws: the latest draws of the agent's offices (links to their public
// pages) and the form of a one-off draw, in the office's local time.

function draws(page: PageContext, model: DrawsOfficePage): SafeHtml {
  const m = messagesFor(drawOfficeMessages, page.locale);
  const d = messagesFor(drawMessages, page.locale);
  if (model.draws.length === 0) return html`<p>${m.none}</p>`;
  const rows = model.draws.map(
    (draw) =>
      html`<tr><td><a href="/tirages/${draw.id}">${d.drawTitle(draw.id)}</a></td><td>${draw.procedureTitle}</td><td>${d.statuses[draw.status]}</td><td>${formatDateTime(draw.windowClosesAt, draw.timezone, page.locale, { date: 'medium', time: 'short' })}</td><td>${draw.slotsFrom} – ${draw.slotsTo}</td><td>${draw.seats}</td></tr>`,
  );
  return table(m.latest, [d.drawColumn, d.procedure, d.status, d.closesColumn, d.period, d.seats], rows);
}

function form(page: PageContext, model: DrawsOfficePage): SafeHtml {
  const { locale } = page;
  const m = messagesFor(drawOfficeMessages, locale);
  if (model.offers.length === 0) return html`<p>${m.noOffer}</p>`;
  const errors = model.errors.map((e) => ({ ...e, message: drawFieldMessage(e, locale) }));
  const f = model.form;
  const field = (
    name: keyof typeof f,
    label: string,
    type: 'date' | 'time',
    errorName: string,
    hint?: string,
  ) =>
    input({
      name,
      label,
      type,
      value: f[name],
      required: true,
      errors: errors.filter((e) => e.field === errorName).map((e) => ({ ...e, field: name })),
      ...(hint ? { hint } : {}),
    });
  return html`${errorSummary(locale, errors, m.labels)}
<form method="post" action="/agents/tirages">
${csrfField(page.csrf)}
<div class="fr-select-group" id="offerId">
<label class="fr-label" for="offer">${m.offer}</label>
<select class="fr-select" id="offer" name="offerId" required>
${model.offers.map((o) => html`<option value="${String(o.id)}"${String(o.id) === f.offerId ? html` selected` : ''}>${o.procedureTitle} — ${o.siteName}</option>`)}
</select>
</div>
<div id="windowOpensAt">${field('opensOn', m.opensOn, 'date', 'windowOpensAt')}${field('opensAt', m.opensAt, 'time', 'windowOpensAt', m.localTime)}</div>
<div id="windowClosesAt">${field('closesOn', m.closesOn, 'date', 'windowClosesAt')}${field('closesAt', m.closesAt, 'time', 'windowClosesAt', m.localTime)}</div>
${field('slotsFrom', m.slotsFrom, 'date', 'slotsFrom', m.slotsHint)}
${field('slotsTo', m.slotsTo, 'date', 'slotsTo')}
<button class="fr-btn" type="submit">${m.submit}</button>
</form>`;
}

/** /agents/tirages: what was just created, the latest draws, the form of a one-off draw. */
export function drawsOfficeView(page: PageContext, model: DrawsOfficePage): PageView {
  const m = messagesFor(drawOfficeMessages, page.locale);
  return {
    title: m.title,
    status: model.status,
    ...backOfficeChrome(page, model.principal, 'draws'),
    main: html`<h1>${m.title}</h1>
${model.created ? alert('success', m.created(model.created)) : ''}
<p>${m.intro}</p>
<h2>${m.latest}</h2>
${draws(page, model)}
<h2>${m.newTitle}</h2>
${form(page, model)}`,
  };
}
