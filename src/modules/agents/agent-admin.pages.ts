import { AppError } from '../../errors.ts';
import type { AuditActor } from '../audit/audit.ts';
import { field } from '../web/forms.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { agentAdminErrors } from './agent-admin.errors.ts';
import { allGrantsOf, grantableScopes } from './agent-admin.repository.ts';
import {
  type AccountPatch,
  type AdminDeps,
  type AgentAccount,
  addGrant,
  createAgentAccount,
  type GrantInput,
  getAgent,
  listAgents,
  removeGrant,
  updateAgentAccount,
} from './agent-admin.usecases.ts';
import { authorize, coverageOf, type Principal } from './permissions.ts';

// The screens of the agents' administration as use cases: each reads its form, calls the use case the
// admin API calls too, and returns what its view shows — the page again with what was refused (422,
// 409), a redirect to the result, or, when a password is to be shown once, the result itself.

export type ScopeChoices = Awaited<ReturnType<typeof grantableScopes>>;

/** Why a form was refused: the status, the error's code and the fields in error (by the form's names). */
export interface FormProblem {
  status: number;
  code: string;
  fields: { field: string; code: string }[];
}

export const DONE = ['created', 'updated', 'deactivated', 'reactivated', 'granted', 'withdrawn'] as const;
export type Done = (typeof DONE)[number];

export interface AgentListPage {
  principal: Principal;
  agents: AgentAccount[];
}

export interface NewAgentValues {
  email: string;
  name: string;
  role: string;
  scope: string;
  federationOnly: boolean;
}

export interface NewAgentPage {
  principal: Principal;
  scopes: ScopeChoices;
  values: NewAgentValues;
  problem?: FormProblem;
}

export interface CreatedAgentPage {
  principal: Principal;
  agent: AgentAccount;
  password: string;
}

export interface AgentPage {
  principal: Principal;
  agent: AgentAccount;
  scopes: ScopeChoices;
  /** Whether the principal administers every grant of the agent, so may change the account itself. */
  editable: boolean;
  done?: Done;
  /** A new initial password, shown once (federation-only turned off). */
  password?: string;
  problem?: FormProblem;
}

/** A refusal the form can show (422, 409) as a problem; anything else (403, 404) goes on to its error page. */
function problemOf(error: unknown): FormProblem {
  if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
  const fields = (error.fields ?? []).map((f) => ({
    field: f.field.replace(/^grants\.\d+\./, ''),
    code: f.code,
  }));
  return { status: error.status, code: error.code, fields };
}

/** The agent's number in a URL; 404 when it cannot be one. */
export function parseAgentId(params: unknown): number {
  const text = field(params, 'id', 12);
  if (!/^[1-9][0-9]{0,8}$/.test(text)) throw agentAdminErrors.agentNotFound();
  return Number(text);
}

const scopesOf = (deps: AdminDeps, principal: Principal) =>
  grantableScopes(deps.db, coverageOf(principal, 'agent.manage'));

/** "Agents": those the principal administers. */
export async function agentListPage(deps: AdminDeps, principal: Principal): Promise<AgentListPage> {
  return { principal, agents: await listAgents(deps, principal) };
}

/** The empty creation form. */
export async function newAgentPage(deps: AdminDeps, principal: Principal): Promise<NewAgentPage> {
  await listAgents(deps, principal); // the same refusal as the list for one who administers nobody
  const values = { email: '', name: '', role: 'agent', scope: '', federationOnly: false };
  return { principal, scopes: await scopesOf(deps, principal), values };
}

/** The creation form as sent. */
export function parseNewAgentForm(body: unknown): NewAgentValues {
  return {
    email: field(body, 'email', 1000).trim(),
    name: field(body, 'name', 1000),
    role: field(body, 'role', 40),
    scope: field(body, 'scope', 40),
    federationOnly: field(body, 'federationOnly') === 'on',
  };
}

/** Creates the agent: their page, or the password shown once; the form again when refused. */
export async function submitNewAgent(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  values: NewAgentValues,
): Promise<CreatedAgentPage | NewAgentPage | Redirect> {
  const input = { ...values, grants: [{ role: values.role, scope: values.scope }] };
  try {
    const { agent, password } = await createAgentAccount(deps, principal, actor, input);
    if (!password) return { redirect: `/agents/comptes/${agent.id}?fait=created` };
    return { principal, agent, password };
  } catch (error) {
    const problem = problemOf(error);
    return { principal, scopes: await scopesOf(deps, principal), values, problem };
  }
}

/** An agent's page, with the notice of what was just done. */
export async function agentPage(
  deps: AdminDeps,
  principal: Principal,
  agentId: number,
  extra: { done?: string; password?: string; problem?: FormProblem } = {},
): Promise<AgentPage> {
  const agent = await getAgent(deps, principal, agentId);
  const grants = await allGrantsOf(deps.db, agentId);
  const editable = grants.every((grant) => authorize(principal, 'agent.manage', grant.scope).allowed);
  const done = DONE.find((key) => key === extra.done);
  return {
    principal,
    agent,
    scopes: await scopesOf(deps, principal),
    editable,
    ...(done ? { done } : {}),
    ...(extra.password ? { password: extra.password } : {}),
    ...(extra.problem ? { problem: extra.problem } : {}),
  };
}

/** Runs one change of an agent's page: the page's redirect to its notice, or the page with the refusal. */
async function change(
  deps: AdminDeps,
  principal: Principal,
  agentId: number,
  work: () => Promise<Done | { password: string }>,
): Promise<AgentPage | Redirect> {
  try {
    const outcome = await work();
    if (typeof outcome === 'string') return { redirect: `/agents/comptes/${agentId}?fait=${outcome}` };
    return agentPage(deps, principal, agentId, { done: 'updated', password: outcome.password });
  } catch (error) {
    return agentPage(deps, principal, agentId, { problem: problemOf(error) });
  }
}

/** The account's form: name and federation-only. */
export function submitAccountEdit(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  agentId: number,
  body: unknown,
): Promise<AgentPage | Redirect> {
  const patch: AccountPatch = {
    name: field(body, 'name', 1000),
    federationOnly: field(body, 'federationOnly') === 'on',
  };
  return change(deps, principal, agentId, async () => {
    const { password } = await updateAgentAccount(deps, principal, actor, agentId, patch);
    return password ? { password } : 'updated';
  });
}

/** The deactivate or reactivate button. */
export function submitAccountState(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  agentId: number,
  body: unknown,
): Promise<AgentPage | Redirect> {
  const active = field(body, 'active') === 'true';
  return change(deps, principal, agentId, async () => {
    await updateAgentAccount(deps, principal, actor, agentId, { active });
    return active ? 'reactivated' : 'deactivated';
  });
}

const grantOf = (body: unknown): GrantInput => ({
  role: field(body, 'role', 40),
  scope: field(body, 'scope', 40),
});

/** The form giving a role. */
export function submitGrantAdd(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  agentId: number,
  body: unknown,
): Promise<AgentPage | Redirect> {
  return change(deps, principal, agentId, async () => {
    await addGrant(deps, principal, actor, agentId, grantOf(body));
    return 'granted';
  });
}

/** A role's "withdraw" button. */
export function submitGrantRemove(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  agentId: number,
  body: unknown,
): Promise<AgentPage | Redirect> {
  return change(deps, principal, agentId, async () => {
    await removeGrant(deps, principal, actor, agentId, grantOf(body));
    return 'withdrawn';
  });
}
