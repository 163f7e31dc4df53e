import * as oidc from 'openid-client';
import type { Config } from '../../config.ts';
import type { FederationFlow } from './federation.repository.ts';

// The agents' identity federation (ProConnect in production) through openid-client, the certified
// relying party: discovery once per process, the authorization code flow with PKCE (S256), state and
// nonce, and the second factor required of the provider (decision 0022).

/** Where the sign-in page's "Se connecter avec ProConnect" leads. */
export const FEDERATION_PATH = '/agents/connexion/proconnect';

/** Where the provider sends the browser back (registered at the provider as is). */
export const CALLBACK_PATH = `${FEDERATION_PATH}/retour`;

/**
 * Only what the sign-in needs: the email that names the account. The account's name is the one its
 * administrator gave; ProConnect makes only `openid` mandatory.
 */
export const FEDERATION_SCOPE = 'openid email';

/**
 * The authentication levels that include a second factor, as ProConnect names them ("Forcer la double
 * authentification", partenaires.proconnect.gouv.fr): a password alone (`eidas1`) is not enough.
 */
export const SECOND_FACTOR_ACRS: readonly string[] = [
  'eidas2',
  'eidas3',
  'https://proconnect.gouv.fr/assurance/self-asserted-2fa',
  'https://proconnect.gouv.fr/assurance/consistency-checked-2fa',
];

/** Seconds to wait for the provider before telling the agent it does not answer. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** Why the provider's answer was not accepted (the audit log's reason). */
export type RefusalReason =
  | 'provider_error'
  | 'code_refused'
  | 'nonce_mismatch'
  | 'id_token_invalid'
  | 'second_factor_missing'
  | 'userinfo_invalid';

/** The provider could not be reached, timed out or answered 5xx: a passing state, never a refusal. */
export class FederationUnavailable extends Error {}

/** The provider's answer failed a check: the sign-in is refused. */
export class FederationRefusal extends Error {
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason) {
    super(reason);
    this.reason = reason;
  }
}

/** What the provider vouches for: the person's email, if it says one. */
export interface FederatedIdentity {
  email: string | undefined;
}

export interface Federation {
  /** The provider's authorization endpoint with this flow's parameters. */
  authorizationUrl(flow: FederationFlow): Promise<URL>;
  /** Checks the provider's answer (the callback's query) against the flow and reads the identity. */
  identify(query: URLSearchParams, flow: FederationFlow): Promise<FederatedIdentity>;
}

type Log = { warn(object: object, message: string): void };

/** The federation of OIDC_ISSUER, or undefined when it is not configured. */
export function createFederation(config: Config, log: Log): Federation | undefined {
  const { oidcIssuer, oidcClientId, oidcClientSecret } = config;
  if (!oidcIssuer || !oidcClientId || !oidcClientSecret) return undefined;
  const issuer = new URL(oidcIssuer);
  const redirectUri = `${config.publicUrl}${CALLBACK_PATH}`;
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    // Discovered once; a failed discovery is forgotten so that the next sign-in tries again.
    discovered ??= discover(issuer, oidcClientId, oidcClientSecret).catch((error: unknown) => {
      discovered = undefined;
      throw unavailable(log, error);
    });
    return discovered;
  };
  return {
    authorizationUrl: async (flow) =>
      oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: FEDERATION_SCOPE,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
        // ProConnect's way to require a level (it refuses unknown parameters such as acr_values).
        claims: JSON.stringify({ id_token: { acr: { essential: true, values: SECOND_FACTOR_ACRS } } }),
      }),
    identify: async (query, flow) => {
      try {
        return await identify(await configuration(), callbackUrl(redirectUri, query), flow);
      } catch (error) {
        if (error instanceof FederationRefusal || error instanceof FederationUnavailable) throw error;
        if (isUnavailable(error)) throw unavailable(log, error);
        throw new FederationRefusal(refusalReason(error));
      }
    },
  };
}

function discover(issuer: URL, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  return oidc.discovery(issuer, clientId, clientSecret, undefined, {
    timeout: PROVIDER_TIMEOUT_SECONDS,
    // config.ts allows http only outside production (a provider on this machine, in tests).
    execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
  });
}

/** The callback's address as the provider made it: our registered redirect URI and its parameters. */
function callbackUrl(redirectUri: string, query: URLSearchParams): URL {
  const url = new URL(redirectUri);
  for (const name of ['code', 'state', 'iss', 'error', 'error_description']) {
    const value = query.get(name);
    if (value !== null) url.searchParams.set(name, value.slice(0, 2048));
  }
  return url;
}

async function identify(
  configuration: oidc.Configuration,
  currentUrl: URL,
  flow: FederationFlow,
): Promise<FederatedIdentity> {
  // Checks state, iss, the code's exchange with the PKCE verifier, then the ID token: issuer,
  // audience, expiry, nonce.
  const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
    pkceCodeVerifier: flow.codeVerifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
  });
  const claims = tokens.claims();
  if (!claims) throw new FederationRefusal('id_token_invalid');
  if (typeof claims.acr !== 'string' || !SECOND_FACTOR_ACRS.includes(claims.acr)) {
    throw new FederationRefusal('second_factor_missing');
  }
  if (typeof claims.email === 'string') return { email: claims.email };
  // ProConnect gives the email at the userinfo endpoint only (a signed JWT), for the ID token's subject.
  if (!configuration.serverMetadata().userinfo_endpoint) return { email: undefined };
  const info = await oidc
    .fetchUserInfo(configuration, tokens.access_token, claims.sub)
    .catch((error: unknown) => {
      throw isUnavailable(error) ? error : new FederationRefusal('userinfo_invalid');
    });
  return { email: typeof info.email === 'string' ? info.email : undefined };
}

/** Network failures, timeouts and 5xx answers: the provider is down, not the agent refused. */
function isUnavailable(error: unknown): boolean {
  // fetch's own failure; openid-client's argument errors carry a code.
  if (error instanceof TypeError) return !('code' in error);
  if (error instanceof oidc.ResponseBodyError) return error.status >= 500;
  if (error instanceof oidc.ClientError) {
    if (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT') return true;
    const response = error.cause;
    return (
      error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && response instanceof Response && response.status >= 500
    );
  }
  return false;
}

function refusalReason(error: unknown): RefusalReason {
  if (error instanceof oidc.AuthorizationResponseError) return 'provider_error';
  if (error instanceof oidc.ResponseBodyError) return 'code_refused';
  const cause =
    error instanceof oidc.ClientError ? (error.cause as { cause?: { claim?: string } }) : undefined;
  if (cause?.cause?.claim === 'nonce') return 'nonce_mismatch';
  return 'id_token_invalid';
}

function unavailable(log: Log, error: unknown): FederationUnavailable {
  const { name, message, code } = error as { name?: string; message?: string; code?: string };
  // The library's messages name what failed, never a token or a claim's value.
  log.warn({ err: { name, code, message } }, 'identity federation unavailable');
  return new FederationUnavailable(message);
}
