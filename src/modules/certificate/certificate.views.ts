import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import type { ApplicantInput } from '../booking/applicant.ts';
import { journey } from '../journey/journey.messages.ts';
import { procedureTitleIn } from '../territory/procedure-texts.ts';
import { alert, altchaWidget, csrfField, errorSummary, input } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { certificateMessages } from './certificate.messages.ts';
import type { CertificateProcedure } from './certificate.repository.ts';

// The form of the certificate of unavailability (/attestation): a POST, so that the identity never
// appears in a URL, with the anti-forgery token and the proof of work of the journey's step 3.

/** What the form shows: the procedure, the fields as typed, their errors, the security check. */
export interface CertificateForm {
  procedure: CertificateProcedure;
  applicant: ApplicantInput;
  errors: FieldError[];
  /** Whether the proof of work is asked for (CAPTCHA=on). */
  captcha: boolean;
  /** The proof of work was missing, wrong or spent: a 403. */
  failed: boolean;
}

function fields(model: CertificateForm, locale: Locale, errors: FieldError[]): SafeHtml {
  const j = messagesFor(journey, locale);
  const m = messagesFor(certificateMessages, locale);
  const field = (name: keyof ApplicantInput, extra: Partial<Parameters<typeof input>[0]> = {}) =>
    input({
      name: `applicant.${name}`,
      label: j.labels[`applicant.${name}`] ?? name,
      value: model.applicant[name] ?? '',
      errors,
      required: true,
      ...extra,
    });
  return html`<fieldset class="fr-fieldset" aria-describedby="identite-aide">
<legend class="fr-fieldset__legend">${j.identity}<span class="fr-hint-text" id="identite-aide">${j.identityHint}</span></legend>
<div class="fr-fieldset__element">${field('lastName', { autocomplete: 'family-name' })}</div>
<div class="fr-fieldset__element">${field('firstName', { autocomplete: 'given-name' })}</div>
<div class="fr-fieldset__element">${field('birthDate', { type: 'date', autocomplete: 'bday', hint: j.hints.birthDate })}</div>
<div class="fr-fieldset__element">${field('foreignerNumber', { inputmode: 'numeric', autocomplete: 'off', hint: m.foreignerNumberHint, required: false, optionalLabel: messagesFor(common, locale).optional })}</div>
</fieldset>
${field('email', { type: 'email', autocomplete: 'email', hint: m.emailHint })}`;
}

/** The form, with the errors of its fields (422) or of its security check (403). */
export function certificateFormView(page: PageContext, model: CertificateForm): PageView {
  const { locale } = page;
  const m = messagesFor(certificateMessages, locale);
  const j = messagesFor(journey, locale);
  // The address here finds a request; the journey's message speaks of links and convocations sent to it.
  const errors = model.errors.map((e) => ({
    ...e,
    message: e.code === 'email_invalid' ? m.emailInvalid : j.fieldError(e),
  }));
  const { procedure } = model;
  const security = model.captcha
    ? html`<h2 class="fr-h5">${m.securityTitle}</h2><p>${j.securityIntro}</p>
<noscript>${alert('warning', j.noScript)}</noscript>
${altchaWidget(locale, 'certificate')}`
    : '';
  return {
    title: errors.length > 0 ? `${messagesFor(common, locale).errorPrefix} ${m.title}` : m.title,
    status: errors.length > 0 ? 422 : model.failed ? 403 : 200,
    scripts: model.captcha ? ['js/altcha.min.js'] : [],
    main: html`<h1>${m.title}</h1>
${errorSummary(locale, errors, j.labels)}
${model.failed ? alert('error', m.captchaFailed) : ''}
<p>${m.intro}</p>
<dl class="creneau-summary fr-mb-4w">
<div class="creneau-summary-row"><dt>${m.procedure}</dt><dd>${procedureTitleIn(procedure.title, procedure.translations, locale)}</dd></div>
<div class="creneau-summary-row"><dt>${m.department}</dt><dd>${procedure.departmentName} (${procedure.departmentCode})</dd></div>
</dl>
<div class="fr-callout fr-callout--blue-cumulus fr-mb-4w"><p class="fr-callout__text fr-text--sm">${m.requestHint}</p></div>
<form method="post" action="/attestation" novalidate>
${csrfField(page.csrf)}
<input type="hidden" name="departement" value="${procedure.departmentCode}">
<input type="hidden" name="demarche" value="${procedure.code}">
<p class="fr-hint-text">${j.requiredNote}</p>
${fields(model, locale, errors)}
${security}
<button class="fr-btn" type="submit">${m.submit}</button>
</form>`,
  };
}
