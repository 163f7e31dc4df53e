import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { journey } from '../journey/journey.messages.ts';
import { input, stepper } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import { HALF_DAYS } from './choices.ts';
import { halfDayName } from './half-days.messages.ts';
import type { PostedChoices } from './request-journey.input.ts';
import { requestMessages } from './requests.messages.ts';

// The parts of the request forms (the journey's step 2 and the back office's entry): the offices, the
// half-days and the earliest date, as native checkboxes and a date field.

/** The choices' field errors in the page's language (applicant fields keep their own catalog). */
export function choiceErrors(locale: Locale, errors: FieldError[]): FieldError[] {
  const m = messagesFor(requestMessages, locale);
  return errors.map((e) =>
    e.field.startsWith('applicant.') ? e : { ...e, message: m.choiceErrors[e.code] ?? e.message },
  );
}

function checkbox(name: string, label: string, checked: boolean, hint?: string): SafeHtml {
  return html`<div class="fr-checkbox-group">
<input type="checkbox" id="${name}" name="${name}" value="oui"${checked ? html` checked` : ''}>
<label class="fr-label" for="${name}">${label}${hint ? html`<span class="fr-hint-text">${hint}</span>` : ''}</label>
</div>`;
}

/** A fieldset of checkboxes, its errors tied to its legend (DSFR error pattern). */
function checkboxes(options: {
  id: string;
  legend: string;
  hint: string;
  errors: FieldError[];
  body: SafeHtml;
}): SafeHtml {
  const errors = options.errors.filter((e) => e.field === options.id);
  const invalid = errors.length > 0;
  return html`<fieldset class="fr-fieldset${invalid ? ' fr-fieldset--error' : ''}" id="${options.id}" aria-labelledby="${options.id}-legend${invalid ? ` ${options.id}-messages` : ''}">
<legend class="fr-fieldset__legend" id="${options.id}-legend">${options.legend}<span class="fr-hint-text">${options.hint}</span></legend>
${options.body}
${invalid ? html`<div class="fr-messages-group" id="${options.id}-messages" aria-live="polite">${errors.map((e) => html`<p class="fr-message fr-message--error">${e.message}</p>`)}</div>` : ''}
</fieldset>`;
}

/** The offices, half-days and earliest date fields, checked as `choices` says; `errors` already worded. */
export function choiceFields(options: {
  offices: { siteId: number; name: string; address: string }[];
  choices: PostedChoices;
  errors: FieldError[];
  locale: Locale;
}): SafeHtml {
  const { offices, choices, errors, locale } = options;
  const m = messagesFor(requestMessages, locale);
  const officeBoxes = offices.map(
    (o) =>
      html`<div class="fr-fieldset__element">${checkbox(`site-${o.siteId}`, o.name, choices.siteIds.includes(o.siteId), o.address)}</div>`,
  );
  const dayBoxes = HALF_DAYS.map(
    (code) =>
      html`<div class="fr-fieldset__element fr-fieldset__element--inline">${checkbox(`jour-${code}`, halfDayName(code, locale), choices.halfDays.includes(code))}</div>`,
  );
  return html`${checkboxes({ id: 'siteIds', legend: m.offices, hint: m.officesHint, errors, body: html`${officeBoxes}` })}
${checkboxes({ id: 'halfDays', legend: m.halfDays, hint: m.halfDaysHint, errors, body: html`${dayBoxes}` })}
${input({ name: 'earliest', label: m.earliest, hint: m.earliestHint, type: 'date', value: choices.earliest, errors })}`;
}

/** The DSFR stepper of the request journey at step `n` (1 to 5). */
export function requestStepper(locale: Locale, n: number): SafeHtml {
  const j = messagesFor(journey, locale);
  const m = messagesFor(requestMessages, locale);
  return stepper({ current: n, titles: m.steps, stateLabel: j.stepState(n), nextLabel: j.nextStep });
}
