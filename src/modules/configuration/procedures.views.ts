import type { Locale } from '../../db/schema.ts';
import { backOffice } from '../agents/backoffice.messages.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import { breadcrumb, csrfField, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import {
  checkboxField,
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
import { procedureTexts } from './procedures.messages.ts';
import { TRANSLATION_LOCALES } from './procedures.rules.ts';
import type { ProcedureFormPage, ProceduresPage } from './procedures.screens.ts';

type Messages = (typeof procedureTexts)['fr'];

/** /agents/demarches: the national catalogue, then each département's procedures. */
export function proceduresView(page: PageContext, model: ProceduresPage): PageView {
  const m = messagesFor(procedureTexts, page.locale).list;
  const main = html`<h1>${m.title}</h1>
<p class="fr-text--lead">${m.intro}</p>
${model.mayCreate ? html`<p><a class="fr-btn" href="/agents/demarches/nouvelle">${m.create}</a></p>` : ''}
${model.groups.length === 0 ? html`<p>${m.none}</p>` : ''}
${model.groups.map((group) => {
  const heading = group.departmentCode === null ? m.national : m.department(group.departmentCode);
  return html`<h2>${heading}</h2>
${table(
  m.caption(heading),
  [m.titleColumn, m.code, m.duration, m.actions],
  group.procedures.map(
    (p) => html`<tr><td>${p.title}</td><td><code>${p.code}</code></td><td>${m.minutes(p.durationMinutes)}</td>
<td><a class="fr-link" href="/agents/demarches/${p.id}">${p.editable ? m.edit : m.view}<span class="fr-sr-only"> — ${p.title}</span></a></td></tr>`,
  ),
)}`;
})}`;
  return { title: m.title, ...backOfficeChrome(page, model.principal, 'configuration'), main };
}

function identityFields(form: FormState, m: Messages['form'], model: ProcedureFormPage): SafeHtml {
  if (model.procedure) {
    const owner =
      model.procedure.departmentCode === null
        ? m.nationalOwner
        : m.departmentOwner(model.procedure.departmentCode);
    return html`<ul>
<li>${m.code} : <code>${model.procedure.code}</code></li>
<li>${m.departmentCode} : ${owner}</li>
<li>${m.durationShown(model.procedure.durationMinutes)}</li>
</ul>`;
  }
  return html`<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">${m.identity}</legend>
<div class="fr-fieldset__element">${textField(form, { name: 'code', label: m.code, hint: m.codeHint, required: true, autocomplete: 'off' })}</div>
<div class="fr-fieldset__element">${selectField(form, {
    name: 'departmentCode',
    label: m.departmentCode,
    hint: m.departmentCodeHint,
    required: true,
    choices: model.owners.map((code) => ({
      value: code ?? '',
      label: code === null ? m.nationalOwner : m.departmentOwner(code),
    })),
  })}</div>
<div class="fr-fieldset__element">${textField(form, {
    name: 'durationMinutes',
    label: m.durationMinutes,
    hint: m.durationHint,
    required: true,
    inputmode: 'numeric',
  })}</div>
</fieldset>`;
}

function frenchTexts(form: FormState, m: Messages['form']): SafeHtml {
  return html`<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">${m.texts}</legend>
<div class="fr-fieldset__element">${textField(form, { name: 'title', label: m.title, required: true })}</div>
<div class="fr-fieldset__element">${textArea(form, { name: 'description', label: m.description, rows: 4 })}</div>
<div class="fr-fieldset__element">${textArea(form, { name: 'audience', label: m.audience, rows: 3 })}</div>
<div class="fr-fieldset__element">${textArea(form, { name: 'documents', label: m.documents, hint: m.documentsHint, rows: 6 })}</div>
<div class="fr-fieldset__element">${textArea(form, { name: 'fees', label: m.fees, rows: 2 })}</div>
</fieldset>
${localizedFields(form, { name: 'arrivalAdvice', legend: m.arrivalAdvice, hint: m.arrivalAdviceHint })}
${localizedFields(form, { name: 'admissionRule', legend: m.admissionRule, hint: m.admissionRuleHint })}`;
}

function eligibility(form: FormState, m: Messages['form']): SafeHtml {
  return html`<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">${m.eligibility}</legend>
<div class="fr-fieldset__element">
${checkboxField(form, { name: 'requiresForeignerNumber', label: m.requiresForeignerNumber })}
${checkboxField(form, { name: 'requiresTitleExpiry', label: m.requiresTitleExpiry })}
${checkboxField(form, { name: 'requiresPostalCode', label: m.requiresPostalCode })}
</div>
<div class="fr-fieldset__element">${textField(form, {
    name: 'titleExpiryWithinDays',
    label: m.titleExpiryWithinDays,
    hint: m.titleExpiryWithinDaysHint,
    inputmode: 'numeric',
  })}</div>
<div class="fr-fieldset__element">${textField(form, {
    name: 'titleExpiredSinceDays',
    label: m.titleExpiredSinceDays,
    hint: m.titleExpiredSinceDaysHint,
    inputmode: 'numeric',
  })}</div>
</fieldset>`;
}

function translation(form: FormState, m: Messages['form'], locale: Exclude<Locale, 'fr'>): SafeHtml {
  const name = (field: string) => `translations.${locale}.${field}`;
  const area = (field: 'description' | 'audience' | 'documents' | 'fees', rows: number) =>
    html`<div class="fr-fieldset__element">${textArea(form, {
      name: name(field),
      label: m[field],
      rows,
      lang: locale,
      ...(field === 'documents' ? { hint: m.documentsHint } : {}),
    })}</div>`;
  return html`<fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">${m.translation[locale]}<span class="fr-hint-text">${m.translationHint}</span></legend>
<div class="fr-fieldset__element">${textArea(form, { name: name('title'), label: m.title, rows: 2, lang: locale })}</div>
${area('description', 4)}
${area('audience', 3)}
${area('documents', 6)}
${area('fees', 2)}
</fieldset>`;
}

/** The labels of the procedure form's fields, for the error summary. */
function labels(m: Messages['form'], o: (typeof offices)['fr']['form']): Record<string, string> {
  const result: Record<string, string> = {
    code: m.code,
    departmentCode: m.departmentCode,
    durationMinutes: m.durationMinutes,
    title: m.title,
    description: m.description,
    audience: m.audience,
    documents: m.documents,
    fees: m.fees,
    titleExpiryWithinDays: m.titleExpiryWithinDays,
    titleExpiredSinceDays: m.titleExpiredSinceDays,
  };
  for (const [name, legend] of [
    ['arrivalAdvice', m.arrivalAdvice],
    ['admissionRule', m.admissionRule],
  ] as const) {
    result[`${name}.fr`] = `${legend} (${o.inFrench})`;
    result[`${name}.en`] = `${legend} (${o.inEnglish})`;
    result[`${name}.ar`] = `${legend} (${o.inArabic})`;
  }
  for (const locale of TRANSLATION_LOCALES) {
    for (const field of ['title', 'description', 'audience', 'documents', 'fees'] as const) {
      result[`translations.${locale}.${field}`] =
        `${m[field]} (${locale === 'en' ? o.inEnglish : o.inArabic})`;
    }
  }
  return result;
}

/** A procedure's form: new, editable, or read-only for an agent whose scope does not cover its owner. */
export function procedureFormView(page: PageContext, model: ProcedureFormPage): PageView {
  const m = messagesFor(procedureTexts, page.locale);
  const o = messagesFor(offices, page.locale);
  const form: FormState = { locale: page.locale, values: model.values, errors: model.errors };
  const title = model.procedure ? m.form.editTitle(model.procedure.title) : m.form.newTitle;
  const action = model.procedure ? `/agents/demarches/${model.procedure.id}` : '/agents/demarches';
  const fields = html`${identityFields(form, m.form, model)}
${frenchTexts(form, m.form)}
${eligibility(form, m.form)}
${translation(form, m.form, 'en')}
${translation(form, m.form, 'ar')}`;
  const main = html`${breadcrumb(o.form.breadcrumb, [
    { label: messagesFor(backOffice, page.locale).nav.home, href: '/agents' },
    { label: m.list.title, href: '/agents/demarches' },
    { label: model.procedure ? model.procedure.title : m.form.newTitle },
  ])}
<h1>${title}</h1>
${model.saved ? savedNotice(page.locale) : ''}
${model.editable ? '' : html`<div class="fr-alert fr-alert--info fr-mb-4w"><p>${m.form.readOnly}</p></div>`}
${formErrors(form, labels(m.form, o.form))}
${
  model.editable
    ? html`<form method="post" action="${action}" novalidate>
${csrfField(page.csrf)}
${fields}
<button class="fr-btn" type="submit">${o.form.save}</button>
</form>`
    : html`<fieldset class="fr-fieldset" disabled><legend class="fr-sr-only">${title}</legend>${fields}</fieldset>`
}`;
  return {
    title: formTitle(form, title),
    ...backOfficeChrome(page, model.principal, 'configuration'),
    main,
    ...(model.status ? { status: model.status } : {}),
  };
}
