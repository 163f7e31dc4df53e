import { backOffice } from '../agents/backoffice.messages.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import { shortDate } from '../territory/directory.components.ts';
import { breadcrumb, csrfField } from '../web/components.ts';
import { html } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { drawCalendarTexts } from './draw-calendar.messages.ts';
import { offerTexts } from './offers.messages.ts';
import { CHANNELS } from './offers.rules.ts';
import type { OfferFormPage } from './offers.screens.ts';
import {
  type FormState,
  formErrors,
  formTitle,
  savedNotice,
  selectField,
  textArea,
  textField,
} from './offices.components.ts';
import { offices } from './offices.messages.ts';

/** A draw offer's link to its calendar of windows. */
function calendarLink(page: PageContext, href: string) {
  const c = messagesFor(drawCalendarTexts, page.locale);
  return html`<h2 class="fr-mt-6w">${c.calendarLink}</h2>
<p>${c.calendarHint}</p>
<p><a class="fr-btn fr-btn--secondary" href="${href}">${c.calendarLink}</a></p>`;
}

/** An offer's form: new (choose the procedure) or existing (with the link to its hours). */
export function offerFormView(page: PageContext, model: OfferFormPage): PageView {
  const m = messagesFor(offerTexts, page.locale);
  const o = messagesFor(offices, page.locale);
  const form: FormState = { locale: page.locale, values: model.values, errors: model.errors };
  const base = `/agents/services/${model.site.id}/offres`;
  const title = model.offer ? m.editTitle(model.offer.procedureTitle) : m.newTitle(model.site.name);
  const labels = {
    procedureId: m.procedureId,
    channel: m.channel,
    instructions: m.instructions,
    contactEmail: m.contactEmail,
    url: m.url,
    postalAddress: m.postalAddress,
  };
  const main = html`${breadcrumb(o.form.breadcrumb, [
    { label: messagesFor(backOffice, page.locale).nav.home, href: '/agents' },
    { label: o.list.title, href: '/agents/services' },
    { label: model.site.name, href: `/agents/services/${model.site.id}` },
    { label: model.offer ? model.offer.procedureTitle : m.newCrumb },
  ])}
<h1>${title}</h1>
<p>${m.site(model.site.name)}${model.offer ? html`<br><span class="fr-text--sm">${m.updatedOn(shortDate(model.offer.updatedOn))}</span>` : ''}</p>
${model.saved ? savedNotice(page.locale) : ''}
${formErrors(form, labels)}
<form method="post" action="${model.offer ? `${base}/${model.offer.id}` : base}" novalidate>
${csrfField(page.csrf)}
${
  model.offer
    ? ''
    : selectField(form, {
        name: 'procedureId',
        label: m.procedureId,
        required: true,
        placeholder: m.chooseProcedure,
        choices: model.procedures.map((p) => ({
          value: String(p.id),
          label: `${p.title} (${p.departmentCode === null ? m.national : m.departmental(p.departmentCode)})`,
        })),
      })
}
${selectField(form, {
  name: 'channel',
  label: m.channel,
  hint: m.channelHint,
  required: true,
  choices: CHANNELS.map((channel) => ({ value: channel, label: o.channels[channel] })),
})}
${textArea(form, { name: 'instructions', label: m.instructions, hint: m.instructionsHint, rows: 6 })}
${textField(form, { name: 'contactEmail', label: m.contactEmail, hint: m.contactEmailHint, type: 'email', autocomplete: 'off' })}
${textField(form, { name: 'url', label: m.url, hint: m.urlHint, autocomplete: 'off' })}
${textArea(form, { name: 'postalAddress', label: m.postalAddress, hint: m.postalAddressHint, rows: 4 })}
<button class="fr-btn" type="submit">${o.form.save}</button>
</form>
${
  model.offer
    ? html`<h2 class="fr-mt-6w">${m.schedule}</h2>
<p>${m.scheduleHint}</p>
<p><a class="fr-btn fr-btn--secondary" href="${base}/${model.offer.id}/horaires">${m.schedule}</a></p>${
        model.values.channel === 'draw' ? calendarLink(page, `${base}/${model.offer.id}/tirages`) : ''
      }`
    : ''
}`;
  return {
    title: formTitle(form, title),
    ...backOfficeChrome(page, model.principal, 'configuration'),
    main,
    ...(model.status ? { status: model.status } : {}),
  };
}
