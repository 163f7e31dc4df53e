import { AppError } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import type { Principal, Target } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { departmentExists } from '../territory/territory.repository.ts';
import { type Acting, type ConfigDeps, coverageFor, notFoundError } from './offices.access.ts';
import { FieldCheck, isUniqueViolation, refused } from './offices.fields.ts';
import {
  findProcedureDetails,
  insertProcedure,
  listVisibleProcedures,
  type ProcedureDetails,
  updateProcedure as writeProcedure,
} from './procedures.repository.ts';
import {
  checkNewProcedure,
  checkProcedure,
  type NewProcedureInput,
  type ProcedureInput,
} from './procedures.rules.ts';

// The procedures' actions, one use case each, shared by the back office's pages and the admin API
// (decision 0023): the national catalogue is edited with a national scope only; a département's own
// procedures by those who hold `procedure.configure` over the whole département.

/** Where a procedure is, for the rule: the country (national catalogue) or its département. */
export function procedureTarget(procedure: { departmentCode: string | null }): Target {
  return procedure.departmentCode === null
    ? { kind: 'national' }
    : { kind: 'department', departmentCode: procedure.departmentCode };
}

/** The procedures the principal may read (usable in one département when given). */
export async function listProcedures(
  deps: ConfigDeps,
  principal: Principal,
  departmentCode?: string,
): Promise<ProcedureDetails[]> {
  return listVisibleProcedures(deps.db, coverageFor(principal, 'procedure.configure'), { departmentCode });
}

/** One procedure the principal may read: 404 unknown, 403 another département's. */
export async function getProcedure(
  deps: ConfigDeps,
  principal: Principal,
  id: number,
): Promise<ProcedureDetails> {
  const coverage = coverageFor(principal, 'procedure.configure');
  const [visible] = await listVisibleProcedures(deps.db, coverage, { id });
  if (visible) return visible;
  const procedure = await findProcedureDetails(deps.db, id);
  if (!procedure) throw notFoundError('procedure');
  ensureAllowed(principal, 'procedure.configure', procedureTarget(procedure));
  throw new AppError(
    403,
    'out_of_scope',
    'Cette démarche appartient à un département hors de votre périmètre.',
  );
}

/** Creates a procedure, national or of a département (`procedure.create`), with its duration. */
export async function createProcedure(
  deps: ConfigDeps,
  acting: Acting,
  input: NewProcedureInput,
): Promise<ProcedureDetails> {
  const check = new FieldCheck();
  const owner = checkNewProcedure(input, check);
  const fields = checkProcedure(input, check);
  check.throwIfAny();
  ensureAllowed(acting.principal, 'procedure.configure', procedureTarget(owner));
  if (owner.departmentCode !== null && !(await departmentExists(deps.db, owner.departmentCode))) {
    throw refused('departmentCode', 'unknown');
  }
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const id = await insertProcedure(trx, { ...owner, ...fields });
      const after: ProcedureDetails = { id, ...owner, ...fields };
      const place = { departmentCode: owner.departmentCode };
      const record = { action: 'procedure.create', target: { type: 'procedure', id }, place, after };
      await recordAudit(trx, acting.actor, record, now);
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'procedure_code_key')) throw refused('code', 'code_taken');
    throw error;
  }
}

/** Replaces a procedure's texts and eligibility (`procedure.update`), if the principal may edit it. */
export async function updateProcedure(
  deps: ConfigDeps,
  acting: Acting,
  id: number,
  input: ProcedureInput,
): Promise<ProcedureDetails> {
  const current = await getProcedure(deps, acting.principal, id);
  ensureAllowed(acting.principal, 'procedure.configure', procedureTarget(current));
  const check = new FieldCheck();
  const fields = checkProcedure(input, check);
  check.throwIfAny();
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findProcedureDetails(trx, id, true);
    if (!before) throw notFoundError('procedure');
    ensureAllowed(acting.principal, 'procedure.configure', procedureTarget(before));
    await writeProcedure(trx, id, fields);
    const after: ProcedureDetails = { ...before, ...fields };
    const place = { departmentCode: before.departmentCode };
    const record = { action: 'procedure.update', target: { type: 'procedure', id }, place, before, after };
    await recordAudit(trx, acting.actor, record, now);
    return after;
  });
}
