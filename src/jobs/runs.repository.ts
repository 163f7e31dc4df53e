import type { Db } from '../db/database.ts';
import type { JobRunOutcome } from '../db/schema.ts';
import type { JobResult } from './job.ts';

/** How long the record of a run is kept. */
export const JOB_RUN_RETENTION_DAYS = 30;

export interface RunStart {
  jobId: string;
  job: string;
  version: number;
  payload: unknown;
  attempt: number;
  instance: string;
  startedAt: Date;
}

/**
 * Records that an attempt starts. An earlier attempt of the same job still marked running had its
 * process die under it (the queue retries a job only once its run has timed out): it is closed as
 * abandoned, so the record never shows two runs at once.
 */
export async function recordRunStart(db: Db, run: RunStart): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('job_run')
      .set({ outcome: 'abandoned', finished_at: run.startedAt })
      .where('job_id', '=', run.jobId)
      .where('outcome', '=', 'running')
      .execute();
    const row = await trx
      .insertInto('job_run')
      .values({
        job_id: run.jobId,
        job: run.job,
        version: run.version,
        payload: JSON.stringify(run.payload ?? null),
        attempt: run.attempt,
        instance: run.instance,
        started_at: run.startedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Records how an attempt ended. */
export async function recordRunEnd(
  db: Db,
  runId: string,
  end: {
    outcome: Exclude<JobRunOutcome, 'running' | 'abandoned'>;
    at: Date;
    result?: JobResult;
    error?: string;
  },
): Promise<void> {
  await db
    .updateTable('job_run')
    .set({
      outcome: end.outcome,
      finished_at: end.at,
      result: end.result ? JSON.stringify(end.result) : null,
      error: end.error ?? null,
    })
    .where('id', '=', runId)
    .execute();
}

/** Deletes the records of runs started more than JOB_RUN_RETENTION_DAYS ago. */
export async function purgeJobRuns(db: Db, now: Date): Promise<number> {
  const limit = new Date(now.getTime() - JOB_RUN_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const result = await db.deleteFrom('job_run').where('started_at', '<', limit).executeTakeFirst();
  return Number(result.numDeletedRows);
}
