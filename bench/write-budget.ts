/**
 * `node --experimental-strip-types bench/write-budget.ts`: what the write budget costs each write. It
 * starts its own embedded PostgreSQL in a temporary folder, then measures `spendWrite` (the one upsert
 * of decision 0011) with 16 concurrent callers, against `select 1` as the floor of any round trip:
 * many clients (a distinct address per write) and one client hammering its own row. Each phase is
 * bounded to 20 000 operations or 5 s. Prints one line per phase, then one line of JSON, last.
 * `--logged` turns the table into an ordinary (WAL-logged) one first, to compare with the unlogged one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createDatabase, type Db, migrateToLatest } from '../src/db/database.ts';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../src/db/embedded.ts';
import { clientKey, spendWrite, WRITE_BUDGET } from '../src/modules/protection/write-budget.ts';

const CONCURRENCY = 16;
const MAX_OPS = 20_000;
const MAX_MS = 5_000;
const WARMUP_OPS = 1_000;

interface Phase {
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(operation: (n: number) => Promise<unknown>, maxOps = MAX_OPS): Promise<Phase> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < maxOps && performance.now() - start < MAX_MS) {
      const n = next++;
      const began = performance.now();
      await operation(n);
      latencies.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.floor(q * (latencies.length - 1))] ?? 0) * 100) / 100;
  return { opsPerSecond: Math.round((latencies.length / elapsed) * 1000), p50Ms: at(0.5), p99Ms: at(0.99) };
}

const tmp = await mkdtemp(path.join(os.tmpdir(), 'creneau-bench-budget-'));
let embedded: EmbeddedDatabase | undefined;
let db: Db | undefined;
try {
  embedded = await startEmbeddedDatabase({ dataDir: tmp, port: 0 });
  const pool = createDatabase({ url: embedded.url, maxActivePerEmail: 3, poolSize: CONCURRENCY });
  db = pool;
  await migrateToLatest(pool as never);
  if (process.argv.includes('--logged')) await sql`alter table write_budget set logged`.execute(pool);
  const now = new Date();
  const keys = Array.from({ length: MAX_OPS + WARMUP_OPS }, (_, n) =>
    clientKey('bench', `198.18.${n >> 8}.${n & 255}`),
  );
  const spend = (key: string) => spendWrite(pool, key, now, WRITE_BUDGET.windowMs);

  await measure((n) => spend(keys[MAX_OPS + (n % WARMUP_OPS)] as string), WARMUP_OPS);
  const results = {
    selectOne: await measure(() => sql`select 1`.execute(pool)),
    manyClients: await measure((n) => spend(keys[n] as string)),
    oneClient: await measure(() => spend(keys[0] as string)),
  };
  for (const [name, phase] of Object.entries(results)) {
    console.log(`${name.padEnd(12)} ${phase.opsPerSecond} /s  p50 ${phase.p50Ms} ms  p99 ${phase.p99Ms} ms`);
  }
  console.log(JSON.stringify(results));
} finally {
  await db?.destroy();
  await embedded?.stop();
  await rm(tmp, { recursive: true, force: true });
}
