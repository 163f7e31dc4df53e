/**
 * Page weight: the bytes a phone downloads for the home page and for step 2 of the journey ("Choix
 * d'une plage"), on a first visit (empty cache) and on a repeat visit (same browser, the versioned
 * assets come from the cache). `node --experimental-strip-types bench/page-weight.ts`; prints a table
 * per visit, then one line of JSON, last.
 *
 * The server runs as a child process on its own embedded PostgreSQL in a temporary folder with the
 * demo data; the browser is Debian's Chromium. Bytes are Chromium's own count of what crossed the
 * network for each request (`Network.loadingFinished` → `encodedDataLength`: headers and compressed
 * body), so compression and caching are measured as a browser sees them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, PHONE } from '../test/e2e/helpers/browser.ts';
import { type ServerProcess, startServer } from '../test/helpers/server-process.ts';

interface Transfer {
  url: string;
  status: number;
  bytes: number;
  /** Served by the browser's cache without asking the server. */
  cached: boolean;
}

interface Visit {
  name: string;
  transfers: Transfer[];
  bytes: number;
}

// A département and procedure of the demo data with a booking channel and published slots. Haute-Savoie
// has four offices: step 2 first asks which one, and the page measured is the first office's week.
const OFFICES = '/departements/74/demarches/renouvellement-titre/plage?conditions=acceptees';

/** The address of step 2 with the first office's slots, found in a throwaway context. */
async function step2Url(browser: Browser, base: string): Promise<string> {
  const context = await browser.newContext({ ...PHONE, baseURL: base });
  try {
    const page = await context.newPage();
    await page.goto(OFFICES);
    const href = await page.locator('main a[href*="/plage?"][href*="site="]').first().getAttribute('href');
    if (!href) throw new Error(`no office link on ${OFFICES}`);
    await page.goto(href);
    const slots = await page.locator('main input[name="slotId"]').count();
    if (slots === 0) throw new Error(`no slot on ${href}`);
    return href;
  } finally {
    await context.close();
  }
}

/** Loads `url` in `page` and lists what the browser fetched for it, with the bytes of each. */
async function visit(page: Page, cdp: CDPSession, name: string, url: string): Promise<Visit> {
  const byId = new Map<string, Transfer>();
  const onResponse = (event: {
    requestId: string;
    response: { url: string; status: number; fromDiskCache?: boolean; fromPrefetchCache?: boolean };
  }) => {
    const { response } = event;
    // Inline images of the style sheet cross no network.
    if (response.url.startsWith('data:')) return;
    byId.set(event.requestId, {
      url: response.url,
      status: response.status,
      bytes: 0,
      cached: Boolean(response.fromDiskCache || response.fromPrefetchCache),
    });
  };
  const onCache = (event: { requestId: string }) => {
    const transfer = byId.get(event.requestId);
    if (transfer) transfer.cached = true;
  };
  const onFinished = (event: { requestId: string; encodedDataLength: number }) => {
    const transfer = byId.get(event.requestId);
    if (!transfer) return;
    // The memory cache answers without a flag on the response: nothing crossed the network.
    if (event.encodedDataLength === 0) transfer.cached = true;
    transfer.bytes = transfer.cached ? 0 : event.encodedDataLength;
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.requestServedFromCache', onCache);
  cdp.on('Network.loadingFinished', onFinished);
  try {
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    if (!response || response.status() !== 200) {
      throw new Error(`${name}: GET ${url} answered ${response?.status() ?? 'nothing'}`);
    }
  } finally {
    cdp.off('Network.responseReceived', onResponse);
    cdp.off('Network.requestServedFromCache', onCache);
    cdp.off('Network.loadingFinished', onFinished);
  }
  const transfers = [...byId.values()];
  return { name, transfers, bytes: transfers.reduce((sum, t) => sum + t.bytes, 0) };
}

function printVisit(base: string, { name, transfers, bytes }: Visit): void {
  console.log(`\n${name}: ${transfers.length} requests, ${kB(bytes)} transferred`);
  for (const t of transfers) {
    const where = t.cached ? 'cache' : String(t.status);
    console.log(`  ${where.padEnd(5)} ${kB(t.bytes).padStart(10)}  ${t.url.replace(base, '').slice(0, 100)}`);
  }
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** First and repeat visit of one page in a fresh browser context (empty cache, no cookie). */
async function firstAndRepeat(browser: Browser, base: string, label: string, url: string): Promise<Visit[]> {
  const context = await browser.newContext({ ...PHONE, baseURL: base });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const first = await visit(page, cdp, `${label}, first visit`, url);
    // A new navigation rather than a reload: a reload revalidates every subresource, which a person
    // coming back to the page does not do.
    await page.goto('about:blank');
    const repeat = await visit(page, cdp, `${label}, repeat visit`, url);
    return [first, repeat];
  } finally {
    await context.close();
  }
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'creneau-page-weight-'));
let server: ServerProcess | undefined;
let browser: Browser | undefined;
const cleanUp = async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));
}

let code = 0;
try {
  console.log(
    `Starting Créneau with the demo data on an embedded PostgreSQL (${dataDir}) and ${CHROMIUM_PATH}…`,
  );
  [server, browser] = await Promise.all([
    startServer(
      { DATA_DIR: dataDir, DEMO_DATA: 'on', CAPTCHA: 'off', RATE_LIMIT: 'off', LOG_LEVEL: 'warn' },
      180_000,
    ),
    launchChromium(),
  ]);
  const base = server.url;
  const [homeFirst, homeRepeat] = await firstAndRepeat(browser, base, 'Home', '/');
  const step2 = await step2Url(browser, base);
  const [step2First, step2Repeat] = await firstAndRepeat(browser, base, 'Step 2 (Choix d’une plage)', step2);
  const visits = [homeFirst, homeRepeat, step2First, step2Repeat] as Visit[];
  for (const v of visits) printVisit(base, v);
  console.log('\nPage                                   Requests   Transferred');
  for (const v of visits) {
    console.log(`${v.name.padEnd(38)} ${String(v.transfers.length).padStart(8)} ${kB(v.bytes).padStart(13)}`);
  }
  console.log(
    JSON.stringify({
      homeFirstBytes: homeFirst?.bytes,
      homeRepeatBytes: homeRepeat?.bytes,
      step2FirstBytes: step2First?.bytes,
      step2RepeatBytes: step2Repeat?.bytes,
    }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (server) console.error(server.output().slice(-4000));
  code = 1;
} finally {
  await cleanUp();
}
process.exit(code);
