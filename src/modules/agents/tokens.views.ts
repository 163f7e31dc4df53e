import { alert, csrfField, errorSummary, input, table } from '../web/components.ts';
import { html } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import { backOffice } from './backoffice.messages.ts';
import { backOfficeChrome } from './backoffice.ts';
import { signOutEverywhereForm } from './sign-in.views.ts';
import { tokensPage } from './tokens.messages.ts';
import type { AccountPage } from './tokens.pages.ts';

// "Mon compte": who is signed in, their roles, and their API tokens.

const ZONE = 'Europe/Paris';

/** The account page: identity and roles, the tokens (the new one shown once), the creation form. */
export function accountView(page: PageContext, model: AccountPage): PageView {
  const m = messagesFor(tokensPage, page.locale);
  const b = messagesFor(backOffice, page.locale);
  const when = (at: Date) => formatDateTime(at, ZONE, page.locale, { date: 'medium', time: 'short' });
  const { principal } = model;
  const roles = principal.grants
    .map((grant) => `${b.roles[grant.role]} (${b.scope(grant.scope)})`)
    .join(', ');
  const rows = model.tokens.map(
    (token) => html`<tr><td>${token.name}</td><td>${when(token.createdAt)}</td>
<td>${token.lastUsedAt ? when(token.lastUsedAt) : m.tokens.never}</td>
<td>${token.revokedAt ? m.tokens.revoked(when(token.revokedAt)) : m.tokens.active}</td>
<td>${
      token.revokedAt
        ? ''
        : html`<form method="post" action="/agents/compte/jetons/${token.id}/revoquer">${csrfField(page.csrf)}
<button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" aria-label="${m.tokens.revokeLabel(token.name)}">${m.tokens.revoke}</button></form>`
    }</td></tr>`,
  );
  const head = [
    m.tokens.head.name,
    m.tokens.head.created,
    m.tokens.head.lastUsed,
    m.tokens.head.state,
    m.tokens.head.action,
  ];
  const errors = model.refused
    ? [{ field: 'name', code: model.refused.code, message: m.errors[`name.${model.refused.code}`] }]
    : [];
  const created = model.created
    ? html`<div class="fr-callout fr-mb-4w"><h3 class="fr-callout__title">${m.created.title} — ${model.created.name}</h3>
<p class="fr-callout__text"><code>${model.created.token}</code></p><p>${m.created.text}</p><p>${m.created.usage}</p></div>`
    : '';
  return {
    title: m.title,
    status: model.refused ? 422 : undefined,
    ...backOfficeChrome(page, principal, 'account'),
    main: html`<h1>${m.title}</h1>
<dl class="creneau-summary fr-mb-4w">
<div class="creneau-summary-row"><dt>${m.identity.name}</dt><dd>${principal.name}</dd></div>
<div class="creneau-summary-row"><dt>${m.identity.email}</dt><dd>${principal.email}</dd></div>
<div class="creneau-summary-row"><dt>${m.identity.roles}</dt><dd>${roles || '—'}</dd></div>
</dl>
<h2>${m.tokens.title}</h2>
<p>${m.tokens.intro}</p>
${model.revoked ? alert('success', m.revokedNotice) : ''}${created}
${model.tokens.length === 0 ? html`<p>${m.tokens.none}</p>` : table(m.tokens.caption, head, rows)}
<h3>${m.create.title}</h3>
${errorSummary(page.locale, errors, { name: m.create.name })}
<form method="post" action="/agents/compte/jetons" novalidate>${csrfField(page.csrf)}
${input({ name: 'name', label: m.create.name, hint: m.create.nameHint, value: model.refused?.name ?? '', autocomplete: 'off', required: true, errors })}
<button class="fr-btn" type="submit">${m.create.submit}</button>
</form>
<h2>${m.sessions}</h2>
${signOutEverywhereForm(page)}`,
  };
}
