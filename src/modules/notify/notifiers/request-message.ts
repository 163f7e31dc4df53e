import { describeEarliest, describeHalfDays } from '../../requests/half-days.messages.ts';
import { findRequestDetails, type RequestDetails } from '../../requests/requests.repository.ts';
import type { Block, Writing } from '../email-layout.ts';
import type { EventName } from '../events.ts';
import { type NotificationRef, type NotifierDeps, type Skip, skip } from '../notifier.ts';

/** The request a row refers to, read now; skipped when it no longer exists. */
export async function currentRequest<E extends EventName>(
  deps: NotifierDeps,
  ref: NotificationRef<E>,
): Promise<RequestDetails | Skip> {
  const request = ref.requestId ? await findRequestDetails(deps.db, ref.requestId) : undefined;
  return request ?? skip('the request no longer exists');
}

/** The page of a request behind its emailed link. */
export function requestPath(request: RequestDetails): string {
  return `/demandes/${request.label}`;
}

/** The table of a request: its number, procedure, offices, half-days and earliest date. */
export function requestDetails(r: RequestDetails, w: Writing): Block {
  const l = w.t.request.labels;
  return {
    type: 'details',
    rows: [
      [l.label, r.label],
      [l.procedure, r.procedureTitle],
      [l.offices, r.sites.map((site) => site.name).join(', ')],
      [l.halfDays, describeHalfDays(r.halfDays, w.language)],
      [l.earliest, describeEarliest(r.earliest, w.language)],
    ],
  };
}
