import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import type { StrandedBooking } from '../schedule/regeneration.ts';
import { alert, breadcrumb, fieldId, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { fieldMessage, schedule } from './schedule.messages.ts';

// Pieces the schedule's two pages share: the bookings a refused change lists, the notices, the form
// controls the web components do not have (select, checkboxes, radios), dates in the page's language.

/** Field errors with their message in the page's language. */
export function inLanguage(locale: Locale, errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => ({
    ...error,
    message: fieldMessage(locale, error.code, error.params) ?? error.message,
  }));
}

/** A calendar day (YYYY-MM-DD) written out in the page's language. */
export function longDay(day: string, locale: Locale): string {
  return formatDateTime(new Date(`${day}T12:00:00Z`), 'UTC', locale, { date: 'full' });
}

/** The refusal of a change that would leave bookings without a seat, and the table of them. */
export function strandedBookings(
  locale: Locale,
  zone: string,
  bookings: readonly StrandedBooking[],
): SafeHtml {
  const m = messagesFor(schedule, locale).stranded;
  const rows = bookings.map(
    (booking) =>
      html`<tr><td dir="ltr">${booking.reference}</td><td>${formatDateTime(new Date(booking.start), zone, locale)}</td><td>${booking.lastName}</td><td>${booking.firstName}</td></tr>`,
  );
  return html`<div id="refus">${alert('error', m.text(bookings.length), m.title)}
${table(m.caption, [...m.head], rows)}</div>`;
}

/** The notice of a save that went through. */
export function savedAlert(text: string | undefined): SafeHtml | string {
  return text ? alert('success', text) : '';
}

/** The back office's breadcrumb down to a site's page. */
export function siteBreadcrumb(
  locale: Locale,
  site: { siteId: number; siteName: string },
  trail: { label: string; href?: string }[],
): SafeHtml {
  const m = messagesFor(schedule, locale).breadcrumb;
  return breadcrumb(m.label, [
    { label: m.services, href: '/agents/services' },
    { label: site.siteName, href: `/agents/services/${site.siteId}` },
    ...trail,
  ]);
}

function errorsOf(name: string, errors: readonly FieldError[]) {
  const own = errors.filter((error) => error.field === name);
  const id = fieldId(name);
  return {
    own,
    invalid: own.length > 0,
    describedBy: own.length > 0 ? html` aria-invalid="true" aria-describedby="${id}-messages"` : '',
    messages:
      own.length > 0
        ? html`<div class="fr-messages-group" id="${id}-messages" aria-live="polite">${own.map((e) => html`<p class="fr-message fr-message--error">${e.message}</p>`)}</div>`
        : '',
  };
}

/** A DSFR select with its label and errors. */
export function select(options: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  choices: readonly { value: string; label: string }[];
  errors?: readonly FieldError[];
}): SafeHtml {
  const id = fieldId(options.name);
  const e = errorsOf(options.name, options.errors ?? []);
  return html`<div class="fr-select-group${e.invalid ? ' fr-select-group--error' : ''}">
<label class="fr-label" for="${id}">${options.label}${options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ''}</label>
<select class="fr-select${e.invalid ? ' fr-select--error' : ''}" id="${id}" name="${options.name}"${e.describedBy}>
${options.choices.map((choice) => html`<option value="${choice.value}"${choice.value === options.value ? html` selected` : ''}>${choice.label}</option>`)}
</select>
${e.messages}
</div>`;
}

/** A DSFR fieldset of checkboxes (each its own name) or radios (one name), with its legend and errors. */
export function choiceFieldset(options: {
  kind: 'checkbox' | 'radio';
  /** The field its errors are reported on. */
  name: string;
  legend: string;
  hint?: string;
  choices: readonly { name: string; value: string; label: string; hint?: string; checked: boolean }[];
  errors?: readonly FieldError[];
}): SafeHtml {
  const id = fieldId(options.name);
  const e = errorsOf(options.name, options.errors ?? []);
  const group = options.kind === 'radio' ? 'fr-radio-group' : 'fr-checkbox-group';
  return html`<fieldset class="fr-fieldset${e.invalid ? ' fr-fieldset--error' : ''}" id="${id}" aria-labelledby="${id}-legend${e.invalid ? html` ${id}-messages` : ''}">
<legend class="fr-fieldset__legend" id="${id}-legend">${options.legend}${options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ''}</legend>
${options.choices.map((choice, index) => {
  const choiceId = `${id}-${index}`;
  return html`<div class="fr-fieldset__element"><div class="${group}">
<input type="${options.kind}" id="${choiceId}" name="${choice.name}" value="${choice.value}"${choice.checked ? html` checked` : ''}>
<label class="fr-label" for="${choiceId}">${choice.label}${choice.hint ? html`<span class="fr-hint-text">${choice.hint}</span>` : ''}</label>
</div></div>`;
})}
${e.messages}
</fieldset>`;
}
