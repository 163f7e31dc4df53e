import type { SessionSeat } from '../agents/auth.ts';
import { coverageOf, isEmpty, type Principal } from '../agents/permissions.ts';
import { setSessionCounter } from '../agents/sessions.ts';
import type { Acting } from '../configuration/offices.access.ts';
import { type Body, text } from '../journey/journey.input.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { listCounterSites } from './queue.repository.ts';
import type { QueueDeps } from './queue.usecases.ts';

// /agents/mon-guichet (decision 0041): after sign-in, an agent who may call people chooses the office
// and counter they sit at, kept on the session; anyone else goes on to the back office's home.

export const HOME = '/agents';
export const QUEUE_PAGE = '/agents/file';

/** The choice's page: the offices the agent calls for, their counters, the choice made. */
export interface CounterChoicePage {
  principal: Principal;
  sites: { id: number; name: string; counters: string[] }[];
  seat: SessionSeat;
  error?: 'counter_unknown';
  status?: number;
}

/** The choice's form, or the home for an agent who holds booking.check_in nowhere. */
export async function counterChoicePage(
  deps: QueueDeps,
  principal: Principal,
  seat: SessionSeat,
): Promise<CounterChoicePage | Redirect> {
  const coverage = coverageOf(principal, 'booking.check_in');
  if (isEmpty(coverage)) return { redirect: HOME };
  const sites = await listCounterSites(deps.db, coverage);
  if (sites.length === 0) return { redirect: HOME };
  return { principal, sites, seat };
}

/** The choice "ID|counter" of the form, or `none` to sit at no counter. */
function parseSeat(body: Body): { siteId: number; counter: string } | 'none' | undefined {
  const value = (text(body, 'seat') ?? '').slice(0, 80);
  if (value === 'none') return 'none';
  const bar = value.indexOf('|');
  const siteId = Number(value.slice(0, bar));
  if (bar < 1 || !Number.isInteger(siteId) || siteId < 1 || siteId > 2_147_483_647) return undefined;
  return { siteId, counter: value.slice(bar + 1) };
}

/** Keeps the counter on the session and goes to the queue (or home, for none); 422 for another one. */
export async function chooseCounter(
  deps: QueueDeps,
  acting: Acting,
  input: { cookie: string | undefined; seat: SessionSeat; body: Body },
): Promise<CounterChoicePage | Redirect> {
  const page = await counterChoicePage(deps, acting.principal, input.seat);
  if ('redirect' in page || !input.cookie) return page;
  const chosen = parseSeat(input.body);
  if (chosen === 'none') {
    await setSessionCounter(deps.db, input.cookie, null);
    return { redirect: HOME };
  }
  // The page lists the offices the agent calls for, with their counters: the choice is one of them.
  const site = chosen && page.sites.find((s) => s.id === chosen.siteId);
  if (!chosen || !site || !site.counters.includes(chosen.counter))
    return { ...page, error: 'counter_unknown', status: 422 };
  await setSessionCounter(deps.db, input.cookie, chosen);
  return { redirect: QUEUE_PAGE };
}
