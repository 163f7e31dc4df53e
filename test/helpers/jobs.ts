import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { type Clock, systemClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import type { JobDefinition, JobLogger } from '../../src/jobs/job.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/queue.ts';
import type { TestDatabase } from './database.ts';

/** A logger that keeps what it was told, for tests that look at it. */
export function memoryLogger(): JobLogger & { lines: { level: string; msg: string; obj: object }[] } {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const keep = (level: string) => (obj: object, msg: string) => void lines.push({ level, msg, obj });
  return { lines, info: keep('info'), warn: keep('warn'), error: keep('error') };
}

/** A job queue of this test process on the test database: `work: false` only enqueues. */
export function startTestQueue(
  database: TestDatabase,
  definitions: readonly JobDefinition[],
  options: { work?: boolean; clock?: Clock; log?: JobLogger } = {},
): Promise<JobQueue> {
  const config = parseConfig({
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
  });
  return startJobQueue({
    url: database.url,
    deps: {
      db: database.db,
      clock: options.clock ?? systemClock,
      config,
      log: options.log ?? memoryLogger(),
    },
    definitions,
    work: options.work ?? true,
    pollingIntervalSeconds: 0.5,
  });
}

/** Polls `probe` every 100 ms until it answers something truthy; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The jobs pg-boss holds for the job `name`, in its own tables. */
export async function queuedJobs(db: Db, name: string) {
  const { rows } = await sql<{
    id: string;
    state: string;
    data: { version: number; payload: unknown };
    start_after: Date;
    retry_count: number;
    singleton_key: string | null;
  }>`select id, state, data, start_after, retry_count, singleton_key from pgboss.job where name = ${name} order by created_on`.execute(
    db,
  );
  return rows;
}

/** The record of every run of the job `jobId`, oldest first. */
export function runsOf(db: Db, jobId: string) {
  return db.selectFrom('job_run').selectAll().where('job_id', '=', jobId).orderBy('id').execute();
}
