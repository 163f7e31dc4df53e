import type { Db } from '../../db/database.ts';
import { offersWithPlace } from '../schedule/offers.repository.ts';

/** Every département with its sites, ordered by code then site kind (préfecture first) and name. */
export async function listDepartmentsWithSites(db: Db) {
  const [departments, sites] = await Promise.all([
    db.selectFrom('department').select(['code', 'name', 'timezone']).orderBy('code').execute(),
    db
      .selectFrom('site')
      .select(['id', 'department_code as departmentCode', 'name', 'kind', 'address'])
      .orderBy('kind')
      .orderBy('name')
      .execute(),
  ]);
  return departments.map((department) => ({
    ...department,
    sites: sites
      .filter((site) => site.departmentCode === department.code)
      .map(({ id, name, kind, address }) => ({ id, name, kind, address })),
  }));
}

export async function departmentExists(db: Db, code: string): Promise<boolean> {
  return (
    (await db.selectFrom('department').select('code').where('code', '=', code).executeTakeFirst()) !==
    undefined
  );
}

/** The procedures offered in a département, one entry per procedure and channel, with the sites. */
export async function listProceduresOfDepartment(db: Db, departmentCode: string) {
  const rows = await offersWithPlace(db)
    .select([
      'procedure.id',
      'procedure.code',
      'procedure.title',
      'procedure.duration_minutes as durationMinutes',
      'offer.channel',
      'site.id as siteId',
    ])
    .where('department.code', '=', departmentCode)
    .orderBy('procedure.id')
    .orderBy('offer.channel')
    .orderBy('site.id')
    .execute();
  const entries = new Map<
    string,
    { id: number; code: string; title: string; durationMinutes: number; channel: string; siteIds: number[] }
  >();
  for (const row of rows) {
    const key = `${row.id}:${row.channel}`;
    const entry = entries.get(key) ?? { ...row, siteIds: [] as number[] };
    entry.siteIds.push(row.siteId);
    entries.set(key, {
      id: entry.id,
      code: entry.code,
      title: entry.title,
      durationMinutes: entry.durationMinutes,
      channel: entry.channel,
      siteIds: entry.siteIds,
    });
  }
  return [...entries.values()];
}
