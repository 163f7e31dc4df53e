import { type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Database, RoleName } from '../../db/schema.ts';
import { scopeColumns } from './agents.repository.ts';
import { coverageFilter } from './permissions.sql.ts';
import type { Coverage, Scope } from './permissions.ts';

// The SQL of the agents' administration. Every list goes through `coverageFilter` on the place of each
// grant (its site, and the département of the site or of the grant), so that an administrator reads
// only the agents and the grants their own roles reach.

/** One grant as the administration shows it. */
export interface GrantRow {
  id: number;
  role: RoleName;
  scope: Scope;
}

/** An agent's account as the administration shows it (no secret, no hash). */
export interface AgentRow {
  id: number;
  email: string;
  name: string;
  federationOnly: boolean;
  active: boolean;
  totpEnrolled: boolean;
  createdAt: Date;
}

/** Every grant with its place: `department_code` is the grant's own or its site's. */
function placedGrants(db: Executor) {
  return db
    .selectFrom('role_grant')
    .leftJoin('site', 'site.id', 'role_grant.site_id')
    .select([
      'role_grant.id',
      'role_grant.agent_id',
      'role_grant.role',
      'role_grant.scope_kind',
      'role_grant.site_id',
      sql<string | null>`coalesce(role_grant.department_code, site.department_code)`.as('department_code'),
    ]);
}

type PlacedGrant = {
  id: number;
  role: RoleName;
  scope_kind: 'national' | 'department' | 'site';
  site_id: number | null;
  department_code: string | null;
};

function scopeOf(row: PlacedGrant): Scope {
  if (row.scope_kind === 'national') return { kind: 'national' };
  if (row.scope_kind === 'department')
    return { kind: 'department', departmentCode: row.department_code ?? '' };
  return { kind: 'site', siteId: row.site_id ?? 0, departmentCode: row.department_code ?? '' };
}

/** The grants of `agentIds` that `coverage` reaches (all of them when `coverage` is undefined). */
async function grantsOf(db: Executor, agentIds: number[], coverage?: Coverage) {
  if (agentIds.length === 0) return new Map<number, GrantRow[]>();
  let query = db.selectFrom(placedGrants(db).as('g')).selectAll().where('g.agent_id', 'in', agentIds);
  if (coverage)
    query = query.where(
      coverageFilter(coverage, { siteId: 'g.site_id', departmentCode: 'g.department_code' }),
    );
  const rows = await query.orderBy('g.id').execute();
  const byAgent = new Map<number, GrantRow[]>();
  for (const row of rows) {
    const list = byAgent.get(row.agent_id) ?? [];
    list.push({ id: row.id, role: row.role, scope: scopeOf(row) });
    byAgent.set(row.agent_id, list);
  }
  return byAgent;
}

function agentColumns<QB extends SelectQueryBuilder<Database, 'agent', object>>(query: QB) {
  return query.select([
    'agent.id',
    'agent.email',
    'agent.name',
    'agent.federation_only as federationOnly',
    'agent.active',
    sql<boolean>`agent.totp_enrolled_at is not null`.as('totpEnrolled'),
    'agent.created_at as createdAt',
  ]);
}

/** The agents `coverage` reaches (at least one grant in it; every agent for a national one). */
function agentsIn(db: Executor, coverage: Coverage) {
  const query = db.selectFrom('agent');
  if (coverage.national) return query;
  return query.where(({ exists, selectFrom }) =>
    exists(
      selectFrom(placedGrants(db).as('g'))
        .select('g.id')
        .whereRef('g.agent_id', '=', 'agent.id')
        .where(coverageFilter(coverage, { siteId: 'g.site_id', departmentCode: 'g.department_code' })),
    ),
  );
}

/** The agents an administrator reaches, by name, each with the grants they reach. */
export async function listAgentsIn(
  db: Executor,
  coverage: Coverage,
): Promise<(AgentRow & { grants: GrantRow[] })[]> {
  const agents = await agentColumns(agentsIn(db, coverage))
    .orderBy('agent.name')
    .orderBy('agent.id')
    .execute();
  const grants = await grantsOf(
    db,
    agents.map((agent) => agent.id),
    coverage,
  );
  return agents.map((agent) => ({ ...agent, grants: grants.get(agent.id) ?? [] }));
}

/** One agent an administrator reaches, with the grants they reach; undefined otherwise. */
export async function findAgentIn(
  db: Executor,
  coverage: Coverage,
  agentId: number,
): Promise<(AgentRow & { grants: GrantRow[] }) | undefined> {
  const agent = await agentColumns(agentsIn(db, coverage)).where('agent.id', '=', agentId).executeTakeFirst();
  if (!agent) return undefined;
  const grants = await grantsOf(db, [agent.id], coverage);
  return { ...agent, grants: grants.get(agent.id) ?? [] };
}

/** Every grant of an agent, wherever it is (to decide who may change the account as a whole). */
export async function allGrantsOf(db: Executor, agentId: number): Promise<GrantRow[]> {
  return (await grantsOf(db, [agentId])).get(agentId) ?? [];
}

/** The agent with this email (any state), or undefined. */
export async function agentByEmail(db: Executor, email: string) {
  return db
    .selectFrom('agent')
    .select(['id', 'email', 'name', 'active'])
    .where('email', '=', email)
    .executeTakeFirst();
}

/** Changes the columns of an agent's account. */
export async function updateAgentRow(
  db: Executor,
  agentId: number,
  set: { name?: string; federation_only?: boolean; password_hash?: string | null; active?: boolean },
): Promise<void> {
  await db.updateTable('agent').set(set).where('id', '=', agentId).execute();
}

/** Adds a grant; undefined when the agent holds it already. */
export async function insertGrant(
  db: Executor,
  agentId: number,
  grant: { role: RoleName; scope: Scope },
): Promise<number | undefined> {
  const row = await db
    .insertInto('role_grant')
    .values({ agent_id: agentId, role: grant.role, ...scopeColumns(grant.scope) })
    .onConflict((oc) =>
      oc
        .expression(
          sql`agent_id, role, scope_kind, coalesce(department_code, ''), coalesce(site_id, 0)` as never,
        )
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Removes a grant; false when the agent did not hold it. */
export async function deleteGrant(
  db: Executor,
  agentId: number,
  grant: { role: RoleName; scope: Scope },
): Promise<boolean> {
  const columns = scopeColumns(grant.scope);
  const result = await db
    .deleteFrom('role_grant')
    .where('agent_id', '=', agentId)
    .where('role', '=', grant.role)
    .where('scope_kind', '=', columns.scope_kind)
    .where(sql<boolean>`department_code is not distinct from ${columns.department_code}`)
    .where(sql<boolean>`site_id is not distinct from ${columns.site_id}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Ends the agent's sessions opened with a password (the account turns to the federation only). */
export async function endPasswordSessions(db: Executor, agentId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('agent_session')
    .set({ ended_at: now })
    .where('agent_id', '=', agentId)
    .where('method', '=', 'password')
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes every live API token of an agent (deactivation). */
export async function revokeAllTokens(db: Executor, agentId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('agent_api_token')
    .set({ revoked_at: now })
    .where('agent_id', '=', agentId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Locks the département-scoped administrators' grants of `departmentCodes` until the transaction ends.
 * The trigger keeping an administrator per département checks at commit, each transaction in its own
 * snapshot: two concurrent withdrawals (or deactivations) of a département's two administrators could
 * each still see the other one. Taking these rows first makes them wait for each other, so the second
 * one's check sees the first one committed.
 */
export async function lockDepartmentAdministrators(db: Executor, departmentCodes: string[]): Promise<void> {
  if (departmentCodes.length === 0) return;
  await db
    .selectFrom('role_grant')
    .select('id')
    .where('role', '=', 'administrator')
    .where('scope_kind', '=', 'department')
    .where('department_code', 'in', departmentCodes)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Whether a département exists. */
export async function departmentExists(db: Executor, code: string): Promise<boolean> {
  const row = await db.selectFrom('department').select('code').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

/** The scopes an administrator may grant, for the forms' lists: the country, départements, sites. */
export async function grantableScopes(db: Executor, coverage: Coverage) {
  const departments = await db
    .selectFrom('department')
    .select(['code', 'name'])
    .where(
      coverage.national
        ? sql<boolean>`true`
        : sql<boolean>`code = any(${[...coverage.departmentCodes]}::text[])`,
    )
    .orderBy('code')
    .execute();
  const sites = await db
    .selectFrom('site')
    .select(['id', 'name', 'department_code as departmentCode'])
    .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'site.department_code' }))
    .orderBy('department_code')
    .orderBy('name')
    .execute();
  return { national: coverage.national, departments, sites };
}
