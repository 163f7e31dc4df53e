import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { manage } from '../web/messages/manage.ts';
import type { Web } from '../web/web.plugin.ts';
import type { BookingDetails } from './booking.repository.ts';

// Pieces shared by the pages after booking (confirmation, manage, delete, move, convocation).

/** A DSFR table (1.14 markup) with its caption, column headers and rows. */
export function table(caption: string, head: string[], rows: SafeHtml[]): SafeHtml {
  // A table wider than a phone scrolls: its container must take the focus to be scrolled by keyboard.
  return html`<div class="fr-table"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${caption}"><div class="fr-table__content">
<table>
<caption>${caption}</caption>
<thead><tr>${head.map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div></div></div></div>`;
}

/** The local day (dd/mm/yyyy) and time of an instant in the office's zone. */
export function localDay(instant: Date, zone: string, locale: Locale): string {
  return formatDateTime(instant, zone, locale, { date: 'short' });
}

export function localTimeOf(instant: Date, zone: string, locale: Locale): string {
  return formatDateTime(instant, zone, locale, { time: 'short' });
}

/** The appointment as a list of labelled rows, every time in the office's zone. */
export function bookingSummary(details: BookingDetails, locale: Locale, caption?: string): SafeHtml {
  const m = messagesFor(manage, locale);
  const rows: [string, string][] = [
    [m.labels.reference, details.reference],
    [m.labels.status, m.statuses[details.status]],
    [m.labels.nature, details.procedureTitle],
    [m.labels.date, formatDateTime(details.startsAt, details.timezone, locale, { date: 'full' })],
    [m.labels.time, localTimeOf(details.startsAt, details.timezone, locale)],
    [m.labels.duration, m.duration(details.durationMinutes)],
    [m.labels.place, details.siteName],
    [m.labels.address, details.siteAddress],
    [m.labels.name, `${details.lastName} ${details.firstName}`],
  ];
  return html`<div class="fr-table fr-table--no-caption"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${caption ?? m.summaryCaption}"><div class="fr-table__content">
<table>
<caption>${caption ?? m.summaryCaption}</caption>
<tbody>
${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}
</tbody>
</table>
</div></div></div></div>`;
}

/** DSFR download links for a confirmed booking's convocation and calendar file. */
export function downloadLinks(locale: Locale, query: string): SafeHtml {
  const m = messagesFor(manage, locale);
  return html`<ul class="fr-links-group">
<li><a class="fr-link fr-link--download" download href="/rendez-vous/convocation.pdf?${query}">${m.confirm.download} <span class="fr-link__detail">${m.confirm.downloadDetail}</span></a></li>
<li><a class="fr-link fr-link--download" download href="/rendez-vous/convocation.ics?${query}">${m.confirm.calendar} <span class="fr-link__detail">${m.confirm.calendarDetail}</span></a></li>
</ul>`;
}

/** A query string carrying a token and, optionally, a reference. */
export function tokenQuery(token: string, reference?: string): string {
  const params = new URLSearchParams({ token });
  if (reference) params.set('reference', reference);
  return params.toString();
}

/** A string field of a parsed form or query, '' when absent or not a string. */
export function field(source: unknown, name: string, maxLength = 200): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, maxLength) : '';
}

/**
 * Answers an application error (bad, expired or used link; action no longer possible) with a DSFR
 * page saying what to do next; anything else is rethrown to the central handler.
 */
export function sendProblem(
  web: Web,
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): FastifyReply {
  if (!(error instanceof AppError)) throw error;
  const locale = web.locale(request, reply);
  const m = messagesFor(manage, locale);
  const known = m.errors as Record<string, string>;
  const message = known[error.code] ?? (locale === 'fr' ? error.message : m.errors.other);
  return web.sendPage(reply, {
    locale,
    title: m.errors.title,
    path: request.url.split('?')[0] ?? '/',
    status: error.status,
    main: html`<h1>${m.errors.title}</h1>
<div class="fr-alert fr-alert--error fr-mb-4w"><p>${message}</p></div>
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn" href="/rendez-vous/gerer">${m.errors.newLink}</a></li>
<li><a class="fr-btn fr-btn--secondary" href="/">${m.errors.newBooking}</a></li>
</ul>`,
  });
}
