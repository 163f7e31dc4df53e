import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import { REVIEW_LIMIT } from './suspicious.repository.ts';

// The requests of the suspicious review (decision 0048): waiting requests, compared with the active
// bookings, and their closure by the office with a reason. A request's offices are all in one
// département (the intake refuses a mix), so its first office says where it is.

const firstSite = sql<SqlBool>`site.id = request.site_ids[1]`;

/** The waiting requests a review covers (a first filter by their first office), with what it compares. */
export async function listReviewRequests(db: Executor, coverage: Coverage, departmentCode?: string) {
  return db
    .selectFrom('request')
    .innerJoin('site', (join) => join.on(firstSite))
    .innerJoin('department', 'department.code', 'site.department_code')
    .innerJoin('procedure', 'procedure.id', 'request.procedure_id')
    .select([
      'request.id',
      'request.label as reference',
      'request.status',
      'request.email',
      'request.phone',
      sql<string | null>`encode(request.network_key, 'hex')`.as('networkKey'),
      'request.last_name as lastName',
      'request.first_name as firstName',
      'request.created_at as createdAt',
      'request.site_ids as siteIds',
      'site.department_code as departmentCode',
      'department.timezone',
      'procedure.title as procedureTitle',
      sql<string[]>`array(select s.name from site s where s.id = any(request.site_ids) order by s.name)`.as(
        'offices',
      ),
    ])
    .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'site.department_code' }))
    .$if(departmentCode !== undefined, (query) =>
      query.where('site.department_code', '=', departmentCode ?? ''),
    )
    .where('request.status', '=', 'waiting')
    .orderBy('request.label')
    .limit(REVIEW_LIMIT)
    .execute();
}

/** Requests by label with their place and status, locked until the closure's transaction ends. */
export async function lockRequestsByLabel(db: Executor, labels: readonly string[]) {
  if (labels.length === 0) return [];
  return db
    .selectFrom('request')
    .innerJoin('site', (join) => join.on(firstSite))
    .select([
      'request.id',
      'request.label',
      'request.status',
      'request.closed_reason as closedReason',
      'request.site_ids as siteIds',
      'request.locale',
      'request.phone',
      'site.department_code as departmentCode',
    ])
    .where('request.label', 'in', labels)
    .orderBy('request.id')
    .forUpdate('request')
    .execute();
}

/** waiting → closed by the office, with its reason and agent; answers the ids it closed. */
export async function closeWaitingRequests(
  db: Executor,
  ids: readonly string[],
  closure: { reason: string; agentId: number | null; now: Date },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('request')
    .set({
      status: 'closed',
      closed_at: closure.now,
      closed_reason: closure.reason,
      closed_by: closure.agentId,
    })
    .where('id', 'in', [...ids])
    .where('status', '=', 'waiting')
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** What the closure notice needs beyond the request's details: the office's reason and the phone. */
export async function findRequestClosure(db: Executor, requestId: string) {
  return db
    .selectFrom('request')
    .select(['closed_reason as reason', 'phone'])
    .where('id', '=', requestId)
    .executeTakeFirst();
}
