import type { CreneauApp } from '../../src/app.ts';
import { totpCode } from '../../src/modules/agents/totp.ts';
import type { TestAgent } from './agents.ts';

// A browser as the sign-in tests need one: a cookie jar, the anti-forgery token of the last page with
// a form, and forms posted as a browser posts them (urlencoded, with `_csrf`).

type Response = Awaited<ReturnType<CreneauApp['inject']>>;

export interface TestBrowser {
  get(url: string): Promise<Response>;
  /** Posts a form with the anti-forgery token of the last page read (`csrf: false` leaves it out). */
  post(url: string, fields: Record<string, string>, options?: { csrf?: boolean }): Promise<Response>;
  /** The value of a cookie the browser holds now. */
  cookie(name: string): string | undefined;
  /** The `cookie` header the browser sends now. */
  cookieHeader(): string;
  /** Puts a cookie in the jar by hand (a session opened directly, a stolen one). */
  setCookie(name: string, value: string): void;
}

/** A new browser, with no cookie, talking to `app` from `address`. */
export function testBrowser(app: CreneauApp, address = '192.0.2.10'): TestBrowser {
  const jar = new Map<string, string>();
  let csrf = '';
  const keep = (response: Response) => {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }[]) {
      const gone =
        cookie.value === '' ||
        cookie.maxAge === 0 ||
        (cookie.expires && cookie.expires.getTime() < Date.now());
      if (gone) jar.delete(cookie.name);
      else jar.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) csrf = token;
    return response;
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  return {
    get: async (url) =>
      keep(
        await app.inject({
          method: 'GET',
          url,
          remoteAddress: address,
          headers: { accept: 'text/html', cookie: cookieHeader() },
        }),
      ),
    post: async (url, fields, options = {}) => {
      if (csrf === '' && options.csrf !== false) {
        // Like a person, read a page with a form first: it gives the anti-forgery cookie and token.
        keep(
          await app.inject({
            method: 'GET',
            url: '/agents/connexion',
            remoteAddress: address,
            headers: { cookie: cookieHeader() },
          }),
        );
      }
      const payload = new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: csrf }), ...fields });
      return keep(
        await app.inject({
          method: 'POST',
          url,
          remoteAddress: address,
          headers: {
            accept: 'text/html',
            'content-type': 'application/x-www-form-urlencoded',
            cookie: cookieHeader(),
          },
          payload: payload.toString(),
        }),
      );
    },
    cookie: (name) => jar.get(name),
    cookieHeader,
    setCookie: (name, value) => {
      jar.set(name, value);
    },
  };
}

/** The password step for `agent` (its email and password, or the given ones). */
export function submitPassword(
  browser: TestBrowser,
  credentials: { email: string; password: string },
): Promise<Response> {
  return browser.post('/agents/connexion', { email: credentials.email, password: credentials.password });
}

/**
 * Signs `agent` in over HTTP as a person does: password, then the code of `now` (enrolling first if
 * needed). Returns the enrolment's recovery codes, when there was one.
 */
export async function signIn(
  browser: TestBrowser,
  agent: TestAgent,
  now: Date,
): Promise<{ recoveryCodes: string[]; response: Response }> {
  const password = await submitPassword(browser, agent);
  if (password.statusCode !== 303) throw new Error(`password step answered ${password.statusCode}`);
  await browser.get('/agents/connexion/code');
  const response = await browser.post('/agents/connexion/code', { code: totpCode(agent.totpSecret, now) });
  const recoveryCodes = [...response.body.matchAll(/<li><code>([A-Z0-9-]{11})<\/code><\/li>/g)].map(
    (m) => m[1] ?? '',
  );
  if (response.statusCode !== 303 && recoveryCodes.length === 0) {
    throw new Error(`code step answered ${response.statusCode}`);
  }
  return { recoveryCodes, response };
}

/** One route of the application: its method and its path as registered (`:id` parameters kept). */
export interface AppRoute {
  method: string;
  path: string;
}

/**
 * Every route of the application, read from Fastify's own tree (`printRoutes`): each line a segment
 * of the path under its parent, with the methods of the route that ends there.
 */
export function appRoutes(app: CreneauApp): AppRoute[] {
  const routes: AppRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('');
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) routes.push({ method, path });
  }
  return routes;
}
