import { backOfficeChrome } from '../agents/backoffice.ts';
import { alert, csrfField, errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { fieldErrorsIn, refusalText } from './refusals.messages.ts';
import { revocationMessages } from './revocation.messages.ts';
import type { RevocationPage } from './revocation-office.usecases.ts';

// /agents/annulations: the form of one booking's revocation, and that of a period with its
// confirmation step listing every booking it will revoke.

/** The errors of `form`, in the page's language (the use cases' are French). */
function errorsOf(page: PageContext, model: RevocationPage, form: 'booking' | 'period') {
  return model.errorOf === form ? fieldErrorsIn(page.locale, model.errors) : [];
}

/** The refusal of `form` that is not a field's, in the page's language. */
function problemOf(page: PageContext, model: RevocationPage, form: 'booking' | 'period'): SafeHtml | '' {
  return model.errorOf === form && model.problem
    ? alert('error', refusalText(page.locale, 'revocation', model.problem))
    : '';
}

function reasonField(page: PageContext, model: RevocationPage, form: 'booking' | 'period'): SafeHtml {
  const m = messagesFor(revocationMessages, page.locale);
  const errors = errorsOf(page, model, form);
  return input({
    name: 'reason',
    label: m.reason,
    value: model.errorOf === form ? model.form.reason : '',
    required: true,
    errors,
  });
}

function oneForm(page: PageContext, model: RevocationPage): SafeHtml {
  const m = messagesFor(revocationMessages, page.locale);
  const errors = errorsOf(page, model, 'booking');
  return html`<h2>${m.oneTitle}</h2>
${errorSummary(page.locale, errors, m.labels)}
${problemOf(page, model, 'booking')}
<form method="post" action="/agents/annulations/rendez-vous">
${csrfField(page.csrf)}
${input({ name: 'reference', label: m.reference, value: model.errorOf === 'booking' ? model.form.reference : '', required: true, errors })}
${reasonField(page, model, 'booking')}
<button class="fr-btn fr-btn--secondary" type="submit">${m.revokeOne}</button>
</form>`;
}

function siteSelect(page: PageContext, model: RevocationPage): SafeHtml {
  const m = messagesFor(revocationMessages, page.locale);
  // The select's id is the field's name, so that the error summary's link reaches it.
  const errors = errorsOf(page, model, 'period').filter((e) => e.field === 'siteId');
  const invalid = errors.length > 0;
  return html`<div class="fr-select-group${invalid ? ' fr-select-group--error' : ''}">
<label class="fr-label" for="siteId">${m.site}</label>
<select class="fr-select" id="siteId" name="siteId" required${invalid ? html` aria-invalid="true" aria-describedby="siteId-messages"` : ''}>
<option value="">${m.chooseSite}</option>
${model.sites.map((s) => html`<option value="${String(s.id)}"${String(s.id) === model.form.siteId ? html` selected` : ''}>${s.name} (${s.departmentCode})</option>`)}
</select>
${invalid ? html`<div class="fr-messages-group" id="siteId-messages" aria-live="polite">${errors.map((e) => html`<p class="fr-message fr-message--error">${e.message}</p>`)}</div>` : ''}
</div>`;
}

function periodForm(page: PageContext, model: RevocationPage): SafeHtml {
  const m = messagesFor(revocationMessages, page.locale);
  const errors = errorsOf(page, model, 'period');
  const keep = model.errorOf === 'period' ? model.form : { from: '', to: '' };
  // The site stays chosen (a ?service= link, or the form sent back with its errors).
  return html`<h2>${m.periodTitle}</h2>
${errorSummary(page.locale, errors, m.labels)}
${problemOf(page, model, 'period')}
<form method="post" action="/agents/annulations/verifier">
${csrfField(page.csrf)}
${siteSelect(page, model)}
${input({ name: 'from', label: m.from, type: 'date', value: keep.from, required: true, errors })}
${input({ name: 'to', label: m.to, type: 'date', value: keep.to, required: true, errors })}
${reasonField(page, model, 'period')}
<button class="fr-btn" type="submit">${m.check}</button>
</form>`;
}

function preview(page: PageContext, model: RevocationPage): SafeHtml {
  const m = messagesFor(revocationMessages, page.locale);
  const p = model.preview;
  if (!p) return html``;
  const rows = p.bookings.map(
    (b) =>
      html`<tr><td dir="ltr">${b.reference}</td><td>${formatDateTime(b.startsAt, b.timezone, page.locale, { date: 'medium', time: 'short' })}</td><td>${b.lastName} ${b.firstName}</td><td>${b.procedureTitle}</td></tr>`,
  );
  const f = model.form;
  return html`<h1>${m.previewTitle(p.bookings.length, p.siteName)}</h1>
${rows.length > 0 ? table(m.previewCaption, [m.columns.reference, m.columns.when, m.columns.person, m.columns.procedure], rows) : ''}
<form method="post" action="/agents/annulations/periode">
${csrfField(page.csrf)}
<input type="hidden" name="siteId" value="${f.siteId}">
<input type="hidden" name="from" value="${f.from}">
<input type="hidden" name="to" value="${f.to}">
<input type="hidden" name="reason" value="${f.reason}">
<p>${messagesFor(common, page.locale).labelled(m.reason, f.reason)}</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
${rows.length > 0 ? html`<li><button class="fr-btn" type="submit">${m.confirm(rows.length)}</button></li>` : ''}
<li><button class="fr-btn fr-btn--secondary" type="submit" formaction="/agents/annulations/modifier">${m.back}</button></li>
</ul>
</form>`;
}

/** What was just done: one booking, or a period with the days it closed. */
function doneText(page: PageContext, done: NonNullable<RevocationPage['done']>): string {
  const m = messagesFor(revocationMessages, page.locale);
  if (done.reference) return m.doneOne(done.reference, done.revoked);
  const days = (done.closedDays ?? []).map((day) =>
    formatDateTime(new Date(`${day}T12:00:00Z`), 'UTC', page.locale, { date: 'full' }),
  );
  if (done.revoked === 0 && days.length === 0) return m.donePeriod(0);
  return `${m.donePeriod(done.revoked)} ${m.doneClosed(days)}`;
}

/** The page: the notice of what was just done, the confirmation step, or the two forms. */
export function revocationView(page: PageContext, model: RevocationPage): PageView {
  const m = messagesFor(revocationMessages, page.locale);
  const chrome = backOfficeChrome(page, model.principal, 'revocations');
  if (model.preview) return { title: m.title, status: model.status, ...chrome, main: preview(page, model) };
  const done = model.done;
  const notice = done ? alert('success', doneText(page, done)) : '';
  return {
    title: m.title,
    status: model.status,
    ...chrome,
    main: html`<h1>${m.title}</h1>
${notice}
<p>${m.intro}</p>
${oneForm(page, model)}
${periodForm(page, model)}`,
  };
}
