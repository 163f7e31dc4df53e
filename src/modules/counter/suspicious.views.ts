import { backOfficeChrome } from '../agents/backoffice.ts';
import { alert, csrfField, errorSummary, input, table } from '../web/components.ts';
import { html } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { fieldErrorsIn, refusalText } from './refusals.messages.ts';
import { suspiciousMessages } from './suspicious.messages.ts';
import type { SuspiciousPage } from './suspicious.usecases.ts';

// /agents/signalements: the groups of suspicious bookings, each booking with a box to tick, and one
// reason for the bulk revocation of the ticked ones.

export function suspiciousView(page: PageContext, model: SuspiciousPage): PageView {
  const m = messagesFor(suspiciousMessages, page.locale);
  const errors = fieldErrorsIn(page.locale, model.errors);
  const groups = model.groups.map((group, g) => {
    const rows = group.bookings.map(
      (b) =>
        html`<tr><td><div class="fr-checkbox-group"><input type="checkbox" id="pick-${String(g)}-${b.reference}" name="ref-${b.reference}" value="1"><label class="fr-label" for="pick-${String(g)}-${b.reference}"><span class="fr-sr-only">${m.pick(b.reference)}</span></label></div></td><td dir="ltr">${b.reference}</td><td dir="ltr">${b.start.replace('T', ' ').slice(0, 16)}</td><td>${b.lastName} ${b.firstName}</td></tr>`,
    );
    // A network is named by its number on this page: its key and its address are never shown.
    const reason =
      group.reason === 'network'
        ? `${m.reasons.network} (${m.network(group.number)})`
        : m.reasons[group.reason];
    const caption = m.group(reason, group.bookings.length);
    return table(caption, [m.columns.pick, m.columns.reference, m.columns.when, m.columns.person], rows);
  });
  const body =
    model.groups.length === 0
      ? html`<p>${m.none}</p>`
      : html`<form method="post" action="/agents/signalements">
${csrfField(page.csrf)}
<div id="references">${groups}</div>
${input({ name: 'reason', label: m.reason, required: true, errors })}
<button class="fr-btn" type="submit">${m.submit}</button>
</form>`;
  return {
    title: m.title,
    status: model.status,
    ...backOfficeChrome(page, model.principal, 'fraud'),
    main: html`<h1>${m.title}</h1>
${model.revoked !== undefined ? alert('success', m.done(model.revoked)) : ''}
${errorSummary(page.locale, errors, m.labels)}
${model.problem ? alert('error', refusalText(page.locale, 'review', model.problem)) : ''}
<p>${m.intro}</p>
${body}`,
  };
}
