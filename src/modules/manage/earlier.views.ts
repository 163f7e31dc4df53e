import type { Locale } from '../../db/schema.ts';
import { orLinkProblemView } from '../booking/link-problem.ts';
import { alert, csrfField } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { earlier } from './earlier.messages.ts';
import type { OfferAnswer, OfferPage } from './earlier.usecases.ts';
import { bookingSummary, localTimeOf } from './manage.components.ts';
import { manage } from './manage.messages.ts';

// The earlier-slot list on a booking's page, and the page of an offered slot.

const OFFER_PATH = '/rendez-vous/plus-tot';

/** The list's section of a confirmed booking's page: where it stands, and the button to change it. */
export function earlierSection(
  page: PageContext,
  model: { token: string; reference: string; earlier: 'on' | 'off'; notice?: 'joined' | 'left' },
): SafeHtml {
  const m = messagesFor(earlier, page.locale).list;
  const on = model.earlier === 'on';
  return html`<section class="fr-my-4w" aria-labelledby="plus-tot">
<h2 id="plus-tot">${m.title}</h2>
${model.notice ? alert('success', model.notice === 'joined' ? m.joined : m.left) : ''}
<p>${m.intro}</p>
<p><strong>${on ? m.on : m.off}</strong></p>
<form method="post" action="${OFFER_PATH}/liste">
${csrfField(page.csrf)}
<input type="hidden" name="token" value="${model.token}">
<input type="hidden" name="reference" value="${model.reference}">
<input type="hidden" name="wanted" value="${on ? 'non' : 'oui'}">
<button class="fr-btn ${on ? 'fr-btn--tertiary' : 'fr-btn--secondary'}" type="submit">${on ? m.leave : m.join}</button>
</form>
</section>`;
}

/** The slot offered, as labelled rows in the office's zone. */
function offeredSlot(offer: OfferPage['offer'], locale: Locale, caption: string): SafeHtml {
  const labels = messagesFor(manage, locale).labels;
  const rows: [string, string][] = [
    [labels.date, formatDateTime(offer.startsAt, offer.timezone, locale, { date: 'full' })],
    [labels.time, localTimeOf(offer.startsAt, offer.timezone, locale)],
    [labels.place, offer.siteName],
    [labels.address, offer.siteAddress],
  ];
  return html`<div class="fr-table fr-table--no-caption"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${caption}"><div class="fr-table__content">
<table>
<caption>${caption}</caption>
<tbody>
${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}
</tbody>
</table>
</div></div></div></div>`;
}

/** "Un créneau plus tôt vous est proposé": the slot, the booking it replaces, accept or keep. */
export const offerView = orLinkProblemView((page: PageContext, model: OfferPage): PageView => {
  const { locale } = page;
  const m = messagesFor(earlier, locale).offer;
  const { offer, booking, token } = model;
  const until = formatDateTime(offer.expiresAt, offer.timezone, locale, { date: 'short', time: 'short' });
  const button = (
    answer: string,
    label: string,
    kind: string,
  ) => html`<form method="post" action="${OFFER_PATH}">
${csrfField(page.csrf)}
<input type="hidden" name="token" value="${token}">
<input type="hidden" name="answer" value="${answer}">
<button class="fr-btn${kind}" type="submit">${label}</button>
</form>`;
  return {
    title: m.title,
    main: html`<h1>${m.title}</h1>
<p>${m.intro}</p>
<h2>${m.proposed}</h2>
${offeredSlot(offer, locale, m.proposed)}
<p>${m.until(until)}</p>
<h2>${m.current}</h2>
${bookingSummary(booking, locale, m.current)}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li>${button('accepter', m.accept, '')}</li>
<li>${button('refuser', m.decline, ' fr-btn--secondary')}</li>
</ul>`,
  };
});

/** After the answer: the moved booking, or the booking kept. */
export const offerAnsweredView = orLinkProblemView((page: PageContext, model: OfferAnswer): PageView => {
  const { locale } = page;
  const m = messagesFor(earlier, locale).offer;
  if (model.answer === 'declined') {
    return {
      title: m.declinedTitle,
      main: html`<div class="fr-alert fr-alert--info fr-mb-4w" role="status">
<h1 class="fr-alert__title">${m.declinedTitle}</h1>
<p>${m.declined}</p>
</div>`,
    };
  }
  return {
    title: m.acceptedTitle,
    main: html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h1 class="fr-alert__title">${m.acceptedTitle}</h1>
<p>${m.accepted}</p>
</div>
${bookingSummary(model.booking, locale)}
<p><a class="fr-link" href="/rendez-vous/gerer">${messagesFor(manage, locale).confirm.manage}</a></p>`,
  };
});
