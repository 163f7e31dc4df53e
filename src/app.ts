import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';
import { AppError } from './errors.ts';
import { registerWriteBudget } from './http/rate-limit.ts';
import { RETRY_AFTER_SECONDS, sendUnavailable, succeedsWithin } from './http/unavailable.ts';
import { toFieldErrors, validatorCompiler } from './http/validation.ts';
import { bookingRoutes } from './modules/booking/booking.routes.ts';
import { devMailRoutes } from './modules/notify/dev-mail.routes.ts';
import type { MailCapture } from './modules/notify/mail-capture.ts';
import { captchaRoutes } from './modules/protection/captcha.routes.ts';
import type { Captcha } from './modules/protection/captcha.ts';
import { availabilityRoutes } from './modules/schedule/availability.routes.ts';
import { territoryRoutes } from './modules/territory/territory.routes.ts';
import { wantsPage } from './modules/web/error-pages.ts';
import { html } from './modules/web/html.ts';
import { messagesFor } from './modules/web/i18n.ts';
import { common } from './modules/web/messages/common.ts';
import { registerPages } from './modules/web/pages.ts';
import { registerWeb, type Web } from './modules/web/web.plugin.ts';

/** What the routes need: settings, database, time, and the services started by server.ts. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  captcha: Captcha;
  /** Asks the outbox worker to look for new messages now rather than at its next poll. */
  wakeOutbox: () => void;
  /** The in-process SMTP capture, when no SMTP_URL is set (never in production). */
  mailCapture: MailCapture | undefined;
  /** Where log lines go instead of standard output (tests read it to check what is logged). */
  logStream?: { write(line: string): void };
}

/** Builds the Fastify application: plugins, modules' routes, and the one error handler. */
export async function buildApp(ctx: AppContext) {
  const app = Fastify({
    logger: {
      level: ctx.config.logLevel,
      ...(ctx.logStream ? { stream: ctx.logStream } : {}),
      // Query strings carry tokens (the emailed links): never log them.
      serializers: {
        req: (req) => ({ method: req.method, url: String(req.url).split('?')[0] }),
      },
    },
    bodyLimit: 16 * 1024,
    // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY; request.ip is then the
    // right-most address not among them (proxy-addr), so a client cannot choose its own address.
    trustProxy: ctx.config.trustProxy.length > 0 ? ctx.config.trustProxy : false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  let web: Web | undefined;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // The database stopped, frozen, unreachable or overloaded: a passing state, never a 500.
    if (isDatabaseUnavailable(error)) {
      request.log.warn(
        { err: { name: error.name, code: error.code, message: error.message } },
        'database unavailable',
      );
      return sendUnavailable(request, reply, web);
    }
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
        },
      });
    }
    if (error.validation) {
      const part = error.validationContext;
      const rootProblem = error.validation.some((e) => e.instancePath === '' && e.keyword === 'type');
      if (part === 'body' && rootProblem) {
        return reply
          .status(400)
          .send({ error: { code: 'malformed', message: 'Le corps de la requête doit être un objet JSON.' } });
      }
      return reply.status(422).send({
        error: {
          code: 'invalid',
          message: 'Certains champs sont invalides : corrigez-les et réessayez.',
          fields: toFieldErrors(error.validation as never),
        },
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply
        .status(413)
        .send({ error: { code: 'too_large', message: 'La requête est trop volumineuse.' } });
    }
    if (status === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'rate_limited', message: 'Trop de requêtes : réessayez dans une minute.' } });
    }
    if (status === 415) {
      return reply.status(415).send({
        error: { code: 'unsupported_media_type', message: 'Envoyez le corps en application/json.' },
      });
    }
    if (status >= 400 && status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError'
          ? "Le corps de la requête n'est pas un JSON valide."
          : 'La requête est mal formée.';
      return reply.status(400).send({ error: { code: 'malformed', message } });
    }
    // Details of a server fault stay in the log; the client learns only that it happened.
    // A PostgreSQL error's `detail` can quote the values involved (an email, a name): leave it out.
    const { name, code, message, stack } = error;
    request.log.error({ err: { name, code, message, stack } }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: 'Erreur interne : réessayez plus tard.' } });
  });
  app.setNotFoundHandler((request, reply) => {
    if (web && wantsPage(request)) {
      const locale = web.locale(request, reply);
      const m = messagesFor(common, locale);
      const main = html`<h1>${m.pageNotFound}</h1><p>${m.pageNotFoundText}</p><p><a class="fr-link" href="/">${m.home}</a></p>`;
      return web.sendPage(reply, { locale, title: m.pageNotFound, main, path: '/', status: 404 });
    }
    return reply.status(404).send({ error: { code: 'not_found', message: "Cette adresse n'existe pas." } });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Créneau public API',
        version: '1.0.0',
        description: 'Appointments for the foreigners’ services of French préfectures (PRODUCT §7).',
      },
    },
  });
  web = await registerWeb(app, ctx.config);
  const pagesWeb = web;
  await registerWriteBudget(app, ctx, pagesWeb);

  // Its own short deadline: a frozen database must not keep a load balancer's probe waiting.
  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    const probe = ctx.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    if (await succeedsWithin(probe, ctx.config.healthTimeoutMs)) return { status: 'ok' };
    return reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ status: 'unavailable' });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    // The API speaks JSON only: a text/plain body gets the same clear 415 as any other type.
    api.removeContentTypeParser('text/plain');
    territoryRoutes(api, ctx);
    availabilityRoutes(api, ctx);
    bookingRoutes(api, ctx);
    captchaRoutes(api, ctx.captcha);
  });
  await app.register(async (pages) => registerPages(pages, ctx, pagesWeb));
  if (ctx.mailCapture && !ctx.config.production) {
    const capture = ctx.mailCapture;
    await app.register(async (dev) => devMailRoutes(dev, capture));
  }
  return app;
}

export type CreneauApp = Awaited<ReturnType<typeof buildApp>>;
