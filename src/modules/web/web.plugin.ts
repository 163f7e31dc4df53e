import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { ModulePlugin } from '../../context.ts';
import type { Locale } from '../../db/schema.ts';
import { assetRoutes, buildAssets } from './assets.ts';
import { isApiRequest } from './error-pages.ts';
import { refuseUnstorable, registerFormParsers } from './forms.ts';
import { html, type SafeHtml } from './html.ts';
import { messagesFor, pageLocale } from './i18n.ts';
import { type Navigation, renderPage, type UserArea } from './layout.ts';
import { helpView, type StaticPageName, staticPageView } from './static.views.ts';
import { common } from './web.messages.ts';

/** What a view knows of the request: the page's language and the anti-forgery token of its forms. */
export interface PageContext {
  locale: Locale;
  /** Read only by pages with a form: reading it gives the browser its anti-forgery cookie. */
  readonly csrf: string;
}

/** What a view returns: the page's title and content, and how it is sent. */
export interface PageView {
  title: string;
  main: SafeHtml;
  status?: number;
  /** Extra scripts of the page, by asset name (e.g. 'js/altcha.min.js'). */
  scripts?: string[];
  /** Extra stylesheets of the page, by asset name, with their media (e.g. 'print'). */
  stylesheets?: { name: string; media: string }[];
  /** A path of this site to go on to at once, by a same-site navigation (see layout.ts). */
  refresh?: string;
  /** Seconds after which a browser without JavaScript reloads the page (see layout.ts). */
  reloadWithoutScript?: number;
  /** A screen for a room: main alone, without the site's header and footer (see layout.ts). */
  bare?: boolean;
  /** The main menu and the signed-in user, for the parts of the site that have them. */
  navigation?: Navigation;
  user?: UserArea;
}

/** A pure function from a view-model to a page: no database, no request, tested on its own. */
export type View<M> = (page: PageContext, model: M) => PageView;

/** A use case's answer that is not a page: go to another address (303, so a POST becomes a GET). */
export interface Redirect {
  redirect: string;
}

/** Whether a use case's answer is a redirect rather than a view-model. */
export function isRedirect(value: unknown): value is Redirect {
  return typeof value === 'object' && value !== null && typeof (value as Redirect).redirect === 'string';
}

/** What a page handler needs from the web layer. */
export interface Web {
  assetsVersion: string;
  assets: ReturnType<typeof buildAssets>;
  /** The page's language, from ?lang=, the cookie or the browser. */
  locale(request: FastifyRequest, reply: FastifyReply): Locale;
  /** The anti-forgery token to put in the page's forms (`csrfField`). */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** The language and the (lazily made) anti-forgery token of the page answering `request`. */
  pageContext(request: FastifyRequest, reply: FastifyReply): PageContext;
  /** Sends a full DSFR page. Pages are personal by default: never cached by anyone. */
  sendPage(reply: FastifyReply, page: PageView & { locale: Locale; path?: string }): FastifyReply;
  /** The last step of every page handler: the view of the model, or the redirect the use case chose. */
  render<M>(request: FastifyRequest, reply: FastifyReply, view: View<M>, model: M | Redirect): FastifyReply;
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

/**
 * The web layer, at the root so that every scope has it: cookies, compression, security headers, the
 * body parsers, the anti-forgery check of every form and the unstorable-input check of every page.
 */
export async function registerWebLayer(app: FastifyInstance, config: Config): Promise<Web> {
  await app.register(cookie);
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // Pages are small and made per request: a fast setting compresses them almost as well.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // Links carry tokens: no page may tell another site where the applicant came from.
    reply.header('referrer-policy', 'no-referrer');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', CSP);
      reply.header('x-frame-options', 'DENY');
      // Nothing may use the camera, microphone or location, unless a page allows one for itself (the
      // reception's QR reader allows the camera).
      if (!reply.hasHeader('permissions-policy')) {
        reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
      }
    }
    if (config.production) reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });
  registerFormParsers(app);
  const web = createWeb(config);
  // Every form POST outside the JSON API must carry the token derived from this browser's cookie;
  // then, before any page reads its input, nothing unstorable may reach it.
  app.addHook('preHandler', async (request, reply) => refuseForgery(request, reply, web, config));
  app.addHook('preHandler', async (request, reply) => refuseUnstorable(request, reply, web));
  return web;
}

function signer(config: Config) {
  return (value: string) =>
    createHmac('sha256', config.secretKey).update(`csrf:${value}`).digest('base64url');
}

function refuseForgery(request: FastifyRequest, reply: FastifyReply, web: Web, config: Config) {
  if (request.method !== 'POST' || isApiRequest(request)) return undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const secret = request.cookies[CSRF_COOKIE];
  const given = typeof body?._csrf === 'string' ? Buffer.from(body._csrf) : Buffer.alloc(0);
  const expected = secret ? Buffer.from(signer(config)(secret)) : Buffer.alloc(1);
  if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
  const locale = web.locale(request, reply);
  const m = messagesFor(common, locale);
  return web.sendPage(reply, {
    locale,
    title: m.csrfError,
    main: html`<h1>${m.csrfError}</h1>`,
    status: 403,
  });
}

function createWeb(config: Config): Web {
  const assets = buildAssets();
  const sign = signer(config);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.production };
  const web: Web = {
    assetsVersion: assets.version,
    assets,
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
    pageContext: (request, reply) => ({
      locale: web.locale(request, reply),
      get csrf() {
        return web.csrfToken(request, reply);
      },
    }),
    sendPage: (reply, { path, status, ...page }) => {
      const request = reply.request;
      return (
        reply
          .status(status ?? 200)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          // A GET page links to itself in the other languages with its query string (a token, a week).
          .send(
            renderPage({
              ...page,
              path: request.method === 'GET' ? request.url : (path ?? request.url.split('?')[0] ?? '/'),
              assetsVersion: assets.version,
            }),
          )
      );
    },
    render: (request, reply, view, model) => {
      if (isRedirect(model)) return reply.redirect(model.redirect, 303);
      const page = web.pageContext(request, reply);
      return web.sendPage(reply, { locale: page.locale, ...view(page, model) });
    },
  };
  return web;
}

const HIDDEN = { schema: { hide: true } };

const STATIC_PAGES: { path: string; name: StaticPageName }[] = [
  { path: '/donnees-personnelles', name: 'privacy' },
  { path: '/accessibilite', name: 'accessibility' },
  { path: '/mentions-legales', name: 'legal' },
];

/** The web module's routes: the DSFR assets, and the personal data, accessibility, legal and help pages. */
export const webPlugin: ModulePlugin = async (app, { web }) => {
  assetRoutes(app, web.assets);
  for (const { path, name } of STATIC_PAGES) {
    app.get(path, HIDDEN, async (request, reply) => web.render(request, reply, staticPageView, name));
  }
  app.get('/aide', HIDDEN, async (request, reply) => web.render(request, reply, helpView, undefined));
};
