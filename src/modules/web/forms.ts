import { errorCodes, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { findUnstorable } from '../../http/unstorable.ts';
import { isApiRequest } from './error-pages.ts';
import { html } from './html.ts';
import { messagesFor } from './i18n.ts';
import { common } from './web.messages.ts';
import type { Web } from './web.plugin.ts';

// How pages read what a browser sends: HTML forms (urlencoded) and links (query strings), by hand
// rather than through a schema, after one check that nothing unstorable reaches any page.

/** A string field of a parsed form or query, '' when absent or not a string, cut at `maxLength`. */
export function field(source: unknown, name: string, maxLength = 200): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, maxLength) : '';
}

/**
 * Body parsers for every scope: pages read HTML forms (and JSON); the API speaks JSON only, so a form
 * or a text body sent to it is a clear 415, as any other type.
 */
export function registerFormParsers(app: FastifyInstance): void {
  const refuse = (request: FastifyRequest) =>
    new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(request.headers['content-type'] ?? ''));
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      if (isApiRequest(request)) return done(refuse(request), undefined);
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (request, body, done) => {
    if (isApiRequest(request)) return done(refuse(request), undefined);
    done(null, body);
  });
}

/**
 * Pages read their input by hand rather than through a schema: this one check (a root preHandler,
 * after the anti-forgery check) keeps a NUL (which PostgreSQL text refuses), a lone surrogate or a
 * deeply nested JSON body from reaching any of them, with a 400 page naming the field.
 */
export function refuseUnstorable(
  request: FastifyRequest,
  reply: FastifyReply,
  web: Web,
): FastifyReply | undefined {
  if (isApiRequest(request)) return undefined;
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
      status: 400,
    });
  }
  return undefined;
}
