import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import type { CaptchaAction } from '../protection/captcha.ts';
import { html, type SafeHtml } from './html.ts';
import { messagesFor } from './i18n.ts';
import { common } from './web.messages.ts';

// DSFR components as typed functions: every value is escaped by `html`.

/** The DSFR stepper: "Étape 2 sur 5", the current step's title and the next one's. */
export function stepper(options: {
  current: number;
  titles: string[];
  stateLabel: string;
  nextLabel: string;
}): SafeHtml {
  const { current, titles, stateLabel, nextLabel } = options;
  const next = titles[current];
  return html`<div class="fr-stepper">
<h2 class="fr-stepper__title">${titles[current - 1]}<span class="fr-stepper__state">${stateLabel}</span></h2>
<div class="fr-stepper__steps" data-fr-current-step="${current}" data-fr-steps="${titles.length}"></div>
${next ? html`<p class="fr-stepper__details"><span class="fr-text--bold">${nextLabel}</span> ${next}</p>` : ''}
</div>`;
}

/** The id of a form field from its API name: 'applicant.lastName' → 'applicant-lastName'. */
export function fieldId(field: string): string {
  return field.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** The summary at the top of a form in error, linking to each field (RGAA 11.10, DSFR error pattern). */
export function errorSummary(locale: Locale, errors: FieldError[], labels: Record<string, string>): SafeHtml {
  if (errors.length === 0) return html``;
  const m = messagesFor(common, locale);
  return html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="erreurs" tabindex="-1" autofocus>
<h2 class="fr-alert__title">${m.errorSummaryTitle(errors.length)}</h2>
<ul>${errors.map((e) => html`<li><a href="#${fieldId(e.field)}">${m.labelled(labels[e.field] ?? e.field, e.message)}</a></li>`)}</ul>
</div>`;
}

export interface InputOptions {
  name: string;
  label: string;
  value?: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'date' | 'time' | 'number';
  autocomplete?: string;
  required?: boolean;
  errors?: FieldError[];
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
  /** Shown after the label in the form's language, e.g. "(facultatif)". */
  optionalLabel?: string;
}

/** A DSFR input group with its label, hint and error message tied by aria-describedby. */
export function input(options: InputOptions): SafeHtml {
  const id = fieldId(options.name);
  const errors = (options.errors ?? []).filter((e) => e.field === options.name);
  const invalid = errors.length > 0;
  return html`<div class="fr-input-group${invalid ? ' fr-input-group--error' : ''}">
<label class="fr-label" for="${id}">${options.label}${options.optionalLabel ? html` (${options.optionalLabel})` : ''}${
    options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ''
  }</label>
<input class="fr-input${invalid ? ' fr-input--error' : ''}" id="${id}" name="${options.name}" type="${options.type ?? 'text'}" value="${options.value ?? ''}"${
    options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''
  }${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}${options.required ? html` required aria-required="true"` : ''}${
    invalid ? html` aria-invalid="true" aria-describedby="${id}-messages"` : ''
  }>
${invalid ? html`<div class="fr-messages-group" id="${id}-messages" aria-live="polite">${errors.map((e) => html`<p class="fr-message fr-message--error">${e.message}</p>`)}</div>` : ''}
</div>`;
}

/** The hidden field every form carries against cross-site request forgery. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A DSFR breadcrumb, the last entry being the current page; an entry may be marked text (`markedText`). */
export function breadcrumb(label: string, items: { label: string | SafeHtml; href?: string }[]): SafeHtml {
  return html`<nav role="navigation" class="fr-breadcrumb" aria-label="${label}"><ol class="fr-breadcrumb__list">
${items.map((item) =>
  item.href
    ? html`<li><a class="fr-breadcrumb__link" href="${item.href}">${item.label}</a></li>`
    : html`<li><a class="fr-breadcrumb__link" aria-current="page">${item.label}</a></li>`,
)}
</ol></nav>`;
}

/**
 * The ALTCHA proof-of-work widget (altcha 3.x reads `challenge`, not the older `challengeurl`). The
 * empty #altcha-css element stops the widget from injecting an inline <style>, which the CSP refuses;
 * its look comes from creneau.css. The page must load 'js/altcha.min.js'. The challenge is signed for
 * `action`, the form's write: no other form accepts its solution.
 */
export function altchaWidget(locale: string, action: CaptchaAction): SafeHtml {
  return html`<span id="altcha-css" hidden></span>
<div class="fr-mb-4w creneau-altcha"><altcha-widget challenge="/api/v1/captcha?action=${action}" name="altcha" language="${locale}" configuration='{"hideLogo":true,"hideFooter":true}'></altcha-widget></div>`;
}

/** An alert box; `role="alert"` only for errors, so that notices are not read out abruptly. */
export function alert(
  kind: 'error' | 'info' | 'warning' | 'success',
  text: string,
  title?: string,
): SafeHtml {
  return html`<div class="fr-alert fr-alert--${kind} fr-mb-4w"${kind === 'error' ? html` role="alert"` : ''}>
${title ? html`<h2 class="fr-alert__title">${title}</h2>` : ''}<p>${text}</p>
</div>`;
}

/** A DSFR table (1.14 markup) with its caption, column headers and rows. */
export function table(caption: string, head: string[], rows: SafeHtml[]): SafeHtml {
  // A table wider than a phone scrolls: its container must take the focus to be scrolled by keyboard.
  return html`<div class="fr-table"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${caption}"><div class="fr-table__content">
<table>
<caption>${caption}</caption>
<thead><tr>${head.map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div></div></div></div>`;
}
