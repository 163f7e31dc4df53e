/**
 * `npm run bench:sign-in`: what an agent's sign-in costs on this machine (issue 8's closing note).
 * Starts its own PostgreSQL, builds the application in process on it, and measures the median time
 * of one Argon2id verification, of a full password + code sign-in over HTTP (`inject`: the routes,
 * the throttle, the audit entries, the sessions — no network), and of the refusals of an unknown
 * email and of a wrong password (which must take the same time: decision 0021). Prints the Argon2id parameters and a
 * summary, then one line of JSON, last.
 *
 * Options: --runs=N (default 40; at most 500).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { fixedClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import { createDatabase, migrateToLatest } from '../src/db/database.ts';
import { startEmbeddedDatabase } from '../src/db/embedded.ts';
import { insertAgent } from '../src/modules/agents/agents.repository.ts';
import { ARGON2_PARAMETERS, hashPassword, verifyPassword } from '../src/modules/agents/passwords.ts';
import { sessionCookieName } from '../src/modules/agents/sessions.ts';
import { newTotpSecret, sealTotpSecret, totpCode } from '../src/modules/agents/totp.ts';
import { createCaptcha } from '../src/modules/protection/captcha.ts';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
const runs = Math.min(500, Math.max(5, Number(options.runs) || 40));
const password = 'lac annecy sous la neige en mars';

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 100) / 100;
};

const tmp = await mkdtemp(path.join(os.tmpdir(), 'creneau-bench-'));
const embedded = await startEmbeddedDatabase({ dataDir: tmp, port: 0 });
const db = createDatabase({ url: embedded.url, maxActivePerEmail: 3, poolSize: 4 });
try {
  await migrateToLatest(db as never);
  const config = parseConfig({
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
  });
  const clock = fixedClock('2030-01-07T08:00:00Z');
  const captcha = createCaptcha({ db, secretKey: config.secretKey, clock, enabled: false });
  const app = await buildApp({ config, db, clock, captcha, mailCapture: undefined, wakeOutbox: () => {} });
  await app.ready();

  const hash = await hashPassword(password);
  const secret = newTotpSecret();
  const email = 'camille.martin@prefecture.test';
  const agentId = await insertAgent(db, {
    email,
    name: 'Camille Martin',
    passwordHash: hash,
    federationOnly: false,
    sealedTotpSecret: sealTotpSecret(config.secretKey, secret),
    grants: [],
  });
  await db.updateTable('agent').set({ totp_enrolled_at: clock.now() }).where('id', '=', agentId).execute();
  // Accounts to be refused a wrong password, one per run, so that the throttle never answers for them.
  const others: string[] = [];
  for (let i = 0; i < runs; i++) {
    others.push(`agent.${i}@prefecture.test`);
    await insertAgent(db, {
      email: `agent.${i}@prefecture.test`,
      name: `Agent ${i}`,
      passwordHash: hash,
      federationOnly: false,
      sealedTotpSecret: null,
      grants: [],
    });
  }

  const verifications: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    if (!(await verifyPassword(hash, password))) throw new Error('the verification failed');
    verifications.push(performance.now() - started);
  }

  const form = await app.inject({ method: 'GET', url: '/agents/connexion' });
  const csrfCookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const post = (url: string, fields: Record<string, string>, cookie: string, remoteAddress: string) =>
    app.inject({
      method: 'POST',
      url,
      remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  const signIns: number[] = [];
  const unknown: number[] = [];
  const wrongPassword: number[] = [];
  for (let i = 0; i < runs; i++) {
    clock.advance(30_000); // a code is accepted once: each sign-in takes the next time step's
    const started = performance.now();
    const first = await post('/agents/connexion', { email, password }, csrfCookie, '127.0.0.2');
    const session = first.cookies.find((c) => c.name === sessionCookieName(config))?.value;
    if (first.statusCode !== 303 || !session) throw new Error(`password step: ${first.statusCode}`);
    const cookie = `${csrfCookie}; ${sessionCookieName(config)}=${session}`;
    const second = await post(
      '/agents/connexion/code',
      { code: totpCode(secret, clock.now()) },
      cookie,
      '127.0.0.2',
    );
    if (second.headers.location !== '/agents') throw new Error(`code step: ${second.statusCode}`);
    signIns.push(performance.now() - started);

    // An unknown email from an address of its own, so that the throttle does not answer for it.
    const refusedAt = performance.now();
    const refused = await post(
      '/agents/connexion',
      { email: `nobody.${i}@prefecture.test`, password },
      csrfCookie,
      `127.0.1.${i % 250}`,
    );
    if (refused.statusCode !== 401) throw new Error(`unknown email: ${refused.statusCode}`);
    unknown.push(performance.now() - refusedAt);
    const wrongAt = performance.now();
    const wrong = await post(
      '/agents/connexion',
      { email: others[i] ?? '', password: 'not the password' },
      csrfCookie,
      `127.0.2.${i % 250}`,
    );
    if (wrong.statusCode !== 401) throw new Error(`wrong password: ${wrong.statusCode}`);
    wrongPassword.push(performance.now() - wrongAt);
  }
  await app.close();

  const { memoryCost, timeCost, parallelism } = ARGON2_PARAMETERS;
  const result = {
    runs,
    argon2: `argon2id m=${memoryCost} KiB, t=${timeCost}, p=${parallelism}`,
    verifyMedianMs: median(verifications),
    signInMedianMs: median(signIns),
    unknownEmailMedianMs: median(unknown),
    wrongPasswordMedianMs: median(wrongPassword),
    cpus: os.cpus().length,
  };
  console.log(`Argon2id parameters: m=${memoryCost} KiB, t=${timeCost}, p=${parallelism} (@node-rs/argon2)`);
  console.log(`one password verification, median of ${runs}: ${result.verifyMedianMs} ms`);
  console.log(`password + code sign-in over HTTP (inject), median:  ${result.signInMedianMs} ms`);
  console.log(`refusal of an unknown email, median:               ${result.unknownEmailMedianMs} ms`);
  console.log(`refusal of a wrong password, median:               ${result.wrongPasswordMedianMs} ms`);
  console.log(JSON.stringify(result));
} finally {
  await db.destroy().catch(() => {});
  await embedded.stop().catch(() => {});
  await rm(tmp, { recursive: true, force: true }).catch(() => {});
}
