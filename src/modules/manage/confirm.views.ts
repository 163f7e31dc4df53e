import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { csrfField } from '../web/components.ts';
import { html } from '../web/html.ts';
import { formatDateTime, messagesFor } from '../web/i18n.ts';
import { manage } from '../web/messages/manage.ts';
import type { Web } from '../web/web.plugin.ts';
import { confirmBooking, getBooking, peekConfirmation } from './booking.usecases.ts';
import { bookingSummary, downloadLinks, field, sendProblem, tokenQuery } from './manage.components.ts';

// The page behind the emailed confirmation link. Opening a link never changes anything (mail scanners
// open links): the page shows the appointment and a button; the button POSTs.

/** GET/POST /rendez-vous/confirmer. */
export function bookingPages(app: FastifyInstance, ctx: AppContext, web: Web): void {
  const deps = { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
  const path = '/rendez-vous/confirmer';

  app.get(path, { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    const token = field(request.query, 'token');
    try {
      const details = await peekConfirmation(deps, token);
      const deadline = formatDateTime(details.holdExpiresAt, details.timezone, locale, {
        date: 'full',
        time: 'short',
      });
      return web.sendPage(reply, {
        locale,
        title: m.confirm.title,
        path,
        main: html`<h1>${m.confirm.title}</h1>
<p class="fr-text--lead">${m.confirm.intro}</p>
${bookingSummary(details, locale)}
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.confirm.deadline(deadline)}</p></div>
<form method="post" action="/rendez-vous/confirmer">
${csrfField(web.csrfToken(request, reply))}
<input type="hidden" name="token" value="${token}">
<button class="fr-btn" type="submit">${m.confirm.button}</button>
</form>`,
      });
    } catch (error) {
      return sendProblem(web, request, reply, error);
    }
  });

  app.post(path, { schema: { hide: true } }, async (request, reply) => {
    const locale = web.locale(request, reply);
    const m = messagesFor(manage, locale);
    try {
      const { manageToken } = await confirmBooking(deps, field(request.body, 'token'));
      const details = await getBooking(deps, manageToken);
      return web.sendPage(reply, {
        locale,
        title: m.confirm.doneTitle,
        path,
        main: html`<div class="fr-alert fr-alert--success fr-mb-4w" role="status">
<h1 class="fr-alert__title">${m.confirm.doneTitle}</h1>
<p>${m.confirm.done}</p>
</div>
${bookingSummary(details, locale)}
<p>${m.confirm.arrive}</p>
${downloadLinks(locale, tokenQuery(manageToken))}
<p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/rendez-vous/gerer?${tokenQuery(manageToken)}">${m.confirm.manage}</a></p>`,
      });
    } catch (error) {
      return sendProblem(web, request, reply, error);
    }
  });
}
