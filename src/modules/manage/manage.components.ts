import type { Locale } from '../../db/schema.ts';
import type { BookingDetails } from '../booking/booking.repository.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor, writtenIn } from '../web/i18n.ts';
import { manage } from './manage.messages.ts';

// Pieces shared by the pages after booking: confirmation, manage, delete, move.

/** The local day (dd/mm/yyyy) and time of an instant in the office's zone. */
export function localDay(instant: Date, zone: string, locale: Locale): string {
  return formatDateTime(instant, zone, locale, { date: 'short' });
}

/** The local time (hh:mm) of an instant in the office's zone. */
export function localTimeOf(instant: Date, zone: string, locale: Locale): string {
  return formatDateTime(instant, zone, locale, { time: 'short' });
}

/** The appointment as a list of labelled rows, every time in the office's zone. */
export function bookingSummary(details: BookingDetails, locale: Locale, caption?: string): SafeHtml {
  const m = messagesFor(manage, locale);
  // The procedure's title and the office are the préfecture's French (marked so on another page).
  const rows: [string, string, 'fr'?][] = [
    [m.labels.reference, details.reference],
    [m.labels.status, m.statuses[details.status]],
    [m.labels.nature, details.procedureTitle, 'fr'],
    [m.labels.date, formatDateTime(details.startsAt, details.timezone, locale, { date: 'full' })],
    [m.labels.time, localTimeOf(details.startsAt, details.timezone, locale)],
    [m.labels.duration, m.duration(details.durationMinutes)],
    [m.labels.place, details.siteName, 'fr'],
    [m.labels.address, details.siteAddress, 'fr'],
    [m.labels.name, `${details.lastName} ${details.firstName}`],
  ];
  return html`<div class="fr-table fr-table--no-caption"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${caption ?? m.summaryCaption}"><div class="fr-table__content">
<table>
<caption>${caption ?? m.summaryCaption}</caption>
<tbody>
${rows.map(
  ([label, value, written]) =>
    html`<tr><th scope="row">${label}</th><td${written ? writtenIn(written, locale) : ''}>${value}</td></tr>`,
)}
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
