import type { FastifyRequest } from 'fastify';
import { html } from './html.ts';
import { messagesFor } from './i18n.ts';
import { common } from './web.messages.ts';
import type { PageContext, PageView } from './web.plugin.ts';

/** Whether a request is for the JSON API (`/api/…`), which never answers HTML. */
export function isApiRequest(request: Pick<FastifyRequest, 'url'>): boolean {
  return request.url.startsWith('/api/');
}

/** Whether a request comes from a browser asking for a page, rather than from a client of the JSON API. */
export function wantsPage(request: Pick<FastifyRequest, 'url' | 'headers'>): boolean {
  return !isApiRequest(request) && String(request.headers.accept ?? '').includes('text/html');
}

/** What an error page shows: its status, and the address to try again when the request can be replayed. */
export interface ErrorPage {
  status: number;
  /** A GET can be replayed by a link; a form's POST is retried from the browser's history. */
  retryUrl?: string;
}

/**
 * The DSFR page a browser gets for an error: 404, 403, 503 and 500 each say what happened in the
 * page's language; any other 4xx says the request could not be handled. Nothing about the cause —
 * no message, no stack — is ever shown: it stays in the log.
 */
export function errorPageView(page: PageContext, error: ErrorPage): PageView {
  const m = messagesFor(common, page.locale);
  const home = html`<a class="fr-link" href="/">${m.home}</a>`;
  const { status } = error;
  if (status === 404) {
    return {
      title: m.pageNotFound,
      status,
      main: html`<h1>${m.pageNotFound}</h1><p>${m.pageNotFoundText}</p><p>${home}</p>`,
    };
  }
  if (status === 503) {
    const retry = error.retryUrl
      ? html`<li><a class="fr-btn" href="${error.retryUrl}">${m.retry}</a></li>`
      : '';
    return {
      title: m.unavailable,
      status,
      main: html`<h1>${m.unavailable}</h1>
<p>${m.unavailableText}</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
${retry}<li><a class="fr-btn fr-btn--secondary" href="/">${m.home}</a></li>
</ul>`,
    };
  }
  const [title, text] =
    status === 403
      ? [m.forbidden, m.forbiddenText]
      : status < 500
        ? [m.badRequest, m.badRequestText]
        : [m.serverError, m.serverErrorText];
  return { title, status, main: html`<h1>${title}</h1><p>${text}</p><p>${home}</p>` };
}
