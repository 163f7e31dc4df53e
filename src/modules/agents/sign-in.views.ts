import type { FieldError } from '../../errors.ts';
import { alert, csrfField, errorSummary, fieldId, input } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { common } from '../web/web.messages.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { AFTER_SIGN_IN_PATH } from './auth.ts';
import type { Throttled } from './sign-in.flow.ts';
import { signInMessages } from './sign-in.messages.ts';
import type { SignInForm } from './sign-in.usecases.ts';
import type { CodePage, CodeRefusal, RecoveryCodesPage } from './sign-in-code.usecases.ts';

// The sign-in pages: no main menu and no user bar — nobody is signed in yet. Each refusal keeps the
// form, says what to do in words (never only in colour) and sets the page's status.

type Messages = (typeof signInMessages)['fr'];

const AGENTS_ZONE = 'Europe/Paris';

function throttledAlert(page: PageContext, m: Messages, refused: Throttled): SafeHtml {
  return refused.code === 'locked'
    ? alert(
        'error',
        m.signIn.locked(formatDateTime(refused.until, AGENTS_ZONE, page.locale, { time: 'short' })),
        m.signIn.lockedTitle,
      )
    : alert('error', m.signIn.throttled(refused.retryAfterSeconds), m.signIn.throttledTitle);
}

function statusOf(refused: SignInForm['refused'] | CodeRefusal | undefined): number | undefined {
  if (!refused) return undefined;
  if (refused.code === 'throttled' || refused.code === 'locked') return 429;
  return refused.code === 'missing' ? 422 : 401;
}

/** The password input (DSFR input group): its own markup, `input` having no password type. */
function passwordInput(label: string, errors: FieldError[]): SafeHtml {
  const invalid = errors.some((e) => e.field === 'password');
  return html`<div class="fr-input-group${invalid ? ' fr-input-group--error' : ''}">
<label class="fr-label" for="password">${label}</label>
<input class="fr-input${invalid ? ' fr-input--error' : ''}" id="password" name="password" type="password" autocomplete="current-password" required aria-required="true"${
    invalid ? html` aria-invalid="true" aria-describedby="password-messages"` : ''
  }>
${invalid ? html`<div class="fr-messages-group" id="password-messages" aria-live="polite">${errors.filter((e) => e.field === 'password').map((e) => html`<p class="fr-message fr-message--error">${e.message}</p>`)}</div>` : ''}
</div>`;
}

/** The sign-in page: email and password, a notice after signing out, or why it was refused. */
export function signInView(page: PageContext, model: SignInForm): PageView {
  const { locale } = page;
  const m = messagesFor(signInMessages, locale);
  const c = messagesFor(common, locale);
  const refused = model.refused;
  const errors: FieldError[] =
    refused?.code === 'missing'
      ? refused.fields.map((field) => ({
          field,
          code: 'required',
          message: field === 'email' ? m.signIn.emailMissing : m.signIn.passwordMissing,
        }))
      : [];
  const notice = model.notice
    ? alert(
        model.notice === 'expired' ? 'warning' : 'success',
        model.notice === 'signed_out'
          ? m.signIn.signedOut
          : model.notice === 'signed_out_everywhere'
            ? m.signIn.signedOutEverywhere
            : m.signIn.expired,
      )
    : '';
  const refusal =
    refused?.code === 'credentials'
      ? html`<div class="fr-alert fr-alert--error fr-mb-4w" role="alert"><h2 class="fr-alert__title">${m.signIn.refusedTitle}</h2><p>${m.signIn.refused}</p><p>${m.signIn.federationHint}</p></div>`
      : refused?.code === 'throttled' || refused?.code === 'locked'
        ? throttledAlert(page, m, refused)
        : '';
  return {
    title: refused ? `${c.errorPrefix} ${m.signIn.title}` : m.signIn.title,
    status: statusOf(refused),
    main: html`<h1>${m.signIn.title}</h1>
${notice}${refusal}${errorSummary(locale, errors, { email: m.signIn.email, password: m.signIn.password })}
<p>${m.signIn.intro}</p>
<form method="post" action="/agents/connexion" novalidate>
${csrfField(page.csrf)}
${input({ name: 'email', label: m.signIn.email, hint: m.signIn.emailHint, type: 'email', autocomplete: 'username', value: model.email, required: true, errors })}
${passwordInput(m.signIn.password, errors)}
<button class="fr-btn" type="submit">${m.signIn.submit}</button>
</form>
${
  model.proConnect
    ? html`<p class="fr-mt-4w">${m.signIn.or}</p>
<p><a class="fr-btn fr-btn--secondary" href="/agents/connexion/proconnect">${m.signIn.proConnect}</a></p>`
    : ''
}`,
  };
}

/** The form's error for a refused code, tied to its field. */
function codeError(
  m: Messages,
  refused: CodeRefusal | undefined,
  field: 'code' | 'recoveryCode',
): FieldError[] {
  if (refused?.code !== 'missing' && refused?.code !== 'wrong') return [];
  const recovery = field === 'recoveryCode';
  const message =
    refused.code === 'missing'
      ? recovery
        ? m.code.recoveryMissing
        : m.code.missing
      : recovery
        ? m.code.recoveryWrong
        : m.code.wrong;
  return [{ field, code: refused.code, message }];
}

function codeForm(
  page: PageContext,
  m: Messages,
  field: 'code' | 'recoveryCode',
  errors: FieldError[],
): SafeHtml {
  const recovery = field === 'recoveryCode';
  return html`<form method="post" action="/agents/connexion/code" novalidate>
${csrfField(page.csrf)}
${input({
  name: field,
  label: recovery ? m.code.recoveryCode : m.code.code,
  hint: recovery ? m.code.recoveryHint : m.code.codeHint,
  autocomplete: recovery ? 'off' : 'one-time-code',
  inputmode: recovery ? 'text' : 'numeric',
  required: true,
  errors,
})}
<button class="fr-btn" type="submit">${m.code.submit}</button>
</form>`;
}

function cancelForm(page: PageContext, m: Messages): SafeHtml {
  return html`<form method="post" action="/agents/deconnexion" class="fr-mt-4w">
${csrfField(page.csrf)}
<button class="fr-btn fr-btn--tertiary" type="submit">${m.code.cancel}</button>
</form>`;
}

function enrolMain(
  page: PageContext,
  m: Messages,
  model: Extract<CodePage, { kind: 'enrol' }>,
  errors: FieldError[],
): SafeHtml {
  const key = model.secret.match(/.{1,4}/g)?.join(' ') ?? model.secret;
  return html`${errorSummary(page.locale, errors, { code: m.code.code })}
<p>${m.enrol.intro}</p>
<h2>${m.enrol.scanTitle}</h2>
<p>${m.enrol.scan}</p>
<p><img class="creneau-qr-code" src="${model.qrCode}" alt="${m.enrol.qrAlt(model.account)}" width="200" height="200"></p>
<p>${m.enrol.manual}</p>
<dl class="creneau-secret">
<dt>${m.enrol.account}</dt><dd>${model.account}</dd>
<dt>${m.enrol.key}</dt><dd><code>${key}</code></dd>
</dl>
<h2>${m.enrol.confirmTitle}</h2>
<p>${m.enrol.confirm}</p>
${codeForm(page, m, 'code', errors)}`;
}

function codeMain(
  page: PageContext,
  m: Messages,
  model: Extract<CodePage, { kind: 'code' }>,
  errors: FieldError[],
): SafeHtml {
  const field = model.recovery ? 'recoveryCode' : 'code';
  const labels = { code: m.code.code, recoveryCode: m.code.recoveryCode };
  return html`${errorSummary(page.locale, errors, labels)}
<p>${model.recovery ? m.code.recoveryIntro : m.code.intro}</p>
${codeForm(page, m, field, errors)}
<p class="fr-mt-4w"><a class="fr-link" href="${model.recovery ? '/agents/connexion/code' : '/agents/connexion/code?secours=1'}">${model.recovery ? m.code.useApp : m.code.useRecovery}</a></p>`;
}

function recoveryCodesView(page: PageContext, model: RecoveryCodesPage): PageView {
  const m = messagesFor(signInMessages, page.locale);
  return {
    title: m.recoveryCodes.title,
    main: html`<h1>${m.recoveryCodes.title}</h1>
${alert('success', m.recoveryCodes.done)}
${alert('warning', m.recoveryCodes.warning, m.recoveryCodes.warningTitle)}
<ol class="creneau-recovery-codes" aria-label="${m.recoveryCodes.listLabel}">
${model.codes.map((code) => html`<li><code>${code}</code></li>`)}
</ol>
<p><a class="fr-btn" href="${AFTER_SIGN_IN_PATH}">${m.recoveryCodes.continue}</a></p>`,
  };
}

/** The second step's pages: enrolment, the code (or a recovery code), and the recovery codes once. */
export function codeView(page: PageContext, model: CodePage | RecoveryCodesPage): PageView {
  if (model.kind === 'recovery_codes') return recoveryCodesView(page, model);
  const m = messagesFor(signInMessages, page.locale);
  const c = messagesFor(common, page.locale);
  const field = model.kind === 'code' && model.recovery ? 'recoveryCode' : 'code';
  const errors = codeError(m, model.refused, field);
  const throttled =
    model.refused?.code === 'throttled' || model.refused?.code === 'locked'
      ? throttledAlert(page, m, model.refused)
      : '';
  const title = model.kind === 'enrol' ? m.enrol.title : model.recovery ? m.code.recoveryTitle : m.code.title;
  const main = model.kind === 'enrol' ? enrolMain(page, m, model, errors) : codeMain(page, m, model, errors);
  return {
    title: model.refused ? `${c.errorPrefix} ${title}` : title,
    status: statusOf(model.refused),
    main: html`<h1>${title}</h1>
${throttled}${main}
${cancelForm(page, m)}`,
  };
}

/** The button ending every session of the agent (for the account page, `/agents/compte`). */
export function signOutEverywhereForm(page: PageContext): SafeHtml {
  const m = messagesFor(signInMessages, page.locale);
  return html`<form method="post" action="/agents/deconnexion-partout">
${csrfField(page.csrf)}
<p class="fr-hint-text" id="${fieldId('sign-out-everywhere-hint')}">${m.signOutEverywhere.hint}</p>
<button class="fr-btn fr-btn--secondary" type="submit" aria-describedby="sign-out-everywhere-hint">${m.signOutEverywhere.submit}</button>
</form>`;
}
