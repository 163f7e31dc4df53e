import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from './html.ts';
import { messagesFor } from './i18n.ts';
import { common } from './messages/common.ts';
import type { Web } from './web.plugin.ts';

/** Whether a request comes from a browser asking for a page, rather than from a client of the JSON API. */
export function wantsPage(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api/') && String(request.headers.accept ?? '').includes('text/html');
}

/** The DSFR page "service temporarily unavailable" (503), with a link to try the same page again. */
export function sendUnavailablePage(web: Web, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = web.locale(request, reply);
  const m = messagesFor(common, locale);
  // Only a GET can be replayed by a link; a form's POST is retried from the browser's history.
  const retry =
    request.method === 'GET' ? html`<li><a class="fr-btn" href="${request.url}">${m.retry}</a></li>` : '';
  const main = html`<h1>${m.unavailable}</h1>
<p>${m.unavailableText}</p>
<ul class="fr-btns-group fr-btns-group--inline-md">
${retry}<li><a class="fr-btn fr-btn--secondary" href="/">${m.home}</a></li>
</ul>`;
  return web.sendPage(reply, {
    locale,
    title: m.unavailable,
    main,
    path: request.url.split('?')[0] ?? '/',
    status: 503,
  });
}
