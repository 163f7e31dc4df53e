import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import pg from 'pg';
import * as m0001 from './migrations/0001-territory-and-offers.ts';
import * as m0002 from './migrations/0002-slots-and-bookings.ts';
import * as m0003 from './migrations/0003-outbox-and-protection.ts';
import * as m0004 from './migrations/0004-access-and-attachments.ts';
import * as m0005 from './migrations/0005-write-budget.ts';
import * as m0006 from './migrations/0006-outbox-decided-at-send.ts';
import * as m0010 from './migrations/0010-one-home-per-rule.ts';
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
  /** The horizon of offers created without one (creneau.publication_days, the column's default). */
  publicationDays?: number;
}

/** Opens a pool on PostgreSQL with the session settings the schema's triggers read. */
export function createDatabase({
  url,
  poolSize = 20,
  maxActivePerEmail,
  publicationDays = 56,
}: DatabaseOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: sessionOptions({ maxActivePerEmail, publicationDays }),
  });
  // An idle connection dropped by the server must not crash the process.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The connection settings the schema reads: the trigger's per-address limit, the offers' default horizon. */
export function sessionOptions(settings: { maxActivePerEmail: number; publicationDays?: number }): string {
  const days = settings.publicationDays ?? 56;
  return `-c creneau.max_active_per_email=${settings.maxActivePerEmail} -c creneau.publication_days=${days} -c timezone=UTC`;
}

const migrations: Record<string, Migration> = {
  '0001-territory-and-offers': m0001,
  '0002-slots-and-bookings': m0002,
  '0003-outbox-and-protection': m0003,
  '0004-access-and-attachments': m0004,
  '0005-write-budget': m0005,
  '0006-outbox-decided-at-send': m0006,
  '0010-one-home-per-rule': m0010,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** Brings the schema up to date; two instances starting at once are serialised by Kysely's lock. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error}`);
  }
}
