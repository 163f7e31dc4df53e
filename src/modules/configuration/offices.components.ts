import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { errorSummary, fieldId, input } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import { fieldErrorMessage } from './offices.fields.messages.ts';
import { offices } from './offices.messages.ts';

// The configuration forms' pieces (DSFR markup): each field with its label, hint and the message of
// its error in the page's language, tied by aria-describedby.

/** What a form shows: the values typed (or stored), and the problems of each field. */
export interface FormState {
  locale: Locale;
  values: Readonly<Record<string, string>>;
  errors: readonly FieldError[];
}

interface FieldOptions {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

function errorsOf(form: FormState, name: string): FieldError[] {
  return form.errors
    .filter((error) => error.field === name)
    .map((error) => ({ ...error, message: fieldErrorMessage(error, form.locale) }));
}

function messages(id: string, errors: FieldError[]): SafeHtml | string {
  if (errors.length === 0) return '';
  return html`<div class="fr-messages-group" id="${id}-messages" aria-live="polite">${errors.map((e) => html`<p class="fr-message fr-message--error">${e.message}</p>`)}</div>`;
}

function label(form: FormState, options: FieldOptions): SafeHtml {
  const optional = options.required ? '' : html` (${messagesFor(common, form.locale).optional})`;
  return html`<label class="fr-label" for="${fieldId(options.name)}">${options.label}${optional}${
    options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ''
  }</label>`;
}

/** A one-line text field. */
export function textField(
  form: FormState,
  options: FieldOptions & { type?: 'text' | 'email' | 'tel'; autocomplete?: string; inputmode?: 'numeric' },
): SafeHtml {
  return input({
    ...options,
    value: form.values[options.name] ?? '',
    errors: errorsOf(form, options.name),
    ...(options.required ? {} : { optionalLabel: messagesFor(common, form.locale).optional }),
  });
}

/** A multi-line text field; `lang` marks a translation (Arabic is written right to left). */
export function textArea(
  form: FormState,
  options: FieldOptions & { rows?: number; lang?: Locale },
): SafeHtml {
  const id = fieldId(options.name);
  const errors = errorsOf(form, options.name);
  const invalid = errors.length > 0;
  const language = options.lang
    ? html` lang="${options.lang}" dir="${options.lang === 'ar' ? 'rtl' : 'ltr'}"`
    : '';
  return html`<div class="fr-input-group${invalid ? ' fr-input-group--error' : ''}">
${label(form, options)}
<textarea class="fr-input${invalid ? ' fr-input--error' : ''}" id="${id}" name="${options.name}" rows="${options.rows ?? 3}"${language}${
    options.required ? html` required aria-required="true"` : ''
  }${invalid ? html` aria-invalid="true" aria-describedby="${id}-messages"` : ''}>${form.values[options.name] ?? ''}</textarea>
${messages(id, errors)}
</div>`;
}

/** A choice among a few values. */
export function selectField(
  form: FormState,
  options: FieldOptions & { choices: readonly { value: string; label: string }[]; placeholder?: string },
): SafeHtml {
  const id = fieldId(options.name);
  const errors = errorsOf(form, options.name);
  const invalid = errors.length > 0;
  const current = form.values[options.name] ?? '';
  return html`<div class="fr-select-group${invalid ? ' fr-select-group--error' : ''}">
${label(form, options)}
<select class="fr-select${invalid ? ' fr-select--error' : ''}" id="${id}" name="${options.name}"${
    options.required ? html` required aria-required="true"` : ''
  }${invalid ? html` aria-invalid="true" aria-describedby="${id}-messages"` : ''}>
${options.placeholder !== undefined ? html`<option value="">${options.placeholder}</option>` : ''}
${options.choices.map(
  (choice) =>
    html`<option value="${choice.value}"${choice.value === current ? html` selected` : ''}>${choice.label}</option>`,
)}
</select>
${messages(id, errors)}
</div>`;
}

/** A checkbox: checked when the value is 'oui'. */
export function checkboxField(form: FormState, options: { name: string; label: string; hint?: string }) {
  const id = fieldId(options.name);
  const checked = form.values[options.name] === 'oui';
  return html`<div class="fr-checkbox-group fr-mb-2w">
<input type="checkbox" id="${id}" name="${options.name}" value="oui"${checked ? html` checked` : ''}>
<label class="fr-label" for="${id}">${options.label}${options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ''}</label>
</div>`;
}

/** A text for applicants in French, with its optional English and Arabic versions, as one fieldset. */
export function localizedFields(
  form: FormState,
  options: { name: string; legend: string; hint?: string; rows?: number },
): SafeHtml {
  const m = messagesFor(offices, form.locale).form;
  const field = (locale: Locale, text: string) =>
    html`<div class="fr-fieldset__element">${textArea(form, {
      name: `${options.name}.${locale}`,
      label: text,
      rows: options.rows ?? 2,
      ...(locale === 'fr' ? {} : { lang: locale }),
    })}</div>`;
  return html`<fieldset class="fr-fieldset" id="${fieldId(options.name)}-fieldset" aria-labelledby="${fieldId(options.name)}-legend">
<legend class="fr-fieldset__legend" id="${fieldId(options.name)}-legend">${options.legend}${
    options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ''
  }</legend>
${field('fr', m.inFrench)}
${field('en', m.inEnglish)}
${field('ar', m.inArabic)}
</fieldset>`;
}

/** The summary of a form's errors, each linking to its field, in the page's language. */
export function formErrors(form: FormState, labels: Record<string, string>): SafeHtml {
  const errors = form.errors.map((error) => ({ ...error, message: fieldErrorMessage(error, form.locale) }));
  return errorSummary(form.locale, errors, labels);
}

/** The page's title, prefixed as the DSFR error pattern asks when the form needs fixing. */
export function formTitle(form: FormState, title: string): string {
  return form.errors.length > 0 ? `${messagesFor(common, form.locale).errorPrefix} ${title}` : title;
}

/** The notice shown after a successful save. */
export function savedNotice(locale: Locale): SafeHtml {
  const m = messagesFor(offices, locale).form;
  return html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status"><p>${m.saved}</p></div>`;
}
