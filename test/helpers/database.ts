import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Db } from '../../src/db/database.ts';

export const TEMPLATE_DATABASE = 'creneau_test_template';

export interface TestDatabase {
  db: Db;
  url: string;
  /** Drops the database; call it in `after`. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file, cloned from the template test/run.ts made. */
export async function createTestDatabase(
  options: { maxActivePerEmail?: number } = {},
): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  if (!serverUrl) throw new Error('Run the tests with `npm test` (test/run.ts starts the database).');
  const name = `creneau_test_${randomBytes(5).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase({
    url: url.toString(),
    maxActivePerEmail: options.maxActivePerEmail ?? 3,
    poolSize: 30,
  });
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.destroy();
      await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
