import { backOfficeChrome } from '../agents/backoffice.ts';
import { alert, csrfField, errorSummary, input, table } from '../web/components.ts';
import { html } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { fieldErrorsIn, refusalText } from './refusals.messages.ts';
import { suspiciousMessages } from './suspicious.messages.ts';
import type { SuspiciousPage } from './suspicious.usecases.ts';

// /agents/signalements: the groups of suspicious bookings and requests, each row with a box to tick,
// and one reason for the bulk revocation (bookings) and closure (requests) of the ticked ones.

export function suspiciousView(page: PageContext, model: SuspiciousPage): PageView {
  const m = messagesFor(suspiciousMessages, page.locale);
  const errors = fieldErrorsIn(page.locale, model.errors);
  const groups = model.groups.map((group, g) => {
    const box = (name: string, id: string, label: string) =>
      html`<td><div class="fr-checkbox-group"><input type="checkbox" id="pick-${String(g)}-${id}" name="${name}" value="1"><label class="fr-label" for="pick-${String(g)}-${id}"><span class="fr-sr-only">${label}</span></label></div></td>`;
    const bookings = group.bookings.map(
      (b) =>
        html`<tr>${box(`ref-${b.reference}`, b.reference, m.pick(b.reference))}<td>${m.kinds.booking}</td><td dir="ltr">${b.reference}</td><td dir="ltr">${b.start.replace('T', ' ').slice(0, 16)}</td><td>${b.lastName} ${b.firstName}</td></tr>`,
    );
    const requests = group.requests.map(
      (r) =>
        html`<tr>${box(`req-${r.label}`, r.label, m.pickRequest(r.label))}<td>${m.kinds.request(r.procedure, r.offices.join(', '))}</td><td dir="ltr">${r.label}</td><td>${m.created(r.created.replace('T', ' ').slice(0, 16))}</td><td>${r.lastName} ${r.firstName}</td></tr>`,
    );
    // A network is named by its number on this page: its key and its address are never shown.
    const reason =
      group.reason === 'network'
        ? `${m.reasons.network} (${m.network(group.number)})`
        : m.reasons[group.reason];
    const caption = m.group(reason, group.bookings.length, group.requests.length);
    const columns = [m.columns.pick, m.columns.kind, m.columns.reference, m.columns.when, m.columns.person];
    return table(caption, columns, [...bookings, ...requests]);
  });
  const body =
    model.groups.length === 0
      ? html`<p>${m.none}</p>`
      : html`<form method="post" action="/agents/signalements">
${csrfField(page.csrf)}
<div id="references"><div id="labels">${groups}</div></div>
${input({ name: 'reason', label: m.reason, required: true, errors })}
<button class="fr-btn" type="submit">${m.submit}</button>
</form>`;
  return {
    title: m.title,
    status: model.status,
    ...backOfficeChrome(page, model.principal, 'fraud'),
    main: html`<h1>${m.title}</h1>
${model.revoked !== undefined ? alert('success', m.done(model.revoked, model.closed ?? 0)) : ''}
${errorSummary(page.locale, errors, m.labels)}
${model.problem ? alert('error', refusalText(page.locale, 'review', model.problem)) : ''}
<p>${m.intro}</p>
${body}`,
  };
}
