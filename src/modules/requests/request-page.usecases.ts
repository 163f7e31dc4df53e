import { type LinkProblem, orLinkProblem } from '../booking/link-problem.ts';
import { getRequest, getRequestForReceipt, withdrawRequest } from './request-link.usecases.ts';
import { requestErrors } from './requests.errors.ts';
import type { RequestDetails } from './requests.repository.ts';
import type { RequestDeps } from './requests.usecases.ts';

// The pages behind a request's emailed link as use cases: each returns what its view shows, or the
// link problem (bad or expired link, a request no longer waiting) its page explains. Opening a link
// changes nothing: only the withdrawal's POST does.

/** A request behind a link, and the token that opened it (the page's links carry it on). */
export interface OwnRequest {
  token: string;
  request: RequestDetails;
}

/** What a page behind a request's link names: the label in its address, the token in its query. */
export interface RequestLink {
  label: string;
  token: string;
}

/** The request's page: where it stands, its choices, its receipt, the withdrawal. */
export function requestPage(deps: RequestDeps, link: RequestLink): Promise<OwnRequest | LinkProblem> {
  return orLinkProblem(async () => ({ token: link.token, request: await getRequest(deps, link) }));
}

/** The page asking to confirm the withdrawal, for a request still waiting. */
export function withdrawalPage(deps: RequestDeps, link: RequestLink): Promise<OwnRequest | LinkProblem> {
  return orLinkProblem(async () => {
    const request = await getRequest(deps, link);
    if (request.status !== 'waiting') throw requestErrors.notWithdrawable();
    return { token: link.token, request };
  });
}

/** The withdrawal's button: withdraws, then shows the request as it now is. */
export function withdrawFromPage(deps: RequestDeps, link: RequestLink): Promise<OwnRequest | LinkProblem> {
  return orLinkProblem(async () => {
    await withdrawRequest(deps, link);
    return { token: link.token, request: await getRequest(deps, link) };
  });
}

/** The request whose receipt a link downloads (its manage link, or the receipt's own). */
export function receiptDownload(deps: RequestDeps, link: RequestLink): Promise<RequestDetails | LinkProblem> {
  return orLinkProblem(() => getRequestForReceipt(deps, link));
}
