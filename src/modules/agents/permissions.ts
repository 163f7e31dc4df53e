import type { RoleName } from '../../db/schema.ts';

// Permissions are data (PRODUCT §4.4): a catalogue of named permissions, bundled into roles, each
// role granted on a scope. One rule answers every question — may this agent do this here? — and the
// same rule gives the filter every list applies in SQL (`coverageFilter` in permissions.sql.ts).

/** Every permission an agent may hold. */
export const PERMISSIONS = [
  'agenda.read',
  'booking.check_in',
  'booking.revoke',
  'booking.correct_identity',
  'site.configure',
  'procedure.configure',
  'agent.manage',
  'audit.read',
  'stats.read',
  'fraud.review',
  'draw.manage',
  'request.enter',
  'permit.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_NAMES: readonly RoleName[] = [
  'administrator',
  'site_manager',
  'agent',
  'viewer',
  'partner',
];

/** What each role may do, wherever it is granted. */
export const ROLES: Readonly<Record<RoleName, readonly Permission[]>> = {
  administrator: PERMISSIONS,
  site_manager: [
    'agenda.read',
    'booking.check_in',
    'booking.revoke',
    'booking.correct_identity',
    'site.configure',
    'procedure.configure',
    'stats.read',
    'draw.manage',
    'request.enter',
    'permit.manage',
  ],
  agent: ['agenda.read', 'booking.check_in', 'request.enter', 'permit.manage'],
  viewer: ['agenda.read', 'stats.read'],
  partner: ['request.enter'],
};

/** Where a role is granted: the country, a département, or one site (with its département). */
export type Scope =
  | { kind: 'national' }
  | { kind: 'department'; departmentCode: string }
  | { kind: 'site'; siteId: number; departmentCode: string };

export interface Grant {
  role: RoleName;
  scope: Scope;
}

/** Who acts: an agent signed in (or holding an API token) with every grant they hold. */
export interface Principal {
  agentId: number;
  name: string;
  email: string;
  grants: readonly Grant[];
}

/** What an action applies to: the country as a whole (national settings), a département, a site. */
export type Target =
  | { kind: 'national' }
  | { kind: 'department'; departmentCode: string }
  | { kind: 'site'; siteId: number; departmentCode: string };

/** Where a principal holds a permission: everywhere, or these départements and sites. */
export interface Coverage {
  national: boolean;
  departmentCodes: ReadonlySet<string>;
  siteIds: ReadonlySet<number>;
}

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: 'not_permitted' | 'out_of_scope'; message: string };

/** The places where `principal` holds `permission`, from its grants. */
export function coverageOf(principal: Principal, permission: Permission): Coverage {
  const departmentCodes = new Set<string>();
  const siteIds = new Set<number>();
  let national = false;
  for (const grant of principal.grants) {
    if (!ROLES[grant.role].includes(permission)) continue;
    if (grant.scope.kind === 'national') national = true;
    else if (grant.scope.kind === 'department') departmentCodes.add(grant.scope.departmentCode);
    else siteIds.add(grant.scope.siteId);
  }
  return { national, departmentCodes, siteIds };
}

/** Whether a coverage reaches a target: a site is covered by its own grant or its département's. */
export function covers(coverage: Coverage, target: Target): boolean {
  if (coverage.national) return true;
  if (target.kind === 'national') return false;
  if (coverage.departmentCodes.has(target.departmentCode)) return true;
  return target.kind === 'site' && coverage.siteIds.has(target.siteId);
}

/** Whether a coverage is empty: the permission is held nowhere. */
export function isEmpty(coverage: Coverage): boolean {
  return !coverage.national && coverage.departmentCodes.size === 0 && coverage.siteIds.size === 0;
}

/** The one rule: may `principal` use `permission` on `target`, and if not, why. */
export function authorize(principal: Principal, permission: Permission, target: Target): Decision {
  const coverage = coverageOf(principal, permission);
  if (isEmpty(coverage)) {
    return {
      allowed: false,
      reason: 'not_permitted',
      message: 'Vos rôles ne donnent pas le droit de faire cette action.',
    };
  }
  if (!covers(coverage, target)) {
    return {
      allowed: false,
      reason: 'out_of_scope',
      message: "Cette action porte sur un service qui n'est pas dans votre périmètre.",
    };
  }
  return { allowed: true };
}

/** The scope written as PRODUCT §7.1 does on the command line: `national`, `74`, `site:12`. */
export function scopeLabel(scope: Scope): string {
  if (scope.kind === 'national') return 'national';
  if (scope.kind === 'department') return scope.departmentCode;
  return `site:${scope.siteId}`;
}
