import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { createDatabase, type Db } from '../db/database.ts';

// What the commands of PRODUCT §7.1 (`npm run agent:create`, `npm run agent:token`) share: their
// arguments, their exit codes (2: a bad argument, named; 1: anything else, said in one line), and the
// database — DATABASE_URL's, or the embedded one of DATA_DIR while the server that runs it is up
// (decision 0026).

/** A failure the person at the terminal can act on, with the exit code to leave with. */
export class CliError extends Error {
  readonly exitCode: 1 | 2;
  constructor(exitCode: 1 | 2, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A bad argument: exit code 2, the argument named. */
export const badArgument = (name: string, problem: string) => new CliError(2, `--${name} ${problem}`);

/** `--name value` or `--name=value` for each name of `spec`; every `required` one present. */
export function parseArguments(
  argv: readonly string[],
  spec: { required: readonly string[]; optional?: readonly string[] },
): Record<string, string> {
  const known = new Set([...spec.required, ...(spec.optional ?? [])]);
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    if (!match?.[1])
      throw new CliError(2, `unexpected argument "${arg.slice(0, 40)}": arguments are --name value`);
    const name = match[1];
    if (!known.has(name))
      throw new CliError(
        2,
        `unknown argument --${name}: expected ${[...known].map((k) => `--${k}`).join(', ')}`,
      );
    if (name in values) throw badArgument(name, 'is given twice');
    const value = match[2] ?? argv[++i];
    if (value === undefined || (match[2] === undefined && value.startsWith('--')))
      throw badArgument(name, 'needs a value');
    values[name] = value;
  }
  for (const name of spec.required) if (!(name in values)) throw badArgument(name, 'is required');
  return values;
}

// As db/embedded.ts creates them: its role and database, the password file, the cluster's folder.
const EMBEDDED_USER = 'creneau';
const EMBEDDED_DATABASE = 'creneau';

/**
 * The URL of the embedded database a running server keeps under `dataDir`: the port is the fourth
 * line of PostgreSQL's postmaster.pid, the password the file initdb was given.
 */
export async function embeddedDatabaseUrl(dataDir: string): Promise<string> {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  const passwordFile = path.join(dataDir, 'postgres-password');
  if (!existsSync(pidFile) || !existsSync(passwordFile)) {
    throw new CliError(
      1,
      `No Créneau server is running on DATA_DIR "${dataDir}": start it (npm start) and try again, or set DATABASE_URL.`,
    );
  }
  const port = Number((await readFile(pidFile, 'utf8')).split('\n')[3]);
  if (!Number.isInteger(port) || port <= 0)
    throw new CliError(1, `${pidFile} names no port: is the server starting?`);
  const password = encodeURIComponent((await readFile(passwordFile, 'utf8')).trim());
  return `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

/** The settings, or exit 1 with each mistake. */
export function cliConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(1, error.message);
    throw error;
  }
}

/** Opens the database, checks that it answers and holds Créneau's schema, runs `work`, closes it. */
export async function withDatabase<T>(config: Config, work: (db: Db) => Promise<T>): Promise<T> {
  const url = config.databaseUrl ?? (await embeddedDatabaseUrl(config.dataDir));
  const where = config.databaseUrl ? 'DATABASE_URL' : `the embedded database of DATA_DIR "${config.dataDir}"`;
  const db = createDatabase({
    url,
    poolSize: 1,
    maxActivePerEmail: config.maxActivePerEmail,
    connectTimeoutMs: config.dbConnectTimeoutMs,
  });
  try {
    const found = await sql<{ agent: string | null }>`select to_regclass('agent')::text as agent`
      .execute(db)
      .catch(() => {
        throw new CliError(1, `${where} does not answer: is the server running?`);
      });
    if (!found.rows[0]?.agent) {
      throw new CliError(1, `${where} has no agents' table: start Créneau once on it to migrate it.`);
    }
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Runs a command: its failures on one line of standard error, and the exit code they carry. */
export async function runCommand(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const cliError = error instanceof CliError ? error : undefined;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(cliError?.message ?? `unexpected failure: ${message}`);
    process.exitCode = cliError?.exitCode ?? 1;
  }
}
