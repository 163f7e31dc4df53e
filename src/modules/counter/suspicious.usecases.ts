import { AppError, type FieldError, invalid, notFound } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import type { Principal } from '../agents/permissions.ts';
import { covers } from '../agents/permissions.ts';
import { normaliseReference } from '../booking/tokens.ts';
import { type Acting, coverageFor, siteTarget } from '../configuration/offices.access.ts';
import { formatInZone } from '../schedule/timezone.ts';
import type { Refusal } from './refusals.messages.ts';
import { parseRevocationReason } from './revocation.input.ts';
import { type RevocationDeps, revokeAll } from './revocation.usecases.ts';
import { findBookingsByReference, listReviewCandidates } from './suspicious.repository.ts';
import { labelGroups, type SuspicionReason, suspiciousGroups } from './suspicious.ts';

// The suspicious-bookings review (issue 10 point 7; decisions 0038, 0043): groups of active bookings
// that share an address, a phone, a network or near-identical names (fraud.review), and their
// revocation in bulk with a reason (booking.revoke on each booking's office).

export const BULK_MAX = 500;

export interface SuspiciousPage {
  principal: Principal;
  groups: {
    reason: SuspicionReason;
    /** The group's number within its kind: a network is named "réseau n° 2", never by its key. */
    number: number;
    bookings: { reference: string; start: string; lastName: string; firstName: string }[];
  }[];
  errors: FieldError[];
  problem: Refusal | undefined;
  revoked: number | undefined;
  status: number;
}

/** The groups of the agent's scope (or of one département), each with its reason. */
export async function reviewSuspicious(deps: RevocationDeps, acting: Acting, query: { department?: string }) {
  const coverage = coverageFor(acting.principal, 'fraud.review');
  if (query.department !== undefined)
    ensureAllowed(acting.principal, 'fraud.review', { kind: 'department', departmentCode: query.department });
  const candidates = await listReviewCandidates(deps.db, coverage, deps.clock.now(), query.department);
  const { groups, reasonsOf } = labelGroups(suspiciousGroups(candidates));
  return {
    groups: groups.map((group) => ({
      reason: group.reason,
      group: group.group,
      number: group.number,
      bookings: group.bookings.map((b) => ({
        reference: b.reference,
        status: b.status,
        start: formatInZone(b.startsAt, b.timezone),
        siteId: b.siteId,
        lastName: b.lastName,
        firstName: b.firstName,
        reasons: reasonsOf(b.reference),
      })),
    })),
  };
}

/**
 * Revokes the selected bookings with one reason, all or none: every reference must name a booking
 * the agent may revoke (otherwise 404, naming none of the others). Each person notified once.
 */
export async function revokeSelected(
  deps: RevocationDeps,
  acting: Acting,
  body: { references: string[]; reason: string },
) {
  const reason = parseRevocationReason(body);
  const references = [...new Set(body.references.map(normaliseReference))];
  if (references.length === 0 || references.length > BULK_MAX)
    throw invalid([
      { field: 'references', code: 'count', message: `Choisissez de 1 à ${BULK_MAX} rendez-vous.` },
    ]);
  const coverage = coverageFor(acting.principal, 'booking.revoke');
  const found = await findBookingsByReference(deps.db, references);
  const allowed = found.filter((b) =>
    covers(coverage, siteTarget({ id: b.siteId, departmentCode: b.departmentCode })),
  );
  if (allowed.length !== references.length)
    throw notFound(
      'booking_not_found',
      'Au moins une référence ne désigne aucun rendez-vous de votre périmètre.',
    );
  const departments = new Set(allowed.map((b) => b.departmentCode));
  const revoked = await revokeAll(deps, acting, { bookingIds: allowed.map((b) => b.id) }, reason, {
    action: 'booking.revoke_bulk',
    target: { type: 'booking', id: null },
    place: { departmentCode: departments.size === 1 ? [...departments][0] : null, siteId: null },
  });
  return { revoked: revoked.length };
}

/** The review page's model: the groups, and what the last submission did or why it was refused. */
export async function suspiciousPage(
  deps: RevocationDeps,
  acting: Acting,
  body?: Record<string, unknown>,
  query: { department?: string } = {},
): Promise<SuspiciousPage> {
  let outcome: Pick<SuspiciousPage, 'errors' | 'problem' | 'revoked' | 'status'> = {
    errors: [],
    problem: undefined,
    revoked: undefined,
    status: 200,
  };
  if (body) {
    // One box per booking, named after it (a form sends each ticked box once).
    const references = Object.keys(body)
      .filter((name) => name.startsWith('ref-'))
      .map((name) => name.slice(4));
    try {
      const done = await revokeSelected(deps, acting, { references, reason: String(body.reason ?? '') });
      outcome = { ...outcome, revoked: done.revoked };
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 403) throw error;
      outcome = {
        ...outcome,
        errors: error.fields ?? [],
        problem: error.fields ? undefined : { code: error.code, message: error.message },
        status: error.status,
      };
    }
  }
  const review = await reviewSuspicious(deps, acting, query);
  return { principal: acting.principal, groups: review.groups, ...outcome };
}
