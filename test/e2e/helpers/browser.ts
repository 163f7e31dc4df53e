import { existsSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { systemClock } from '../../../src/clock.ts';
import { openDrawWindows } from '../../../src/modules/draw/draw-windows.ts';
import { publishSlots } from '../../../src/modules/schedule/publication.ts';
import { localDate } from '../../../src/modules/schedule/timezone.ts';
import { loadDemoData } from '../../../src/modules/territory/demo-seed.repository.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';
import { type ServerProcess, startServer } from '../../helpers/server-process.ts';

/**
 * Debian's Chromium (CHROMIUM_PATH may point to another build); the tests never download a browser:
 * .ci/run installs the package.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * The reason to skip the browser tests, or false when Chromium is there: pass it as `{ skip }` to
 * `describe` so that a machine without the browser says why instead of failing.
 */
export const chromiumSkip: string | false = existsSync(CHROMIUM_PATH)
  ? false
  : `browser tests skipped: ${CHROMIUM_PATH} is missing (apt-get install chromium, or set CHROMIUM_PATH)`;

/** The server's SECRET_KEY in the browser tests, known so that a test can sign a genuine QR code. */
export const E2E_SECRET_KEY = 'e2e-secret-key-for-browser-journeys-0123456789';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches Debian's headless Chromium, with more switches if asked (a fake camera, say). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** A phone in French: the journey is designed mobile first. */
export const PHONE: BrowserContextOptions = {
  locale: 'fr-FR',
  viewport: { width: 390, height: 844 },
  timezoneId: 'Europe/Paris',
};

/** One email as `GET /dev/mail.json` shows it (attachments without their content). */
export interface MailMessage {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

/** The server's mail capture, read over HTTP. */
export interface Mailbox {
  all(): Promise<MailMessage[]>;
  /** The first message, received or to come, that matches; rejects with what arrived after `timeoutMs`. */
  waitFor(predicate: (mail: MailMessage) => boolean, timeoutMs?: number): Promise<MailMessage>;
}

/** Reads the mail the server captured (no SMTP_URL: the server keeps every message in memory). */
export function mailbox(serverUrl: string): Mailbox {
  const all = async (): Promise<MailMessage[]> => {
    const response = await fetch(`${serverUrl}/dev/mail.json`);
    if (!response.ok) throw new Error(`GET /dev/mail.json answered ${response.status}`);
    return (await response.json()) as MailMessage[];
  };
  return {
    all,
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const messages = await all();
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n  ');
          throw new Error(`no matching email within ${timeoutMs} ms; received:\n  ${seen || '(none)'}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** The first link of an email's text whose path starts with `path`, as an absolute URL. */
export function linkIn(mail: MailMessage, path: string): string {
  for (const match of mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const url = new URL(match[0].replace(/[.,;:!?)]+$/, ''));
    if (url.pathname.startsWith(path)) return url.toString();
  }
  throw new Error(`no link to ${path} in the email "${mail.subject}":\n${mail.text}`);
}

/** A running server on a database with the demo data, a browser, and the means to stop them. */
export interface E2E {
  url: string;
  server: ServerProcess;
  database: TestDatabase;
  browser: Browser;
  mail: Mailbox;
  /** Today in Paris, as the server sees it (it runs on the real clock). */
  today: string;
  /** A new context (own cookies and cache), a phone in French unless `options` say otherwise. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a new context; its context closes with `close()`. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts what a browser journey needs: a test database with the demo data and 8 weeks of slots, the
 * server as its own process on it (real clock, in-process mail capture), and Chromium.
 */
export async function startE2E(
  options: { captcha?: boolean; env?: Record<string, string> } = {},
): Promise<E2E> {
  const database = await createTestDatabase();
  const today = localDate(systemClock.now(), 'Europe/Paris');
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  try {
    await loadDemoData(database.db, today);
    await publishSlots({ db: database.db, clock: systemClock });
    // Hérault's draw windows, as the server's job makes them at start, before any page is visited.
    await openDrawWindows({ db: database.db, clock: systemClock, config: { drawBeaconUrl: undefined } });
    [server, browser] = await Promise.all([
      startServer({
        DATABASE_URL: database.url,
        DEMO_DATA: 'off',
        RATE_LIMIT: 'off',
        CAPTCHA: options.captcha ? 'on' : 'off',
        SECRET_KEY: E2E_SECRET_KEY,
        ...options.env,
      }),
      launchChromium(),
    ]);
  } catch (error) {
    await browser?.close();
    await server?.stop();
    await database.drop();
    throw error;
  }
  const url = server.url;
  const running = { server, browser };
  const contexts: BrowserContext[] = [];
  const newContext = async (contextOptions: BrowserContextOptions = {}) => {
    const context = await running.browser.newContext({ ...PHONE, baseURL: url, ...contextOptions });
    // Short waits: a missing element fails in seconds, not after Playwright's default 30 s.
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context;
  };
  return {
    url,
    server,
    database,
    browser,
    mail: mailbox(url),
    today,
    newContext,
    newPage: async (contextOptions) => (await newContext(contextOptions)).newPage(),
    close: async () => {
      for (const context of contexts) await context.close().catch(() => {});
      await running.browser.close().catch(() => {});
      await running.server.stop();
      await database.drop();
    },
  };
}
