import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import type { BookingDetails } from '../booking/booking.repository.ts';
import { orLinkProblemView } from '../booking/link-problem.ts';
import { altchaWidget, csrfField, errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { earlierSection } from './earlier.views.ts';
import { bookingSummary, downloadLinks, localDay, localTimeOf, tokenQuery } from './manage.components.ts';
import { manage } from './manage.messages.ts';
import type { LinkRequestForm, ManagePage, OwnBooking } from './manage.usecases.ts';

// "Annuler, consulter et gérer mes demandes de rendez-vous": ask for a link, list, consult, delete.

const PATH = '/rendez-vous/gerer';
type Messages = (typeof manage)['fr'];

/** The manage page in each of its states. */
export const managePageView = orLinkProblemView((page: PageContext, model: ManagePage): PageView => {
  switch (model.form) {
    case 'request':
      return requestFormView(page, model);
    case 'sent':
      return sentView(page);
    case 'list':
      return listView(page, model);
    case 'detail':
      return detailView(page, model);
  }
});

/** What to tell the person about what the request form refused. */
function refusalOf(m: Messages['manage'], refused: NonNullable<LinkRequestForm['refused']>): FieldError {
  const { field, code } = refused;
  if (refused.field === 'altcha') return { field, code, message: m.captchaFailed };
  const message =
    refused.code === 'required'
      ? m.emailMissing
      : refused.code === 'invisible_character'
        ? m.emailInvisible
        : refused.code === 'unsupported_character'
          ? m.emailUnsupported(refused.character ?? '')
          : m.emailInvalid;
  return { field, code, message };
}

function requestFormView(page: PageContext, model: LinkRequestForm): PageView {
  const { locale } = page;
  const m = messagesFor(manage, locale).manage;
  const c = messagesFor(common, locale);
  const errors = model.refused ? [refusalOf(m, model.refused)] : [];
  const security = model.captcha
    ? html`<p class="fr-hint-text">${m.securityHint}</p>
${altchaWidget(locale, 'manage_link')}`
    : html`<div class="fr-notice fr-notice--info"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">${m.captchaOff}</p></div></div></div>`;
  return {
    title: errors.length ? `${c.errorPrefix} ${m.title}` : m.title,
    status: model.refused?.field === 'altcha' ? 403 : model.refused ? 422 : undefined,
    scripts: model.captcha ? ['js/altcha.min.js'] : [],
    main: html`<h1>${m.title}</h1>
${errorSummary(locale, errors, { email: m.email, altcha: m.security })}
<p>${m.intro}</p>
<form method="post" action="${PATH}" novalidate>
${csrfField(page.csrf)}
<fieldset class="fr-fieldset" id="altcha"><legend class="fr-fieldset__legend">${m.security}</legend>
<div class="fr-fieldset__element">${security}</div>
</fieldset>
${input({
  name: 'email',
  label: m.email,
  hint: m.emailHint,
  type: 'email',
  autocomplete: 'email',
  value: model.email,
  required: true,
  errors,
})}
<button class="fr-btn" type="submit">${m.submit}</button>
</form>`,
  };
}

function sentView({ locale }: PageContext): PageView {
  const m = messagesFor(manage, locale).manage;
  return {
    title: m.sentTitle,
    main: html`<h1>${m.title}</h1>
<div class="fr-alert fr-alert--info fr-mb-4w" role="status">
<h2 class="fr-alert__title">${m.sentTitle}</h2>
<p>${m.sent}</p>
</div>
<p>${m.sentHint}</p>`,
  };
}

function actions(booking: BookingDetails & { upcoming: boolean }, token: string, locale: Locale): SafeHtml {
  const m = messagesFor(manage, locale).manage;
  const query = tokenQuery(token, booking.reference);
  const item = (label: string, href: string, extra = html``) =>
    html`<li><a class="fr-link" href="${href}" title="${m.actionOn(label, booking.reference)}"${extra}>${label}</a></li>`;
  return html`<ul class="fr-links-group creneau-actions">
${item(m.consult, `${PATH}?${query}`)}
${booking.status === 'confirmed' ? item(m.download, `/rendez-vous/convocation.pdf?${query}`, html` download`) : ''}
${booking.upcoming ? [item(m.remove, `/rendez-vous/supprimer?${query}`), item(m.move, `/rendez-vous/changer?${query}`)] : ''}
</ul>`;
}

function listView({ locale }: PageContext, model: Extract<ManagePage, { form: 'list' }>): PageView {
  const m = messagesFor(manage, locale);
  const rows = model.bookings.map(
    (b) => html`<tr>
<td>${localDay(b.startsAt, b.timezone, locale)}</td>
<td>${localTimeOf(b.startsAt, b.timezone, locale)}</td>
<td>${m.duration(b.durationMinutes)}</td>
<td>${b.procedureTitle}</td>
<td>${m.statuses[b.status]}</td>
<td>${actions(b, model.token, locale)}</td>
</tr>`,
  );
  const { labels } = m;
  return {
    title: m.manage.listTitle,
    main: html`<h1>${m.manage.listTitle}</h1>
${
  rows.length === 0
    ? html`<p>${m.manage.none}</p>`
    : table(
        m.manage.listCaption,
        [labels.date, labels.time, labels.duration, labels.nature, labels.status, labels.actions],
        rows,
      )
}
<p><a class="fr-link" href="/">${m.manage.newBooking}</a></p>`,
  };
}

function detailView(page: PageContext, model: Extract<ManagePage, { form: 'detail' }>): PageView {
  const { locale } = page;
  const m = messagesFor(manage, locale);
  const { booking, token } = model;
  const query = tokenQuery(token, booking.reference);
  return {
    title: m.manage.detailTitle(booking.reference),
    main: html`<h1>${m.manage.detailTitle(booking.reference)}</h1>
${bookingSummary(booking, locale)}
${booking.status === 'confirmed' ? downloadLinks(locale, query) : ''}
${
  model.upcoming
    ? html`<ul class="fr-btns-group fr-btns-group--inline-md">
<li><a class="fr-btn fr-btn--secondary" href="/rendez-vous/changer?${query}">${m.manage.move}</a></li>
<li><a class="fr-btn fr-btn--tertiary" href="/rendez-vous/supprimer?${query}">${m.manage.remove}</a></li>
</ul>`
    : ''
}
${model.earlier ? earlierSection(page, { token, reference: booking.reference, earlier: model.earlier, notice: model.notice }) : ''}
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="${PATH}?${tokenQuery(token)}">${m.manage.backToList}</a></p>`,
  };
}

/** "Suppression d'une demande de rendez-vous": the booking, and the buttons to delete or keep it. */
export const cancelView = orLinkProblemView(
  (page: PageContext, { token, booking: b }: OwnBooking): PageView => {
    const { locale } = page;
    const m = messagesFor(manage, locale);
    const { labels } = m;
    const row = html`<tr>
<td>${m.statuses[b.status]}</td>
<td>${b.lastName} ${b.firstName}</td>
<td>${localDay(b.createdAt, b.timezone, locale)} ${localTimeOf(b.createdAt, b.timezone, locale)}</td>
<td>${b.procedureTitle}</td>
<td>${localDay(b.startsAt, b.timezone, locale)}</td>
<td>${localTimeOf(b.startsAt, b.timezone, locale)}</td>
<td>${m.duration(b.durationMinutes)}</td>
</tr>`;
    const head = [
      labels.status,
      labels.name,
      labels.submittedOn,
      labels.nature,
      labels.date,
      labels.time,
      labels.duration,
    ];
    return {
      title: m.cancel.title,
      main: html`<h1>${m.cancel.title}</h1>
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.cancel.question}</p></div>
${table(m.cancel.caption, head, [row])}
<form method="post" action="/rendez-vous/supprimer">
${csrfField(page.csrf)}
<input type="hidden" name="token" value="${token}">
<input type="hidden" name="reference" value="${b.reference}">
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${m.cancel.yes}</button></li>
<li><a class="fr-btn fr-btn--secondary" href="${PATH}?${tokenQuery(token)}">${m.cancel.no}</a></li>
</ul>
</form>`,
    };
  },
);

/** The booking is deleted; the cancellation email is on its way. */
export const cancelledView = orLinkProblemView(
  ({ locale }: PageContext, { token }: { token: string }): PageView => {
    const m = messagesFor(manage, locale);
    return {
      title: m.cancel.doneTitle,
      main: html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h1 class="fr-alert__title">${m.cancel.doneTitle}</h1>
<p><strong>${m.cancel.done}</strong></p>
</div>
<p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="${PATH}?${tokenQuery(token)}">${m.manage.backToList}</a></p>`,
    };
  },
);
