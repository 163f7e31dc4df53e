/**
 * `npm run bench:manage-link`: does the manage-link form tell, by its timing, whether an address has
 * appointments? Starts its own PostgreSQL and server, books one appointment, then asks for the link
 * through the page's form for that address and for unknown ones, alternating in random order, and
 * compares the answer times. Prints a summary, then one line of JSON, last.
 *
 * Options: --pairs=N (default 400; at most 2 000), --seconds=N (stops early past it; default 60).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDatabase, migrateToLatest } from '../src/db/database.ts';
import { startEmbeddedDatabase } from '../src/db/embedded.ts';
import { benchApplicant, createDataset } from './dataset.ts';
import { startServer } from './server.ts';

const { values: options } = parseArgs({
  options: { pairs: { type: 'string', default: '400' }, seconds: { type: 'string', default: '60' } },
});
const pairs = Math.min(2_000, Math.max(10, Number(options.pairs) || 400));
const deadline = performance.now() + (Number(options.seconds) || 60) * 1000;
const knownEmail = 'connue@example.org';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'creneau-bench-'));
const embedded = await startEmbeddedDatabase({ dataDir: tmp, port: 0 });
const db = createDatabase({ url: embedded.url, maxActivePerEmail: 3, poolSize: 2 });
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  await migrateToLatest(db as never);
  const dataset = await createDataset(db, 10);
  server = await startServer({ databaseUrl: embedded.url, dataDir: path.join(tmp, 'app') });
  const base = `http://127.0.0.1:${server.port}`;
  const booked = await fetch(`${base}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      slotId: dataset.http.slots[0],
      acceptConditions: true,
      applicant: benchApplicant(7, 1, knownEmail),
    }),
  });
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${await booked.text()}`);

  const form = await fetch(`${base}/rendez-vous/gerer`);
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const ask = async (email: string) => {
    const started = performance.now();
    const answer = await fetch(`${base}/rendez-vous/gerer`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ email, altcha: '', _csrf: csrf }),
    });
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`the form answered ${answer.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 50; i++) await ask(i % 2 ? knownEmail : `chauffe.${i}@example.org`); // warm-up

  const known: number[] = [];
  const unknown: number[] = [];
  let knownSlower = 0;
  for (let i = 0; i < pairs && performance.now() < deadline; i++) {
    const knownFirst = Math.random() < 0.5;
    const a = await ask(knownFirst ? knownEmail : `inconnue.${i}@example.org`);
    const b = await ask(knownFirst ? `inconnue.${i}@example.org` : knownEmail);
    const [k, u] = knownFirst ? [a, b] : [b, a];
    known.push(k);
    unknown.push(u);
    if (k > u) knownSlower++;
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((x, y) => x - y);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const result = {
    pairs: known.length,
    knownMedianMs: Math.round(median(known) * 100) / 100,
    unknownMedianMs: Math.round(median(unknown) * 100) / 100,
    knownSlowerShare: Math.round((knownSlower / known.length) * 1000) / 1000,
  };
  console.log(`pairs measured: ${result.pairs}`);
  console.log(`median answer, known address:   ${result.knownMedianMs} ms`);
  console.log(`median answer, unknown address: ${result.unknownMedianMs} ms`);
  console.log(`known slower in ${(result.knownSlowerShare * 100).toFixed(1)} % of pairs (50 % = no signal)`);
  console.log(JSON.stringify(result));
} finally {
  await server?.stop().catch(() => {});
  await db.destroy().catch(() => {});
  await embedded.stop().catch(() => {});
  await rm(tmp, { recursive: true, force: true }).catch(() => {});
}
