import type { Locale } from '../../db/schema.ts';
import { drawAnnouncement } from '../draw/announcement.components.ts';
import { applicantHidden, hiddenFields, identityForm } from '../journey/journey.components.ts';
import { journey } from '../journey/journey.messages.ts';
import { stepOnePath } from '../territory/directory.components.ts';
import { alert, altchaWidget, breadcrumb, csrfField, errorSummary } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, markedText, messagesFor, writtenIn } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { describeEarliest, describeHalfDays } from './half-days.messages.ts';
import { carriedChoices } from './request-journey.input.ts';
import type { RequestContext, RequestStep } from './request-journey.usecases.ts';
import { choiceErrors, choiceFields, requestStepper } from './requests.components.ts';
import { requestMessages } from './requests.messages.ts';
import type { CheckedChoices } from './requests.usecases.ts';

// The request journey's pages (PRODUCT §4.3 for a draw offer): step 2 is a form of checkboxes; from
// step 3 on everything travels in hidden fields of POST forms, as in the booking journey.

/** The page of a step of the request journey. */
export function requestStepView(page: PageContext, model: RequestStep): PageView {
  switch (model.step) {
    case 'restart':
    case 'unknown':
      return restartView(page, model);
    case 'choices':
      return choicesView(page, model);
    case 'security':
      return securityView(page, model);
    case 'details':
      return detailsView(page, model);
    case 'summary':
      return summaryView(page, model);
    case 'result':
      return resultView(page, model);
    case 'refused':
      return refusedView(page, model);
  }
}

function restartView(
  { locale }: PageContext,
  model: { step: 'restart'; status: number } | { step: 'unknown' },
): PageView {
  const m = messagesFor(requestMessages, locale);
  const title = model.step === 'unknown' ? m.noOffice : m.restartTitle;
  return {
    title,
    status: model.step === 'unknown' ? 404 : model.status,
    main: html`<h1>${title}</h1>${model.step === 'restart' ? html`<p>${m.restartText}</p>` : ''}<p><a class="fr-link" href="/">${m.restartLink}</a></p>`,
  };
}

/** The top of every step: where the person is, the procedure, the stepper. */
function heading(locale: Locale, context: RequestContext, step: number): SafeHtml {
  const j = messagesFor(journey, locale);
  const m = messagesFor(requestMessages, locale);
  const { code, procedureCode } = context.address;
  return html`${breadcrumb(j.breadcrumb, [
    { label: j.home, href: '/' },
    { label: j.department(code, context.departmentName), href: `/departements/${encodeURIComponent(code)}` },
    { label: markedText(context.procedure.title, 'fr', locale), href: stepOnePath(code, procedureCode) },
    { label: m.steps[step - 1] ?? '' },
  ])}
<h1 class="fr-h3"${writtenIn('fr', locale)}>${context.procedure.title}</h1>
${requestStepper(locale, step)}
${context.window ? drawAnnouncement(locale, context.window, context.timezone) : ''}`;
}

/** Step 2: the offices, half-days and earliest date the person can attend. */
function choicesView(page: PageContext, model: Extract<RequestStep, { step: 'choices' }>): PageView {
  const { locale } = page;
  const m = messagesFor(requestMessages, locale);
  const { context, choices } = model;
  const errors = choiceErrors(locale, model.errors);
  return {
    title: `${errors.length > 0 ? `${messagesFor(common, locale).errorPrefix} ` : ''}${m.steps[1]} — ${context.procedure.title}`,
    status: errors.length > 0 ? 422 : 200,
    main: html`${heading(locale, context, 2)}
${errorSummary(locale, errors, m.choiceLabels)}
<p>${m.choicesIntro}</p>
<p><strong>${m.noRace}</strong></p>
<form method="post" action="/demandes/securite" novalidate>
${csrfField(page.csrf)}
${hiddenFields({ departement: context.address.code, demarche: context.address.procedureCode })}
${choiceFields({ offices: context.offices, choices, errors, locale })}
<button class="fr-btn" type="submit">${messagesFor(common, locale).continue}</button>
</form>`,
  };
}

/** The request as chosen so far, shown from step 3 on. */
function choicesSummary(locale: Locale, checked: CheckedChoices): SafeHtml {
  const m = messagesFor(requestMessages, locale);
  return html`<div class="fr-callout fr-mb-4w">
<h2 class="fr-callout__title fr-h6">${m.yourRequest}</h2>
<p class="fr-callout__text">${m.officesAccepted} : ${checked.sites.map((site) => site.name).join(', ')}<br>
${m.halfDaysAccepted} : ${describeHalfDays(checked.halfDays, locale)}<br>
${m.earliestAccepted} : ${describeEarliest(checked.earliest, locale)}</p>
</div>`;
}

/** Step 3: Contrôle de sécurité. */
function securityView(page: PageContext, model: Extract<RequestStep, { step: 'security' }>): PageView {
  const { locale } = page;
  const j = messagesFor(journey, locale);
  const m = messagesFor(requestMessages, locale);
  const widget = model.captcha
    ? html`<p>${j.securityIntro}</p>
<noscript>${alert('warning', j.noScript)}</noscript>
${altchaWidget(locale, 'request')}`
    : alert('info', j.captchaOff);
  return {
    title: `${m.steps[2]} — ${model.context.procedure.title}`,
    status: model.failed ? 403 : 200,
    scripts: model.captcha ? ['js/altcha.min.js'] : [],
    main: html`${heading(locale, model.context, 3)}
${model.failed ? alert('error', j.captchaFailed) : ''}
${choicesSummary(locale, model.checked)}
<form method="post" action="/demandes/coordonnees">
${csrfField(page.csrf)}
${hiddenFields(carriedChoices(model.context.address, model.choices))}
${widget}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${messagesFor(common, locale).continue}</button></li>
<li><button class="fr-btn fr-btn--secondary" type="submit" formaction="/demandes/choix">${m.modifyChoices}</button></li>
</ul>
</form>`,
  };
}

/** Step 4: Coordonnées personnelles, the booking journey's form with the request's texts. */
function detailsView(page: PageContext, model: Extract<RequestStep, { step: 'details' }>): PageView {
  const { locale } = page;
  const m = messagesFor(requestMessages, locale);
  const { context, errors } = model;
  return {
    title: `${errors.length > 0 ? `${messagesFor(common, locale).errorPrefix} ` : ''}${m.steps[3]} — ${context.procedure.title}`,
    status: errors.length > 0 ? 422 : 200,
    main: html`${heading(locale, context, 4)}
${identityForm({
  rules: context.procedure,
  applicant: model.applicant,
  errors,
  csrf: page.csrf,
  locale,
  action: '/demandes/coordonnees',
  hidden: { ...carriedChoices(context.address, model.choices), altcha: model.altcha },
  emailHint: m.emailHint,
  intro: html`${choicesSummary(locale, model.checked)}
<div class="fr-callout fr-callout--blue-cumulus fr-mb-4w">
<h2 class="fr-callout__title fr-h6">${m.forRelativeTitle}</h2>
<p class="fr-callout__text fr-text--sm">${m.forRelativeText}</p>
</div>`,
})}`,
  };
}

/** Step 5: Valider et terminer — the summary to check, and the only button that records. */
function summaryView(page: PageContext, model: Extract<RequestStep, { step: 'summary' }>): PageView {
  const { locale } = page;
  const j = messagesFor(journey, locale);
  const m = messagesFor(requestMessages, locale);
  const { context, checked, applicant: a } = model;
  const row = (label: string, value: string | null) =>
    value ? html`<div class="creneau-summary-row"><dt>${label}</dt><dd>${value}</dd></div>` : '';
  const day = (date: string) =>
    formatDateTime(new Date(`${date}T12:00:00Z`), 'UTC', locale, { date: 'long' });
  return {
    title: `${m.steps[4]} — ${context.procedure.title}`,
    main: html`${heading(locale, context, 5)}
<h2 class="fr-h4">${m.summaryTitle}</h2>
<dl class="creneau-summary fr-mb-4w">
${row(m.procedure, context.procedure.title)}
${row(m.officesAccepted, checked.sites.map((site) => `${site.name}, ${site.address}`).join(' ; '))}
${row(m.halfDaysAccepted, describeHalfDays(checked.halfDays, locale))}
${row(m.earliestAccepted, describeEarliest(checked.earliest, locale))}
${row(j.identity, `${a.lastName} ${a.firstName}`)}
${row(j.birthDate, day(a.birthDate))}
${row(j.foreignerNumber, a.foreignerNumber)}
${row(j.titleExpiry, a.titleExpiry ? day(a.titleExpiry) : null)}
${row(j.postalCode, a.postalCode)}
${row(j.email, a.email)}
${row(j.phone, a.phone)}
</dl>
<p>${m.submitNotice}</p>
<form method="post" action="/demandes/valider">
${csrfField(page.csrf)}
${hiddenFields({ ...carriedChoices(context.address, model.choices), altcha: model.altcha })}
${applicantHidden(model.submitted)}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${j.submit}</button></li>
<li><button class="fr-btn fr-btn--secondary" type="submit" formaction="/demandes/coordonnees" name="action" value="modifier">${j.modify}</button></li>
<li><button class="fr-btn fr-btn--tertiary" type="submit" formaction="/demandes/choix">${m.modifyChoices}</button></li>
</ul>
</form>`,
  };
}

/** After step 5: the label, the receipt, and the reminder that arrival order does not count. */
function resultView({ locale }: PageContext, model: Extract<RequestStep, { step: 'result' }>): PageView {
  const m = messagesFor(requestMessages, locale);
  const receipt = `/demandes/${model.label}/recepisse.pdf?token=${model.receiptToken}`;
  return {
    title: m.resultTitle,
    main: html`<h1>${m.resultTitle}</h1>
<div class="fr-alert fr-alert--success fr-mb-4w"><p>${m.resultLabel} <strong class="creneau-label">${model.label}</strong></p><p>${m.resultKeep}</p></div>
<p><a class="fr-link fr-link--download" href="${receipt}" download>${m.downloadReceipt}</a></p>
<p>${m.resultEmail}</p>
<div class="fr-callout fr-mb-4w"><p class="fr-callout__text">${m.resultNoRace}</p></div>
<p class="fr-text--sm">${model.context.procedure.title}</p>`,
  };
}

/** Step 5 refused by a rule of the database: one appointment per person, N requests per address. */
function refusedView({ locale }: PageContext, model: Extract<RequestStep, { step: 'refused' }>): PageView {
  const m = messagesFor(requestMessages, locale);
  const message =
    model.code === 'already_booked'
      ? m.alreadyBooked
      : model.code === 'email_limit'
        ? m.emailLimit(model.emailLimit)
        : model.message;
  return {
    title: m.refusedTitle,
    status: model.status,
    main: html`<h1>${m.refusedTitle}</h1>${alert('error', message)}
<p><a class="fr-link" href="/rendez-vous/gerer">${messagesFor(journey, locale).manageLink}</a></p>`,
  };
}
