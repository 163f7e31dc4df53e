import { Kysely, PostgresDialect } from 'kysely';
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
import type { Database } from './schema.ts';

// DATE columns come back as 'YYYY-MM-DD' strings rather than Dates at local midnight: a birth date
// or a closure day has no time zone. BIGINT ids come back as strings (they may exceed 2^53).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
  /** The per-address limit the booking trigger enforces (creneau.max_active_per_email). */
  maxActivePerEmail: number;
}

/** Opens a pool on PostgreSQL with the session settings the schema's triggers read. */
export function createDatabase({ url, poolSize = 20, maxActivePerEmail }: DatabaseOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: `-c creneau.max_active_per_email=${maxActivePerEmail} -c timezone=UTC`,
  });
  // An idle connection dropped by the server must not crash the process.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
