/**
 * `npm run bench:request-timing`: does POST /api/v1/requests tell, by its timing, whether a foreigner
 * number already has a request recorded with another address (decision 0033)? Starts its own
 * PostgreSQL and server, records one request, then sends --pairs=N (default 30; at most 1 000) pairs in
 * random order: a new identity, and that identity with another email. Prints the medians, then one line
 * of JSON, last. Not a test: on two busy cores millisecond medians wander.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDatabase, migrateToLatest } from '../src/db/database.ts';
import { startEmbeddedDatabase } from '../src/db/embedded.ts';
import { createDrawFixture } from '../test/helpers/requests.ts';
import { startServer } from './server.ts';

const { values: options } = parseArgs({ options: { pairs: { type: 'string', default: '30' } } });
const pairs = Math.min(1_000, Math.max(5, Number(options.pairs) || 30));
const person = (n: number, email = `timing.${n}@example.org`) => ({
  lastName: 'Timing',
  firstName: 'Bench',
  birthDate: '1990-04-12',
  email,
  foreignerNumber: String(7_400_000_000 + n),
  postalCode: '74000',
});
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const tmp = await mkdtemp(path.join(os.tmpdir(), 'creneau-timing-'));
const embedded = await startEmbeddedDatabase({ dataDir: tmp, port: 0 });
const db = createDatabase({ url: embedded.url, maxActivePerEmail: 3, poolSize: 2 });
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  await migrateToLatest(db as never);
  const fixture = await createDrawFixture(db);
  server = await startServer({ databaseUrl: embedded.url, dataDir: path.join(tmp, 'app') });
  const url = `http://127.0.0.1:${server.port}/api/v1/requests`;
  const send = async (applicant: ReturnType<typeof person>) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureId: fixture.procedureId,
        siteIds: [fixture.drawSiteIds[0]],
        acceptConditions: true,
        applicant,
      }),
    });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  };
  const holder = await send(person(0));
  if (holder.status !== 201) throw new Error(`the first request failed: ${holder.status}`);
  for (let i = 1; i <= 5; i++) await send(person(10_000 + i)); // warm-up
  const fresh: number[] = [];
  const known: number[] = [];
  for (let i = 1; i <= pairs; i++) {
    const order = Math.random() < 0.5 ? ['new', 'known'] : ['known', 'new'];
    for (const kind of order) {
      const answer = kind === 'new' ? await send(person(i)) : await send(person(0, `other.${i}@example.org`));
      if (answer.status !== (kind === 'new' ? 201 : 200)) throw new Error(`${kind}: ${answer.status}`);
      (kind === 'new' ? fresh : known).push(answer.ms);
    }
  }
  const newMs = median(fresh);
  const knownMs = median(known);
  const differencePercent = (Math.abs(newMs - knownMs) / Math.min(newMs, knownMs)) * 100;
  console.log(
    `${pairs} pairs: new identity median ${newMs.toFixed(2)} ms, known elsewhere ${knownMs.toFixed(2)} ms (${differencePercent.toFixed(1)} %)`,
  );
  console.log(
    JSON.stringify({
      pairs,
      newMedianMs: Math.round(newMs * 100) / 100,
      knownElsewhereMedianMs: Math.round(knownMs * 100) / 100,
      differencePercent: Math.round(differencePercent * 10) / 10,
    }),
  );
} finally {
  await server?.stop();
  await db.destroy();
  await embedded.stop();
  await rm(tmp, { recursive: true, force: true });
}
