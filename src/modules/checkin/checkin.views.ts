import type { IdentityValues } from '../../db/schema.counter.ts';
import type { FieldError } from '../../errors.ts';
import { backOfficeChrome } from '../agents/backoffice.ts';
import { fieldMessage } from '../booking/applicant.messages.ts';
import { normaliseName } from '../booking/identity.ts';
import { alert, csrfField, errorSummary, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { checkInMessages } from './checkin.messages.ts';
import type { CheckInPage, CorrectionState } from './checkin-page.usecases.ts';

// The reception's page: a field a USB scanner types into (focused), the reference as fallback, the
// camera's button for js/check-in.js, then the booking and the two identities field by field, each
// difference said in words, and the correction's form.

type Texts = (typeof checkInMessages)['fr'];
type Result = NonNullable<CheckInPage['result']>;

const FIELDS = ['lastName', 'firstName', 'birthDate', 'foreignerNumber'] as const;

/** /agents/accueil and its answers. */
export function checkInView(page: PageContext, model: CheckInPage): PageView {
  const m = messagesFor(checkInMessages, page.locale);
  return {
    title: model.result ? `${m.title} — ${model.result.reference}` : m.title,
    status: model.status,
    scripts: ['js/jsqr.js', 'js/check-in.js'],
    ...backOfficeChrome(page, model.principal, 'checkIn'),
    main: html`<h1>${m.title}</h1>
${model.error ? errorBox(page, m, model.error) : ''}
${model.result ? resultOf(page, m, model.result, model.correction) : ''}
${scanForm(page, m, model)}`,
  };
}

function errorMessage(page: PageContext, m: Texts, code: string, date?: string): string {
  if (code === 'wrong_day' && date) {
    const day = formatDateTime(new Date(`${date}T12:00:00Z`), 'UTC', page.locale, { date: 'full' });
    return m.errors.wrong_day(day);
  }
  const known = m.errors[code as Exclude<keyof Texts['errors'], 'wrong_day'>];
  return typeof known === 'string' ? known : code;
}

function errorBox(page: PageContext, m: Texts, error: NonNullable<CheckInPage['error']>): SafeHtml {
  const field = error.fields?.[0];
  const message = errorMessage(page, m, field?.code ?? error.code, error.date);
  return alert('error', message, m.errorTitle);
}

function scanForm(page: PageContext, m: Texts, model: CheckInPage): SafeHtml {
  const errors: FieldError[] = (model.error?.fields ?? []).map((f) => ({
    ...f,
    message: errorMessage(page, m, f.code),
  }));
  return html`<form method="post" action="/agents/accueil" class="fr-mb-6w" data-check-in-form>
${csrfField(page.csrf)}
<div class="fr-input-group">
<label class="fr-label" for="qr">${m.qr}<span class="fr-hint-text">${m.qrHint}</span></label>
<input class="fr-input" id="qr" name="qr" type="text" value="${model.qr}" autocomplete="off" autocapitalize="off" spellcheck="false" autofocus>
</div>
${input({ name: 'reference', label: m.reference, hint: m.referenceHint, value: model.reference, autocomplete: 'off', errors })}
<ul class="fr-btns-group fr-btns-group--inline-md">
<li><button class="fr-btn" type="submit">${m.submit}</button></li>
<li><button class="fr-btn fr-btn--secondary" type="button" data-camera-start hidden>${m.camera}</button></li>
<li><button class="fr-btn fr-btn--tertiary" type="button" data-camera-stop hidden>${m.cameraStop}</button></li>
</ul>
<p class="fr-text--sm" role="status" data-camera-status data-on="${m.cameraOn}" data-read="${m.cameraRead}" data-denied="${m.cameraDenied}"></p>
<video class="creneau-camera" data-camera-video muted playsinline hidden aria-label="${m.cameraVideo}"></video>
</form>`;
}

function personName(identity: IdentityValues): string {
  return `${identity.firstName} ${identity.lastName}`;
}

function resultOf(page: PageContext, m: Texts, r: Result, correction?: CorrectionState): SafeHtml {
  const status = m.statuses[r.status];
  const notice = r.checkedInNow
    ? m.checkedIn(personName(r.identity))
    : m.alreadyIn(personName(r.identity), status);
  const time = formatDateTime(r.appointment.start, r.appointment.timezone, page.locale);
  return html`${correction ? correctionNotice(m, correction) : ''}
${alert(r.checkedInNow ? 'success' : 'info', notice)}
<h2>${m.booking}</h2>
<dl class="creneau-summary fr-mb-4w">
<dt>${m.labels.reference}</dt><dd>${r.reference}</dd>
<dt>${m.labels.time}</dt><dd>${time}</dd>
<dt>${m.labels.procedure}</dt><dd>${r.appointment.procedureTitle}</dd>
<dt>${m.labels.site}</dt><dd>${r.appointment.siteName}</dd>
<dt>${m.labels.status}</dt><dd>${status}</dd>
</dl>
${comparison(m, r)}
${r.canCorrect ? correctionForm(page, m, r, correction) : ''}`;
}

/** Whether two values of a field are the same identity: names compared as identity.ts does. */
function same(field: (typeof FIELDS)[number], a: string, b: string): boolean {
  return field === 'lastName' || field === 'firstName' ? normaliseName(a) === normaliseName(b) : a === b;
}

function comparison(m: Texts, r: Result): SafeHtml {
  const signed = r.signedIdentity;
  if (!signed) {
    const rows = FIELDS.map(
      (f) => html`<tr><th scope="row">${m.fields[f]}</th><td>${r.identity[f] ?? m.none}</td></tr>`,
    );
    return html`<h2>${m.compareTitle}</h2>
${alert('info', m.noSigned)}
${table(m.compareCaption, [m.columns.field, m.columns.booking], rows)}`;
  }
  let differences = 0;
  const rows = FIELDS.map((f) => {
    const booked = r.identity[f] ?? m.none;
    if (f === 'foreignerNumber') {
      return html`<tr><th scope="row">${m.fields[f]}</th><td>${m.notSigned}</td><td>${booked}</td><td>${m.none}</td></tr>`;
    }
    const ok = same(f, signed[f], booked);
    if (!ok) differences += 1;
    const match = ok
      ? html`<p class="fr-badge fr-badge--success fr-badge--sm">${m.same}</p>`
      : html`<p class="fr-badge fr-badge--warning fr-badge--sm">${m.different}</p>`;
    return html`<tr${ok ? '' : html` class="creneau-differs"`}><th scope="row">${m.fields[f]}</th><td>${signed[f]}</td><td>${booked}</td><td>${match}</td></tr>`;
  });
  const head = [m.columns.field, m.columns.signed, m.columns.booking, m.columns.match];
  return html`<h2>${m.compareTitle}</h2>
${differences > 0 ? alert('warning', m.differences(differences)) : ''}
${table(m.compareCaption, head, rows)}`;
}

function correctionNotice(m: Texts, c: CorrectionState): SafeHtml {
  if (c.corrected === undefined) return html``;
  if (c.corrected.length === 0) return alert('info', m.correction.unchanged);
  return alert('success', m.correction.done(c.corrected.map((f) => m.fields[f]).join(', ')));
}

function correctionForm(page: PageContext, m: Texts, r: Result, c?: CorrectionState): SafeHtml {
  const failed = c?.corrected === undefined && c !== undefined;
  const value = (f: (typeof FIELDS)[number] | 'reason') =>
    failed ? (c?.typed?.[f] ?? '') : f === 'reason' ? '' : (r.identity[f] ?? '');
  const errors = (failed ? (c?.errors ?? []) : []).map((e) => ({
    ...e,
    message:
      e.field === 'reason'
        ? m.correction.reasonHint
        : e.field === 'identity'
          ? m.correction.nothing
          : fieldMessage(e, page.locale),
  }));
  const labels = { ...m.fields, reason: m.correction.reason, identity: m.correction.identity };
  const refusal =
    failed && c?.code === 'identity_taken'
      ? alert('error', m.correction.taken)
      : failed && c?.code === 'not_correctable'
        ? alert('error', m.correction.closed)
        : '';
  const reasonError = errors.find((e) => e.field === 'reason');
  return html`<h2 id="correction">${m.correction.title}</h2>
${refusal}
${errorSummary(page.locale, errors, labels)}
<p>${m.correction.intro}</p>
<form method="post" action="/agents/accueil/identite" class="fr-mb-6w">
${csrfField(page.csrf)}
<input type="hidden" name="reference" value="${r.reference}">
<input type="hidden" name="qr" value="${r.scanned}">
${FIELDS.map((f) =>
  input({
    name: f,
    label: m.fields[f],
    value: value(f),
    errors,
    autocomplete: 'off',
    ...(f === 'birthDate' ? { type: 'date' as const } : {}),
    ...(f === 'foreignerNumber' ? { inputmode: 'numeric' as const } : {}),
  }),
)}
<div class="fr-input-group${reasonError ? ' fr-input-group--error' : ''}">
<label class="fr-label" for="reason">${m.correction.reason}<span class="fr-hint-text">${m.correction.reasonHint}</span></label>
<textarea class="fr-input${reasonError ? ' fr-input--error' : ''}" id="reason" name="reason" rows="3" required aria-required="true"${
    reasonError ? html` aria-invalid="true" aria-describedby="reason-messages"` : ''
  }>${value('reason')}</textarea>
${reasonError ? html`<div class="fr-messages-group" id="reason-messages"><p class="fr-message fr-message--error">${reasonError.message}</p></div>` : ''}
</div>
<button class="fr-btn fr-btn--secondary" type="submit">${m.correction.submit}</button>
</form>`;
}
