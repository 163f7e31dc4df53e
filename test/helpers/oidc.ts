import { generateKeyPairSync } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { interactionPolicy, Provider } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { SECOND_FACTOR_ACRS } from '../../src/modules/agents/federation.client.ts';

// A real OpenID provider (panva's oidc-provider, the certified one) in the test's process, on
// 127.0.0.1, shaped like ProConnect: one confidential client authenticating with client_secret_post,
// PKCE required, the `claims` request parameter, the email given at the userinfo endpoint as a signed
// JWT, and an authentication level (acr) per account. Its login is a one-field form: the account's id.

/** One person the provider knows, by id: their email (none: the provider vouches for no email) and level. */
export interface ProviderAccount {
  email?: string;
  /** The acr the login reaches; a second factor ('eidas2') unless the test says otherwise. */
  acr?: string;
}

export interface TestProvider {
  issuer: string;
  /** OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for the application. */
  env: Record<string, string>;
  /** Who may sign in; a test adds its own. */
  accounts: Map<string, ProviderAccount>;
  /**
   * Follows the application's redirect to the provider as a browser would (with the provider's
   * cookies), signs in as `accountId`, and returns the provider's redirect back to the application,
   * not followed.
   */
  signIn(authorizationUrl: string, accountId: string): Promise<URL>;
  stop(): Promise<void>;
}

const CLIENT_ID = 'creneau-tests';
const CLIENT_SECRET = 'client-secret-of-the-tests-0123456789abcdef';

/** Starts the provider; `redirectUri` is the application's callback, registered for the client. */
export async function startOidcProvider(options: {
  redirectUri: string;
  accounts?: Record<string, ProviderAccount>;
  /** The issuer's host name ('localhost' makes it another site than 127.0.0.1 in a browser). */
  hostName?: string;
}): Promise<TestProvider> {
  const accounts = new Map(Object.entries(options.accounts ?? {}));
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${options.hostName ?? '127.0.0.1'}:${port}`;
  const provider = new Provider(issuer, configuration(options.redirectUri, accounts));
  const oidcCallback = provider.callback();
  handle = (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return oidcCallback(req, res);
    interaction(provider, accounts, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  };
  return {
    issuer,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET },
    accounts,
    signIn: (authorizationUrl, accountId) => signIn(authorizationUrl, accountId, options.redirectUri),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function configuration(redirectUri: string, accounts: Map<string, ProviderAccount>) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // Like a federated identity provider that ignores the level asked for: the application must check
  // the acr of the ID token itself, which the tests of a password-only login show.
  const policy = interactionPolicy.base();
  policy.get('login').checks.remove('essential_acrs');
  return {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'tests', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['cookie-key-of-the-tests-provider'] },
    // In memory, as the test's process lives; lifetimes like ProConnect's (a code lasts 30 s).
    adapter: createMemoryAdapter(),
    ttl: { AuthorizationCode: 30, AccessToken: 60, IdToken: 60, Interaction: 600, Grant: 600, Session: 600 },
    claims: { openid: ['sub'], email: ['email'], acr: null, amr: null, auth_time: null, sid: null },
    acrValues: ['eidas1', ...SECOND_FACTOR_ACRS],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
    },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, ...(account.email ? { email: account.email } : {}) }),
      };
    },
  };
}

/** The login: a form asking for the account's id (GET), then the login and consent at once (POST). */
async function interaction(
  provider: Provider,
  accounts: Map<string, ProviderAccount>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method !== 'POST') {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="fr"><head><title>Fournisseur d'identité de test</title></head>
<body><main><h1>Fournisseur d'identité de test</h1>
<form method="post" action="/interaction/${details.uid}"><label for="login">Identifiant</label>
<input id="login" name="login"><button type="submit">Se connecter</button></form></main></body></html>`);
    return;
  }
  const login = new URLSearchParams(await bodyOf(req)).get('login') ?? '';
  const account = accounts.get(login);
  if (!account) {
    res.statusCode = 400;
    res.end('unknown account');
    return;
  }
  const clientId = details.params.client_id ?? '';
  const grant = new provider.Grant({ accountId: login, clientId });
  grant.addOIDCScope(details.params.scope ?? 'openid');
  const grantId = await grant.save();
  const acr = account.acr ?? 'eidas2';
  await provider.interactionFinished(
    req,
    res,
    {
      login: { accountId: login, acr, amr: acr === 'eidas1' ? ['pwd'] : ['pwd', 'totp'] },
      consent: { grantId },
    },
    { mergeWithLastSubmission: false },
  );
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/** The browser's part at the provider: its redirects and cookies, until it is sent back to `redirectUri`. */
async function signIn(authorizationUrl: string, accountId: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: URL, init: RequestInit = {}) => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  let url = new URL(authorizationUrl);
  let response = await send(url);
  for (let hop = 0; hop < 10; hop++) {
    const location = response.headers.get('location');
    if (!location)
      throw new Error(
        `the provider answered ${response.status} at ${url.pathname}: ${await response.text()}`,
      );
    url = new URL(location, url);
    if (url.href.startsWith(redirectUri)) return url;
    response = url.pathname.startsWith('/interaction/')
      ? await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ login: accountId }).toString(),
        })
      : await send(url);
  }
  throw new Error('the provider never sent the browser back');
}
