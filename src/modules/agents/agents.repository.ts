import type { Executor } from '../../db/database.ts';
import type { RoleName } from '../../db/schema.ts';
import type { Scope } from './permissions.ts';

export interface NewAgent {
  email: string;
  name: string;
  passwordHash: string | null;
  federationOnly: boolean;
  sealedTotpSecret: Buffer | null;
  grants: { role: RoleName; scope: Scope }[];
}

/** The role_grant columns of a scope. */
export function scopeColumns(scope: Scope) {
  return {
    scope_kind: scope.kind,
    department_code: scope.kind === 'department' ? scope.departmentCode : null,
    site_id: scope.kind === 'site' ? scope.siteId : null,
  };
}

/** Inserts an agent and their grants (in the caller's transaction); returns the new id. */
export async function insertAgent(db: Executor, agent: NewAgent): Promise<number> {
  const row = await db
    .insertInto('agent')
    .values({
      email: agent.email,
      name: agent.name,
      password_hash: agent.passwordHash,
      federation_only: agent.federationOnly,
      totp_secret: agent.sealedTotpSecret,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (agent.grants.length > 0) {
    await db
      .insertInto('role_grant')
      .values(
        agent.grants.map((grant) => ({ agent_id: row.id, role: grant.role, ...scopeColumns(grant.scope) })),
      )
      .execute();
  }
  return row.id;
}

/** The département of a site, or undefined when there is no such site. */
export async function departmentOfSite(db: Executor, siteId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('site')
    .select('department_code')
    .where('id', '=', siteId)
    .executeTakeFirst();
  return row?.department_code;
}
