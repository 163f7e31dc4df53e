import { AppError, invalid } from '../../errors.ts';
import { covers } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Acting, coverageFor, siteTarget } from '../configuration/offices.access.ts';
import { normaliseReference } from './permits.input.ts';
import { findPermitsAtDesk, lockPermit, markCollected, type ShownPermit } from './permits.repository.ts';
import type { PermitsDeps } from './permits.usecases.ts';

// The pick-up desk (seeds/003: only those who got the SMS may come): the code of the SMS, or the
// foreigner number, finds the permit in the agent's offices; handing it over is audited. A permit of
// another office is not found (404): the desk tells nothing of what lies outside its scope.

const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{6}$/;

/** What a typed code names: a reference or a foreigner number; a 422 on `code` when neither. */
export function parseDeskCode(typed: string): { reference: string } | { foreignerNumber: string } {
  const digits = typed.replace(/\s/gu, '');
  if (/^[0-9]{10}$/.test(digits)) return { foreignerNumber: digits };
  const reference = normaliseReference(typed);
  if (REFERENCE.test(reference)) return { reference };
  throw invalid([
    {
      field: 'code',
      code: 'desk_code_invalid',
      message: 'Saisissez le code de 6 caractères reçu par SMS, ou le numéro étranger de 10 chiffres.',
    },
  ]);
}

function permitNotFound(): AppError {
  return new AppError(404, 'permit_not_found', 'Aucun titre ne correspond à ce code dans vos services.');
}

/** The permits a typed code names in the agent's offices (403 without permit.manage, 404 when none). */
export async function findAtDesk(deps: PermitsDeps, acting: Acting, typed: string): Promise<ShownPermit[]> {
  const coverage = coverageFor(acting.principal, 'permit.manage');
  const permits = await findPermitsAtDesk(deps.db, coverage, parseDeskCode(typed));
  if (permits.length === 0) throw permitNotFound();
  return permits;
}

/** Hands a ready permit over to its holder: collected, audited; 404 out of scope, 409 if already handed. */
export async function handOver(deps: PermitsDeps, acting: Acting, permitId: string): Promise<ShownPermit> {
  const coverage = coverageFor(acting.principal, 'permit.manage');
  if (!/^[1-9][0-9]{0,18}$/.test(permitId)) throw permitNotFound();
  return deps.db.transaction().execute(async (trx) => {
    const permit = await lockPermit(trx, permitId);
    if (
      !permit ||
      !covers(coverage, siteTarget({ id: permit.siteId, departmentCode: permit.departmentCode }))
    ) {
      throw permitNotFound();
    }
    if (permit.status !== 'ready') {
      throw new AppError(409, 'permit_already_collected', 'Ce titre a déjà été remis à son titulaire.');
    }
    const now = deps.clock.now();
    await markCollected(trx, permit.id, acting.actor.agentId, now);
    await recordAudit(
      trx,
      acting.actor,
      {
        action: 'permit.collect',
        target: { type: 'permit', id: permit.id },
        place: { departmentCode: permit.departmentCode, siteId: permit.siteId },
        before: { status: 'ready' },
        after: { status: 'collected', reference: permit.reference, foreignerNumber: permit.foreignerNumber },
        personal: true,
      },
      now,
    );
    return { ...permit, status: 'collected', collectedAt: now };
  });
}
