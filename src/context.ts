import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { MailCapture } from './modules/notify/mail-capture.ts';
import type { SmsCapture } from './modules/notify/sms/sms-capture.ts';
import type { Captcha } from './modules/protection/captcha.ts';
import type { Web } from './modules/web/web.plugin.ts';

/** What the modules need: settings, database, time, and the services started by server.ts. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  captcha: Captcha;
  /** Asks the outbox worker to look for new messages now rather than at its next poll. */
  wakeOutbox: () => void;
  /** The in-process SMTP capture, when no SMTP_URL is set (never in production). */
  mailCapture: MailCapture | undefined;
  /** The in-process SMS capture, when no SMS_URL is set (never in production). */
  smsCapture?: SmsCapture | undefined;
  /** Where log lines go instead of standard output (tests read it to check what is logged). */
  logStream?: { write(line: string): void };
}

/** What app.ts hands every module's plugin: the dependencies, and the page layer that sends pages. */
export interface ModuleOptions {
  ctx: AppContext;
  web: Web;
}

/**
 * A module's one Fastify plugin. app.ts registers it in a scope of its own, with a prefix and the
 * scope's hooks (see `registerModule`): the only way routes are added.
 */
export type ModulePlugin = FastifyPluginAsyncTypebox<ModuleOptions>;

/** The dependencies of the booking use cases, taken from the context. */
export function bookingDeps(ctx: AppContext) {
  return { db: ctx.db, clock: ctx.clock, config: ctx.config, wakeOutbox: ctx.wakeOutbox };
}

/** The Fastify instance a module's plugin receives (TypeBox-typed, like every route's schema). */
export type ModuleApp = Parameters<ModulePlugin>[0];
