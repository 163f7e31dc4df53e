import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { RoleName } from '../../db/schema.ts';
import { AppError, type FieldError, invalid } from '../../errors.ts';
import { type AuditActor, recordAudit } from '../audit/audit.ts';
import { agentAdminErrors, asLastAdministrator } from './agent-admin.errors.ts';
import {
  type AgentRow,
  allGrantsOf,
  deleteGrant,
  endPasswordSessions,
  findAgentIn,
  type GrantRow,
  insertGrant,
  listAgentsIn,
  lockDepartmentAdministrators,
  revokeAllTokens,
  updateAgentRow,
} from './agent-admin.repository.ts';
import { checkAgentEmail, checkAgentName, checkGrant, initialPassword } from './agent-admin.rules.ts';
import { insertAgent } from './agents.repository.ts';
import { ensureAllowed } from './auth.ts';
import { passwordProblems } from './password-policy.ts';
import { hashPassword } from './passwords.ts';
import {
  authorize,
  type Coverage,
  coverageOf,
  type Principal,
  type Scope,
  scopeLabel,
} from './permissions.ts';
import { endAllSessions } from './sessions.ts';
import { newTotpSecret, sealTotpSecret } from './totp.ts';

// The agents' administration (issue 8, point 1), shared by the screens under /agents/comptes and the
// admin API: list, create, edit, grant and withdraw roles, deactivate. Every decision goes through
// `authorize` on places read from the database, every list through `coverageFilter`, and every change
// writes one audit entry in its own transaction.

export interface AdminDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

/** An agent as the administration shows them: the account and the grants the reader reaches. */
export type AgentAccount = AgentRow & { grants: GrantRow[] };

/** A role on a scope as typed: `{role: 'agent', scope: 'site:12'}` (PRODUCT §7.1's scope syntax). */
export interface GrantInput {
  role: string;
  scope: string;
}

/** Where an agent is, for the audit log: the one site or département all their grants share, else national. */
export function placeOfGrants(grants: readonly { scope: Scope }[]): {
  departmentCode: string | null;
  siteId: number | null;
} {
  const scopes = grants.map((grant) => grant.scope);
  const first = scopes[0];
  if (!first || first.kind === 'national' || scopes.some((scope) => scope.kind === 'national')) {
    return { departmentCode: null, siteId: null };
  }
  const departmentCode = first.departmentCode;
  if (!scopes.every((scope) => scope.kind !== 'national' && scope.departmentCode === departmentCode)) {
    return { departmentCode: null, siteId: null };
  }
  const siteId = first.kind === 'site' ? first.siteId : null;
  const oneSite = scopes.every((scope) => scope.kind === 'site' && scope.siteId === siteId);
  return { departmentCode, siteId: oneSite ? siteId : null };
}

const grantText = (grant: { role: RoleName; scope: Scope }) => ({
  role: grant.role,
  scope: scopeLabel(grant.scope),
});

/** The départements where these grants are département-scoped administrators (the trigger's concern). */
function administeredDepartments(grants: readonly { role: RoleName; scope: Scope }[]): string[] {
  return grants.flatMap((grant) =>
    grant.role === 'administrator' && grant.scope.kind === 'department' ? [grant.scope.departmentCode] : [],
  );
}

/** Where the principal holds `agent.manage`; a 403 `not_permitted` when nowhere. */
function managedCoverage(principal: Principal): Coverage {
  const decision = authorize(principal, 'agent.manage', { kind: 'national' });
  if (!decision.allowed && decision.reason === 'not_permitted') {
    throw new AppError(403, decision.reason, decision.message);
  }
  return coverageOf(principal, 'agent.manage');
}

/** The agents the principal administers, each with the grants they reach. */
export function listAgents(deps: AdminDeps, principal: Principal): Promise<AgentAccount[]> {
  return listAgentsIn(deps.db, managedCoverage(principal));
}

/** One agent the principal administers; 404 for any other (existence does not leak). */
export async function getAgent(
  deps: AdminDeps,
  principal: Principal,
  agentId: number,
): Promise<AgentAccount> {
  const agent = await findAgentIn(deps.db, managedCoverage(principal), agentId);
  if (!agent) throw agentAdminErrors.agentNotFound();
  return agent;
}

/** What an account is created with, checked. */
export interface NewAccount {
  email: string;
  name: string;
  grants: { role: RoleName; scope: Scope }[];
  federationOnly: boolean;
}

/** Who asked for an account outside the administration: the command line or the demo data. */
export type Via = 'cli' | 'demo';

/**
 * Inserts an account (in the caller's transaction) with a TOTP secret to enrol at the first sign-in
 * and, unless federation-only, a random initial password; writes `agent.create`. Returns the secrets,
 * which are shown once and stored only hashed or sealed.
 */
export async function registerAgent(
  trx: Executor,
  context: { config: Config; actor: AuditActor; now: Date; via?: Via },
  account: NewAccount,
): Promise<{ id: number; password: string | null; totpSecret: string }> {
  const password = account.federationOnly ? null : initialPassword();
  // Generated passwords go through the same policy as chosen ones before they are handed out.
  if (password && passwordProblems(password, account).length > 0)
    throw new Error('generated password refused');
  const totpSecret = newTotpSecret();
  const id = await insertAgent(trx, {
    email: account.email,
    name: account.name,
    passwordHash: password ? await hashPassword(password) : null,
    federationOnly: account.federationOnly,
    sealedTotpSecret: sealTotpSecret(context.config.secretKey, totpSecret),
    grants: account.grants,
  });
  const after = {
    email: account.email,
    name: account.name,
    federationOnly: account.federationOnly,
    grants: account.grants.map(grantText),
    ...(context.via ? { via: context.via } : {}),
  };
  const place = placeOfGrants(account.grants);
  await recordAudit(
    trx,
    context.actor,
    { action: 'agent.create', target: { type: 'agent', id }, place, after },
    context.now,
  );
  return { id, password, totpSecret };
}

/** The unique email's refusal as a 409; any other error unchanged. */
export function asEmailTaken(error: unknown): unknown {
  const failure = error as { code?: string; constraint?: string };
  return failure?.code === '23505' && failure.constraint === 'agent_email_key'
    ? agentAdminErrors.emailTaken()
    : error;
}

/** Checks what an account is created with; the field errors name `email`, `name`, `grants.N.role`… */
export async function checkNewAccount(
  db: Executor,
  input: { email: string; name: string; grants: GrantInput[]; federationOnly: boolean },
): Promise<NewAccount> {
  const errors: FieldError[] = [];
  const email = checkAgentEmail(input.email);
  if ('error' in email) errors.push(email.error);
  const name = checkAgentName(input.name);
  if ('error' in name) errors.push(name.error);
  if (input.grants.length === 0) {
    errors.push({ field: 'grants', code: 'required', message: 'Donnez au moins un rôle à l’agent.' });
  }
  const grants: NewAccount['grants'] = [];
  for (const [index, typed] of input.grants.entries()) {
    const checked = await checkGrant(db, typed, `grants.${index}`);
    if ('errors' in checked) errors.push(...checked.errors);
    else grants.push(checked.grant);
  }
  if (errors.length > 0 || 'error' in email || 'error' in name) throw invalid(errors);
  return { email: email.email, name: name.name, grants, federationOnly: input.federationOnly };
}

/** Creates an agent with the given roles, each on a scope the principal administers. */
export async function createAgentAccount(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  input: { email: string; name: string; grants: GrantInput[]; federationOnly: boolean },
): Promise<{ agent: AgentAccount; password: string | null }> {
  managedCoverage(principal);
  const account = await checkNewAccount(deps.db, input);
  for (const grant of account.grants) ensureAllowed(principal, 'agent.manage', grant.scope);
  const now = deps.clock.now();
  const created = await deps.db
    .transaction()
    .execute((trx) => registerAgent(trx, { config: deps.config, actor, now }, account))
    .catch((error) => {
      throw asEmailTaken(error);
    });
  return { agent: await getAgent(deps, principal, created.id), password: created.password };
}

/** What an account's edit may change; absent fields stay. */
export interface AccountPatch {
  name?: string;
  federationOnly?: boolean;
  active?: boolean;
}

/** The agent, for a change of the account itself: the principal must administer every one of their grants. */
async function agentToChange(deps: AdminDeps, principal: Principal, agentId: number): Promise<AgentAccount> {
  const agent = await getAgent(deps, principal, agentId);
  const grants = await allGrantsOf(deps.db, agentId);
  for (const grant of grants) ensureAllowed(principal, 'agent.manage', grant.scope);
  return { ...agent, grants };
}

/** The changed fields, before and after, and the action they make. */
function changesOf(agent: AgentAccount, patch: AccountPatch) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of ['name', 'federationOnly', 'active'] as const) {
    if (patch[key] === undefined || patch[key] === agent[key]) continue;
    before[key] = agent[key];
    after[key] = patch[key];
  }
  const action =
    after.active === false ? 'agent.deactivate' : after.active === true ? 'agent.reactivate' : 'agent.update';
  return { before, after, action, changed: Object.keys(after).length > 0 };
}

/**
 * Edits an account: name, federation-only (on: the password is removed and password sessions end;
 * off: a new initial password, returned once), active (off: every session ends, every token is
 * revoked). The database refuses, at commit, to leave a département without an administrator (409).
 */
export async function updateAgentAccount(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  agentId: number,
  patch: AccountPatch,
): Promise<{ agent: AgentAccount; password: string | null }> {
  const name = patch.name === undefined ? undefined : checkAgentName(patch.name);
  if (name && 'error' in name) throw invalid([name.error]);
  const agent = await agentToChange(deps, principal, agentId);
  const { before, after, action, changed } = changesOf(agent, { ...patch, name: name?.name });
  if (!changed) return { agent: await getAgent(deps, principal, agentId), password: null };
  const password = after.federationOnly === false ? initialPassword() : null;
  const passwordHash = password ? await hashPassword(password) : null;
  const now = deps.clock.now();
  await deps.db
    .transaction()
    .execute(async (trx) => {
      if (after.active === false)
        await lockDepartmentAdministrators(trx, administeredDepartments(agent.grants));
      await updateAgentRow(trx, agentId, {
        ...(after.name !== undefined ? { name: String(after.name) } : {}),
        ...(after.active !== undefined ? { active: Boolean(after.active) } : {}),
        ...(after.federationOnly !== undefined
          ? { federation_only: Boolean(after.federationOnly), password_hash: passwordHash }
          : {}),
      });
      if (after.federationOnly === true) after.sessionsEnded = await endPasswordSessions(trx, agentId, now);
      if (after.active === false) {
        after.sessionsEnded = await endAllSessions(trx, agentId, now);
        after.apiAccessRevoked = await revokeAllTokens(trx, agentId, now);
      }
      const place = placeOfGrants(agent.grants);
      await recordAudit(
        trx,
        actor,
        { action, target: { type: 'agent', id: agentId }, place, before, after },
        now,
      );
    })
    .catch((error) => {
      throw asLastAdministrator(error);
    });
  return { agent: await getAgent(deps, principal, agentId), password };
}

/** Gives an agent the principal administers a role on a scope the principal administers. */
export async function addGrant(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  agentId: number,
  input: GrantInput,
): Promise<GrantRow> {
  await getAgent(deps, principal, agentId);
  const checked = await checkGrant(deps.db, input, '');
  if ('errors' in checked) throw invalid(checked.errors);
  const { grant } = checked;
  ensureAllowed(principal, 'agent.manage', grant.scope);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertGrant(trx, agentId, grant);
    if (inserted === undefined) throw agentAdminErrors.grantExists();
    const record = { action: 'grant.add', target: { type: 'agent', id: agentId }, after: grantText(grant) };
    await recordAudit(trx, actor, { ...record, place: placeOfGrants([grant]) }, now);
    return inserted;
  });
  return { id, ...grant };
}

/**
 * Withdraws a role on a scope the principal administers. An agent keeps at least one role (deactivate
 * the account instead), and a département keeps an administrator (both 409).
 */
export async function removeGrant(
  deps: AdminDeps,
  principal: Principal,
  actor: AuditActor,
  agentId: number,
  input: GrantInput,
): Promise<void> {
  await getAgent(deps, principal, agentId);
  const checked = await checkGrant(deps.db, input, '');
  if ('errors' in checked) throw invalid(checked.errors);
  const { grant } = checked;
  ensureAllowed(principal, 'agent.manage', grant.scope);
  const now = deps.clock.now();
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await lockDepartmentAdministrators(trx, administeredDepartments([grant]));
      if (!(await deleteGrant(trx, agentId, grant))) throw agentAdminErrors.grantNotFound();
      if ((await allGrantsOf(trx, agentId)).length === 0) throw agentAdminErrors.lastGrant();
      const record = {
        action: 'grant.remove',
        target: { type: 'agent', id: agentId },
        before: grantText(grant),
      };
      await recordAudit(trx, actor, { ...record, place: placeOfGrants([grant]) }, now);
    })
    .catch((error) => {
      throw asLastAdministrator(error);
    });
}
