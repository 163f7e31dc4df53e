import { integer, isProduction, ok, type Settings, url } from './parsers.ts';

/** The HTTP server: where it listens, the address applicants see, what it logs. */
export interface ServerConfig {
  production: boolean;
  port: number;
  host: string;
  publicUrl: string;
  logLevel: string;
}

export const serverSettings: Settings<ServerConfig> = {
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
