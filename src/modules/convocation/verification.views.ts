import type { Locale } from '../../db/schema.ts';
import { describeEarliest, describeHalfDays } from '../requests/half-days.messages.ts';
import { input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
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

type Genuine<K> = Extract<Verification, { genuine: true; kind: K }>;

function certified(caption: string, rows: [string, string][]): SafeHtml {
  return table(
    caption,
    rows.map(([label]) => label),
    [html`<tr>${rows.map(([, value]) => html`<td>${value}</td>`)}</tr>`],
  );
}

function convocationResult(locale: Locale, verification: Genuine<'convocation'>): SafeHtml {
  const m = messagesFor(convocation, locale);
  const { claims, timezone } = verification;
  return html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h2 class="fr-alert__title">${m.genuineTitle}</h2>
<p>${m.genuineText}</p>
</div>
${verification.current ? '' : html`<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.stale}</p></div>`}
${certified(m.caption, [
  [m.labels.reference, claims.reference],
  [m.labels.lastName, claims.lastName],
  [m.labels.firstName, claims.firstName],
  [m.labels.birthDate, claims.birthDate.split('-').reverse().join('/')],
  [m.labels.dateTime, formatDateTime(new Date(claims.startsAt), timezone, locale)],
  [m.labels.office, verification.siteName ?? ''],
])}`;
}

function receiptResult(locale: Locale, verification: Genuine<'receipt'>): SafeHtml {
  const r = messagesFor(convocation, locale).receipt;
  const { claims, timezone } = verification;
  const at = (iso: string) => formatDateTime(new Date(iso), timezone, locale);
  const state =
    verification.state === 'waiting' ? r.waiting : verification.state === 'updated' ? r.updated : r.ended;
  return html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h2 class="fr-alert__title">${r.genuineTitle}</h2>
<p>${r.genuineText}</p>
</div>
<div class="fr-alert fr-alert--${verification.state === 'waiting' ? 'info' : 'warning'} fr-mb-4w"><p>${state}</p></div>
${certified(r.caption, [
  [r.labels.label, claims.label],
  [r.labels.procedure, verification.procedureTitle ?? ''],
  [r.labels.offices, verification.siteNames.join(', ')],
  [r.labels.halfDays, describeHalfDays(claims.halfDays, locale)],
  [r.labels.earliest, describeEarliest(claims.earliest, locale)],
  [r.labels.submittedAt, at(claims.submittedAt)],
  [r.labels.issuedAt, at(claims.issuedAt)],
])}`;
}

/** The verification page of a convocation's or a receipt's code: the form, then what it certifies, if genuine. */
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
  if (verification?.genuine && verification.kind === 'convocation') {
    title = m.genuineTitle;
    result = convocationResult(locale, verification);
  } else if (verification?.genuine) {
    title = m.receipt.genuineTitle;
    result = receiptResult(locale, verification);
  } else if (verification) {
    title = m.unknownTitle;
    result = html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
<h2 class="fr-alert__title">${m.unknownTitle}</h2>
<p>${verification.kind === 'receipt' ? m.receipt.unknownText : m.unknownText}</p>
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
