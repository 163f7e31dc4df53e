/**
 * Request intake over HTTP against the same insert in direct SQL (issue 9, Benchmarks "Draw speed"):
 * N requests through POST /api/v1/requests on a real server (captcha and rate limits off), then N
 * more written by the transaction `recordRequest` runs (requests.usecases.ts) — the upsert, its two
 * tokens and its email row — in parameterised SQL from this process, on the same database. The ratio
 * says what the HTTP layer, validation and Kysely add to what PostgreSQL must do anyway.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { createDatabase, migrateToLatest } from '../src/db/database.ts';
import { startEmbeddedDatabase } from '../src/db/embedded.ts';
import { validateApplicant } from '../src/modules/booking/applicant.ts';
import { newToken } from '../src/modules/booking/tokens.ts';
import { notificationRows } from '../src/modules/notify/notify.ts';
import { newLabel } from '../src/modules/requests/labels.ts';
import { createDrawFixture } from '../test/helpers/requests.ts';
import { directPool } from './direct.ts';
import { startServer } from './server.ts';

const CONCURRENCY = 8;
const BENCH_KEYS = { secretKey: 'bench-intake-secret-key-0123456789abcdef' };
const UPSERT = `insert into request (label, procedure_id, identity_key, email_key, last_name, first_name,
  birth_date, email, phone, foreigner_number, title_expiry, postal_code, locale, site_ids, half_days,
  earliest, entered_by, created_at, updated_at)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, null, $17, $17)
  on conflict (procedure_id, identity_key) where status = 'waiting' do update
    set site_ids = excluded.site_ids, half_days = excluded.half_days, earliest = excluded.earliest,
        updated_at = excluded.updated_at
    where request.email_key = excluded.email_key
  returning id, label, updated_at, xmax = 0 as inserted`;
const INSERT_TOKEN = `insert into request_token (request_id, purpose, token_hash, expires_at) values ($1, $2, $3, $4)`;
// Due tomorrow, as in direct.ts: the server's worker, had it been running, would leave them alone.
const INSERT_OUTBOX = `insert into outbox (event, channel, request_id, params, locale, sealed_tokens,
  next_attempt_at) values ($1, $2, $3, $4, $5, $6, $7)`;

export interface IntakeFigures {
  requests: number;
  httpPerSecond: number;
  sqlPerSecond: number;
  /** HTTP rate over SQL rate: 1 would mean the server adds nothing to the database's work. */
  ratio: number;
  httpErrors: number;
}

const person = (phase: number, n: number) => ({
  lastName: 'Intake',
  firstName: 'Bench',
  birthDate: '1990-04-12',
  email: `intake.${phase}.${n}@example.org`,
  foreignerNumber: String(7_400_000_000 + phase * 1_000_000 + n),
  postalCode: '74000',
});

/** Runs `work(i)` for i in [0, count) with CONCURRENCY in flight; stops early past `deadline`. */
async function run(count: number, deadline: number, work: (i: number) => Promise<void>) {
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count && performance.now() < deadline) {
        await work(next++);
        done++;
      }
    }),
  );
  return { done, seconds: (performance.now() - started) / 1_000 };
}

async function insertDirectly(pool: pg.Pool, procedureId: number, siteIds: number[], n: number) {
  const rules = {
    requiresForeignerNumber: true,
    requiresTitleExpiry: false,
    requiresPostalCode: true,
    titleExpiryWithinDays: null,
    titleExpiredSinceDays: null,
  };
  const checked = validateApplicant(person(2, n), rules, '74', new Date().toISOString().slice(0, 10));
  if (!checked.ok) throw new Error(`invalid bench applicant: ${JSON.stringify(checked.fields)}`);
  const a = checked.applicant;
  const now = new Date();
  const manage = newToken();
  const receipt = newToken();
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ id: string }>(UPSERT, [
      newLabel(),
      procedureId,
      a.identityKey,
      a.emailKey,
      a.lastName,
      a.firstName,
      a.birthDate,
      a.email,
      a.phone,
      a.foreignerNumber,
      a.titleExpiry,
      a.postalCode,
      'fr',
      siteIds,
      [],
      null,
      now,
    ]);
    const id = rows[0]?.id;
    if (!id) throw new Error('the bench identity was already recorded');
    await client.query(INSERT_TOKEN, [id, 'manage', manage.hash, new Date(now.getTime() + 400 * 86_400_000)]);
    await client.query(INSERT_TOKEN, [id, 'receipt', receipt.hash, new Date(now.getTime() + 86_400_000)]);
    const [row] = notificationRows(
      {
        event: 'request.submitted',
        requestId: id,
        locale: 'fr',
        tokens: { manage: manage.token },
        params: { updated: false },
      },
      BENCH_KEYS,
    );
    if (!row) throw new Error('notify writes one row per channel, and there is one');
    const due = new Date(now.getTime() + 86_400_000);
    await client.query(INSERT_OUTBOX, [
      row.event,
      row.channel,
      row.requestId,
      JSON.stringify(row.params),
      row.locale,
      row.sealedTokens,
      due,
    ]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Starts its own PostgreSQL and server, measures both phases, and cleans up. */
export async function measureRequestIntake(options: {
  count: number;
  seconds: number;
}): Promise<IntakeFigures> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'creneau-intake-'));
  const embedded = await startEmbeddedDatabase({ dataDir: tmp, port: 0 });
  const db = createDatabase({ url: embedded.url, maxActivePerEmail: 3, poolSize: 2 });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let pool: pg.Pool | undefined;
  try {
    await migrateToLatest(db as never);
    const fixture = await createDrawFixture(db);
    const siteIds = [fixture.drawSiteIds[0]];
    server = await startServer({ databaseUrl: embedded.url, dataDir: path.join(tmp, 'app') });
    const url = `http://127.0.0.1:${server.port}/api/v1/requests`;
    let httpErrors = 0;
    const phaseMs = (options.seconds * 1_000) / 2;
    const http = await run(options.count, performance.now() + phaseMs, async (n) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          procedureId: fixture.procedureId,
          siteIds,
          acceptConditions: true,
          applicant: person(1, n),
        }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) httpErrors++;
    });
    await server.stop();
    server = undefined;
    pool = directPool(embedded.url, CONCURRENCY, 3);
    const direct = pool;
    const sql = await run(http.done, performance.now() + phaseMs, (n) =>
      insertDirectly(direct, fixture.procedureId, siteIds, n),
    );
    const httpPerSecond = http.done / http.seconds;
    const sqlPerSecond = sql.done / sql.seconds;
    return {
      requests: http.done,
      httpPerSecond: Math.round(httpPerSecond),
      sqlPerSecond: Math.round(sqlPerSecond),
      ratio: Math.round((httpPerSecond / sqlPerSecond) * 100) / 100,
      httpErrors,
    };
  } finally {
    await server?.stop();
    await pool?.end();
    await db.destroy();
    await embedded.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}
