import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { findUnstorable } from '../../http/unstorable.ts';
import { bookingPages } from '../booking/booking.pages.ts';
import { journeyPages } from '../booking/journey.pages.ts';
import { managePages } from '../booking/manage.pages.ts';
import { convocationPages } from '../convocation/convocation.pages.ts';
import { directoryPages } from '../territory/directory.pages.ts';
import { html } from './html.ts';
import { messagesFor } from './i18n.ts';
import { common } from './messages/common.ts';
import { staticPages } from './static.pages.ts';
import type { Web } from './web.plugin.ts';

/** Every HTML page of the applicant's journey, registered in a scope that parses HTML forms. */
export function registerPages(app: FastifyInstance, ctx: AppContext, web: Web): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  // After the anti-forgery check (a root hook), before any page reads its input.
  app.addHook('preHandler', async (request, reply) => refuseUnstorable(request, reply, web));
  directoryPages(app, ctx, web);
  journeyPages(app, ctx, web);
  bookingPages(app, ctx, web);
  managePages(app, ctx, web);
  convocationPages(app, ctx, web);
  staticPages(app, ctx, web);
}

/**
 * Pages read their input by hand rather than through a schema: this one check keeps a NUL (which
 * PostgreSQL text refuses), a lone surrogate or a deeply nested JSON body from reaching any of them,
 * with a 400 page naming the field.
 */
function refuseUnstorable(request: FastifyRequest, reply: FastifyReply, web: Web): FastifyReply | undefined {
  const parts = [
    { part: 'body', values: request.body },
    { part: 'query', values: request.query },
    { part: 'params', values: request.params },
  ] as const;
  for (const { part, values } of parts) {
    // Numbers only come from JSON bodies, which no page reads: strings and nesting matter here.
    const found = findUnstorable(values).find((value) => !value.problem.startsWith('number_'));
    if (!found) continue;
    const locale = web.locale(request, reply);
    const m = messagesFor(common, locale);
    // The name is shown in the page: keep it short and free of what made the value unusable.
    const name = found.path.join('.').replace(/\p{C}/gu, '�').slice(0, 60) || part;
    const message =
      found.problem === 'too_deep'
        ? m.badShape(name)
        : part === 'body'
          ? m.badCharacterInForm(name)
          : m.badCharacterInLink(name);
    return web.sendPage(reply, {
      locale,
      title: m.badInputTitle,
      main: html`<h1>${m.badInputTitle}</h1>
<div class="fr-alert fr-alert--error fr-mb-4w" role="alert"><p>${message}</p></div>
<p><a class="fr-link" href="/">${m.home}</a></p>`,
      path: request.url.split('?')[0] ?? '/',
      status: 400,
    });
  }
  return undefined;
}
