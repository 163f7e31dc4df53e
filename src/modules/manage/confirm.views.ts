import { orLinkProblemView } from '../booking/link-problem.ts';
import { languageIn, textIn } from '../territory/localized-text.ts';
import { csrfField } from '../web/components.ts';
import { html } from '../web/html.ts';
import { formatDateTime, messagesFor, writtenIn } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { bookingSummary, downloadLinks, tokenQuery } from './manage.components.ts';
import { manage } from './manage.messages.ts';
import type { OwnBooking } from './manage.usecases.ts';

// The page behind the emailed confirmation link. Opening a link never changes anything (mail scanners
// open links): the page shows the appointment and a button; the button POSTs.

/** The pending appointment and the button that confirms it before the hold's deadline. */
export const confirmView = orLinkProblemView(
  (page: PageContext, { token, booking }: OwnBooking): PageView => {
    const { locale } = page;
    const m = messagesFor(manage, locale);
    const deadline = formatDateTime(booking.holdExpiresAt, booking.timezone, locale, {
      date: 'full',
      time: 'short',
    });
    return {
      title: m.confirm.title,
      main: html`<h1>${m.confirm.title}</h1>
<p class="fr-text--lead">${m.confirm.intro}</p>
${bookingSummary(booking, locale)}
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.confirm.deadline(deadline)}</p></div>
<form method="post" action="/rendez-vous/confirmer">
${csrfField(page.csrf)}
<input type="hidden" name="token" value="${token}">
<button class="fr-btn" type="submit">${m.confirm.button}</button>
</form>`,
    };
  },
);

/** The confirmed appointment, its convocation and calendar file, and the link to manage it. */
export const confirmedView = orLinkProblemView(
  ({ locale }: PageContext, { token, booking }: OwnBooking): PageView => {
    const m = messagesFor(manage, locale);
    return {
      title: m.confirm.doneTitle,
      main: html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h1 class="fr-alert__title">${m.confirm.doneTitle}</h1>
<p>${m.confirm.done}</p>
</div>
${bookingSummary(booking, locale)}
${[booking.arrivalAdvice, booking.admissionRule].map((text) =>
  text ? html`<p${writtenIn(languageIn(text, locale), locale)}>${textIn(text, locale)}</p>` : '',
)}
${downloadLinks(locale, tokenQuery(token))}
<p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/rendez-vous/gerer?${tokenQuery(token)}">${m.confirm.manage}</a></p>`,
    };
  },
);
