import type { Executor } from '../../db/database.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';

/** What the log is searched by; every criterion optional. `to` is exclusive. */
export interface AuditCriteria {
  from?: Date;
  to?: Date;
  agentEmail?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

/** One entry as the search reads it: the agent by email (null: nobody signed in, or the command line). */
export interface AuditEntryRow {
  id: string;
  at: Date;
  agentEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The entries `coverage` reaches that match the criteria, newest first. An entry is placed by its own
 * site and département columns; an entry with neither is national, read only with a national coverage.
 */
export async function searchAuditEntries(
  db: Executor,
  coverage: Coverage,
  criteria: AuditCriteria,
  page: { limit: number; offset: number },
): Promise<AuditEntryRow[]> {
  let query = db
    .selectFrom('audit_entry')
    .leftJoin('agent', 'agent.id', 'audit_entry.agent_id')
    .select([
      'audit_entry.id',
      'audit_entry.at',
      'agent.email as agentEmail',
      'audit_entry.action',
      'audit_entry.target_type as targetType',
      'audit_entry.target_id as targetId',
      'audit_entry.before',
      'audit_entry.after',
    ])
    .where(
      coverageFilter(coverage, {
        siteId: 'audit_entry.site_id',
        departmentCode: 'audit_entry.department_code',
      }),
    );
  if (criteria.from) query = query.where('audit_entry.at', '>=', criteria.from);
  if (criteria.to) query = query.where('audit_entry.at', '<', criteria.to);
  if (criteria.agentEmail) query = query.where('agent.email', '=', criteria.agentEmail);
  if (criteria.action) query = query.where('audit_entry.action', '=', criteria.action);
  if (criteria.targetType) query = query.where('audit_entry.target_type', '=', criteria.targetType);
  if (criteria.targetId) query = query.where('audit_entry.target_id', '=', criteria.targetId);
  return query
    .orderBy('audit_entry.at', 'desc')
    .orderBy('audit_entry.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
