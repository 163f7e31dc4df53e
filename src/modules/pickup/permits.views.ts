import type { FieldError } from '../../errors.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import { alert, csrfField, errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { permitMessages, problemText } from './permits.messages.ts';
import type { ShownPermit } from './permits.repository.ts';
import type { DeskPage, OfficePermitsPage } from './permits-pages.usecases.ts';

// The back office's pages of permit pick-up: an office's forms and permits waiting, and the desk.

const ZONE = 'Europe/Paris';

function holderName(p: Pick<ShownPermit, 'lastName' | 'firstName'>, unknown: string): string {
  return [p.lastName?.toUpperCase(), p.firstName].filter(Boolean).join(' ') || unknown;
}

/** The refused lines in the page's language, from their codes (the API's messages are French). */
function lineErrors(page: PageContext, model: OfficePermitsPage): FieldError[] {
  const m = messagesFor(permitMessages, page.locale);
  return model.errors.map((e) => {
    const line = Number(e.params?.line ?? 1);
    const known = e.code in m.problems;
    const message = known ? problemText(m, e.code, e.params) : e.message;
    return { ...e, message: model.csv === '' ? message : m.lineError(line, message) };
  });
}

/** The one-permit form's errors on its own fields (a line's problem as a whole: on the number). */
function oneFormErrors(page: PageContext, model: OfficePermitsPage): FieldError[] {
  if (model.csv !== '') return [];
  return lineErrors(page, model).map((e) => {
    const name = e.field.replace(/^lines\[\d+\]\./, '');
    return { ...e, field: name === 'line' || !name ? 'foreignerNumber' : name };
  });
}

function siteChoice(page: PageContext, model: OfficePermitsPage): SafeHtml {
  const m = messagesFor(permitMessages, page.locale);
  if (model.sites.length === 0) return html`<p>${m.noSite}</p>`;
  return html`<form method="get" action="/agents/retraits" class="fr-mb-4w">
<div class="fr-select-group">
<label class="fr-label" for="service">${m.chooseSite}</label>
<select class="fr-select" id="service" name="service">
${model.sites.map((s) => html`<option value="${String(s.id)}"${s.id === model.site?.id ? html` selected` : ''}>${s.name} (${s.departmentCode})</option>`)}
</select>
</div>
<button class="fr-btn fr-btn--secondary" type="submit">${m.choose}</button>
</form>`;
}

function oneForm(page: PageContext, model: OfficePermitsPage, siteId: number): SafeHtml {
  const m = messagesFor(permitMessages, page.locale);
  const errors = oneFormErrors(page, model);
  const field = (
    name: keyof OfficePermitsPage['one'],
    label: string,
    type: 'text' | 'tel' | 'email' = 'text',
  ) =>
    input({
      name,
      label,
      type,
      value: model.one[name],
      errors,
      ...(name === 'foreignerNumber' ? { required: true, inputmode: 'numeric' as const } : {}),
    });
  return html`<h2>${m.oneTitle}</h2>
<form method="post" action="/agents/retraits/${String(siteId)}/titres">
${csrfField(page.csrf)}
${field('foreignerNumber', m.foreignerNumber)}
<p class="fr-hint-text">${m.contactHint}</p>
${field('phone', m.phone, 'tel')}
${field('email', m.email, 'email')}
${field('lastName', m.lastName)}
${field('firstName', m.firstName)}
<button class="fr-btn" type="submit">${m.markOne}</button>
</form>`;
}

function csvForm(page: PageContext, model: OfficePermitsPage, siteId: number): SafeHtml {
  const m = messagesFor(permitMessages, page.locale);
  const refused = model.csv !== '' && model.errors.length > 0;
  return html`<h2>${m.csvTitle}</h2>
<form method="post" action="/agents/retraits/${String(siteId)}/import">
${csrfField(page.csrf)}
<div class="fr-input-group${refused ? ' fr-input-group--error' : ''}">
<label class="fr-label" for="csv">${m.csvLabel}<span class="fr-hint-text">${m.csvHint}</span></label>
<textarea class="fr-input" id="csv" name="csv" rows="8" required${refused ? html` aria-invalid="true" aria-describedby="csv-messages"` : ''}>${model.csv}</textarea>
${refused ? html`<div class="fr-messages-group" id="csv-messages"><p class="fr-message fr-message--error">${m.refused(model.errors.length)}</p></div>` : ''}
</div>
<button class="fr-btn" type="submit">${m.importCsv}</button>
</form>`;
}

function refusedLines(page: PageContext, model: OfficePermitsPage): SafeHtml {
  if (model.csv === '' || model.errors.length === 0) return html``;
  const m = messagesFor(permitMessages, page.locale);
  return html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
<h2 class="fr-alert__title">${m.refused(model.errors.length)}</h2>
<ul>${lineErrors(page, model).map((e) => html`<li>${e.message}</li>`)}</ul>
</div>`;
}

function readyList(page: PageContext, model: OfficePermitsPage): SafeHtml {
  const m = messagesFor(permitMessages, page.locale);
  if (model.ready.length === 0) return html`<h2>${m.readyTitle}</h2><p>${m.noneReady}</p>`;
  const rows = model.ready.map(
    (p) =>
      html`<tr><td>${p.foreignerNumber}</td><td>${holderName(p, m.unknownName)}</td><td dir="ltr">${p.reference}</td><td>${formatDateTime(p.readyAt, ZONE, page.locale, { date: 'medium', time: 'short' })}</td></tr>`,
  );
  return html`<h2>${m.readyTitle}</h2>${table(m.readyTitle, [m.columns.number, m.columns.holder, m.columns.reference, m.columns.readyAt], rows)}`;
}

/** /agents/retraits: the office's choice, its forms, the lines refused, its permits waiting. */
export function officePermitsView(page: PageContext, model: OfficePermitsPage): PageView {
  const m = messagesFor(permitMessages, page.locale);
  const labels = { foreignerNumber: m.foreignerNumber, phone: m.phone, email: m.email };
  const site = model.site;
  return {
    title: m.title,
    status: model.status,
    ...backOfficeChrome(page, model.principal, 'permits'),
    main: html`<h1>${m.title}</h1>
${model.imported ? alert('success', m.imported(model.imported)) : ''}
${errorSummary(page.locale, oneFormErrors(page, model), labels)}
${refusedLines(page, model)}
<p>${m.intro}</p>
<p><a class="fr-link" href="/agents/retraits/guichet">${m.deskLink}</a></p>
${siteChoice(page, model)}
${site ? html`${oneForm(page, model, site.id)}${csvForm(page, model, site.id)}${readyList(page, model)}` : ''}`,
  };
}

function foundPermit(page: PageContext, p: DeskPage['found'][number]): SafeHtml {
  const m = messagesFor(permitMessages, page.locale).desk;
  const unknown = messagesFor(permitMessages, page.locale).unknownName;
  const status = p.collectedAt
    ? m.collectedOn(formatDateTime(p.collectedAt, ZONE, page.locale, { date: 'medium', time: 'short' }))
    : m.ready;
  return html`<div class="fr-card fr-mb-4w"><div class="fr-card__body"><div class="fr-card__content">
<h2 class="fr-card__title">${m.found}</h2>
<dl>
<dt>${m.holder}</dt><dd><strong>${holderName(p, unknown)}</strong></dd>
<dt>${m.number}</dt><dd>${p.foreignerNumber}</dd>
<dt>${m.reference}</dt><dd dir="ltr">${p.reference}</dd>
<dt>${m.office}</dt><dd>${p.siteName}</dd>
<dt>${m.status}</dt><dd>${status}</dd>
</dl>
${
  p.canHandOver
    ? html`<form method="post" action="/agents/retraits/titres/${p.id}/remise">
<input type="hidden" name="_csrf" value="${page.csrf}">
<button class="fr-btn" type="submit">${m.handOver}</button>
</form>`
    : ''
}
</div></div></div>`;
}

/** /agents/retraits/guichet: the code's field, the permits it names, what was just handed over. */
export function deskView(page: PageContext, model: DeskPage): PageView {
  const texts = messagesFor(permitMessages, page.locale);
  const m = texts.desk;
  const error = model.error
    ? [
        {
          field: 'code',
          code: model.error.code,
          message: model.error.code === 'permit_not_found' ? m.notFound : model.error.message,
        },
      ]
    : [];
  return {
    title: m.title,
    status: model.status,
    ...backOfficeChrome(page, model.principal, 'permits'),
    main: html`<h1>${m.title}</h1>
${model.handedOver ? alert('success', m.handedOver(holderName(model.handedOver, texts.unknownName))) : ''}
${errorSummary(page.locale, error, { code: m.code })}
<p>${m.intro}</p>
<form method="post" action="/agents/retraits/guichet" class="fr-mb-4w">
${csrfField(page.csrf)}
${input({ name: 'code', label: m.code, value: model.code, required: true, autocomplete: 'off', errors: error })}
<button class="fr-btn" type="submit">${m.find}</button>
</form>
${model.found.map((p) => foundPermit(page, p))}`,
  };
}
