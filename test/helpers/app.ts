import { buildApp, type CreneauApp } from '../../src/app.ts';
import { type Clock, fixedClock } from '../../src/clock.ts';
import { type Config, parseConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { type MailCapture, startMailCapture } from '../../src/modules/notify/mail-capture.ts';
import { composeEmail, composeSms } from '../../src/modules/notify/notifiers/index.ts';
import { createTransport, startOutboxWorker } from '../../src/modules/notify/outbox.worker.ts';
import { type SmsCapture, startSmsCapture } from '../../src/modules/notify/sms/sms-capture.ts';
import { jsonSmsSender } from '../../src/modules/notify/sms/sms-sender.ts';
import { startSmsWorker } from '../../src/modules/notify/sms/sms-worker.ts';
import { createCaptcha } from '../../src/modules/protection/captcha.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp {
  app: CreneauApp;
  database: TestDatabase;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  mail: MailCapture;
  /** Delivers every due outbox message to the capture now. */
  deliverMail(): Promise<number>;
  /** The SMS gateway's capture, speaking the documented JSON format. */
  sms: SmsCapture;
  /** Delivers every due SMS row to the capture now. */
  deliverSms(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The whole application on a fresh database, with a controllable clock, the SMTP capture and the
 * outbox worker (polling off: tests call `deliverMail`). Captcha and rate limits are off unless asked.
 */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    now?: string;
    clock?: Clock;
    /** What the application's routes see of the database (a test may wrap it to watch its queries). */
    routesDb?: (db: Db) => Db;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = parseConfig({
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    PUBLIC_URL: 'http://creneau.test',
    ...options.env,
  });
  const clock = fixedClock(options.now ?? '2029-12-20T10:00:00Z');
  const mail = await startMailCapture();
  const transport = createTransport(mail.url);
  const captcha = createCaptcha({
    db: database.db,
    secretKey: config.secretKey,
    clock,
    enabled: config.captcha,
    cost: 10,
  });
  const silent = { info() {}, warn() {}, error() {}, debug() {} };
  const outbox = startOutboxWorker({
    db: database.db,
    transport,
    clock,
    from: config.mailFrom,
    log: silent as never,
    pollMs: 3_600_000,
    compose: composeEmail({ db: database.db, clock, config }),
  });
  const sms = await startSmsCapture();
  const smsWorker = startSmsWorker({
    db: database.db,
    clock,
    log: silent as never,
    pollMs: 3_600_000,
    sender: jsonSmsSender(sms.url, { timeoutMs: 5_000 }),
    compose: composeSms({ db: database.db, clock, config }),
  });
  const app = await buildApp({
    config,
    db: options.routesDb ? options.routesDb(database.db) : database.db,
    clock,
    captcha,
    mailCapture: mail,
    smsCapture: sms,
    wakeOutbox: () => {},
  });
  await app.ready();
  return {
    app,
    database,
    config,
    clock,
    mail,
    deliverMail: () => outbox.drain(),
    sms,
    deliverSms: () => smsWorker.drain(),
    close: async () => {
      await app.close();
      await outbox.stop();
      await smsWorker.stop();
      await sms.stop();
      transport.close();
      await mail.stop();
      await database.drop();
    },
  };
}

/** The token carried by the first link to `path` in a text. */
export function tokenFrom(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}
