/**
 * `npm test`: starts one embedded PostgreSQL in a temporary folder (or uses TEST_DATABASE_URL), builds
 * a migrated template database, then runs every test file with node's test runner. Each test file
 * clones the template into its own database (test/helpers/database.ts), so files run in parallel.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, migrateToLatest } from '../src/db/database.ts';
import { startEmbeddedDatabase } from '../src/db/embedded.ts';
import { TEMPLATE_DATABASE } from './helpers/database.ts';

const patterns = process.argv.slice(2);
const files = patterns.length > 0 ? patterns : ['src/**/*.test.ts', 'test/**/*.test.ts'];

const dataDir = await mkdtemp(path.join(tmpdir(), 'creneau-test-'));
let embedded: Awaited<ReturnType<typeof startEmbeddedDatabase>> | undefined;
let code = 1;
try {
  if (!process.env.TEST_DATABASE_URL) embedded = await startEmbeddedDatabase({ dataDir, port: 0 });
  const serverUrl = process.env.TEST_DATABASE_URL ?? embedded?.url ?? '';
  await createTemplate(serverUrl);
  code = await runTests(serverUrl);
} finally {
  await embedded?.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(code);

async function createTemplate(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const db = createDatabase({ url: templateUrl.toString(), maxActivePerEmail: 3, poolSize: 2 });
  await migrateToLatest(db as never);
  await db.destroy();
}

/**
 * Runs the files with node's test runner, in a process group of its own: past TEST_DEADLINE_MINUTES
 * (30 by default; the whole suite takes about 10) the group — runner, test files and whatever they
 * started — is killed, so that something hanging fails the run instead of stalling it.
 */
function runTests(url: string): Promise<number> {
  const deadlineMinutes = Number(process.env.TEST_DEADLINE_MINUTES ?? 30);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--test', '--test-concurrency=2', '--test-timeout=120000', ...files],
      {
        stdio: 'inherit',
        detached: true,
        env: { ...process.env, TEST_DATABASE_SERVER_URL: url },
      },
    );
    const deadline = setTimeout(() => {
      console.error(`\nThe tests did not finish within ${deadlineMinutes} minutes: stopping them.`);
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }, deadlineMinutes * 60_000);
    child.on('exit', (exitCode) => {
      clearTimeout(deadline);
      killGroup(child.pid, 'SIGKILL'); // anything a test file left running
      resolve(exitCode ?? 1);
    });
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  try {
    if (pid) process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}
