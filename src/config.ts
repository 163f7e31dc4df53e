import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

/**
 * Every setting of Créneau, declared once: environment variable, default, parser and one-line doc
 * (PRODUCT §6). `loadConfig` reports every mistake at once, one clear line each.
 */
export interface Config {
  production: boolean;
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedDbPort: number;
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
  dbQueryTimeoutMs: number;
  healthTimeoutMs: number;
  outboxLeaseSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  smsUrl: string | undefined;
  secretKey: string;
  captcha: boolean;
  rateLimit: boolean;
  /** Addresses and CIDR ranges of the proxies whose X-Forwarded-For is believed; empty: none. */
  trustProxy: string[];
  holdMinutes: number;
  /** A draw's winner confirms its pending booking within this many hours. */
  drawConfirmHours: number;
  /** drand-style HTTP beacon whose round's randomness enters each draw's key; none when unset. */
  drawBeaconUrl: string | undefined;
  /** Freed seats of draw offers gather into a follow-up draw at most this often. */
  followUpDrawHours: number;
  maxActivePerEmail: number;
  /** Online requests or updates one identity may submit per day, from any address or email. */
  requestUpdatesPerDay: number;
  demoData: boolean;
  publicationDays: number;
  /** A first-come seat freed by a cancellation is held back between these many minutes (drawn at random). */
  coolDownMinMinutes: number;
  coolDownMaxMinutes: number;
  /** How long an offer of an earlier slot waits for its answer. */
  earlierOfferHours: number;
  /** How long a person whose first-come appointment the office revoked may book again before others. */
  revocationPriorityHours: number;
  /** An agent's session ends after this many minutes without a request. */
  agentSessionIdleMinutes: number;
  /** ... and this many hours after sign-in, whatever happens. */
  agentSessionMaxHours: number;
  /** The agents' OpenID Connect provider (ProConnect in production); all three or none. */
  oidcIssuer: string | undefined;
  oidcClientId: string | undefined;
  oidcClientSecret: string | undefined;
  logLevel: string;
}

type Env = Record<string, string | undefined>;
type Parsed<T> = { value: T } | { error: string };

interface Setting<K extends keyof Config> {
  key: K;
  env: string;
  doc: string;
  parse: (raw: string | undefined, env: Env) => Parsed<Config[K]>;
}

const ok = <T>(value: T): Parsed<T> => ({ value });

function integer(min: number, max: number, fallback: number) {
  return (raw: string | undefined): Parsed<number> => {
    if (raw === undefined || raw === '') return ok(fallback);
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      return { error: `must be a whole number from ${min} to ${max}, got "${raw}"` };
    }
    return ok(Number(raw));
  };
}

function onOff(fallback: boolean) {
  return (raw: string | undefined): Parsed<boolean> => {
    if (raw === undefined || raw === '') return ok(fallback);
    if (raw === 'on') return ok(true);
    if (raw === 'off') return ok(false);
    return { error: `must be "on" or "off", got "${raw}"` };
  };
}

function url(protocols: string[]) {
  return (raw: string | undefined): Parsed<string | undefined> => {
    if (raw === undefined || raw === '') return ok(undefined);
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        return { error: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}` };
      }
      return ok(raw);
    } catch {
      // The value may hold a password: never echo it.
      return { error: 'is not a valid URL' };
    }
  };
}

const isProduction = (env: Env) => env.NODE_ENV === 'production';

/** One IP address or CIDR range (`10.0.0.0/8`, `2001:db8::/32`), or why not. */
function addressOrRange(entry: string): string | undefined {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return `"${entry}" is not an IP address or CIDR range`;
  const bits = family === 4 ? 32 : 128;
  if (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits)) {
    return `"${entry}" has a prefix length that is not a whole number from 0 to ${bits}`;
  }
  return undefined;
}

function addressList(raw: string | undefined): Parsed<string[]> {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const problems = entries.map(addressOrRange).filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    return { error: `must list IP addresses or CIDR ranges separated by commas: ${problems.join('; ')}` };
  }
  return ok(entries);
}

const settings: { [K in keyof Config]: Setting<K> } = {
  production: {
    key: 'production',
    env: 'NODE_ENV',
    doc: '"production" turns on the production checks; anything else is development.',
    parse: (raw) => ok(raw === 'production'),
  },
  port: { key: 'port', env: 'PORT', doc: 'HTTP port.', parse: integer(0, 65535, 3000) },
  host: {
    key: 'host',
    env: 'HOST',
    doc: 'Address the HTTP server listens on.',
    parse: (raw) => ok(raw || '127.0.0.1'),
  },
  publicUrl: {
    key: 'publicUrl',
    env: 'PUBLIC_URL',
    doc: 'Address of the site as applicants see it; used in emailed links.',
    parse: (raw, env) => {
      const parsed = url(['http:', 'https:'])(raw);
      if ('error' in parsed) return parsed;
      if (parsed.value) return ok(parsed.value.replace(/\/+$/, ''));
      if (isProduction(env)) return { error: 'is required in production' };
      return ok(`http://localhost:${env.PORT || 3000}`);
    },
  },
  databaseUrl: {
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    doc: 'PostgreSQL connection string; without it an embedded PostgreSQL runs under DATA_DIR.',
    parse: url(['postgres:', 'postgresql:']),
  },
  dataDir: {
    key: 'dataDir',
    env: 'DATA_DIR',
    doc: 'Folder for the embedded database and the generated secret key.',
    parse: (raw) => ok(path.resolve(raw || './data')),
  },
  embeddedDbPort: {
    key: 'embeddedDbPort',
    env: 'EMBEDDED_DB_PORT',
    doc: 'Port of the embedded PostgreSQL on 127.0.0.1 (0: any free port).',
    parse: integer(0, 65535, 0),
  },
  dbConnectTimeoutMs: {
    key: 'dbConnectTimeoutMs',
    env: 'DB_CONNECT_TIMEOUT_MS',
    doc: 'Longest wait to open a database connection or to get a free one from the pool; then 503.',
    parse: integer(100, 600_000, 3000),
  },
  dbStatementTimeoutMs: {
    key: 'dbStatementTimeoutMs',
    env: 'DB_STATEMENT_TIMEOUT_MS',
    doc: "PostgreSQL's statement_timeout: a statement running longer is cancelled by the server; then 503.",
    parse: integer(100, 3_600_000, 5000),
  },
  dbQueryTimeoutMs: {
    key: 'dbQueryTimeoutMs',
    env: 'DB_QUERY_TIMEOUT_MS',
    doc: 'Longest wait for any answer to a query, for a server that no longer answers (frozen, cut off); then 503.',
    parse: (raw, env) => {
      const parsed = integer(100, 3_600_000, 6000)(raw);
      const statement = integer(100, 3_600_000, 5000)(env.DB_STATEMENT_TIMEOUT_MS);
      // The server cancels a slow statement cleanly; the client's deadline is for a server that cannot.
      if ('value' in parsed && 'value' in statement && parsed.value <= statement.value) {
        return { error: `must be greater than DB_STATEMENT_TIMEOUT_MS (${statement.value})` };
      }
      return parsed;
    },
  },
  healthTimeoutMs: {
    key: 'healthTimeoutMs',
    env: 'HEALTH_TIMEOUT_MS',
    doc: 'How long GET /health waits for the database before answering 503.',
    parse: integer(100, 60_000, 1000),
  },
  outboxLeaseSeconds: {
    key: 'outboxLeaseSeconds',
    env: 'OUTBOX_LEASE_SECONDS',
    doc: 'How long an email being sent is reserved for one instance: after a crash, its emails wait this long.',
    parse: integer(10, 3600, 40),
  },
  smtpUrl: {
    key: 'smtpUrl',
    env: 'SMTP_URL',
    doc: 'SMTP server (smtp:// or smtps://); without it mail goes to an in-process capture, see /dev/mail.',
    parse: (raw, env) => {
      const parsed = url(['smtp:', 'smtps:'])(raw);
      if ('value' in parsed && !parsed.value && isProduction(env)) {
        return { error: 'is required in production' };
      }
      return parsed;
    },
  },
  mailFrom: {
    key: 'mailFrom',
    env: 'MAIL_FROM',
    doc: 'Sender of every email.',
    parse: (raw) => {
      const value = raw || 'Créneau <ne-pas-repondre@creneau.localhost>';
      return /@/.test(value) ? ok(value) : { error: 'must contain an email address' };
    },
  },
  smsUrl: {
    key: 'smsUrl',
    env: 'SMS_URL',
    doc: 'HTTP endpoint of the SMS provider, in the JSON format of notify/sms/sms-sender.ts; unset: captured at /dev/sms (never in production).',
    parse: url(['http:', 'https:']),
  },
  secretKey: {
    key: 'secretKey',
    env: 'SECRET_KEY',
    doc: 'Key signing challenges and convocations and sealing queued link tokens; generated under DATA_DIR outside production.',
    parse: (raw, env) => {
      if (raw) return raw.length >= 32 ? ok(raw) : { error: 'must be at least 32 characters long' };
      if (isProduction(env)) return { error: 'is required in production' };
      return ok(''); // filled from DATA_DIR by loadConfig
    },
  },
  captcha: {
    key: 'captcha',
    env: 'CAPTCHA',
    doc: 'Proof-of-work check on bookings ("on" or "off"; "off" refused in production).',
    parse: (raw, env) => {
      const parsed = onOff(true)(raw);
      if ('value' in parsed && !parsed.value && isProduction(env))
        return { error: 'cannot be "off" in production' };
      return parsed;
    },
  },
  rateLimit: {
    key: 'rateLimit',
    env: 'RATE_LIMIT',
    doc: 'One budget of writes per client address ("on" or "off"; "off" refused in production).',
    parse: (raw, env) => {
      const parsed = onOff(true)(raw);
      if ('value' in parsed && !parsed.value && isProduction(env))
        return { error: 'cannot be "off" in production' };
      return parsed;
    },
  },
  trustProxy: {
    key: 'trustProxy',
    env: 'TRUST_PROXY',
    doc: 'Proxies (IP addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed; none by default.',
    parse: addressList,
  },
  holdMinutes: {
    key: 'holdMinutes',
    env: 'HOLD_MINUTES',
    doc: 'How long a pending booking holds its seat waiting for the email confirmation.',
    parse: integer(1, 24 * 60, 30),
  },
  drawConfirmHours: {
    key: 'drawConfirmHours',
    env: 'DRAW_CONFIRM_HOURS',
    doc: 'How long a draw winner has to confirm the pending booking it won.',
    parse: integer(1, 14 * 24, 48),
  },
  drawBeaconUrl: {
    key: 'drawBeaconUrl',
    env: 'DRAW_BEACON_URL',
    doc: "Public randomness beacon in drand's HTTP format (its chain's base URL); unset: no beacon.",
    parse: url(['http:', 'https:']),
  },
  followUpDrawHours: {
    key: 'followUpDrawHours',
    env: 'FOLLOW_UP_DRAW_HOURS',
    doc: 'Freed seats of a draw offer go to a follow-up draw at most this many hours apart.',
    parse: integer(1, 7 * 24, 4),
  },
  maxActivePerEmail: {
    key: 'maxActivePerEmail',
    env: 'MAX_ACTIVE_PER_EMAIL',
    doc: 'Most active bookings (pending or confirmed) one email address may hold.',
    parse: integer(1, 100, 3),
  },
  requestUpdatesPerDay: {
    key: 'requestUpdatesPerDay',
    env: 'REQUEST_UPDATES_PER_DAY',
    doc: 'Most requests or updates submitted online for one identity per day, whatever the address or email (then 429).',
    parse: integer(1, 1_000, 10),
  },
  demoData: {
    key: 'demoData',
    env: 'DEMO_DATA',
    doc: 'Load the demo départements into an empty database ("on" by default with the embedded database).',
    parse: (raw, env) => onOff(!env.DATABASE_URL && !isProduction(env))(raw),
  },
  publicationDays: {
    key: 'publicationDays',
    env: 'PUBLICATION_DAYS',
    doc: 'Days ahead an offer publishes slots, for offers created without their own horizon.',
    parse: integer(1, 365, 56),
  },
  coolDownMinMinutes: {
    key: 'coolDownMinMinutes',
    env: 'COOL_DOWN_MIN_MINUTES',
    doc: 'Shortest time a first-come seat freed by a cancellation stays out of the public pool (decision 0029).',
    parse: integer(0, 7 * 24 * 60, 30),
  },
  coolDownMaxMinutes: {
    key: 'coolDownMaxMinutes',
    env: 'COOL_DOWN_MAX_MINUTES',
    doc: 'Longest such time; each seat returns at a moment drawn at random between the two.',
    parse: (raw, env) => {
      const parsed = integer(0, 7 * 24 * 60, 180)(raw);
      const min = integer(0, 7 * 24 * 60, 30)(env.COOL_DOWN_MIN_MINUTES);
      if ('value' in parsed && 'value' in min && parsed.value < min.value) {
        return { error: `must not be less than COOL_DOWN_MIN_MINUTES (${min.value})` };
      }
      return parsed;
    },
  },
  earlierOfferHours: {
    key: 'earlierOfferHours',
    env: 'EARLIER_OFFER_HOURS',
    doc: 'Hours a person offered an earlier slot has to accept it, before it goes to the next person.',
    parse: integer(1, 7 * 24, 12),
  },
  revocationPriorityHours: {
    key: 'revocationPriorityHours',
    env: 'REVOCATION_PRIORITY_HOURS',
    doc: 'Hours a person whose appointment the office revoked may book again before the freed seat opens to others.',
    parse: integer(1, 14 * 24, 48),
  },
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
  logLevel: {
    key: 'logLevel',
    env: 'LOG_LEVEL',
    doc: 'fatal, error, warn, info, debug, trace or silent.',
    parse: (raw) => {
      const value = raw || 'info';
      return ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(value)
        ? ok(value)
        : { error: `must be one of fatal, error, warn, info, debug, trace, silent, got "${raw}"` };
    },
  },
};

/** Thrown with every configuration mistake, one line each. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Parses the environment into a Config, or throws a ConfigError listing every mistake. */
export function parseConfig(env: Env): Config {
  const problems: string[] = [];
  const config: Partial<Record<keyof Config, unknown>> = {};
  for (const setting of Object.values(settings) as Setting<keyof Config>[]) {
    const parsed = setting.parse(env[setting.env], env);
    if ('error' in parsed) problems.push(`${setting.env} ${parsed.error}.`);
    else config[setting.key] = parsed.value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config;
}

/** Reads the environment and, outside production, the secret key kept under DATA_DIR. */
export function loadConfig(env: Env = process.env): Config {
  const config = parseConfig(env);
  if (!config.secretKey) config.secretKey = readOrCreateSecret(config.dataDir);
  return config;
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key');
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    throw new ConfigError([
      `DATA_DIR "${dataDir}" cannot hold the secret key (${(error as NodeJS.ErrnoException).code}); choose a writable folder or set SECRET_KEY.`,
    ]);
  }
}
