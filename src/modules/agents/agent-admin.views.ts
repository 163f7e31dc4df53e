import type { Locale } from '../../db/schema.ts';
import { alert, breadcrumb, csrfField, input, table } from '../web/components.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { messagesFor } from '../web/i18n.ts';
import type { PageContext, PageView } from '../web/web.plugin.ts';
import {
  checkboxField,
  fieldErrorsOf,
  problemBlock,
  roleChoices,
  scopeChoices,
  selectField,
} from './agent-admin.components.ts';
import { agentAdmin } from './agent-admin.messages.ts';
import type { AgentListPage, AgentPage, CreatedAgentPage, NewAgentPage } from './agent-admin.pages.ts';
import type { AgentAccount } from './agent-admin.usecases.ts';
import { backOffice } from './backoffice.messages.ts';
import { backOfficeChrome } from './backoffice.ts';
import { scopeLabel } from './permissions.ts';

// The screens of the agents' administration: the list, the creation form and its result, an agent's page.

const LIST = '/agents/comptes';

function stateBadges(locale: Locale, agent: AgentAccount): SafeHtml {
  const m = messagesFor(agentAdmin, locale).state;
  const badge = (kind: string, text: string) =>
    html`<li><p class="fr-badge fr-badge--sm fr-badge--${kind}">${text}</p></li>`;
  return html`<ul class="fr-badges-group">${agent.active ? badge('success', m.active) : badge('error', m.inactive)}${
    agent.federationOnly ? badge('info', m.federationOnly) : ''
  }${!agent.federationOnly && !agent.totpEnrolled ? badge('warning', m.notEnrolled) : ''}</ul>`;
}

function rolesText(locale: Locale, agent: AgentAccount): string {
  const b = messagesFor(backOffice, locale);
  return agent.grants.map((grant) => `${b.roles[grant.role]} (${b.scope(grant.scope)})`).join(', ');
}

/** "Agents": the agents the reader administers, with their roles and state. */
export function agentListView(page: PageContext, model: AgentListPage): PageView {
  const m = messagesFor(agentAdmin, page.locale);
  const rows = model.agents.map(
    (agent) => html`<tr><td>${agent.name}</td><td>${agent.email}</td><td>${rolesText(page.locale, agent)}</td>
<td>${stateBadges(page.locale, agent)}</td>
<td><a class="fr-link" href="${LIST}/${agent.id}" aria-label="${m.list.open(agent.name)}">${m.list.head.open}</a></td></tr>`,
  );
  const head = [m.list.head.name, m.list.head.email, m.list.head.roles, m.list.head.state, m.list.head.open];
  return {
    title: m.list.title,
    ...backOfficeChrome(page, model.principal, 'agents'),
    main: html`<h1>${m.list.title}</h1>
<p>${m.list.intro}</p>
<p><a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="${LIST}/nouveau">${m.list.create}</a></p>
${model.agents.length === 0 ? html`<p>${m.list.none}</p>` : table(m.list.caption, head, rows)}`,
  };
}

function labelsOf(locale: Locale): Record<string, string> {
  const f = messagesFor(agentAdmin, locale).fields;
  return { email: f.email, name: f.name, role: f.role, scope: f.scope };
}

function grantFields(
  page: PageContext,
  model: { scopes: AgentPage['scopes'] },
  values: { role: string; scope: string },
  problem?: AgentPage['problem'],
) {
  const m = messagesFor(agentAdmin, page.locale).fields;
  const errors = fieldErrorsOf(page.locale, problem);
  return html`${selectField({ name: 'role', label: m.role, choices: roleChoices(page.locale), selected: values.role, errors })}
${selectField({ name: 'scope', label: m.scope, hint: m.scopeHint, choices: scopeChoices(page.locale, model.scopes), selected: values.scope, errors })}`;
}

function createdView(page: PageContext, model: CreatedAgentPage): PageView {
  const m = messagesFor(agentAdmin, page.locale);
  return {
    title: m.created.title,
    ...backOfficeChrome(page, model.principal, 'agents'),
    main: html`<h1>${m.created.title}</h1>
${alert('success', `${model.agent.name} — ${model.agent.email}`, m.done.created)}
<div class="fr-callout fr-mb-4w"><h2 class="fr-callout__title">${m.created.passwordTitle}</h2>
<p class="fr-callout__text"><code>${model.password}</code></p>
<p>${m.created.passwordText}</p><p>${m.created.enrolment}</p></div>
<p><a class="fr-link" href="${LIST}/${model.agent.id}">${m.created.open}</a></p>`,
  };
}

/** The creation form (again with what was refused), or the created agent with their password shown once. */
export function newAgentView(page: PageContext, model: NewAgentPage | CreatedAgentPage): PageView {
  if ('password' in model) return createdView(page, model);
  const m = messagesFor(agentAdmin, page.locale);
  const errors = fieldErrorsOf(page.locale, model.problem);
  const { values } = model;
  return {
    title: m.create.title,
    status: model.problem?.status,
    ...backOfficeChrome(page, model.principal, 'agents'),
    main: html`${breadcrumb(m.create.breadcrumb, [{ label: m.list.title, href: LIST }, { label: m.create.title }])}
<h1>${m.create.title}</h1>
<p>${m.create.intro}</p>
${problemBlock(page.locale, model.problem, labelsOf(page.locale))}
<form method="post" action="${LIST}/nouveau" novalidate>
${csrfField(page.csrf)}
${input({ name: 'email', label: m.fields.email, hint: m.fields.emailHint, type: 'email', value: values.email, autocomplete: 'off', required: true, errors })}
${input({ name: 'name', label: m.fields.name, value: values.name, autocomplete: 'off', required: true, errors })}
${grantFields(page, model, values, model.problem)}
${checkboxField({ name: 'federationOnly', label: m.fields.federationOnly, hint: m.fields.federationOnlyHint, checked: values.federationOnly })}
<button class="fr-btn" type="submit">${m.create.submit}</button>
</form>`,
  };
}

function summary(page: PageContext, agent: AgentAccount): SafeHtml {
  const m = messagesFor(agentAdmin, page.locale).detail;
  const row = (term: string, value: unknown) =>
    html`<div class="creneau-summary-row"><dt>${term}</dt><dd>${value}</dd></div>`;
  return html`<dl class="creneau-summary fr-mb-4w">${row(m.identity, agent.email)}
${row(m.signIn, agent.federationOnly ? m.signInFederation : m.signInPassword)}
${agent.federationOnly ? '' : row(m.secondFactor, agent.totpEnrolled ? m.enrolled : m.notEnrolled)}
${row(m.state, stateBadges(page.locale, agent))}</dl>`;
}

function grantsTable(page: PageContext, model: AgentPage): SafeHtml {
  const m = messagesFor(agentAdmin, page.locale).detail;
  const b = messagesFor(backOffice, page.locale);
  const action = `${LIST}/${model.agent.id}/roles/retirer`;
  const rows = model.agent.grants.map(
    (grant) => html`<tr><td>${b.roles[grant.role]}</td><td>${b.scope(grant.scope)}</td><td>
<form method="post" action="${action}">${csrfField(page.csrf)}
<input type="hidden" name="role" value="${grant.role}"><input type="hidden" name="scope" value="${scopeLabel(grant.scope)}">
<button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" aria-label="${m.removeLabel(b.roles[grant.role], b.scope(grant.scope))}">${m.remove}</button>
</form></td></tr>`,
  );
  return table(m.grantsCaption, [m.grantHead.role, m.grantHead.scope, m.grantHead.action], rows);
}

function accountForms(page: PageContext, model: AgentPage): SafeHtml {
  const m = messagesFor(agentAdmin, page.locale);
  const { agent } = model;
  const base = `${LIST}/${agent.id}`;
  if (!model.editable)
    return html`<div class="fr-notice fr-notice--info fr-mb-4w"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">${m.detail.notEditable}</p></div></div></div>`;
  const errors = fieldErrorsOf(page.locale, model.problem);
  return html`<h2>${m.detail.editTitle}</h2>
<form method="post" action="${base}" novalidate>${csrfField(page.csrf)}
${input({ name: 'name', label: m.fields.name, value: agent.name, autocomplete: 'off', required: true, errors })}
${checkboxField({ name: 'federationOnly', label: m.fields.federationOnly, hint: m.fields.federationOnlyHint, checked: agent.federationOnly })}
<button class="fr-btn" type="submit">${m.detail.save}</button>
</form>
<h2 class="fr-mt-6w">${m.detail.stateTitle}</h2>
<form method="post" action="${base}/etat">${csrfField(page.csrf)}
<input type="hidden" name="active" value="${agent.active ? 'false' : 'true'}">
${agent.active ? html`<p>${m.detail.deactivateHint}</p>` : ''}
<button class="fr-btn fr-btn--secondary" type="submit">${agent.active ? m.detail.deactivate : m.detail.reactivate}</button>
</form>`;
}

/** An agent's page: who they are, the account's forms, their roles within the reader's scope. */
export function agentPageView(page: PageContext, model: AgentPage): PageView {
  const m = messagesFor(agentAdmin, page.locale);
  const { agent } = model;
  const password = model.password
    ? html`<div class="fr-callout fr-mb-4w"><h2 class="fr-callout__title">${m.detail.newPasswordTitle}</h2>
<p class="fr-callout__text"><code>${model.password}</code></p><p>${m.created.passwordText}</p></div>`
    : '';
  return {
    title: agent.name,
    status: model.problem?.status,
    ...backOfficeChrome(page, model.principal, 'agents'),
    main: html`${breadcrumb(m.detail.breadcrumb, [{ label: m.list.title, href: LIST }, { label: agent.name }])}
<h1>${agent.name}</h1>
${model.done ? alert('success', m.done[model.done]) : ''}${password}
${problemBlock(page.locale, model.problem, labelsOf(page.locale))}
${summary(page, agent)}
<h2 class="fr-mt-6w">${m.detail.grantsTitle}</h2>
${grantsTable(page, model)}
<h3>${m.detail.addTitle}</h3>
<form method="post" action="${LIST}/${agent.id}/roles" novalidate>${csrfField(page.csrf)}
${grantFields(page, model, { role: 'agent', scope: '' }, model.problem)}
<button class="fr-btn" type="submit">${m.detail.add}</button>
</form>
<div class="fr-mt-6w">${accountForms(page, model)}</div>`,
  };
}
