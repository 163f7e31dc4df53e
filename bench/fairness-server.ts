/**
 * The fairness benchmark's server: an embedded PostgreSQL in a temporary folder, migrated from
 * scratch, and Créneau built in this process (`buildApp`) listening on a free port of 127.0.0.1, with
 * the captcha and the write budget off, the per-address limits far above what one client uses, and
 * X-Forwarded-For believed from the loopback so that each client's address is its own.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { systemClock } from '../src/clock.ts';
import { type Config, parseConfig } from '../src/config.ts';
import { createDatabase, type Db, migrateToLatest } from '../src/db/database.ts';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../src/db/embedded.ts';
import { createCaptcha } from '../src/modules/protection/captcha.ts';

export interface FairnessServer {
  port: number;
  db: Db;
  config: Config;
  /** Its PostgreSQL's data directory, to find its processes in /proc. */
  dbDir: string;
  stop(): Promise<void>;
}

const MAX_ACTIVE_PER_EMAIL = 100;

export async function startFairnessServer(): Promise<FairnessServer> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'creneau-fairness-'));
  let embedded: EmbeddedDatabase | undefined;
  let db: Db | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  const stop = async () => {
    await app?.close().catch(() => {});
    await db?.destroy().catch(() => {});
    await embedded?.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  };
  try {
    embedded = await startEmbeddedDatabase({ dataDir: tmp, port: 0 });
    const config = parseConfig({
      DATABASE_URL: embedded.url,
      DATA_DIR: tmp,
      SECRET_KEY: randomBytes(32).toString('base64url'),
      PUBLIC_URL: 'http://127.0.0.1',
      CAPTCHA: 'off',
      RATE_LIMIT: 'off',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '127.0.0.1',
      MAX_ACTIVE_PER_EMAIL: String(MAX_ACTIVE_PER_EMAIL),
      // The per-identity limit on request submissions, where that setting exists: far above 4 a day.
      REQUEST_UPDATES_PER_DAY: '1000',
      NODE_ENV: 'development',
    });
    db = createDatabase({ url: embedded.url, maxActivePerEmail: MAX_ACTIVE_PER_EMAIL });
    await migrateToLatest(db as never);
    const captcha = createCaptcha({ db, secretKey: config.secretKey, clock: systemClock, enabled: false });
    // No outbox worker: the emails of bookings and requests stay queued, their sending is not measured.
    app = await buildApp({
      config,
      db,
      clock: systemClock,
      captcha,
      mailCapture: undefined,
      wakeOutbox: () => {},
    });
    // A thousand clients connect at once: the listen queue must hold them (Linux caps it at somaxconn).
    await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 });
    const port = (app.server.address() as AddressInfo).port;
    return { port, db, config, dbDir: path.join(tmp, 'postgres'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** CPU seconds the whole machine has spent busy (not idle, not waiting for I/O), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const n = line.trim().split(/\s+/).slice(1).map(Number);
    return (n.reduce((a, b) => a + b, 0) - (n[3] ?? 0) - (n[4] ?? 0)) / 100;
  } catch {
    return 0;
  }
}
