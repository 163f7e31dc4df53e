import { AppError } from '../../errors.ts';
import type { SessionSeat } from '../agents/auth.ts';
import { covers, type Principal } from '../agents/permissions.ts';
import { type Acting, coverageFor, siteTarget } from '../configuration/offices.access.ts';
import { type Body, text } from '../journey/journey.input.ts';
import { localDate } from '../schedule/timezone.ts';
import type { Redirect } from '../web/web.plugin.ts';
import { QUEUE_PAGE } from './counter-choice.usecases.ts';
import { findLoopSite, type LoopSite, listDayLoop, type QueueRow } from './queue.repository.ts';
import { ALL_PAGE_ACTIONS, PAGE_ACTIONS, type PageAction, QUEUE_SECTIONS } from './queue.rules.ts';
import { actOnBooking, callNext, dayBounds, type QueueDeps } from './queue.usecases.ts';

// /agents/file (decision 0041): the day's loop of the office the agent sits at — who waits, who is
// called, served or missed, who is done — and its forms, each a POST then a redirect to the page.

/** The queue page: the day's people of the office, or the invitation to choose a counter first. */
export interface QueuePage {
  principal: Principal;
  now: Date;
  seat: { site: LoopSite; counter: string } | null;
  rows: QueueRow[];
  /** What the last POST did, or why it was refused (its code), from the redirect's query. */
  done?: PageAction;
  refused?: string;
}

/** The office and counter the session sits at, if they are still the office's (and in scope). */
async function seatedAt(deps: QueueDeps, principal: Principal, seat: SessionSeat) {
  const coverage = coverageFor(principal, 'booking.check_in');
  if (!seat) return null;
  const site = await findLoopSite(deps.db, seat.siteId);
  if (!site || !covers(coverage, siteTarget(site)) || !site.counters.includes(seat.counter)) return null;
  return { site, counter: seat.counter };
}

const CODE = /^[a-z_]{1,40}$/;

/** GET /agents/file: 403 without booking.check_in anywhere. */
export async function queuePage(
  deps: QueueDeps,
  principal: Principal,
  input: { seat: SessionSeat; query: Body },
): Promise<QueuePage> {
  const seat = await seatedAt(deps, principal, input.seat);
  const now = deps.clock.now();
  const done = ALL_PAGE_ACTIONS.find((a) => a === text(input.query, 'fait'));
  const refused = text(input.query, 'refus');
  const notices: Pick<QueuePage, 'done' | 'refused'> = {
    ...(done ? { done } : {}),
    ...(refused && CODE.test(refused) ? { refused } : {}),
  };
  if (!seat) return { principal, now, seat: null, rows: [], ...notices };
  const bounds = dayBounds(localDate(now, seat.site.timezone), seat.site.timezone);
  const rows = await listDayLoop(deps.db, { siteId: seat.site.id, ...bounds, statuses: QUEUE_SECTIONS });
  return { principal, now, seat, rows, ...notices };
}

/** POST /agents/file: one action on a booking, or "call the next", to the session's counter. */
export async function actFromPage(
  deps: QueueDeps,
  acting: Acting,
  input: { seat: SessionSeat; body: Body },
): Promise<Redirect> {
  const seat = await seatedAt(deps, acting.principal, input.seat);
  const wanted = text(input.body, 'action');
  const action = wanted === 'next' ? 'next' : PAGE_ACTIONS.find((a) => a === wanted);
  if (!seat) return { redirect: '/agents/mon-guichet' };
  if (!action) return { redirect: `${QUEUE_PAGE}?refus=invalid` };
  try {
    if (action === 'next') await callNext(deps, acting, { site: seat.site, counter: seat.counter });
    else {
      const reference = (text(input.body, 'reference') ?? '').slice(0, 40);
      await actOnBooking(
        deps,
        acting,
        action === 'call' ? { reference, action, counter: seat.counter } : { reference, action },
      );
    }
    return { redirect: `${QUEUE_PAGE}?fait=${action}` };
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403) throw error;
    return { redirect: `${QUEUE_PAGE}?refus=${error.code}` };
  }
}
