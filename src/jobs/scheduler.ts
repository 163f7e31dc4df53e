import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** A periodic job: a stable id (its advisory lock key), an interval, and a handler. */
export interface PeriodicJob {
  id: string;
  everyMs: number;
  run: () => Promise<number>;
}

export interface Logger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Runs periodic jobs in this process. Several instances may run on one database: each run takes a
 * PostgreSQL advisory lock named after the job, so at most one instance runs a given job at a time
 * and no broker is needed (PRODUCT §6).
 */
export function startScheduler(db: Db, jobs: PeriodicJob[], log: Logger): { stop(): Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const runOnce = async (job: PeriodicJob) => {
    if (stopped) return;
    try {
      await db.connection().execute(async (connection) => {
        const { rows } = await sql<{
          locked: boolean;
        }>`select pg_try_advisory_lock(hashtext(${job.id})) as locked`.execute(connection);
        if (!rows[0]?.locked) return;
        try {
          const count = await job.run();
          if (count > 0) log.info({ job: job.id, count }, 'job done');
        } finally {
          await sql`select pg_advisory_unlock(hashtext(${job.id}))`.execute(connection);
        }
      });
    } catch (error) {
      log.error({ job: job.id, err: error }, 'job failed');
    }
  };

  for (const job of jobs) {
    const tick = () => {
      const promise = runOnce(job);
      running.add(promise);
      promise.finally(() => running.delete(promise));
    };
    tick();
    timers.push(setInterval(tick, job.everyMs));
  }

  return {
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
