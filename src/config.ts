import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type AgentsConfig, agentsSettings } from './config/agents.ts';
import { type BookingConfig, bookingSettings } from './config/booking.ts';
import { type DatabaseConfig, databaseSettings } from './config/database.ts';
import { type DeliveryConfig, deliverySettings } from './config/delivery.ts';
import type { Env, Setting, Settings } from './config/parsers.ts';
import { type ProtectionConfig, protectionSettings } from './config/protection.ts';
import { type ServerConfig, serverSettings } from './config/server.ts';

/**
 * Every setting of Créneau, declared once: environment variable, default, parser and one-line doc
 * (PRODUCT §6), grouped by concern under config/. `loadConfig` reports every mistake at once, one
 * clear line each.
 */
export interface Config
  extends ServerConfig,
    DatabaseConfig,
    DeliveryConfig,
    ProtectionConfig,
    BookingConfig,
    AgentsConfig {}

const settings: Settings<Config> = {
  ...serverSettings,
  ...databaseSettings,
  ...deliverySettings,
  ...protectionSettings,
  ...bookingSettings,
  ...agentsSettings,
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
  for (const setting of Object.values(settings) as Setting<keyof Config, unknown>[]) {
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
