import type { Locale } from '../../db/schema.ts';
import { shortDate } from '../territory/directory.components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { announcementMessages } from './announcement.messages.ts';
import type { DrawAnnouncement } from './announcement.ts';

/**
 * A draw's window as a callout: when requests are collected (in the office's zone), the seats at
 * stake, the commitment published ahead, and the link to the draw's public page.
 */
export function drawAnnouncement(locale: Locale, draw: DrawAnnouncement, zone: string): SafeHtml {
  const m = messagesFor(announcementMessages, locale);
  const at = (instant: Date) => formatDateTime(instant, zone, locale);
  return html`<div class="fr-callout fr-mb-4w" id="tirage-annonce">
<p class="fr-callout__title">${draw.collecting ? m.collecting : m.next}</p>
<p class="fr-callout__text">${m.window(at(draw.opensAt), at(draw.closesAt))}<br>
${m.seats(draw.seats, shortDate(draw.slotsFrom), shortDate(draw.slotsTo))}</p>
<p class="fr-text--sm">${m.commitment} <code class="creneau-commitment">${draw.commitment}</code></p>
<p><a class="fr-link" href="/tirages/${draw.drawId}">${m.link}</a></p>
</div>`;
}
