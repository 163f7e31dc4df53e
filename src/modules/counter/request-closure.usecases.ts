import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Coverage, covers } from '../agents/permissions.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Acting, siteTarget } from '../configuration/offices.access.ts';
import { notify } from '../notify/notify.ts';
import { normaliseLabel } from '../requests/labels.ts';
import type { RevocationDeps } from './revocation.usecases.ts';
import { closeWaitingRequests, lockRequestsByLabel } from './suspicious-requests.repository.ts';

// The office closes waiting requests of the draw queue in bulk from the suspicious review (issue 10
// point 7; decision 0048): booking.revoke on every office of each request, as for a booking, all or
// none; each closure audited (`request.close`) and its person told once, by email and by SMS when a
// phone is known.

/** The labels a form or a client sent, as a person may type them, once each. */
export function normaliseLabels(labels: readonly string[] | undefined): string[] {
  return [...new Set((labels ?? []).map(normaliseLabel))];
}

type Locked = Awaited<ReturnType<typeof lockRequestsByLabel>>[number];

/**
 * Whether the coverage holds every office of a request: the SQL places a request by its first office
 * (all are in one département), and an agent acts on it only with every one of them.
 */
export function coversEveryOffice(
  coverage: Coverage,
  request: { siteIds: readonly number[]; departmentCode: string },
): boolean {
  return request.siteIds.every((id) =>
    covers(coverage, siteTarget({ id, departmentCode: request.departmentCode })),
  );
}

/**
 * The requests to close, locked: every label must name a request the agent may close (otherwise 404,
 * naming none); one that left the queue otherwise than by the office is a 409 naming its label. One
 * already closed by the office is left as it is, so that a retried submission tells nobody twice.
 */
export async function requestsToClose(
  trx: Transaction<Database>,
  coverage: Coverage,
  labels: readonly string[],
): Promise<Locked[]> {
  const rows = await lockRequestsByLabel(trx, labels);
  const allowed = rows.filter((r) => coversEveryOffice(coverage, r));
  if (allowed.length !== labels.length)
    throw notFound('request_not_found', 'Au moins un numéro ne désigne aucune demande de votre périmètre.');
  const ended = allowed.filter((r) => r.status !== 'waiting' && r.closedReason === null).map((r) => r.label);
  if (ended.length > 0) {
    const message = `Ces demandes ne sont plus en attente : ${ended.join(', ')}.`;
    throw new AppError(409, 'request_not_waiting', message, [
      { field: 'labels', code: 'not_waiting', message, params: { labels: ended.join(', ') } },
    ]);
  }
  return allowed.filter((r) => r.status === 'waiting');
}

/** Closes the locked waiting requests with the reason: one audit entry and one notice each. */
export async function closeRequests(
  trx: Transaction<Database>,
  deps: RevocationDeps,
  acting: Acting,
  requests: readonly Locked[],
  closure: { reason: string; now: Date },
): Promise<number> {
  const { reason, now } = closure;
  const ids = await closeWaitingRequests(
    trx,
    requests.map((r) => r.id),
    { reason, agentId: acting.actor.agentId, now },
  );
  const closed = new Set(ids);
  for (const r of requests.filter((request) => closed.has(request.id))) {
    await recordAudit(
      trx,
      acting.actor,
      {
        action: 'request.close',
        target: { type: 'request', id: r.label },
        place: { departmentCode: r.departmentCode, siteId: r.siteIds.length === 1 ? r.siteIds[0] : null },
        after: { status: 'closed', reason },
      },
      now,
    );
    await notify(
      trx,
      {
        event: 'request.closed',
        requestId: r.id,
        locale: r.locale,
        dueAt: now,
        channels: r.phone ? ['email', 'sms'] : ['email'],
      },
      deps.config,
    );
  }
  return ids.length;
}
