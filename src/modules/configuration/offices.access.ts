import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { actorOf, ensureAllowed, principalOf } from '../agents/auth.ts';
import {
  authorize,
  type Coverage,
  coverageOf,
  isEmpty,
  type Permission,
  type Principal,
  type Target,
} from '../agents/permissions.ts';
import type { AuditActor } from '../audit/audit.ts';

// Who acts on the configuration and what they may reach: every use case of sites, procedures and
// offers decides through these, on the place read from the database.

/** What the configuration's use cases need. */
export interface ConfigDeps {
  db: Db;
  clock: Clock;
}

/** Who acts: the principal the rule decides on, and the actor the audit log records. */
export interface Acting {
  principal: Principal;
  actor: AuditActor;
}

/** The acting agent of a guarded request (page or admin API). */
export function actingOf(request: FastifyRequest, ctx: AppContext): Acting {
  return { principal: principalOf(request), actor: actorOf(request, ctx) };
}

/**
 * The places where the principal holds `permission`, for a list's filter; a 403 `not_permitted` when
 * it holds it nowhere (the same answer `authorize` gives).
 */
export function coverageFor(principal: Principal, permission: Permission): Coverage {
  const coverage = coverageOf(principal, permission);
  if (isEmpty(coverage)) ensureAllowed(principal, permission, { kind: 'national' });
  return coverage;
}

/** A site as the rule sees it: the site and the département it is in (read from the database). */
export function siteTarget(site: { id: number; departmentCode: string }): Target {
  return { kind: 'site', siteId: site.id, departmentCode: site.departmentCode };
}

/** Whether the principal may use `permission` on `target` (for a page's links and buttons). */
export function allows(principal: Principal, permission: Permission, target: Target): boolean {
  return authorize(principal, permission, target).allowed;
}

/** The 404 of an id that names nothing. */
export function notFoundError(what: 'site' | 'procedure' | 'offer'): AppError {
  const messages = {
    site: "Ce service n'existe pas.",
    procedure: "Cette démarche n'existe pas.",
    offer: "Cette offre n'existe pas.",
  };
  return new AppError(404, `${what}_not_found`, messages[what]);
}
