import type { FieldError } from '../../errors.ts';
import type { Applicant, ApplicantInput } from '../booking/applicant.ts';
import type { JourneySlot } from '../booking/journey.repository.ts';
import { alert, altchaWidget, csrfField } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, markedText, messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import {
  applicantForm,
  applicantHidden,
  hiddenFields,
  journeyStepper,
  markedSlotTitle,
  slotSummary,
  slotTitle,
  slotTitleWrittenIn,
  when,
} from './journey.components.ts';
import { journey } from './journey.messages.ts';

// Steps 3 to 5 of the booking journey (PRODUCT §4.3). From step 3 on, everything travels in hidden
// fields of POST forms, so that no personal data ever appears in a URL.

/** What a POST step of the journey shows. */
export type JourneyStep =
  /** A step opened without a slot (its address typed, a bookmark, a language switch): start again. */
  | { step: 'restart'; status: number }
  | { step: 'security'; slot: JourneySlot; captcha: boolean; failed: boolean }
  | { step: 'details'; slot: JourneySlot; applicant: ApplicantInput; altcha?: string; errors: FieldError[] }
  | {
      step: 'summary';
      slot: JourneySlot;
      applicant: Applicant;
      /** The fields as typed, carried to the last POST. */
      submitted: ApplicantInput;
      altcha?: string;
      holdMinutes: number;
    }
  | { step: 'result'; slot: JourneySlot; email: string; reference: string; holdExpiresAt: Date }
  | { step: 'refused'; status: number; code: string; message: string; emailLimit: number };

/** The page of a POST step of the journey. */
export function journeyStepView(page: PageContext, model: JourneyStep): PageView {
  switch (model.step) {
    case 'restart':
      return restartView(page, model.status);
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

function restartView({ locale }: PageContext, status: number): PageView {
  const m = messagesFor(journey, locale);
  return {
    title: m.restartTitle,
    status,
    main: html`<h1>${m.restartTitle}</h1><p>${m.restartText}</p><p><a class="fr-link" href="/">${m.restartLink}</a></p>`,
  };
}

/** Step 3: Contrôle de sécurité. */
function securityView(page: PageContext, model: Extract<JourneyStep, { step: 'security' }>): PageView {
  const { locale } = page;
  const m = messagesFor(journey, locale);
  const { slot, captcha, failed } = model;
  const widget = captcha
    ? html`<p>${m.securityIntro}</p>
<noscript>${alert('warning', m.noScript)}</noscript>
${altchaWidget(locale, 'booking')}`
    : alert('info', m.captchaOff);
  return {
    title: m.steps[2] ?? '',
    status: failed ? 403 : 200,
    scripts: captcha ? ['js/altcha.min.js'] : [],
    main: html`<h1 class="fr-h3"${slotTitleWrittenIn(slot, locale)}>${slotTitle(slot, locale)}</h1>
${journeyStepper(locale, 3)}
${failed ? alert('error', m.captchaFailed) : ''}
${slotSummary(slot, locale)}
<form method="post" action="/rendez-vous/coordonnees">
${csrfField(page.csrf)}
${hiddenFields({ slotId: String(slot.slotId) })}
${widget}
<button class="fr-btn" type="submit">${messagesFor(common, locale).continue}</button>
</form>`,
  };
}

/** Step 4: Coordonnées personnelles, with the errors of the fields when there are some. */
function detailsView(page: PageContext, model: Extract<JourneyStep, { step: 'details' }>): PageView {
  const { locale } = page;
  const m = messagesFor(journey, locale);
  const { slot, errors } = model;
  return {
    title:
      errors.length > 0 ? `${messagesFor(common, locale).errorPrefix} ${m.steps[3]}` : (m.steps[3] ?? ''),
    status: errors.length > 0 ? 422 : 200,
    main: html`<h1 class="fr-h3"${slotTitleWrittenIn(slot, locale)}>${slotTitle(slot, locale)}</h1>
${journeyStepper(locale, 4)}
${applicantForm({ slot, applicant: model.applicant, errors, altcha: model.altcha, csrf: page.csrf, locale })}`,
  };
}

/** Step 5: Valider et terminer — the summary to check, and the only button that books. */
function summaryView(page: PageContext, model: Extract<JourneyStep, { step: 'summary' }>): PageView {
  const { locale } = page;
  const m = messagesFor(journey, locale);
  const { slot, applicant: a } = model;
  const row = (label: string, value: SafeHtml | string | null) =>
    value ? html`<div class="creneau-summary-row"><dt>${label}</dt><dd>${value}</dd></div>` : '';
  const day = (date: string) =>
    formatDateTime(new Date(`${date}T12:00:00Z`), 'UTC', locale, { date: 'long' });
  return {
    title: m.steps[4] ?? '',
    main: html`<h1 class="fr-h3"${slotTitleWrittenIn(slot, locale)}>${slotTitle(slot, locale)}</h1>
${journeyStepper(locale, 5)}
<h2 class="fr-h4">${m.summaryTitle}</h2>
<dl class="creneau-summary fr-mb-4w">
${row(m.procedure, markedSlotTitle(slot, locale))}
${row(m.office, markedText(`${slot.siteName}, ${slot.siteAddress}`, 'fr', locale))}
${row(m.dateTime, when(slot.startsAt, slot.timezone, locale))}
${row(m.duration, m.minutes(slot.durationMinutes))}
${row(m.identity, `${a.lastName} ${a.firstName}`)}
${row(m.birthDate, day(a.birthDate))}
${row(m.foreignerNumber, a.foreignerNumber)}
${row(m.titleExpiry, a.titleExpiry ? day(a.titleExpiry) : null)}
${row(m.postalCode, a.postalCode)}
${row(m.email, a.email)}
${row(m.phone, a.phone ? html`<span dir="ltr">${a.phone}</span>` : null)}
</dl>
<p>${m.holdNotice(model.holdMinutes)}</p>
<form method="post" action="/rendez-vous/valider">
${csrfField(page.csrf)}
${hiddenFields({ slotId: String(slot.slotId), altcha: model.altcha })}
${applicantHidden(model.submitted)}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${m.submit}</button></li>
<li><button class="fr-btn fr-btn--secondary" type="submit" formaction="/rendez-vous/coordonnees" name="action" value="modifier">${m.modify}</button></li>
</ul>
</form>`,
  };
}

/** After step 5: the seat is held; the email asking to confirm is on its way. */
function resultView({ locale }: PageContext, model: Extract<JourneyStep, { step: 'result' }>): PageView {
  const m = messagesFor(journey, locale);
  const { slot } = model;
  const deadline = formatDateTime(model.holdExpiresAt, slot.timezone, locale, {
    date: 'full',
    time: 'short',
  });
  return {
    title: m.resultTitle,
    main: html`<h1>${m.resultTitle}</h1>
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.resultEmail(model.email)}</p><p><strong>${m.resultDeadline(deadline)}</strong></p></div>
<p>${m.resultSpam}</p>
${slotSummary(slot, locale)}
<p>${m.referenceLabel} <strong>${model.reference}</strong></p>
<p><a class="fr-link" href="/rendez-vous/gerer">${m.manageLink}</a></p>`,
  };
}

/** Step 5 refused by a rule of the database: one active booking per person, N per address. */
function refusedView({ locale }: PageContext, model: Extract<JourneyStep, { step: 'refused' }>): PageView {
  const m = messagesFor(journey, locale);
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
<p><a class="fr-link" href="/rendez-vous/gerer">${m.manageLink}</a></p>`,
  };
}
