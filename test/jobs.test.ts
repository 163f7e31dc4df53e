import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { fixedClock } from '../src/clock.ts';
import { expireHoldsJob, jobDefinitions, publishSlotsJob } from '../src/jobs/definitions.ts';
import { defineJob, JobPayloadError } from '../src/jobs/job.ts';
import type { JobQueue } from '../src/jobs/queue.ts';
import {
  JOB_RUN_RETENTION_DAYS,
  purgeJobRuns,
  recordRunEnd,
  recordRunStart,
} from '../src/jobs/runs.repository.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import { queuedJobs, runsOf, startTestQueue, waitFor } from './helpers/jobs.ts';

// Jobs on the real queue (pg-boss on the test's PostgreSQL), worked by queues of this process.

let database: TestDatabase;
let fixture: Fixture;
const queues: JobQueue[] = [];

before(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db, { slots: 2, capacity: 2 });
});
after(async () => {
  for (const queue of queues) await queue.stop();
  await database.drop();
});

async function queue(...args: Parameters<typeof startTestQueue>): Promise<JobQueue> {
  const started = await startTestQueue(...args);
  queues.push(started);
  return started;
}

describe('enqueueing', () => {
  let producer: JobQueue;
  before(async () => {
    producer = await queue(database, jobDefinitions, { work: false });
  });

  test('a job enqueued in a transaction that rolls back does not exist; one that commits does', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await producer.enqueue(
          trx,
          publishSlotsJob,
          { offerId: fixture.offerId },
          { singletonKey: 'rolled-back' },
        );
        throw new Error('the business change fails');
      }),
      /the business change fails/,
    );
    assert.deepEqual(
      (await queuedJobs(database.db, 'publish-slots')).filter((job) => job.singleton_key === 'rolled-back'),
      [],
    );

    const runAt = new Date(Date.now() + 3_600_000);
    const id = await database.db
      .transaction()
      .execute((trx) =>
        producer.enqueue(
          trx,
          publishSlotsJob,
          { offerId: fixture.offerId },
          { runAt, singletonKey: 'committed' },
        ),
      );
    const [stored] = (await queuedJobs(database.db, 'publish-slots')).filter((job) => job.id === id);
    assert.ok(stored, 'the committed job is in the queue');
    assert.deepEqual(stored.data, { version: 1, payload: { offerId: fixture.offerId } });
    assert.equal(stored.start_after.getTime(), runAt.getTime());
    assert.equal(stored.state, 'created');
  });

  test('a payload that does not fit the schema is refused, naming the field, and nothing is stored', async () => {
    const before = (await queuedJobs(database.db, 'publish-slots')).length;
    for (const bad of [{ offerId: 'x' }, { offerId: 0 }, { offerId: 1, extra: true }]) {
      const attempt = database.db
        .transaction()
        .execute((trx) => producer.enqueue(trx, publishSlotsJob, bad as never, { singletonKey: 'bad' }));
      await assert.rejects(attempt, (error: unknown) => {
        assert.ok(error instanceof JobPayloadError);
        assert.match(error.message, /publish-slots/);
        assert.match(error.message, /\/offerId|\/extra/);
        return true;
      });
    }
    assert.equal((await queuedJobs(database.db, 'publish-slots')).length, before);
  });

  test('a singleton job keeps one run waiting per key: a second enqueue is dropped', async () => {
    const enqueue = (key: string) =>
      database.db
        .transaction()
        .execute((trx) =>
          producer.enqueue(
            trx,
            publishSlotsJob,
            { offerId: fixture.offerId },
            { runAt: new Date(Date.now() + 3_600_000), singletonKey: key },
          ),
        );
    assert.ok(await enqueue('offer-a'));
    assert.equal(await enqueue('offer-a'), null);
    assert.ok(await enqueue('offer-b'), 'another key has its own place');
  });
});

describe('running', () => {
  test('a failing job is retried with a growing delay, and every attempt is recorded', async () => {
    let calls = 0;
    const flaky = defineJob({
      id: 'test-flaky',
      version: 1,
      payload: Type.Object({ n: Type.Integer() }),
      retry: { limit: 2, delaySeconds: 1, maxDelaySeconds: 60 },
      handler: async ({ n }) => {
        calls++;
        if (calls <= 2) throw new Error(`refused ${calls}`);
        return { n };
      },
    });
    const worker = await queue(database, [flaky]);
    const id = await database.db.transaction().execute((trx) => worker.enqueue(trx, flaky, { n: 7 }));
    assert.ok(id);
    const runs = await waitFor(
      'three attempts',
      async () => {
        const found = await runsOf(database.db, id);
        return found.length === 3 && found[2]?.outcome !== 'running' ? found : undefined;
      },
      30_000,
    );
    assert.deepEqual(
      runs.map((run) => [run.attempt, run.outcome, run.error]),
      [
        [1, 'failed', 'refused 1'],
        [2, 'failed', 'refused 2'],
        [3, 'completed', null],
      ],
    );
    assert.deepEqual(runs[2]?.result, { n: 7 });
    assert.deepEqual(runs[0]?.payload, { n: 7 });
    assert.equal(runs[0]?.version, 1);
    // Before retry n pg-boss waits between delay × 2^(n−1) and delay × 2^n: 1–2 s, then 2–4 s. A fixed
    // delay would give the second retry as little time as the first.
    const starts = runs.map((run) => new Date(run.started_at).getTime());
    const gaps = starts.slice(1).map((start, i) => (start - (starts[i] as number)) / 1000);
    assert.ok((gaps[0] as number) >= 0.95, `first retry after ${gaps[0]} s`);
    assert.ok((gaps[1] as number) >= 1.95, `second retry after ${gaps[1]} s`);
    assert.equal(calls, 3);
    await waitFor('the job completed', async () => {
      const [settled] = (await queuedJobs(database.db, 'test-flaky')).filter((job) => job.id === id);
      return settled?.state === 'completed';
    });
  });

  test('a job stored with another version or a payload its schema refuses is recorded as refused, never run', async () => {
    let ran = 0;
    const current = defineJob({
      id: 'test-versioned',
      version: 2,
      payload: Type.Object({ windowId: Type.Integer() }),
      handler: async () => {
        ran++;
        return undefined;
      },
    });
    // What an older release, or a mistaken one, could have left in the queue.
    const older = defineJob({ ...current, version: 1 });
    const loose = defineJob({
      ...current,
      payload: Type.Object({ windowId: Type.String() }),
      handler: async () => undefined,
    });
    const fromOlder = await queue(database, [older], { work: false });
    const fromLoose = await queue(database, [loose], { work: false });
    const ids = await database.db
      .transaction()
      .execute(async (trx) => [
        await fromOlder.enqueue(trx, older, { windowId: 4 }),
        await fromLoose.enqueue(trx, loose, { windowId: 'four' }),
      ]);
    await queue(database, [current]);
    for (const [id, reason] of [
      [ids[0], /version 1, the definition is version 2/],
      [ids[1], /\/windowId/],
    ] as const) {
      assert.ok(id);
      const [run] = await waitFor('the refusal', async () => {
        const found = await runsOf(database.db, id);
        return found[0]?.outcome === 'refused' ? found : undefined;
      });
      assert.match(run?.error ?? '', reason);
      const job = await waitFor('the job failed for good', async () => {
        const [found] = (await queuedJobs(database.db, 'test-versioned')).filter((job) => job.id === id);
        return found?.state === 'failed' ? found : undefined;
      });
      assert.equal(job.retry_count, 0, 'not retried');
    }
    assert.equal(ran, 0);
  });

  test('the periodic jobs are scheduled, and run when the queue starts: expire-holds frees a seat', async () => {
    const clock = fixedClock('2029-12-20T10:00:00Z');
    const slotId = String(fixture.slotIds[0]);
    const booking = await database.db
      .insertInto('booking')
      .values({
        reference: '74-JOBS-0001',
        slot_id: slotId,
        procedure_id: fixture.procedureId,
        identity_key: 'F:7400000001',
        email_key: 'jobs-test-key',
        last_name: 'Dupont',
        first_name: 'Amina',
        birth_date: '1990-04-12',
        email: 'amina.jobs@example.org',
        locale: 'fr',
        hold_expires_at: new Date('2029-12-20T09:59:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const taken = async () =>
      (
        await database.db
          .selectFrom('slot')
          .select('taken')
          .where('id', '=', slotId)
          .executeTakeFirstOrThrow()
      ).taken;
    assert.equal(await taken(), 1);

    await queue(database, jobDefinitions, { clock });
    const run = await waitFor('expire-holds to run', async () => {
      const found = await database.db
        .selectFrom('job_run')
        .selectAll()
        .where('job', '=', expireHoldsJob.id)
        .where('outcome', '=', 'completed')
        .executeTakeFirst();
      return found;
    });
    assert.deepEqual(run.result, { freed: 1 });
    assert.equal(await taken(), 0, 'the seat is free again');
    const event = await database.db
      .selectFrom('seat_event')
      .selectAll()
      .where('booking_id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.equal(event.cause, 'expired');

    const { rows: schedules } = await sql<{
      name: string;
      cron: string;
    }>`select name, cron from pgboss.schedule`.execute(database.db);
    assert.deepEqual(
      new Map(schedules.map((row) => [row.name, row.cron])),
      new Map(jobDefinitions.filter((job) => job.cron).map((job) => [job.id, job.cron])),
    );
  });

  test('a run left running by a dead process is closed as abandoned when its job is tried again', async () => {
    const base = Date.now();
    const run = (attempt: number) => ({
      jobId: 'f0000000-0000-4000-8000-000000000001',
      job: 'publish-slots',
      version: 1,
      payload: {},
      attempt,
      instance: 'gone:1',
      startedAt: new Date(base + attempt * 1000),
    });
    const other = await recordRunStart(database.db, {
      ...run(1),
      jobId: 'f0000000-0000-4000-8000-000000000002',
    });
    await recordRunStart(database.db, run(1)); // its process is killed here
    const second = await recordRunStart(database.db, run(2));
    await recordRunEnd(database.db, second, {
      outcome: 'completed',
      at: new Date(),
      result: { published: 0 },
    });
    const runs = await runsOf(database.db, run(1).jobId);
    assert.deepEqual(
      runs.map((row) => [row.attempt, row.outcome, row.finished_at?.getTime()]),
      [
        [1, 'abandoned', run(2).startedAt.getTime()],
        [2, 'completed', runs[1]?.finished_at?.getTime()],
      ],
    );
    const [untouched] = await database.db
      .selectFrom('job_run')
      .select('outcome')
      .where('id', '=', other)
      .execute();
    assert.equal(untouched?.outcome, 'running', 'another job keeps its run');
  });

  test('run records are kept JOB_RUN_RETENTION_DAYS, then purged', async () => {
    const now = new Date('2030-06-01T00:00:00Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);
    const record = (jobId: string, startedAt: Date) =>
      recordRunStart(database.db, {
        jobId,
        job: 'purge-records',
        version: 1,
        payload: {},
        attempt: 1,
        instance: 'h:1',
        startedAt,
      });
    const old = await record('retention-old', daysAgo(JOB_RUN_RETENTION_DAYS + 1));
    const kept = await record('retention-kept', daysAgo(JOB_RUN_RETENTION_DAYS - 1));
    assert.ok((await purgeJobRuns(database.db, now)) >= 1);
    const left = await database.db
      .selectFrom('job_run')
      .select('id')
      .where('id', 'in', [old, kept])
      .execute();
    assert.deepEqual(
      left.map((row) => row.id),
      [kept],
    );
  });
});
