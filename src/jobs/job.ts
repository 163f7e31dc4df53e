import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';

export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What every handler is given besides its payload: the process's dependencies and the run's identity. */
export interface JobContext {
  db: Db;
  clock: Clock;
  config: Config;
  log: JobLogger;
  /** The queue's id of the job; several attempts share it. */
  jobId: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
}

/** Counts a run reports (kept in its record): numbers only, so that no personal data slips in. */
export type JobResult = Record<string, number>;

/** How a failed run is tried again: `delaySeconds` doubling (with jitter) up to `maxDelaySeconds`. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0: none. */
  limit: number;
  delaySeconds: number;
  maxDelaySeconds: number;
}

export interface JobSpec<S extends TSchema> {
  /** Stable name, also the queue's name: lower-case words joined by dashes. */
  id: string;
  /**
   * Version of the payload's meaning. Bump it when a payload written by the previous code would be
   * misread: a job stored with another version is refused (and recorded), never run.
   */
  version: number;
  /** TypeBox schema of the payload, checked when the job is enqueued and again when it runs. */
  payload: S;
  handler(payload: Static<S>, context: JobContext): Promise<JobResult | undefined>;
  /**
   * One run at a time across every instance (per singleton key), and at most one more waiting: a
   * further enqueue while one waits is dropped, since the waiting run will do the same work.
   */
  singleton?: boolean;
  /** A cron expression (UTC, minute resolution): the job runs once per occurrence, on one instance. */
  cron?: string;
  /** Periodic jobs only: also run once when the deployment starts, as the interval jobs used to. */
  runAtStart?: boolean;
  retry?: Partial<RetryPolicy>;
  /** How long a run may last before it is taken for dead (its process killed) and tried again. */
  timeoutSeconds?: number;
}

/** A job the queue knows how to run; built by `defineJob`. */
export interface JobDefinition<S extends TSchema = TSchema>
  extends Required<Omit<JobSpec<S>, 'cron' | 'retry'>> {
  cron: string | undefined;
  retry: RetryPolicy;
  /** Why a payload does not fit the schema (paths and rules, never values), or an empty list. */
  check(payload: unknown): string[];
}

/** Thrown when a payload does not fit its job's schema; names the job and the paths, not the values. */
export class JobPayloadError extends Error {
  readonly problems: string[];
  constructor(jobId: string, problems: string[]) {
    super(`Payload of job ${jobId} refused: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

const DEFAULT_RETRY: RetryPolicy = { limit: 4, delaySeconds: 15, maxDelaySeconds: 15 * 60 };

/**
 * Declares a job: its id, version, payload schema and handler. Payloads carry references (ids, dates),
 * never personal data: they are stored in the queue and in each run's record.
 */
export function defineJob<S extends TSchema>(spec: JobSpec<S>): JobDefinition<S> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(spec.id))
    throw new Error(`Job id "${spec.id}" is not kebab-case`);
  if (!Number.isInteger(spec.version) || spec.version < 1)
    throw new Error(`Job ${spec.id}: version must be ≥ 1`);
  const compiled = TypeCompiler.Compile(spec.payload);
  const check = (payload: unknown) =>
    [...compiled.Errors(payload)].map((error) => `${error.path || '/'} ${error.message}`);
  if (spec.cron && check({}).length > 0)
    throw new Error(`Periodic job ${spec.id} must accept the payload {}`);
  return {
    singleton: false,
    runAtStart: false,
    timeoutSeconds: 5 * 60,
    ...spec,
    cron: spec.cron,
    retry: { ...DEFAULT_RETRY, ...spec.retry },
    check,
  };
}
