import type { Locale } from '../../db/schema.ts';
import { notFoundError } from '../configuration/offices.access.ts';
import { localDate } from '../schedule/timezone.ts';
import { findLoopSite, listCalls } from './queue.repository.ts';
import { dayBounds, type QueueDeps } from './queue.usecases.ts';

// The public call screen (issue 10 point 2; decision 0041): the office's people called now, by the
// reference on their convocation and the counter — never a name, which the query does not even read.

/** One call as the screen shows it. */
export interface Call {
  reference: string;
  counter: string;
  calledAt: Date;
  callCount: number;
}

/** The screen of an office: its name and today's current calls, the latest first. */
export interface CallScreen {
  siteId: number;
  siteName: string;
  locale: Locale;
  calls: Call[];
}

/** Today's calls of office `siteId` in its zone; 404 for an office that does not exist. */
export async function callsOfToday(deps: QueueDeps, siteId: number): Promise<Omit<CallScreen, 'locale'>> {
  const site = await findLoopSite(deps.db, siteId);
  if (!site) throw notFoundError('site');
  const bounds = dayBounds(localDate(deps.clock.now(), site.timezone), site.timezone);
  const rows = await listCalls(deps.db, { siteId, ...bounds });
  const calls = rows.flatMap((row) =>
    row.counter !== null && row.calledAt !== null
      ? [{ reference: row.reference, counter: row.counter, calledAt: row.calledAt, callCount: row.callCount }]
      : [],
  );
  return { siteId: site.id, siteName: site.name, calls };
}

/** The screen's language: Arabic too (its `?lang=ar`), otherwise the page's usual one. */
export function screenLocale(query: unknown, usual: Locale): Locale {
  const lang = (query as Record<string, unknown> | undefined)?.lang;
  return lang === 'ar' || lang === 'en' || lang === 'fr' ? lang : usual;
}
