import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createDatabase, migrateToLatest } from './db/database.ts';
import { type EmbeddedDatabase, EmbeddedDatabaseError, startEmbeddedDatabase } from './db/embedded.ts';
import { jobDefinitions } from './jobs/definitions.ts';
import { startJobQueue } from './jobs/queue.ts';
import { createDemoAgents, demoAgentsPrintout } from './modules/agents/demo-agents.ts';
import { type MailCapture, startMailCapture } from './modules/notify/mail-capture.ts';
import { composeEmail, composeSms } from './modules/notify/notifiers/index.ts';
import { createTransport, startOutboxWorker } from './modules/notify/outbox.worker.ts';
import { type SmsCapture, startSmsCapture } from './modules/notify/sms/sms-capture.ts';
import { jsonSmsSender } from './modules/notify/sms/sms-sender.ts';
import { startSmsWorker } from './modules/notify/sms/sms-worker.ts';
import { createCaptcha } from './modules/protection/captcha.ts';
import { publishSlots } from './modules/schedule/publication.ts';
import { localDate } from './modules/schedule/timezone.ts';
import { loadDemoData } from './modules/territory/demo-seed.repository.ts';

/** A running Créneau: its address and how to stop it cleanly. */
export interface Running {
  url: string;
  stop(): Promise<void>;
}

/** Starts Créneau: database (embedded or DATABASE_URL), migrations, demo data, mail, HTTP server, jobs. */
export async function start(config: Config): Promise<Running> {
  const clock = systemClock;
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  // Until the HTTP app (and its logger) exists, the embedded database's watchdog writes to stderr.
  let log: { warn(line: string): void } = { warn: (line) => console.error(line) };
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const embedded: EmbeddedDatabase = await startEmbeddedDatabase({
        dataDir: config.dataDir,
        port: config.embeddedDbPort,
        warn: (line) => log.warn(line),
      });
      cleanups.push(() => embedded.stop());
      databaseUrl = embedded.url;
    }
    await migrate(databaseUrl, config);
    const db = createDatabase({
      url: databaseUrl,
      maxActivePerEmail: config.maxActivePerEmail,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      statementTimeoutMs: config.dbStatementTimeoutMs,
      queryTimeoutMs: config.dbQueryTimeoutMs,
      publicationDays: config.publicationDays,
    });
    cleanups.push(() => db.destroy());
    if (config.demoData && (await loadDemoData(db, localDate(clock.now(), 'Europe/Paris')))) {
      await publishSlots({ db, clock });
      // On the embedded default's first start only; the secrets go to the console once, never to the log.
      if (!config.databaseUrl) {
        const agents = await createDemoAgents(db, config, clock.now());
        if (agents.length > 0) console.log(demoAgentsPrintout(agents, config.publicUrl));
      }
    }

    let mailCapture: MailCapture | undefined;
    if (!config.smtpUrl) {
      mailCapture = await startMailCapture();
      const capture = mailCapture;
      cleanups.push(() => capture.stop());
    }
    const transport = createTransport(config.smtpUrl ?? mailCapture?.url ?? '');
    let smsCapture: SmsCapture | undefined;
    if (!config.smsUrl && !config.production) {
      smsCapture = await startSmsCapture();
      const capture = smsCapture;
      cleanups.push(() => capture.stop());
    }
    const smsUrl = config.smsUrl ?? smsCapture?.url;
    const captcha = createCaptcha({ db, secretKey: config.secretKey, clock, enabled: config.captcha });
    const app = await buildApp({
      config,
      db,
      clock,
      captcha,
      mailCapture,
      smsCapture,
      wakeOutbox: () => {
        outbox.wake();
        sms.wake();
      },
    });
    log = app.log;
    const outbox = startOutboxWorker({
      db,
      transport,
      clock,
      from: config.mailFrom,
      log: app.log,
      leaseMs: config.outboxLeaseSeconds * 1000,
      compose: composeEmail({ db, clock, config }),
    });
    cleanups.push(() => outbox.stop());
    const sms = startSmsWorker({
      db,
      clock,
      log: app.log,
      leaseMs: config.outboxLeaseSeconds * 1000,
      sender: smsUrl ? jsonSmsSender(smsUrl) : undefined,
      compose: composeSms({ db, clock, config }),
    });
    cleanups.push(() => sms.stop());
    // Jobs start before the server listens, so that a request may enqueue one; they stop after it closed.
    const jobs = await startJobQueue({
      url: databaseUrl,
      deps: { db, clock, config, log: app.log },
      definitions: jobDefinitions,
    });
    cleanups.push(() => jobs.stop());
    cleanups.push(() => app.close());

    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new ConfigError([
          `PORT ${config.port} is already in use on ${config.host}: choose another PORT.`,
        ]);
      if (code === 'EADDRNOTAVAIL')
        throw new ConfigError([`HOST ${config.host} is not an address of this machine.`]);
      throw error;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return { url: `http://${config.host}:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Migrations run on a connection of their own, without the statement deadlines of requests. */
async function migrate(url: string, config: Config): Promise<void> {
  const db = createDatabase({
    url,
    poolSize: 1,
    maxActivePerEmail: config.maxActivePerEmail,
    publicationDays: config.publicationDays,
    connectTimeoutMs: config.dbConnectTimeoutMs,
  });
  try {
    await migrateToLatest(db as never);
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  let running: Running;
  try {
    const config = loadConfig();
    running = await start(config);
    console.log(`Créneau is ready at ${config.publicUrl} (listening on ${running.url})`);
    if (!config.smtpUrl) console.log(`Emails are captured, not sent: see ${config.publicUrl}/dev/mail`);
    if (!config.smsUrl) console.log(`SMS are captured, not sent: see ${config.publicUrl}/dev/sms`);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EmbeddedDatabaseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping Créneau`);
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
