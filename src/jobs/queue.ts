import { hostname } from 'node:os';
import type { Static, TSchema } from '@sinclair/typebox';
import type { Transaction } from 'kysely';
import { fromKysely, type Job, type JobResult as JobOutcome, PgBoss, type Queue } from 'pg-boss';
import type { Database } from '../db/schema.ts';
import type { JobContext, JobDefinition } from './job.ts';
import { JobPayloadError } from './job.ts';
import { recordRunEnd, recordRunStart } from './runs.repository.ts';

/** The schema pg-boss creates and migrates for itself (decision 0016). */
export const JOB_QUEUE_SCHEMA = 'pgboss';

/** What pg-boss stores as a job's data: the payload with the version it was written for. */
interface StoredJob {
  version: number;
  payload: unknown;
}

export interface EnqueueOptions {
  /** When to run it; now by default. */
  runAt?: Date;
  /** Singleton jobs only: one run at a time, and one waiting, per key instead of per job. */
  singletonKey?: string;
}

export interface JobQueue {
  /**
   * Writes a job inside the caller's transaction, so that it exists if and only if the transaction
   * commits. Refuses a payload that does not fit the job's schema (JobPayloadError). Answers the job's
   * id, or null when a singleton job already has a run waiting.
   */
  enqueue<S extends TSchema>(
    trx: Transaction<Database>,
    job: JobDefinition<S>,
    payload: Static<S>,
    options?: EnqueueOptions,
  ): Promise<string | null>;
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  /** The database's connection string: pg-boss keeps a small pool of its own. */
  url: string;
  /** What handlers are given (their `db` is the application's pool). */
  deps: Omit<JobContext, 'jobId' | 'attempt'>;
  definitions: readonly JobDefinition[];
  /** Off: this process only enqueues (no workers, no cron, no maintenance). On by default. */
  work?: boolean;
  /** How often each worker looks for due jobs. */
  pollingIntervalSeconds?: number;
}

const INSTANCE = `${hostname()}:${process.pid}`;

/**
 * Starts the job queue of this process on pg-boss: installs or migrates its schema, creates one queue
 * per definition, and — unless `work` is off — works every queue, keeps the periodic schedules and
 * runs the start-time jobs. Every instance runs one; pg-boss makes each job run on one of them.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { deps, definitions, work = true } = options;
  const ids = definitions.map((definition) => definition.id);
  if (new Set(ids).size !== ids.length) throw new Error(`Two job definitions share an id: ${ids.join(', ')}`);
  const boss = new PgBoss({
    connectionString: options.url,
    schema: JOB_QUEUE_SCHEMA,
    max: 4,
    application_name: 'creneau-jobs',
    instanceName: 'creneau',
    supervise: work,
    schedule: work,
    // A pass for due occurrences (one instance's at a time) every 10 s: a periodic job starts within
    // about 15 s of its minute, where the default 30 s would let a one-minute job slip by half a period.
    cronMonitorIntervalSeconds: 10,
  });
  boss.on('error', (error) => deps.log.error({ err: error }, 'job queue error'));
  boss.on('warning', (warning) => deps.log.warn({ warning: warning.message }, 'job queue warning'));
  await boss.start();
  try {
    for (const definition of definitions) await declareQueue(boss, definition, deps.log);
    if (work) {
      for (const definition of definitions) {
        await boss.work<StoredJob>(
          definition.id,
          { perJobResults: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
          (jobs) => Promise.all(jobs.map((job) => runJob(definition, job, deps))),
        );
        await keepSchedule(boss, definition);
      }
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  return {
    enqueue: (trx, job, payload, enqueueOptions) =>
      enqueue(boss, definitions, trx, job, payload, enqueueOptions),
    // Waits for the runs under way (up to 20 s), then closes the pool.
    stop: () => boss.stop({ graceful: true, timeout: 20_000 }),
  };
}

async function enqueue<S extends TSchema>(
  boss: PgBoss,
  definitions: readonly JobDefinition[],
  trx: Transaction<Database>,
  job: JobDefinition<S>,
  payload: Static<S>,
  { runAt, singletonKey }: EnqueueOptions = {},
): Promise<string | null> {
  if (!definitions.includes(job as never)) throw new Error(`Job ${job.id} is not a job of this queue`);
  const problems = job.check(payload);
  if (problems.length > 0) throw new JobPayloadError(job.id, problems);
  if (singletonKey !== undefined && !job.singleton) {
    throw new Error(`Job ${job.id} is not a singleton: a singleton key means nothing to it`);
  }
  const data: StoredJob = { version: job.version, payload };
  return boss.send(job.id, data as never, {
    db: fromKysely(trx),
    ...(runAt ? { startAfter: runAt } : {}),
    ...(singletonKey !== undefined ? { singletonKey } : {}),
  });
}

function queueOptions(definition: JobDefinition): Omit<Queue, 'name' | 'policy'> {
  return {
    retryLimit: definition.retry.limit,
    retryDelay: definition.retry.delaySeconds,
    retryBackoff: true,
    retryDelayMax: definition.retry.maxDelaySeconds,
    expireInSeconds: definition.timeoutSeconds,
    // The queue's own rows: waiting jobs are kept 14 days, finished ones 2 days (job_run keeps the
    // record of each attempt for JOB_RUN_RETENTION_DAYS).
    retentionSeconds: 14 * 24 * 3600,
    deleteAfterSeconds: 2 * 24 * 3600,
  };
}

/** Creates the queue, or brings the options of an existing one up to date with the definition. */
async function declareQueue(boss: PgBoss, definition: JobDefinition, log: JobContext['log']): Promise<void> {
  // 'stately': one job per state (waiting, running) and singleton key; 'standard': no such limit.
  const policy = definition.singleton ? 'stately' : 'standard';
  await boss.createQueue(definition.id, { policy, ...queueOptions(definition) });
  const existing = await boss.getQueue(definition.id);
  if (existing && existing.policy !== policy) {
    log.warn({ job: definition.id, policy: existing.policy }, 'job queue policy differs from its definition');
  }
  await boss.updateQueue(definition.id, queueOptions(definition));
}

/** Periodic jobs: the schedule (one row per job, shared by instances) and the start-time run. */
async function keepSchedule(boss: PgBoss, definition: JobDefinition): Promise<void> {
  if (!definition.cron) return;
  const data: StoredJob = { version: definition.version, payload: {} };
  await boss.schedule(definition.id, definition.cron, data as never, { tz: 'UTC' });
  // Dropped by the singleton rule when another instance, starting too, has already queued it.
  if (definition.runAtStart) await boss.send(definition.id, data as never);
}

/** One attempt of a job: checked, recorded, run, recorded again; answers pg-boss's outcome. */
async function runJob(
  definition: JobDefinition,
  job: Job<StoredJob>,
  deps: Omit<JobContext, 'jobId' | 'attempt'>,
): Promise<JobOutcome> {
  const attempt = job.retryCount + 1;
  const stored = (job.data ?? {}) as Partial<StoredJob>;
  const runId = await recordRunStart(deps.db, {
    jobId: job.id,
    job: definition.id,
    version: typeof stored.version === 'number' ? stored.version : 0,
    payload: stored.payload,
    attempt,
    instance: INSTANCE,
    startedAt: deps.clock.now(),
  });
  const refusal =
    stored.version !== definition.version
      ? [`written for version ${String(stored.version)}, the definition is version ${definition.version}`]
      : definition.check(stored.payload);
  if (refusal.length > 0) {
    const error = new JobPayloadError(definition.id, refusal).message;
    await recordRunEnd(deps.db, runId, { outcome: 'refused', at: deps.clock.now(), error });
    deps.log.error({ job: definition.id, jobId: job.id, error }, 'job refused');
    // 'deadletter' with no dead-letter queue: failed for good, not retried.
    return { id: job.id, status: 'deadletter', output: { error } };
  }
  try {
    const result = await definition.handler(stored.payload as never, { ...deps, jobId: job.id, attempt });
    await recordRunEnd(deps.db, runId, { outcome: 'completed', at: deps.clock.now(), result });
    if (result && Object.values(result).some((count) => count > 0)) {
      deps.log.info({ job: definition.id, ...result }, 'job done');
    }
    return { id: job.id, status: 'completed', output: result ?? {} };
  } catch (caught) {
    // The message only: a stack or a driver's detail could carry data the record should not keep.
    const error = (caught instanceof Error ? caught.message : String(caught)).slice(0, 500);
    await recordRunEnd(deps.db, runId, { outcome: 'failed', at: deps.clock.now(), error });
    deps.log.error({ job: definition.id, jobId: job.id, attempt, error }, 'job failed');
    return { id: job.id, status: 'failed', output: { error } };
  }
}
