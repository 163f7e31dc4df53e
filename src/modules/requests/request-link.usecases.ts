import { hashToken, looksLikeToken } from '../booking/tokens.ts';
import { notify } from '../notify/notify.ts';
import { normaliseLabel } from './labels.ts';
import { requestErrors } from './requests.errors.ts';
import {
  findRequestDetails,
  findRequestToken,
  type RequestDetails,
  withdrawWaiting,
} from './requests.repository.ts';
import type { RequestDeps } from './requests.usecases.ts';

// A request behind its emailed link (PRODUCT §7): consult it, download its receipt, withdraw it.

/** The request a token opens, when the label matches: a manage token, or (`receipt`) a receipt's. */
async function openRequest(
  deps: Pick<RequestDeps, 'db' | 'clock'>,
  input: { label: string; token: string },
  accept: readonly ('manage' | 'receipt')[] = ['manage'],
): Promise<RequestDetails> {
  const row = looksLikeToken(input.token)
    ? await findRequestToken(deps.db, hashToken(input.token))
    : undefined;
  if (!row || !accept.includes(row.purpose) || normaliseLabel(input.label) !== row.label) {
    throw requestErrors.tokenInvalid();
  }
  if (row.expiresAt <= deps.clock.now()) throw requestErrors.tokenExpired();
  const details = await findRequestDetails(deps.db, row.requestId);
  if (!details) throw requestErrors.requestNotFound();
  return details;
}

/** The request behind an emailed link (its page and `GET /api/v1/requests/LABEL`). */
export function getRequest(deps: Pick<RequestDeps, 'db' | 'clock'>, input: { label: string; token: string }) {
  return openRequest(deps, input);
}

/** What a receipt's download shows: the request, opened by its manage link or the receipt's own token. */
export function getRequestForReceipt(
  deps: Pick<RequestDeps, 'db' | 'clock'>,
  input: { label: string; token: string },
) {
  return openRequest(deps, input, ['manage', 'receipt']);
}

/** The public view of a request (PRODUCT §7): no identity, no choice, only where it stands. */
export function presentRequest(details: RequestDetails) {
  return {
    label: details.label,
    status: details.status,
    lost: details.lost,
    ...(details.bookingReference ? { bookingReference: details.bookingReference } : {}),
  };
}

/** Withdraws a waiting request with its manage link; the person is told by email. */
export async function withdrawRequest(
  deps: RequestDeps,
  input: { label: string; token: string },
): Promise<{ label: string; status: 'withdrawn' }> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const label = await db.transaction().execute(async (trx) => {
    const row = looksLikeToken(input.token)
      ? await findRequestToken(trx, hashToken(input.token), { lock: true })
      : undefined;
    if (!row || row.purpose !== 'manage' || normaliseLabel(input.label) !== row.label) {
      throw requestErrors.tokenInvalid();
    }
    if (row.expiresAt <= now) throw requestErrors.tokenExpired();
    if (!(await withdrawWaiting(trx, row.requestId, now))) throw requestErrors.notWithdrawable();
    await notify(
      trx,
      { event: 'request.withdrawn', requestId: row.requestId, locale: row.locale, dueAt: now },
      config,
    );
    return row.label;
  });
  deps.wakeOutbox?.();
  return { label, status: 'withdrawn' };
}
