import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { expireHoldsJob, jobDefinitions, publishSlotsJob } from '../src/jobs/definitions.ts';
import type { JobQueue } from '../src/jobs/queue.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';
import { runsOf, startTestQueue, waitFor } from './helpers/jobs.ts';
import { type ServerProcess, startServer } from './helpers/server-process.ts';

// Two server processes on one database, as behind a load balancer: a job runs once, on one of them,
// and a periodic job once per period. This process only enqueues, as a request would.

let database: TestDatabase;
let fixture: Fixture;
let servers: [ServerProcess, ServerProcess];
let producer: JobQueue;
/** When both instances were up and done with their start-time runs. */
let settled: Date;

before(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db, { slots: 2, capacity: 1 });
  const env = {
    DATABASE_URL: database.url,
    CAPTCHA: 'off',
    DEMO_DATA: 'off',
    SECRET_KEY: 'jobs-instances-test-secret-key-0123456789abcdef',
  };
  const [a, b] = await Promise.all([startServer(env), startServer(env)]);
  servers = [a, b];
  producer = await startTestQueue(database, jobDefinitions, { work: false });
  await waitFor('the start-time runs to finish', async () => {
    const { rows } = await sql<{ due: string }>`
      select count(*) as due from pgboss.job
      where state in ('created', 'retry', 'active') and start_after <= now() and name not like '\_\_pgboss%'
    `.execute(database.db);
    return (
      Number(rows[0]?.due) === 0 && (await database.db.selectFrom('job_run').select('id').executeTakeFirst())
    );
  });
  settled = new Date();
});

after(async () => {
  await producer?.stop();
  await Promise.all((servers ?? []).map((server) => server.stop()));
  await database.drop();
});

const instances = () => servers.map((server) => `:${server.child.pid}`);

describe('jobs with two server processes on one database', () => {
  test('a job scheduled with a payload runs once, at its time, on one of them', async () => {
    // Opening rules for the fixture's offer, which has no slots in the horizon yet: publishing them is
    // the job's visible effect.
    await database.db
      .insertInto('opening_rule')
      .values(
        [1, 2, 3, 4, 5].map((weekday) => ({
          offer_id: fixture.offerId,
          weekday,
          starts_at: '09:00',
          ends_at: '10:00',
          capacity: 2,
        })),
      )
      .execute();
    const slots = async () =>
      Number(
        (
          await database.db
            .selectFrom('slot')
            .select((eb) => eb.fn.countAll<string>().as('count'))
            .where('offer_id', '=', fixture.offerId)
            .executeTakeFirstOrThrow()
        ).count,
      );
    assert.equal(await slots(), 2);

    const runAt = new Date(Date.now() + 4_000);
    const id = await database.db
      .transaction()
      .execute((trx) =>
        producer.enqueue(
          trx,
          publishSlotsJob,
          { offerId: fixture.offerId },
          { runAt, singletonKey: `offer:${fixture.offerId}` },
        ),
      );
    assert.ok(id);
    await sleep(runAt.getTime() - Date.now() - 1_000);
    assert.deepEqual(await runsOf(database.db, id), [], 'not run before its time');

    const [run] = await waitFor('the run', async () => {
      const runs = await runsOf(database.db, id);
      return runs[0]?.outcome === 'completed' ? runs : undefined;
    });
    await sleep(3_000); // time enough for a second instance to run it too, if it could
    const runs = await runsOf(database.db, id);
    assert.equal(runs.length, 1, 'exactly one run');
    assert.ok(run);
    const startedAt = new Date(run.started_at).getTime();
    assert.ok(startedAt >= runAt.getTime(), 'not before its time');
    assert.ok(startedAt - runAt.getTime() < 10_000, `at its time (${startedAt - runAt.getTime()} ms late)`);
    assert.ok(
      instances().some((pid) => run.instance.endsWith(pid)),
      `run by a server (${run.instance})`,
    );
    assert.deepEqual(run.payload, { offerId: fixture.offerId });
    assert.ok((await slots()) > 2, 'the slots are published');
    assert.deepEqual(run.result, { published: (await slots()) - 2 });
  });

  test('a periodic job runs once a period, whichever instance: expire-holds frees a seat', {
    timeout: 150_000,
  }, async () => {
    const slotId = String(fixture.slotIds[0]);
    await database.db
      .insertInto('booking')
      .values({
        reference: '74-JOBS-0002',
        slot_id: slotId,
        procedure_id: fixture.procedureId,
        identity_key: 'F:7400000002',
        email_key: 'jobs-instances-key',
        last_name: 'Dupont',
        first_name: 'Amina',
        birth_date: '1990-04-12',
        email: 'amina.instances@example.org',
        locale: 'fr',
        hold_expires_at: new Date(Date.now() - 60_000),
      })
      .execute();
    const taken = async () =>
      (
        await database.db
          .selectFrom('slot')
          .select('taken')
          .where('id', '=', slotId)
          .executeTakeFirstOrThrow()
      ).taken;
    assert.equal(await taken(), 1);

    // The next occurrence of '* * * * *' after this point frees it: up to a minute and some seconds.
    await waitFor('the seat to be freed', async () => (await taken()) === 0, 110_000);
    const [event] = await database.db
      .selectFrom('seat_event')
      .selectAll()
      .where('slot_id', '=', slotId)
      .execute();
    assert.equal(event?.cause, 'expired');

    // Let the next minute's run happen too, then count: one run per minute across both instances.
    await sleep(5_000);
    const runs = await database.db
      .selectFrom('job_run')
      .select(['started_at', 'instance', 'outcome', 'result'])
      .where('job', '=', expireHoldsJob.id)
      .where('started_at', '>', settled)
      .orderBy('started_at')
      .execute();
    assert.ok(runs.length >= 1);
    const minutes = runs.map((run) => new Date(run.started_at).toISOString().slice(0, 16));
    assert.deepEqual(minutes, [...new Set(minutes)], `one run a minute: ${minutes.join(', ')}`);
    assert.ok(runs.some((run) => (run.result as { freed: number }).freed === 1));
    assert.ok(runs.every((run) => instances().some((pid) => run.instance.endsWith(pid))));
  });

  test('SIGTERM stops the queue of each instance cleanly: the process exits 0 and the queue records the stop', async () => {
    const pids = servers.map((server) => server.child.pid as number);
    assert.deepEqual(await Promise.all(servers.map((server) => server.stop('SIGTERM'))), [0, 0]);
    const { rows } = await sql<{ pid: number; stopped: boolean }>`
      select pid, stopped_on is not null as stopped from pgboss.instance where pid = any(${pids}) order by pid
    `.execute(database.db);
    assert.deepEqual(
      rows,
      [...pids].sort((a, b) => a - b).map((pid) => ({ pid, stopped: true })),
    );
  });
});
