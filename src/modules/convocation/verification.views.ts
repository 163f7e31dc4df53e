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

function certificateResult(locale: Locale, verification: Genuine<'certificate'>): SafeHtml {
  const a = messagesFor(convocation, locale).certificate;
  const { claims, timezone } = verification;
  const at = (iso: string) => formatDateTime(new Date(iso), timezone, locale);
  const day = (date: string) =>
    formatDateTime(new Date(`${date}T12:00:00Z`), 'UTC', locale, { date: 'long' });
  const request = claims.request;
  const rows: [string, string][] = [
    [a.labels.issuedAt, at(claims.issuedAt)],
    [a.labels.lastName, claims.lastName],
    [a.labels.firstName, claims.firstName],
    [a.labels.birthDate, claims.birthDate.split('-').reverse().join('/')],
    [a.labels.procedure, verification.procedureTitle ?? ''],
    [a.labels.nextFree, claims.nextFree ? at(claims.nextFree) : a.none],
    [a.labels.request, request?.label ?? a.none],
  ];
  if (request) {
    rows.push([a.labels.lost, String(request.lost)], [a.labels.waitingSince, at(request.createdAt)]);
  }
  const offices = claims.offices.map((office) => {
    const name = verification.siteNames.get(office.siteId) ?? `#${office.siteId}`;
    const dates =
      office.channel === 'draw'
        ? a.byDraw
        : office.through === null || office.through < claims.searchedFrom
          ? a.noDate
          : a.range(day(claims.searchedFrom), day(office.through));
    const first = office.channel === 'draw' ? '' : office.nextFree ? at(office.nextFree) : a.none;
    return html`<tr><td>${name}</td><td>${dates}</td><td>${first}</td></tr>`;
  });
  return html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h2 class="fr-alert__title">${a.genuineTitle}</h2>
<p>${a.genuineText}</p>
</div>
${certified(a.caption, rows)}
${offices.length > 0 ? table(a.officesCaption, [a.labels.office, a.labels.dates, a.labels.firstFree], offices) : ''}`;
}

/** The verification page of a convocation's, a receipt's or a certificate's code: the form, then what it certifies, if genuine. */
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
  } else if (verification?.genuine && verification.kind === 'certificate') {
    title = m.certificate.genuineTitle;
    result = certificateResult(locale, verification);
  } else if (verification?.genuine) {
    title = m.receipt.genuineTitle;
    result = receiptResult(locale, verification);
  } else if (verification) {
    title = m.unknownTitle;
    result = html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
<h2 class="fr-alert__title">${m.unknownTitle}</h2>
<p>${verification.kind === 'receipt' ? m.receipt.unknownText : verification.kind === 'certificate' ? m.certificate.unknownText : m.unknownText}</p>
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
