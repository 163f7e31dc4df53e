import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import { errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { auditPage } from './audit.messages.ts';
import type { AuditScreen } from './audit.pages.ts';
import { AUDIT_ZONE } from './audit-zone.ts';

// The audit log's screen: the search form (a GET: searches are links one can keep), the page of entries.

const PATH = '/agents/journal';

const shown = (value: unknown): SafeHtml =>
  value === null || value === undefined ? html`—` : html`<code>${JSON.stringify(value)}</code>`;

function searchLink(model: AuditScreen, page: number): string {
  const params = new URLSearchParams(
    Object.entries(model.input).filter((entry): entry is [string, string] => entry[1] !== ''),
  );
  params.set('page', String(page));
  return `${PATH}?${params}`;
}

function searchForm(locale: Locale, model: AuditScreen, errors: FieldError[]): SafeHtml {
  const m = messagesFor(auditPage, locale).search;
  const { input: values } = model;
  const cell = (content: SafeHtml) => html`<div class="fr-col-12 fr-col-md-4">${content}</div>`;
  return html`<form method="get" action="${PATH}" class="fr-mb-6w" novalidate>
<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">${m.legend}</legend>
<div class="fr-grid-row fr-grid-row--gutters fr-container--fluid">
${cell(input({ name: 'agent', label: m.agent, hint: m.agentHint, type: 'email', value: values.agent, errors }))}
${cell(input({ name: 'action', label: m.action, hint: m.actionHint, value: values.action, errors }))}
${cell(input({ name: 'targetType', label: m.targetType, hint: m.targetTypeHint, value: values.targetType, errors }))}
${cell(input({ name: 'targetId', label: m.targetId, value: values.targetId, errors }))}
${cell(input({ name: 'from', label: m.from, hint: m.dateHint, type: 'date', value: values.from, errors }))}
${cell(input({ name: 'to', label: m.to, hint: m.dateHint, type: 'date', value: values.to, errors }))}
</div></fieldset>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${m.submit}</button></li>
<li><a class="fr-btn fr-btn--secondary" href="${PATH}">${m.reset}</a></li>
</ul>
</form>`;
}

/** /agents/journal: the search form and one page of the entries, newest first. */
export function auditView(page: PageContext, model: AuditScreen): PageView {
  const m = messagesFor(auditPage, page.locale);
  const r = m.results;
  const errors = model.refused.map((f) => ({
    ...f,
    message: m.errors[f.code as keyof typeof m.errors] ?? m.errors.invalid_date,
  }));
  const rows = model.entries.map(
    (
      entry,
    ) => html`<tr><td>${formatDateTime(entry.at, AUDIT_ZONE, page.locale, { date: 'short', time: 'short' })}</td>
<td>${entry.agentEmail ?? r.nobody}</td><td><code>${entry.action}</code></td>
<td>${entry.targetType}${entry.targetId ? ` n° ${entry.targetId}` : ''}</td>
<td>${shown(entry.before)}</td><td>${shown(entry.after)}</td></tr>`,
  );
  const head = [r.head.at, r.head.agent, r.head.action, r.head.target, r.head.before, r.head.after];
  const links = [
    model.page > 1
      ? html`<li><a class="fr-btn fr-btn--secondary" href="${searchLink(model, model.page - 1)}">${r.previous}</a></li>`
      : '',
    model.hasNext
      ? html`<li><a class="fr-btn fr-btn--secondary" href="${searchLink(model, model.page + 1)}">${r.next}</a></li>`
      : '',
  ];
  const labels = { from: m.search.from, to: m.search.to };
  return {
    title: m.title,
    status: errors.length > 0 ? 422 : undefined,
    ...backOfficeChrome(page, model.principal, 'audit'),
    main: html`<h1>${m.title}</h1>
<p>${m.intro}</p>
${errorSummary(page.locale, errors, labels)}
${searchForm(page.locale, model, errors)}
${model.entries.length === 0 ? html`<p>${r.none}</p>` : table(r.caption(model.page), head, rows)}
${model.page > 1 || model.hasNext ? html`<nav aria-label="${r.pagination}"><ul class="fr-btns-group fr-btns-group--inline-md">${links}</ul></nav>` : ''}`,
  };
}
