import { AppError, type FieldError, invalid, notFound } from '../../errors.ts';
import { ensureAllowed } from '../agents/auth.ts';
import { type Coverage, covers, type Principal } from '../agents/permissions.ts';
import { normaliseReference } from '../booking/tokens.ts';
import { type Acting, coverageFor, siteTarget } from '../configuration/offices.access.ts';
import { formatInZone } from '../schedule/timezone.ts';
import type { Refusal } from './refusals.messages.ts';
import {
  closeRequests,
  coversEveryOffice,
  normaliseLabels,
  requestsToClose,
} from './request-closure.usecases.ts';
import { parseRevocationReason } from './revocation.input.ts';
import { type RevocationDeps, revokeInTransaction } from './revocation.usecases.ts';
import { findBookingsByReference, listReviewCandidates } from './suspicious.repository.ts';
import { labelGroups, type SuspicionReason, suspiciousGroups } from './suspicious.ts';
import { listReviewRequests } from './suspicious-requests.repository.ts';

// The suspicious-bookings review (issue 10 point 7; decisions 0038, 0043, 0048): groups of active
// bookings and waiting requests that share an address, a phone, a network or near-identical names
// (fraud.review), the revocation of the bookings and the closure of the requests in bulk with a reason
// (booking.revoke on each one's offices), all or none.

export const BULK_MAX = 500;

/** A booking of a group, as the page shows it. */
interface BookingRow {
  reference: string;
  start: string;
  lastName: string;
  firstName: string;
}

/** A request of a group, as the page shows it: its label, procedure, offices and when it was made. */
interface RequestRow {
  label: string;
  procedure: string;
  offices: string[];
  created: string;
  lastName: string;
  firstName: string;
}

export interface SuspiciousPage {
  principal: Principal;
  groups: {
    reason: SuspicionReason;
    /** The group's number within its kind: a network is named "réseau n° 2", never by its key. */
    number: number;
    bookings: BookingRow[];
    requests: RequestRow[];
  }[];
  errors: FieldError[];
  problem: Refusal | undefined;
  revoked: number | undefined;
  closed: number | undefined;
  status: number;
}

/** The rows of the agent's scope the review compares: active bookings and waiting requests. */
async function reviewCandidates(deps: RevocationDeps, coverage: Coverage, department?: string) {
  const bookings = await listReviewCandidates(deps.db, coverage, deps.clock.now(), department);
  const requests = await listReviewRequests(deps.db, coverage, department);
  const covered = requests.filter((r) => coversEveryOffice(coverage, r));
  return [
    ...bookings.map((b) => ({ ...b, kind: 'booking' as const })),
    ...covered.map((r) => ({ ...r, kind: 'request' as const })),
  ];
}

type ReviewCandidate = Awaited<ReturnType<typeof reviewCandidates>>[number];

/** The groups of the agent's scope (or of one département), each with its reason. */
export async function reviewSuspicious(deps: RevocationDeps, acting: Acting, query: { department?: string }) {
  const coverage = coverageFor(acting.principal, 'fraud.review');
  if (query.department !== undefined)
    ensureAllowed(acting.principal, 'fraud.review', { kind: 'department', departmentCode: query.department });
  const candidates = await reviewCandidates(deps, coverage, query.department);
  const { groups, reasonsOf } = labelGroups(suspiciousGroups<ReviewCandidate>(candidates));
  return {
    groups: groups.map((group) => ({
      reason: group.reason,
      group: group.group,
      number: group.number,
      bookings: group.members.flatMap((b) =>
        b.kind === 'booking'
          ? [
              {
                kind: b.kind,
                reference: b.reference,
                status: b.status,
                start: formatInZone(b.startsAt, b.timezone),
                siteId: b.siteId,
                lastName: b.lastName,
                firstName: b.firstName,
                reasons: reasonsOf(b),
              },
            ]
          : [],
      ),
      requests: group.members.flatMap((r) =>
        r.kind === 'request'
          ? [
              {
                kind: r.kind,
                label: r.reference,
                status: r.status,
                procedure: r.procedureTitle,
                siteIds: r.siteIds,
                offices: r.offices,
                createdAt: r.createdAt.toISOString(),
                created: formatInZone(r.createdAt, r.timezone),
                lastName: r.lastName,
                firstName: r.firstName,
                reasons: reasonsOf(r),
              },
            ]
          : [],
      ),
    })),
  };
}

/** The bookings named, all in the agent's booking.revoke scope, or a 404 naming none of them. */
async function bookingsToRevoke(deps: RevocationDeps, coverage: Coverage, references: readonly string[]) {
  const found = await findBookingsByReference(deps.db, references);
  const allowed = found.filter((b) =>
    covers(coverage, siteTarget({ id: b.siteId, departmentCode: b.departmentCode })),
  );
  if (allowed.length !== references.length)
    throw notFound(
      'booking_not_found',
      'Au moins une référence ne désigne aucun rendez-vous de votre périmètre.',
    );
  return allowed;
}

/**
 * Revokes the selected bookings and closes the selected requests with one reason, all or none, in one
 * transaction: every reference and label must name a row the agent may act on (otherwise 404, naming
 * none of the others). Each person notified once. `closed` is answered when labels were sent.
 */
export async function revokeSelected(
  deps: RevocationDeps,
  acting: Acting,
  body: { references?: string[] | undefined; labels?: string[] | undefined; reason: string },
): Promise<{ revoked: number; closed?: number }> {
  const reason = parseRevocationReason(body);
  const references = [...new Set((body.references ?? []).map(normaliseReference))];
  const labels = normaliseLabels(body.labels);
  const total = references.length + labels.length;
  if (total === 0 || total > BULK_MAX)
    throw invalid([
      {
        field: 'references',
        code: 'count',
        message: `Choisissez de 1 à ${BULK_MAX} rendez-vous ou demandes.`,
      },
    ]);
  const coverage = coverageFor(acting.principal, 'booking.revoke');
  const bookings = await bookingsToRevoke(deps, coverage, references);
  const departments = new Set(bookings.map((b) => b.departmentCode));
  const now = deps.clock.now();
  const done = await deps.db.transaction().execute(async (trx) => {
    const requests = await requestsToClose(trx, coverage, labels);
    const revoked =
      references.length === 0
        ? []
        : (
            await revokeInTransaction(trx, deps, acting, {
              scope: { bookingIds: bookings.map((b) => b.id) },
              reason,
              now,
              audit: {
                action: 'booking.revoke_bulk',
                target: { type: 'booking', id: null },
                place: { departmentCode: departments.size === 1 ? [...departments][0] : null, siteId: null },
              },
            })
          ).ids;
    const closed = await closeRequests(trx, deps, acting, requests, { reason, now });
    return { revoked: revoked.length, closed };
  });
  if (done.revoked + done.closed > 0) deps.wakeOutbox?.();
  return labels.length > 0 ? done : { revoked: done.revoked };
}

/** The review page's model: the groups, and what the last submission did or why it was refused. */
export async function suspiciousPage(
  deps: RevocationDeps,
  acting: Acting,
  body?: Record<string, unknown>,
  query: { department?: string } = {},
): Promise<SuspiciousPage> {
  let outcome: Pick<SuspiciousPage, 'errors' | 'problem' | 'revoked' | 'closed' | 'status'> = {
    errors: [],
    problem: undefined,
    revoked: undefined,
    closed: undefined,
    status: 200,
  };
  if (body) {
    // One box per booking (`ref-`) and per request (`req-`), named after it (a form sends each ticked
    // box once).
    const ticked = (prefix: string) =>
      Object.keys(body)
        .filter((name) => name.startsWith(prefix))
        .map((name) => name.slice(prefix.length));
    try {
      const done = await revokeSelected(deps, acting, {
        references: ticked('ref-'),
        labels: ticked('req-'),
        reason: String(body.reason ?? ''),
      });
      outcome = { ...outcome, revoked: done.revoked, closed: done.closed ?? 0 };
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
