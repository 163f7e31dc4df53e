import type { Executor } from '../../db/database.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import { drawOffers } from '../schedule/offers.repository.ts';

/** The draw offers in an agent's coverage of `request.enter`: what the entry form offers to choose. */
export async function listEntryOffers(db: Executor, coverage: Coverage) {
  return drawOffers(db)
    .select([
      'procedure.id as procedureId',
      'procedure.title as procedureTitle',
      'site.id as siteId',
      'site.name as siteName',
      'site.address as siteAddress',
      'department.code as departmentCode',
    ])
    .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'site.department_code' }))
    .orderBy('procedure.title')
    .orderBy('department.code')
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
}
