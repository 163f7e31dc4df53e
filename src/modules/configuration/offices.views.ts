import { backOffice } from '../agents/backoffice.messages.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import { breadcrumb, csrfField, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import type { OfferSummary } from './offers.repository.ts';
import {
  type FormState,
  formErrors,
  formTitle,
  localizedFields,
  savedNotice,
  selectField,
  textArea,
  textField,
} from './offices.components.ts';
import { offices } from './offices.messages.ts';
import { SITE_KINDS } from './offices.rules.ts';
import type { ServicesPage, SiteFormPage } from './offices.screens.ts';

type Messages = (typeof offices)['fr'];

function offersTable(m: Messages, siteName: string, offers: OfferSummary[]): SafeHtml {
  if (offers.length === 0) return html`<p>${m.list.noOffer}</p>`;
  return table(
    m.list.offersCaption(siteName),
    [m.list.procedure, m.list.channel, m.list.actions],
    offers.map(
      (offer) => html`<tr><td>${offer.procedureTitle}</td><td>${m.channels[offer.channel]}</td>
<td><a class="fr-link" href="/agents/services/${offer.siteId}/offres/${offer.id}">${m.list.editOffer}<span class="fr-sr-only"> — ${offer.procedureTitle}</span></a></td></tr>`,
    ),
  );
}

/** /agents/services: the sites the agent configures by département, each with its offers. */
export function servicesView(page: PageContext, model: ServicesPage): PageView {
  const m = messagesFor(offices, page.locale);
  const departments = [...new Set(model.sites.map((site) => site.departmentCode))];
  const main = html`<h1>${m.list.title}</h1>
<p class="fr-text--lead">${m.list.intro}</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
${model.mayCreate ? html`<li><a class="fr-btn" href="/agents/services/nouveau">${m.list.create}</a></li>` : ''}
<li><a class="fr-btn fr-btn--secondary" href="/agents/demarches">${m.list.procedures}</a></li>
</ul>
${model.sites.length === 0 ? html`<p>${m.list.none}</p>` : ''}
${departments.map(
  (code) => html`<h2>${m.list.department(code)}</h2>
${model.sites
  .filter((site) => site.departmentCode === code)
  .map(
    (site) => html`<section class="fr-mb-6w">
<h3>${site.name}</h3>
<p class="fr-mb-1w">${m.kinds[site.kind]} — ${site.address}</p>
<p><a class="fr-link" href="/agents/services/${site.id}">${m.list.editSite(site.name)}</a></p>
${offersTable(m, site.name, site.offers)}
</section>`,
  )}`,
)}`;
  return { title: m.list.title, ...backOfficeChrome(page, model.principal, 'configuration'), main };
}

function siteFields(form: FormState, m: Messages, model: SiteFormPage): SafeHtml {
  const s = m.site;
  return html`${
    model.site
      ? ''
      : selectField(form, {
          name: 'departmentCode',
          label: s.departmentCode,
          required: true,
          placeholder: s.chooseDepartment,
          choices: model.departments.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` })),
        })
  }
${textField(form, { name: 'name', label: s.name, hint: s.nameHint, required: true })}
${selectField(form, {
  name: 'kind',
  label: s.kind,
  required: true,
  choices: SITE_KINDS.map((kind) => ({ value: kind, label: m.kinds[kind] })),
})}
${textArea(form, { name: 'address', label: s.address, required: true, rows: 2 })}
${textArea(form, { name: 'counters', label: s.counters, hint: s.countersHint, required: true, rows: 4 })}
${textField(form, { name: 'callsBeforeMissed', label: s.callsBeforeMissed, hint: s.callsBeforeMissedHint, required: true, inputmode: 'numeric' })}
${textField(form, { name: 'contactPhone', label: s.contactPhone, type: 'tel', autocomplete: 'off' })}
${textField(form, { name: 'contactEmail', label: s.contactEmail, type: 'email', autocomplete: 'off' })}
${localizedFields(form, { name: 'transport', legend: s.transport, hint: s.transportHint })}
${localizedFields(form, { name: 'accessibility', legend: s.accessibility, hint: s.accessibilityHint })}
${localizedFields(form, { name: 'arrivalAdvice', legend: s.arrivalAdvice, hint: s.arrivalAdviceHint })}`;
}

/** The labels of the site form's fields, for the error summary. */
function labels(m: Messages): Record<string, string> {
  const s = m.site;
  const localized = (name: string, legend: string) => ({
    [`${name}.fr`]: `${legend} (${m.form.inFrench})`,
    [`${name}.en`]: `${legend} (${m.form.inEnglish})`,
    [`${name}.ar`]: `${legend} (${m.form.inArabic})`,
  });
  return {
    departmentCode: s.departmentCode,
    name: s.name,
    kind: s.kind,
    address: s.address,
    counters: s.counters,
    callsBeforeMissed: s.callsBeforeMissed,
    contactPhone: s.contactPhone,
    contactEmail: s.contactEmail,
    ...localized('transport', s.transport),
    ...localized('accessibility', s.accessibility),
    ...localized('arrivalAdvice', s.arrivalAdvice),
  };
}

/** A site's form (new or existing), and for an existing one its offers and the way to add one. */
export function siteFormView(page: PageContext, model: SiteFormPage): PageView {
  const m = messagesFor(offices, page.locale);
  const form: FormState = { locale: page.locale, values: model.values, errors: model.errors };
  const title = model.site ? m.site.editTitle(model.site.name) : m.site.newTitle;
  const action = model.site ? `/agents/services/${model.site.id}` : '/agents/services';
  const main = html`${breadcrumb(m.form.breadcrumb, [
    { label: messagesFor(backOffice, page.locale).nav.home, href: '/agents' },
    { label: m.list.title, href: '/agents/services' },
    { label: model.site ? model.site.name : m.site.newTitle },
  ])}
<h1>${title}</h1>
${model.saved ? savedNotice(page.locale) : ''}
${formErrors(form, labels(m))}
<form method="post" action="${action}" novalidate>
${csrfField(page.csrf)}
${siteFields(form, m, model)}
<button class="fr-btn" type="submit">${m.form.save}</button>
</form>
${
  model.site
    ? html`<h2 class="fr-mt-6w">${m.site.offers}</h2>
${offersTable(m, model.site.name, model.offers)}
<p><a class="fr-btn fr-btn--secondary" href="/agents/services/${model.site.id}/offres/nouvelle">${m.site.addOffer}</a></p>`
    : ''
}`;
  return {
    title: formTitle(form, title),
    ...backOfficeChrome(page, model.principal, 'configuration'),
    main,
    ...(model.status ? { status: model.status } : {}),
  };
}
