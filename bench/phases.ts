/**
 * The benchmark's phases: bookings issued directly with SQL, bookings over HTTP, availability reads,
 * and the counts of what must never happen. Each booking phase is a `Booker` that can run in several
 * bounded rounds, so that direct SQL and HTTP alternate and share whatever else loads the machine.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Db } from '../src/db/database.ts';
import { benchApplicant, type Dataset, type SlotPool } from './dataset.ts';
import { bookDirectly, loadSlotInfo, type SlotInfo } from './direct.ts';
import { type HttpConnection, httpConnection, Latencies, runBounded, Tally } from './load.ts';
import { cpuSince, machineBusySeconds, postgresCpu } from './server.ts';

export const CONCURRENCY = 64;
const PROCEDURE_TITLE = 'Renouvellement de titre de séjour (banc d’essai)';

/** CPU time spent while a phase ran, summed over its rounds, by who spent it. */
export class CpuAccount {
  wall = 0;
  bench = 0;
  server = 0;
  postgres = 0;
  other = 0;

  /** Starts measuring; the function returned stops and adds what was spent. */
  start(serverCpu: () => number, dbDir: string): () => void {
    const t0 = performance.now();
    const bench0 = process.cpuUsage();
    const server0 = serverCpu();
    const postgres0 = postgresCpu(dbDir);
    const machine0 = machineBusySeconds();
    return () => {
      const b = process.cpuUsage(bench0);
      const bench = (b.user + b.system) / 1e6;
      const server = serverCpu() - server0;
      const postgres = cpuSince(postgres0, postgresCpu(dbDir));
      this.wall += (performance.now() - t0) / 1000;
      this.bench += bench;
      this.server += server;
      this.postgres += postgres;
      this.other += Math.max(0, machineBusySeconds() - machine0 - bench - server - postgres);
    };
  }

  toString(): string {
    const s = (n: number) => `${n.toFixed(1)} s`;
    return `CPU over ${s(this.wall)} wall (${s(os.cpus().length * this.wall)} available): load generator ${s(this.bench)}, server ${s(this.server)}, PostgreSQL ${s(this.postgres)}, other programs ${s(this.other)}`;
  }
}

/** Operation k of a booking phase: 5 % aim at hot slots, 2 % reuse an earlier identity, the rest spread out. */
export function plan(pool: SlotPool, k: number): { slotId: number; number: number } {
  if (k % 20 === 7) return { slotId: pool.hot[k % pool.hot.length] ?? 0, number: k };
  const slotId = pool.slots[k % pool.slots.length] ?? 0;
  // k - 501 is never itself a reuse, so this identity was booked before (unless it was a hot miss).
  if (k % 50 === 13 && k >= 501) return { slotId, number: k - 501 };
  return { slotId, number: k };
}

export interface BookerContext {
  data: Dataset;
  serverCpu: () => number;
  dbDir: string;
}

/** A booking phase run in bounded rounds; operation numbers continue from round to round. */
export interface Booker {
  latencies: Latencies;
  tally: Tally;
  cpu: CpuAccount;
  /** Operations started so far, warm-up included. */
  used: number;
  /** Operations and time of the recorded rounds. */
  ops: number;
  elapsedMs: number;
  run(maxOps: number, maxMs: number, record: boolean): Promise<void>;
  close(): Promise<void>;
}

function booker(
  ctx: BookerContext,
  capacity: number,
  op: (k: number, worker: number) => Promise<string>,
  close: () => Promise<void>,
): Booker {
  const b: Booker = {
    latencies: new Latencies(capacity),
    tally: new Tally(),
    cpu: new CpuAccount(),
    used: 0,
    ops: 0,
    elapsedMs: 0,
    async run(maxOps, maxMs, record) {
      const from = b.used;
      const stop = record ? b.cpu.start(ctx.serverCpu, ctx.dbDir) : () => {};
      const result = await runBounded({
        concurrency: CONCURRENCY,
        maxOps,
        maxMs,
        op: async (i, worker) => {
          const started = performance.now();
          const label = await op(from + i, worker);
          if (record) {
            b.latencies.add(performance.now() - started);
            b.tally.add(label);
          }
        },
      });
      stop();
      b.used += result.ops;
      if (record) {
        b.ops += result.ops;
        b.elapsedMs += result.elapsedMs;
      }
    },
    close,
  };
  return b;
}

/** The booking transaction issued with SQL on `pool`, on the data set's "direct" slots. */
export async function directBooker(
  ctx: BookerContext,
  pool: pg.Pool,
  capacity: number,
  options: { withoutOutbox?: boolean; startAt?: number } = {},
): Promise<Booker> {
  const { data } = ctx;
  const infos = await loadSlotInfo(pool, [...data.direct.slots, ...data.direct.hot]);
  const b = booker(
    ctx,
    capacity,
    async (k) => {
      const p = plan(data.direct, k);
      return bookDirectly(pool, {
        slot: infos.get(p.slotId) as SlotInfo,
        procedureId: data.procedureId,
        procedureTitle: PROCEDURE_TITLE,
        applicant: benchApplicant(2, p.number, `direct.${k}@example.org`),
        withoutOutbox: options.withoutOutbox,
      });
    },
    async () => {},
  );
  b.used = options.startAt ?? 0;
  return b;
}

/** POST /api/v1/bookings from 64 keep-alive connections, on the data set's "http" slots. */
export function httpBooker(ctx: BookerContext, port: number, capacity: number): Booker {
  const { data } = ctx;
  const connections: HttpConnection[] = Array.from({ length: CONCURRENCY }, () =>
    httpConnection('127.0.0.1', port),
  );
  return booker(
    ctx,
    capacity,
    async (k, worker) => {
      const p = plan(data.http, k);
      const body = JSON.stringify({
        slotId: p.slotId,
        acceptConditions: true,
        applicant: benchApplicant(4, p.number, `http.${k}@example.org`),
      });
      try {
        const response = await (connections[worker] as HttpConnection).request(
          'POST',
          '/api/v1/bookings',
          body,
        );
        if (response.status === 201) return '201';
        const error = (JSON.parse(response.body.toString()) as { error?: { code?: string } }).error;
        return `${response.status} ${error?.code ?? ''}`;
      } catch (error) {
        return `network error (${(error as Error).message})`;
      }
    },
    async () => {
      for (const c of connections) c.close();
    },
  );
}

/** The rush's emails the server has delivered so far. */
export async function countSent(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .innerJoin('booking', 'booking.id', 'outbox.booking_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('outbox.status', '=', 'sent')
    .where('booking.email', 'like', 'http.%')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Waits, at most `maxMs`, until the server's outbox worker has sent the rush's emails, so that the
 * next phase does not share the machine with their delivery.
 */
export async function waitForOutbox(
  db: Db,
  maxMs: number,
): Promise<{ ms: number; left: number; sent: number }> {
  const started = performance.now();
  const count = async (status: 'pending' | 'sent') =>
    Number(
      (
        await db
          .selectFrom('outbox')
          .innerJoin('booking', 'booking.id', 'outbox.booking_id')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('outbox.status', '=', status)
          // Only the rush's emails: the direct phase's are due tomorrow (see direct.ts).
          .where('booking.email', 'like', 'http.%')
          .executeTakeFirstOrThrow()
      ).n,
    );
  let left = await count('pending');
  while (left > 0 && performance.now() - started < maxMs) {
    await sleep(250);
    left = await count('pending');
  }
  return { ms: performance.now() - started, left, sent: await count('sent') };
}

/** GET /api/v1/availability from 64 keep-alive connections over 16 queries (4 sites × 4 date ranges). */
export async function readAvailability(ctx: BookerContext, port: number, maxOps: number, maxMs: number) {
  const { data } = ctx;
  const connections = Array.from({ length: CONCURRENCY }, () => httpConnection('127.0.0.1', port));
  const addDays = (day: string, n: number) =>
    new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const ranges = [
    [0, 0],
    [0, 6],
    [7, 13],
    [0, 13],
  ] as const;
  const paths = data.sites.flatMap((site) =>
    ranges.map(
      ([a, b]) =>
        `/api/v1/availability?procedure=${data.procedureId}&site=${site.id}&from=${addDays(data.firstDay, a)}&to=${addDays(data.firstDay, b)}`,
    ),
  );
  const latencies = new Latencies(maxOps);
  const tally = new Tally();
  const cpu = new CpuAccount();
  let bytes = 0;
  const run = (maxRunMs: number, record: boolean) =>
    runBounded({
      concurrency: CONCURRENCY,
      maxOps,
      maxMs: maxRunMs,
      op: async (i, worker) => {
        const started = performance.now();
        let label: string;
        try {
          const response = await (connections[worker] as HttpConnection).request(
            'GET',
            paths[i % paths.length] as string,
          );
          label = String(response.status);
          bytes += response.body.length;
        } catch (error) {
          label = `network error (${(error as Error).message})`;
        }
        if (record) {
          latencies.add(performance.now() - started);
          tally.add(label);
        }
      },
    });
  await run(2_000, false);
  bytes = 0;
  const stop = cpu.start(ctx.serverCpu, ctx.dbDir);
  const result = await run(maxMs, true);
  stop();
  for (const c of connections) c.close();
  return {
    ...result,
    latencies,
    tally,
    cpu,
    meanBytes: bytes / Math.max(1, result.ops),
    distinct: paths.length,
  };
}

/** Slots over capacity, slots with more active bookings than seats, identities booked twice. */
export async function countViolations(db: Db) {
  const one = async (query: ReturnType<typeof sql<{ n: string }>>) =>
    Number((await query.execute(db)).rows[0]?.n ?? 0);
  const active = sql`select slot_id, count(*) as active from booking
    where status in ('pending', 'confirmed') group by slot_id`;
  return {
    takenOver: await one(sql`select count(*) as n from slot where taken > capacity`),
    bookingsOver: await one(sql`
      select count(*) as n from slot join (${active}) b on b.slot_id = slot.id where b.active > slot.capacity`),
    identitiesTwice: await one(sql`
      select count(*) as n from (select 1 from booking where status in ('pending', 'confirmed')
        group by procedure_id, identity_key having count(*) > 1) twice`),
    takenMismatch: await one(sql`
      select count(*) as n from slot left join (${active}) b on b.slot_id = slot.id
       where slot.taken <> coalesce(b.active, 0)`),
  };
}
