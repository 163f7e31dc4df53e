import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { WRITE_BUDGET, writeBudgetStore } from '../modules/protection/write-budget.ts';
import { html } from '../modules/web/html.ts';
import { messagesFor } from '../modules/web/i18n.ts';
import { common } from '../modules/web/web.messages.ts';
import type { Web } from '../modules/web/web.plugin.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` on a POST that changes nothing (journey steps 3 and 4): it spends no write budget. */
    write?: boolean;
  }
}

/** Seconds a client is told to wait when the budget cannot be checked (the database is down). */
const UNAVAILABLE_RETRY_SECONDS = 5;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request spends the write budget: every route answering another method than GET, HEAD or
 * OPTIONS, API and pages alike, unless its config says `write: false`. Unknown addresses spend nothing.
 */
export function isWrite(request: FastifyRequest): boolean {
  if (READS.has(request.method) || request.is404) return false;
  return request.routeOptions.config?.write !== false;
}

/**
 * One budget of writes per client address across every write route and every instance (decision 0011):
 * @fastify/rate-limit keyed by the address alone, counting in PostgreSQL. The client address is
 * `request.ip`, which believes X-Forwarded-For only from the proxies of TRUST_PROXY (see app.ts).
 * Registered after the web layer, whose cookies give the language of the over-budget page.
 */
export async function registerWriteBudget(app: FastifyInstance, ctx: AppContext, web: Web): Promise<void> {
  if (!ctx.config.rateLimit) return;
  await app.register(rateLimit, {
    global: false,
    store: writeBudgetStore({ db: ctx.db, clock: ctx.clock, secretKey: ctx.config.secretKey }),
  });
  const spend = app.createRateLimit({ max: WRITE_BUDGET.max, timeWindow: WRITE_BUDGET.windowMs });

  // onRequest: an over-budget client is answered before its body is even read, and nothing is stored.
  app.addHook('onRequest', async (request, reply) => {
    if (!isWrite(request)) return;
    let result: Awaited<ReturnType<typeof spend>>;
    try {
      result = await spend(request);
    } catch (error) {
      // The key is a hash, but the error may still quote SQL parameters: log its kind only.
      const { name, code, message } = error as Error & { code?: string };
      request.log.warn({ err: { name, code, message } }, 'write budget unavailable');
      return unavailable(request, reply, web);
    }
    if (result.isAllowed) return;
    reply.header('x-ratelimit-limit', result.max);
    reply.header('x-ratelimit-remaining', result.remaining);
    reply.header('x-ratelimit-reset', result.ttlInSeconds);
    if (result.isExceeded) return overBudget(request, reply, web, Math.max(1, result.ttlInSeconds));
  });
}

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

function overBudget(request: FastifyRequest, reply: FastifyReply, web: Web, seconds: number): FastifyReply {
  reply.header('retry-after', seconds);
  if (isApi(request)) {
    return reply.status(429).send({
      error: { code: 'rate_limited', message: `Trop de requêtes : réessayez dans ${seconds} s.` },
    });
  }
  const locale = web.locale(request, reply);
  const m = messagesFor(common, locale);
  return web.sendPage(reply, {
    locale,
    title: m.overBudget,
    path: request.url.split('?')[0] ?? '/',
    status: 429,
    main: html`<h1>${m.overBudget}</h1>
<div class="fr-alert fr-alert--warning fr-mb-4w"><p>${m.overBudgetText(seconds)}</p></div>
<p>${m.overBudgetShared}</p>
<p><a class="fr-link" href="/">${m.home}</a></p>`,
  });
}

function unavailable(request: FastifyRequest, reply: FastifyReply, web: Web): FastifyReply {
  reply.header('retry-after', UNAVAILABLE_RETRY_SECONDS);
  if (isApi(request)) {
    return reply.status(503).send({
      error: {
        code: 'unavailable',
        message: 'Service momentanément indisponible : réessayez dans quelques instants.',
      },
    });
  }
  const locale = web.locale(request, reply);
  const m = messagesFor(common, locale);
  return web.sendPage(reply, {
    locale,
    title: m.unavailable,
    path: request.url.split('?')[0] ?? '/',
    status: 503,
    main: html`<h1>${m.unavailable}</h1>
<div class="fr-alert fr-alert--error fr-mb-4w"><p>${m.writeUnavailableText}</p></div>`,
  });
}
