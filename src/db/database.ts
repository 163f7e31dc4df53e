import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';
import pg from 'pg';
import * as m0001 from './migrations/0001-territory-and-offers.ts';
import * as m0002 from './migrations/0002-slots-and-bookings.ts';
import * as m0003 from './migrations/0003-outbox-and-protection.ts';
import * as m0004 from './migrations/0004-access-and-attachments.ts';
import * as m0005 from './migrations/0005-write-budget.ts';
import * as m0006 from './migrations/0006-outbox-decided-at-send.ts';
import * as m0008 from './migrations/0008-job-runs-and-seat-events.ts';
import * as m0009 from './migrations/0009-notifications-by-reference.ts';
import * as m0010 from './migrations/0010-one-home-per-rule.ts';
import * as m0011 from './migrations/0011-agents-and-audit.ts';
import * as m0012 from './migrations/0012-agent-notifications.ts';
import * as m0013 from './migrations/0013-offices-procedures-offers.ts';
import * as m0014 from './migrations/0014-publication-policy.ts';
import * as m0016 from './migrations/0016-federation-flows.ts';
import * as m0017 from './migrations/0017-requests.ts';
import * as m0018 from './migrations/0018-department-administrator-lock.ts';
import * as m0019 from './migrations/0019-draws.ts';
import * as m0020 from './migrations/0020-cool-down-and-earlier-offers.ts';
import * as m0021 from './migrations/0021-calendar-draws-per-department.ts';
import * as m0022 from './migrations/0022-identity-budget.ts';
import * as m0023 from './migrations/0023-permits.ts';
import * as m0024 from './migrations/0024-revocations-and-priority-passes.ts';
import * as m0025 from './migrations/0025-counter-loop.ts';
import * as m0026 from './migrations/0026-network-keys.ts';
import * as m0027 from './migrations/0027-identity-corrections.ts';
import * as m0028 from './migrations/0028-session-site.ts';
import * as m0029 from './migrations/0029-availability-samples.ts';
import * as m0030 from './migrations/0030-request-closures.ts';
import type { Database } from './schema.ts';

// DATE columns come back as 'YYYY-MM-DD' strings rather than Dates at local midnight: a birth date
// or a closure day has no time zone. BIGINT ids come back as strings (they may exceed 2^53).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;

/** The database or an open transaction: what repository functions take. */
export type Executor = Db | Transaction<Database>;

export interface DatabaseOptions {
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
  /** The per-address limit the booking trigger enforces (creneau.max_active_per_email). */
  maxActivePerEmail: number;
  /** Longest wait to open a connection, or for a free one of the pool (DB_CONNECT_TIMEOUT_MS); none by default. */
  connectTimeoutMs?: number;
  /** PostgreSQL's statement_timeout on every connection (DB_STATEMENT_TIMEOUT_MS); none by default. */
  statementTimeoutMs?: number;
  /** Client-side deadline of every query, for a server that no longer answers (DB_QUERY_TIMEOUT_MS). */
  queryTimeoutMs?: number;
  /** The horizon of offers created without one (creneau.publication_days, the column's default). */
  publicationDays?: number;
}

/**
 * A pg client that drops its connection when a query outlives its client-side deadline. pg rejects
 * the query but keeps waiting for its answer on the socket, so every later query on that connection
 * (the transaction's rollback first) would queue behind it; without the socket they fail at once,
 * and the pool replaces the connection.
 */
class DeadlineClient extends pg.Client {
  override query(...args: never[]): never {
    const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if (error instanceof Error && error.message === 'Query read timeout')
          this.connection.stream.destroy();
      });
    }
    return result as never;
  }
}

/** Opens a pool on PostgreSQL with the session settings the schema's triggers read. */
export function createDatabase({
  url,
  poolSize = 20,
  maxActivePerEmail,
  connectTimeoutMs,
  statementTimeoutMs,
  queryTimeoutMs,
  publicationDays = 56,
}: DatabaseOptions): Db {
  const settings = sessionSettings({ maxActivePerEmail, publicationDays });
  if (statementTimeoutMs) settings.push(`statement_timeout=${statementTimeoutMs}`);
  const pool = new pg.Pool({
    Client: DeadlineClient,
    connectionString: url,
    max: poolSize,
    options: settings.map((setting) => `-c ${setting}`).join(' '),
    ...(connectTimeoutMs ? { connectionTimeoutMillis: connectTimeoutMs } : {}),
    ...(queryTimeoutMs ? { query_timeout: queryTimeoutMs } : {}),
    // Lets the kernel notice a peer that vanished while a connection sits idle in the pool.
    keepAlive: true,
  });
  // A connection dropped by the server (restart, crash, pg_terminate_backend) emits 'error' on its
  // client. The pool listens on idle clients; a checked-out client had no listener, and an unheard
  // 'error' event kills the process. The query in progress, if any, gets the error anyway, and the
  // pool discards the client when it is released (it is no longer queryable).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The connection settings the schema reads: the trigger's per-address limit, the offers' default horizon. */
export function sessionSettings(settings: { maxActivePerEmail: number; publicationDays?: number }): string[] {
  const days = settings.publicationDays ?? 56;
  return [
    `creneau.max_active_per_email=${settings.maxActivePerEmail}`,
    `creneau.publication_days=${days}`,
    'timezone=UTC',
  ];
}

/** The same settings as a libpq `options` string, for a connection opened outside the pool. */
export function sessionOptions(settings: { maxActivePerEmail: number; publicationDays?: number }): string {
  return sessionSettings(settings)
    .map((setting) => `-c ${setting}`)
    .join(' ');
}

const migrations: Record<string, Migration> = {
  '0001-territory-and-offers': m0001,
  '0002-slots-and-bookings': m0002,
  '0003-outbox-and-protection': m0003,
  '0004-access-and-attachments': m0004,
  '0005-write-budget': m0005,
  '0006-outbox-decided-at-send': m0006,
  '0008-job-runs-and-seat-events': m0008,
  '0009-notifications-by-reference': m0009,
  '0010-one-home-per-rule': m0010,
  '0011-agents-and-audit': m0011,
  '0012-agent-notifications': m0012,
  '0013-offices-procedures-offers': m0013,
  '0014-publication-policy': m0014,
  '0016-federation-flows': m0016,
  '0017-requests': m0017,
  '0018-department-administrator-lock': m0018,
  '0019-draws': m0019,
  '0020-cool-down-and-earlier-offers': m0020,
  '0021-calendar-draws-per-department': m0021,
  '0022-identity-budget': m0022,
  '0023-permits': m0023,
  '0024-revocations-and-priority-passes': m0024,
  '0025-counter-loop': m0025,
  '0026-network-keys': m0026,
  '0027-identity-corrections': m0027,
  '0028-session-site': m0028,
  '0029-availability-samples': m0029,
  '0030-request-closures': m0030,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** Brings the schema up to date; two instances starting at once are serialised by Kysely's lock. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  await migrate(db, (migrator) => migrator.migrateToLatest());
}

/** Brings an older schema up to the named migration (tests of a migration's data conversion). */
export async function migrateUpTo(db: Kysely<unknown>, name: string): Promise<void> {
  await migrate(db, (migrator) => migrator.migrateTo(name));
}

async function migrate(db: Kysely<unknown>, run: (migrator: Migrator) => Promise<MigrationResultSet>) {
  const { error, results } = await run(new Migrator({ db, provider: new StaticMigrationProvider() }));
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error}`);
  }
}
