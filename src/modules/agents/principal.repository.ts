import type { Executor } from '../../db/database.ts';
import type { Grant, Principal } from './permissions.ts';

/** An active agent with every grant they hold, or undefined (unknown or deactivated). */
export async function loadPrincipal(db: Executor, agentId: number): Promise<Principal | undefined> {
  const agent = await db
    .selectFrom('agent')
    .select(['id', 'name', 'email'])
    .where('id', '=', agentId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!agent) return undefined;
  const rows = await db
    .selectFrom('role_grant')
    .leftJoin('site', 'site.id', 'role_grant.site_id')
    .select([
      'role_grant.role',
      'role_grant.scope_kind as kind',
      'role_grant.department_code as departmentCode',
      'role_grant.site_id as siteId',
      'site.department_code as siteDepartmentCode',
    ])
    .where('role_grant.agent_id', '=', agentId)
    .orderBy('role_grant.id')
    .execute();
  const grants: Grant[] = rows.map((row) => ({
    role: row.role,
    scope:
      row.kind === 'national'
        ? { kind: 'national' }
        : row.kind === 'department'
          ? { kind: 'department', departmentCode: row.departmentCode ?? '' }
          : { kind: 'site', siteId: row.siteId ?? 0, departmentCode: row.siteDepartmentCode ?? '' },
  }));
  return { agentId: agent.id, name: agent.name, email: agent.email, grants };
}
