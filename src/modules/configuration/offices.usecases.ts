import { isCode } from '../../codes.ts';
import { ensureAllowed } from '../agents/auth.ts';
import type { Principal } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { departmentExists } from '../territory/territory.repository.ts';
import { type Acting, type ConfigDeps, coverageFor, notFoundError, siteTarget } from './offices.access.ts';
import { FieldCheck, isUniqueViolation, refused } from './offices.fields.ts';
import {
  findSite,
  insertSite,
  listCoveredSites,
  type SiteDetails,
  updateSite as writeSite,
} from './offices.repository.ts';
import { checkSite, type NewSiteInput, type SiteInput } from './offices.rules.ts';

// The sites' actions, one use case each, shared by the back office's pages and the admin API: every
// one decides on the site's place as the database has it, and writes its audit entry in the
// transaction of its change.

/** The sites where the principal holds `site.configure` (of one département when given). */
export async function listSites(
  deps: ConfigDeps,
  principal: Principal,
  departmentCode?: string,
): Promise<SiteDetails[]> {
  return listCoveredSites(deps.db, coverageFor(principal, 'site.configure'), departmentCode);
}

/** One site, if the principal may configure it: 404 unknown, 403 out of their scope. */
export async function getSite(deps: ConfigDeps, principal: Principal, id: number): Promise<SiteDetails> {
  const site = await findSite(deps.db, id);
  if (!site) throw notFoundError('site');
  ensureAllowed(principal, 'site.configure', siteTarget(site));
  return site;
}

const SITE_NAME_UNIQUE = 'site_department_code_name_key';

/** Creates a site in a département the principal covers (`site.create` in the audit log). */
export async function createSite(
  deps: ConfigDeps,
  acting: Acting,
  input: NewSiteInput,
): Promise<SiteDetails> {
  const check = new FieldCheck();
  if (!isCode('department', input.departmentCode)) check.fail('departmentCode', 'unknown');
  const fields = checkSite(input, check);
  check.throwIfAny();
  const departmentCode = input.departmentCode;
  ensureAllowed(acting.principal, 'site.configure', { kind: 'department', departmentCode });
  if (!(await departmentExists(deps.db, departmentCode))) throw refused('departmentCode', 'unknown');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id, callsBeforeMissed } = await insertSite(trx, departmentCode, fields);
      const site: SiteDetails = { id, departmentCode, callsBeforeMissed, ...fields };
      await recordAudit(
        trx,
        acting.actor,
        {
          action: 'site.create',
          target: { type: 'site', id },
          place: { departmentCode, siteId: id },
          after: site,
        },
        deps.clock.now(),
      );
      return site;
    });
  } catch (error) {
    if (isUniqueViolation(error, SITE_NAME_UNIQUE)) throw refused('name', 'name_taken');
    throw error;
  }
}

/** Replaces a site's configuration (`site.update`), if the principal may configure it. */
export async function updateSite(
  deps: ConfigDeps,
  acting: Acting,
  id: number,
  input: SiteInput,
): Promise<SiteDetails> {
  await getSite(deps, acting.principal, id);
  const check = new FieldCheck();
  const fields = checkSite(input, check);
  check.throwIfAny();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // Read again under the row lock: the before-values are those this change replaces.
      const before = await findSite(trx, id, true);
      if (!before) throw notFoundError('site');
      ensureAllowed(acting.principal, 'site.configure', siteTarget(before));
      await writeSite(trx, id, fields);
      const after: SiteDetails = { ...before, ...fields };
      await recordAudit(
        trx,
        acting.actor,
        {
          action: 'site.update',
          target: { type: 'site', id },
          place: { departmentCode: before.departmentCode, siteId: id },
          before,
          after,
        },
        deps.clock.now(),
      );
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error, SITE_NAME_UNIQUE)) throw refused('name', 'name_taken');
    throw error;
  }
}
