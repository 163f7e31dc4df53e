import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgentPage, ScopeChoices } from './agent-admin.pages.ts';
import type { AgentAccount } from './agent-admin.usecases.ts';
import { agentListView, agentPageView, newAgentView } from './agent-admin.views.ts';
import type { Principal } from './permissions.ts';
import { accountView } from './tokens.views.ts';

// The administration's screens and "Mon compte" on their own: a view-model in, a page out.

const fr = { locale: 'fr' as const, csrf: 'jeton-fr' };
const en = { locale: 'en' as const, csrf: 'jeton-en' };

const principal: Principal = {
  agentId: 1,
  name: 'Anne Admin',
  email: 'anne@interieur.gouv.fr',
  grants: [{ role: 'administrator', scope: { kind: 'department', departmentCode: '74' } }],
};

const agent = (overrides: Partial<AgentAccount> = {}): AgentAccount => ({
  id: 7,
  email: 'xavier@interieur.gouv.fr',
  name: 'Xavier <b>Agent</b>',
  federationOnly: false,
  active: true,
  totpEnrolled: false,
  createdAt: new Date('2029-12-01T10:00:00Z'),
  grants: [{ id: 3, role: 'agent', scope: { kind: 'site', siteId: 12, departmentCode: '74' } }],
  ...overrides,
});

const scopes: ScopeChoices = {
  national: false,
  departments: [{ code: '74', name: 'Haute-Savoie' }],
  sites: [{ id: 12, name: 'Préfecture de la Haute-Savoie', departmentCode: '74' }],
};

const forms = (html: string) => html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];

describe('the agents’ list', () => {
  test('lists each agent with roles and state, escaping what they are called', () => {
    const view = agentListView(fr, { principal, agents: [agent()] });
    const html = view.main.value;
    assert.match(html, /Xavier &lt;b&gt;Agent&lt;\/b&gt;/);
    assert.match(html, /Agent \(service n° 12 \(département 74\)\)/);
    assert.match(html, /Actif/);
    assert.match(html, /code à usage unique à enrôler/);
    assert.match(html, /href="\/agents\/comptes\/7"/);
    assert.equal(view.navigation?.items.find((i) => i.current)?.href, '/agents/comptes');
  });

  test('in English, and says when nobody is listed', () => {
    const html = agentListView(en, { principal, agents: [] }).main.value;
    assert.match(html, /Create an agent/);
    assert.match(html, /No agent has a role within your scope/);
  });
});

describe('the creation form', () => {
  const values = { email: '', name: '', role: 'agent', scope: '', federationOnly: false };

  test('offers the roles and the scopes given, with the anti-forgery field', () => {
    const html = newAgentView(fr, { principal, scopes, values }).main.value;
    assert.match(html, /<option value="site_manager">Responsable de service<\/option>/);
    assert.match(html, /<option value="74">Département 74 — Haute-Savoie<\/option>/);
    assert.match(html, /<option value="site:12">Préfecture de la Haute-Savoie \(service n° 12\)<\/option>/);
    assert.doesNotMatch(html, /value="national"/);
    assert.match(html, /name="_csrf" value="jeton-fr"/);
  });

  test('a refused form keeps what was typed and names each field in error', () => {
    const problem = {
      status: 422,
      code: 'invalid',
      fields: [
        { field: 'email', code: 'format' },
        { field: 'scope', code: 'unknown_scope' },
      ],
    };
    const view = newAgentView(en, { principal, scopes, values: { ...values, email: 'oops' }, problem });
    assert.equal(view.status, 422);
    assert.match(view.main.value, /The form has 2 errors/);
    assert.match(view.main.value, /href="#scope">Scope: This scope does not exist\./);
    assert.match(view.main.value, /value="oops"/);
    assert.match(view.main.value, /aria-invalid="true"/);
  });

  test('a conflict is shown as an alert', () => {
    const problem = { status: 409, code: 'email_taken', fields: [] };
    const view = newAgentView(fr, { principal, scopes, values, problem });
    assert.equal(view.status, 409);
    assert.match(view.main.value, /Un agent utilise déjà cette adresse électronique/);
  });

  test('the created agent’s page shows the password once, with what to do with it', () => {
    const html = newAgentView(fr, { principal, agent: agent(), password: 'abcde-fghjk-mnpqr-stuvw' }).main
      .value;
    assert.match(html, /<code>abcde-fghjk-mnpqr-stuvw<\/code>/);
    assert.match(html, /transmettez-le à l’agent par un canal sûr/);
  });
});

describe('an agent’s page', () => {
  const page = (overrides: Partial<AgentPage> = {}): AgentPage => ({
    principal,
    agent: agent(),
    scopes,
    editable: true,
    ...overrides,
  });

  test('every form posts with the anti-forgery field; each role has its withdraw button', () => {
    const html = agentPageView(fr, page()).main.value;
    const posts = forms(html);
    assert.equal(posts.length, 4);
    for (const form of posts) assert.match(form, /name="_csrf" value="jeton-fr"/);
    assert.match(html, /aria-label="Retirer le rôle Agent \(service n° 12 \(département 74\)\)"/);
    assert.match(html, /name="active" value="false"/);
  });

  test('an account the reader does not fully administer has no account forms, and says why', () => {
    const html = agentPageView(fr, page({ editable: false })).main.value;
    assert.equal(forms(html).length, 2);
    assert.match(html, /seul un administrateur qui les couvre tous peut modifier son compte/);
  });

  test('a deactivated agent is offered reactivation; the notice of what was done is shown', () => {
    const html = agentPageView(en, page({ agent: agent({ active: false }), done: 'deactivated' })).main.value;
    assert.match(html, /Reactivate the account/);
    assert.match(html, /name="active" value="true"/);
    assert.match(html, /The account was deactivated/);
  });

  test('the last administrator’s refusal is explained', () => {
    const view = agentPageView(
      fr,
      page({ problem: { status: 409, code: 'last_administrator', fields: [] } }),
    );
    assert.equal(view.status, 409);
    assert.match(view.main.value, /doit garder au moins un administrateur actif/);
  });
});

describe('“Mon compte”', () => {
  const token = {
    id: 5,
    name: 'export',
    createdAt: new Date('2029-12-01T10:00:00Z'),
    lastUsedAt: null,
    revokedAt: null,
  };

  test('lists the tokens, never used ones said so, live ones with a revoke form', () => {
    const html = accountView(fr, {
      principal,
      tokens: [token, { ...token, id: 6, revokedAt: new Date('2029-12-02T10:00:00Z') }],
    }).main.value;
    assert.match(html, /<td>jamais<\/td>/);
    assert.match(html, /Révoqué le 2 déc\. 2029/);
    assert.equal((html.match(/\/revoquer"/g) ?? []).length, 1);
    for (const form of forms(html)) assert.match(form, /name="_csrf" value="jeton-fr"/);
  });

  test('a new token is shown once with how to use it; a refused name is named', () => {
    const created = accountView(en, {
      principal,
      tokens: [token],
      created: { ...token, token: 'crn_secret' },
    });
    assert.match(created.main.value, /<code>crn_secret<\/code>/);
    assert.match(created.main.value, /Authorization: Bearer/);
    const refused = accountView(fr, { principal, tokens: [], refused: { name: '', code: 'required' } });
    assert.equal(refused.status, 422);
    assert.match(refused.main.value, /href="#name">Nom du jeton : Donnez un nom au jeton/);
  });
});
