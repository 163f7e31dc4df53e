import { input, table } from '../web/components.ts';
import { html } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import type { Verification } from './convocation.usecases.ts';
import { convocation } from './verification.messages.ts';

/** What /verifier was asked (the code, and whether the form was sent) and what the check found. */
export interface VerificationPage {
  code: string;
  submitted: boolean;
  verification: Verification | undefined;
}

/** The verification page of a convocation's QR code: the form, then what the code certifies, if genuine. */
export function verificationView({ locale }: PageContext, model: VerificationPage): PageView {
  const m = messagesFor(convocation, locale);
  const { code, verification } = model;
  const form = html`<form method="get" action="/verifier">
${input({
  name: 'code',
  label: m.codeLabel,
  hint: m.codeHint,
  value: code,
  required: true,
  autocomplete: 'off',
  errors: model.submitted && code === '' ? [{ field: 'code', code: 'missing', message: m.codeMissing }] : [],
})}
<button class="fr-btn" type="submit">${m.submit}</button>
</form>`;
  let result = html``;
  let title = m.title;
  if (verification?.genuine) {
    const { claims, timezone } = verification;
    title = m.genuineTitle;
    const rows: [string, string][] = [
      [m.labels.reference, claims.reference],
      [m.labels.lastName, claims.lastName],
      [m.labels.firstName, claims.firstName],
      [m.labels.birthDate, claims.birthDate.split('-').reverse().join('/')],
      [m.labels.dateTime, formatDateTime(new Date(claims.startsAt), timezone, locale)],
      [m.labels.office, verification.siteName ?? ''],
    ];
    result = html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h2 class="fr-alert__title">${m.genuineTitle}</h2>
<p>${m.genuineText}</p>
</div>
${verification.current ? '' : html`<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.stale}</p></div>`}
${table(
  m.caption,
  rows.map(([label]) => label),
  [html`<tr>${rows.map(([, value]) => html`<td>${value}</td>`)}</tr>`],
)}`;
  } else if (verification) {
    title = m.unknownTitle;
    result = html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
<h2 class="fr-alert__title">${m.unknownTitle}</h2>
<p>${m.unknownText}</p>
</div>`;
  }
  return {
    title,
    main: html`<h1>${m.title}</h1>
${result}
${code === '' ? html`<p>${m.intro}</p>` : html`<h2 class="fr-h4">${m.another}</h2>`}
${form}`,
  };
}
