import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { alert, errorSummary, fieldId } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import { agentAdmin } from './agent-admin.messages.ts';
import type { FormProblem, ScopeChoices } from './agent-admin.pages.ts';
import { backOffice } from './backoffice.messages.ts';
import { ROLE_NAMES } from './permissions.ts';

// The administration's form parts (DSFR select and checkbox), pure like the views that use them.

/** A DSFR select with its label, hint and error message tied to it. */
export function selectField(options: {
  name: string;
  label: string;
  hint?: string;
  choices: { value: string; label: string }[];
  selected: string;
  errors?: FieldError[];
}): SafeHtml {
  const id = fieldId(options.name);
  const errors = (options.errors ?? []).filter((e) => e.field === options.name);
  const invalid = errors.length > 0;
  return html`<div class="fr-select-group${invalid ? ' fr-select-group--error' : ''}">
<label class="fr-label" for="${id}">${options.label}${options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ''}</label>
<select class="fr-select${invalid ? ' fr-select--error' : ''}" id="${id}" name="${options.name}" required aria-required="true"${
    invalid ? html` aria-invalid="true" aria-describedby="${id}-messages"` : ''
  }>
${options.choices.map((c) => html`<option value="${c.value}"${c.value === options.selected ? html` selected` : ''}>${c.label}</option>`)}
</select>
${invalid ? html`<div class="fr-messages-group" id="${id}-messages" aria-live="polite">${errors.map((e) => html`<p class="fr-message fr-message--error">${e.message}</p>`)}</div>` : ''}
</div>`;
}

/** A DSFR checkbox with its label and hint. */
export function checkboxField(options: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  id?: string;
}) {
  const id = options.id ?? fieldId(options.name);
  return html`<div class="fr-checkbox-group fr-mb-4w">
<input type="checkbox" id="${id}" name="${options.name}" value="on"${options.checked ? html` checked` : ''}>
<label class="fr-label" for="${id}">${options.label}${options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : ''}</label>
</div>`;
}

/** The roles as select choices, in the page's language. */
export function roleChoices(locale: Locale) {
  const roles = messagesFor(backOffice, locale).roles;
  return ROLE_NAMES.map((role) => ({ value: role, label: roles[role] }));
}

/** The scopes the reader may grant, as select choices (values in PRODUCT §7.1's syntax). */
export function scopeChoices(locale: Locale, scopes: ScopeChoices) {
  const m = messagesFor(agentAdmin, locale).scopeOption;
  return [
    ...(scopes.national ? [{ value: 'national', label: m.national }] : []),
    ...scopes.departments.map((d) => ({ value: d.code, label: m.department(d.code, d.name) })),
    ...scopes.sites.map((s) => ({ value: `site:${s.id}`, label: m.site(s.name, s.id) })),
  ];
}

/** The field errors of a refused form, with their messages in the page's language. */
export function fieldErrorsOf(locale: Locale, problem: FormProblem | undefined): FieldError[] {
  const m = messagesFor(agentAdmin, locale).errors.field;
  return (problem?.fields ?? []).map((f) => ({
    field: f.field,
    code: f.code,
    message: m[`${f.field}.${f.code}`] ?? m[`${f.field}.format`] ?? f.code,
  }));
}

/** What a refused form shows above it: the error summary (422) or the conflict's alert (409). */
export function problemBlock(
  locale: Locale,
  problem: FormProblem | undefined,
  labels: Record<string, string>,
) {
  if (!problem) return html``;
  const m = messagesFor(agentAdmin, locale).errors;
  if (problem.status === 422) return errorSummary(locale, fieldErrorsOf(locale, problem), labels);
  return alert('error', m.conflict[problem.code] ?? problem.code, m.title);
}
