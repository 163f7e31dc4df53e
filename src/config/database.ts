import path from 'node:path';
import { integer, isProduction, ok, onOff, type Settings, url } from './parsers.ts';

/** The database: external or embedded, its deadlines, and the demo data loaded into an empty one. */
export interface DatabaseConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedDbPort: number;
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
  dbQueryTimeoutMs: number;
  healthTimeoutMs: number;
  demoData: boolean;
}

export const databaseSettings: Settings<DatabaseConfig> = {
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
  demoData: {
    key: 'demoData',
    env: 'DEMO_DATA',
    doc: 'Load the demo départements into an empty database ("on" by default with the embedded database).',
    parse: (raw, env) => onOff(!env.DATABASE_URL && !isProduction(env))(raw),
  },
};
