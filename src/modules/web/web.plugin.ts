import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Locale } from '../../db/schema.ts';
import { assetRoutes, buildAssets } from './assets.ts';
import { html, type SafeHtml } from './html.ts';
import { messagesFor, pageLocale } from './i18n.ts';
import { renderPage } from './layout.ts';
import { common } from './messages/common.ts';

/** What a page handler needs from the web layer. */
export interface Web {
  assetsVersion: string;
  /** The page's language, from ?lang=, the cookie or the browser. */
  locale(request: FastifyRequest, reply: FastifyReply): Locale;
  /** The anti-forgery token to put in the page's forms (`csrfField`). */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Sends a full DSFR page. Pages are personal by default: never cached by anyone. */
  sendPage(
    reply: FastifyReply,
    page: {
      locale: Locale;
      title: string;
      main: SafeHtml;
      path: string;
      scripts?: string[];
      status?: number;
    },
  ): FastifyReply;
}

// Strict: no inline script or style anywhere, nothing from another origin. The ALTCHA widget solves
// its challenge in workers it creates from blobs, hence worker-src blob:.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CSRF_COOKIE = 'csrf';

/** Cookies, compression, security headers, anti-forgery check and the DSFR assets. */
export async function registerWeb(app: FastifyInstance, config: Config): Promise<Web> {
  const assets = buildAssets();
  await app.register(cookie);
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // Pages are small and made per request: a fast setting compresses them almost as well.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // Links carry tokens: no page may tell another site where the applicant came from.
    reply.header('referrer-policy', 'no-referrer');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', CSP);
      reply.header('x-frame-options', 'DENY');
      reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    }
    if (config.production) reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });

  const sign = (value: string) =>
    createHmac('sha256', config.secretKey).update(`csrf:${value}`).digest('base64url');
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.production };

  // Every form POST outside the JSON API must carry the token derived from this browser's cookie.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.url.startsWith('/api/')) return;
    const body = request.body as Record<string, unknown> | undefined;
    const secret = request.cookies[CSRF_COOKIE];
    const given = typeof body?._csrf === 'string' ? Buffer.from(body._csrf) : Buffer.alloc(0);
    const expected = secret ? Buffer.from(sign(secret)) : Buffer.alloc(1);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      const locale = pageLocale(request, reply, config.production);
      const m = messagesFor(common, locale);
      return web.sendPage(reply, {
        locale,
        title: m.csrfError,
        main: html`<h1>${m.csrfError}</h1>`,
        path: request.url.split('?')[0] ?? '/',
        status: 403,
      });
    }
  });

  assetRoutes(app, assets);

  const web: Web = {
    assetsVersion: assets.version,
    locale: (request, reply) => pageLocale(request, reply, config.production),
    csrfToken: (request, reply) => {
      let secret = request.cookies[CSRF_COOKIE];
      if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
        secret = randomBytes(32).toString('base64url');
        reply.setCookie(CSRF_COOKIE, secret, cookieOptions);
        request.cookies[CSRF_COOKIE] = secret;
      }
      return sign(secret);
    },
    sendPage: (reply, page) =>
      reply
        .status(page.status ?? 200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        // A GET page links to itself in the other languages with its query string (a token, a week).
        .send(
          renderPage({
            ...page,
            path: reply.request.method === 'GET' ? reply.request.url : page.path,
            assetsVersion: assets.version,
          }),
        ),
  };
  return web;
}
