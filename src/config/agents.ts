import { integer, isProduction, ok, type Settings, url } from './parsers.ts';

/** The agents' sessions and their OpenID Connect provider. */
export interface AgentsConfig {
  /** An agent's session ends after this many minutes without a request. */
  agentSessionIdleMinutes: number;
  /** ... and this many hours after sign-in, whatever happens. */
  agentSessionMaxHours: number;
  /** The agents' OpenID Connect provider (ProConnect in production); all three or none. */
  oidcIssuer: string | undefined;
  oidcClientId: string | undefined;
  oidcClientSecret: string | undefined;
}

export const agentsSettings: Settings<AgentsConfig> = {
  agentSessionIdleMinutes: {
    key: 'agentSessionIdleMinutes',
    env: 'AGENT_SESSION_IDLE_MINUTES',
    doc: "Minutes without a request after which an agent's session ends.",
    parse: integer(1, 24 * 60, 30),
  },
  agentSessionMaxHours: {
    key: 'agentSessionMaxHours',
    env: 'AGENT_SESSION_MAX_HOURS',
    doc: "Hours after sign-in at which an agent's session ends, active or not.",
    parse: integer(1, 72, 12),
  },
  oidcIssuer: {
    key: 'oidcIssuer',
    env: 'OIDC_ISSUER',
    doc: "Issuer URL of the agents' OpenID Connect provider (ProConnect); unset: password sign-in only.",
    parse: (raw, env) => {
      const parsed = url(['https:', 'http:'])(raw);
      if ('value' in parsed && parsed.value && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET))
        return { error: 'needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too' };
      if ('value' in parsed && parsed.value?.startsWith('http:') && isProduction(env))
        return { error: 'must use https in production' };
      return parsed;
    },
  },
  oidcClientId: {
    key: 'oidcClientId',
    env: 'OIDC_CLIENT_ID',
    doc: 'Client id of Créneau at the OpenID Connect provider.',
    parse: (raw) => ok(raw || undefined),
  },
  oidcClientSecret: {
    key: 'oidcClientSecret',
    env: 'OIDC_CLIENT_SECRET',
    doc: 'Client secret of Créneau at the OpenID Connect provider.',
    parse: (raw) => ok(raw || undefined),
  },
};
