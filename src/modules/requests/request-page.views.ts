import type { LinkProblem } from '../booking/link-problem.ts';
import { isLinkProblem } from '../booking/link-problem.ts';
import { csrfField } from '../web/components.ts';
import { html } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView, View } from '../web/web.plugin.ts';
import { describeEarliest, describeHalfDays } from './half-days.messages.ts';
import type { OwnRequest } from './request-page.usecases.ts';
import { requestMessages } from './requests.messages.ts';

// The pages behind a request's emailed link: the request, the withdrawal's confirmation, its result.

const query = (own: OwnRequest) => `?token=${encodeURIComponent(own.token)}`;

/** The page of a link that cannot be used: what went wrong, in the page's language. */
export function requestProblemView({ locale }: PageContext, { problem }: LinkProblem): PageView {
  const m = messagesFor(requestMessages, locale);
  const message = m.problems[problem.code] ?? problem.message;
  return {
    title: m.problemTitle,
    status: problem.status,
    main: html`<h1>${m.problemTitle}</h1>
<div class="fr-alert fr-alert--error fr-mb-4w"><p>${message}</p></div>
<p><a class="fr-link" href="/">${m.home}</a></p>`,
  };
}

function orProblem<M>(view: View<M>): View<M | LinkProblem> {
  return (page, model) => (isLinkProblem(model) ? requestProblemView(page, model) : view(page, model));
}

/** The request's table: status, lost draws, choices, time of submission, booking given. */
function details(page: PageContext, own: OwnRequest) {
  const { locale } = page;
  const m = messagesFor(requestMessages, locale);
  const r = own.request;
  const rows: [string, string][] = [
    [m.status, m.statuses[r.status] ?? r.status],
    [m.lost, String(r.lost)],
    [m.procedure, r.procedureTitle],
    [m.officesAccepted, r.sites.map((site) => `${site.name}, ${site.address}`).join(' ; ')],
    [m.halfDaysAccepted, describeHalfDays(r.halfDays, locale)],
    [m.earliestAccepted, describeEarliest(r.earliest, locale)],
    [m.submittedAt, formatDateTime(r.updatedAt, r.timezone, locale)],
  ];
  if (r.bookingReference) rows.push([m.bookingReference, r.bookingReference]);
  return html`<dl class="creneau-summary fr-mb-4w">${rows.map(
    ([label, value]) => html`<div class="creneau-summary-row"><dt>${label}</dt><dd>${value}</dd></div>`,
  )}</dl>`;
}

/** The request behind its emailed link, with its receipt and, while it waits, the withdrawal. */
export const requestPageView = orProblem<OwnRequest>((page, own) => {
  const m = messagesFor(requestMessages, page.locale);
  const r = own.request;
  const hint = r.status === 'waiting' ? m.waitingHint : r.status === 'won' ? m.wonHint : undefined;
  return {
    title: m.pageTitle(r.label),
    main: html`<h1>${m.pageTitle(r.label)}</h1>
${hint ? html`<div class="fr-alert fr-alert--info fr-mb-4w"><p>${hint}</p></div>` : ''}
${details(page, own)}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn fr-btn--secondary" href="/demandes/${r.label}/recepisse.pdf${query(own)}" download>${m.downloadReceipt}</a></li>
<li><a class="fr-btn fr-btn--secondary" href="/demandes/${r.label}/attestation.pdf${query(own)}" download>${m.downloadCertificate}</a></li>
${r.status === 'waiting' ? html`<li><a class="fr-btn fr-btn--tertiary" href="/demandes/${r.label}/retirer${query(own)}">${m.withdraw}</a></li>` : ''}
</ul>`,
  };
});

/** "Confirmez-vous le retrait de cette demande ?", with the button that withdraws and the one that keeps it. */
export const withdrawView = orProblem<OwnRequest>((page, own) => {
  const m = messagesFor(requestMessages, page.locale);
  const r = own.request;
  return {
    title: m.withdrawTitle,
    main: html`<h1>${m.withdrawTitle}</h1>
${details(page, own)}
<div class="fr-alert fr-alert--warning fr-mb-4w"><h2 class="fr-alert__title">${m.withdrawQuestion}</h2><p>${m.withdrawWarning}</p></div>
<form method="post" action="/demandes/${r.label}/retirer">
${csrfField(page.csrf)}
<input type="hidden" name="token" value="${own.token}">
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${m.withdrawYes}</button></li>
<li><a class="fr-btn fr-btn--secondary" href="/demandes/${r.label}${query(own)}">${m.withdrawNo}</a></li>
</ul>
</form>`,
  };
});

/** After the withdrawal. */
export const withdrawnView = orProblem<OwnRequest>((page, own) => {
  const m = messagesFor(requestMessages, page.locale);
  return {
    title: m.withdrawnTitle,
    main: html`<h1>${m.withdrawnTitle}</h1>
<div class="fr-alert fr-alert--success fr-mb-4w"><p>${m.withdrawnText}</p></div>
${details(page, own)}
<p><a class="fr-link" href="/">${m.newRequest}</a></p>`,
  };
});
