import type { FieldError } from '../../errors.ts';
import type { Principal } from '../agents/permissions.ts';

export type { AgendaView } from './agenda-links.ts';

import { type Body, text } from '../journey/journey.input.ts';
import { localDate } from '../schedule/timezone.ts';
import type { AgendaSite } from './agenda.repository.ts';
import {
  type AgendaDay,
  type AgendaDeps,
  agendaDays,
  agendaSites,
  counterError,
  dateError,
  isCalendarDate,
  isCounterOf,
  mondayOf,
  readableSite,
  searchAgenda,
} from './agenda.usecases.ts';
import { type AgendaView, agendaUrl } from './agenda-links.ts';

// The page /agents/agenda and its JSON feed: a GET form (office, date, day or week) and a search.
// The search text travels in this site's own query string only; app.ts logs no query string.

/** What the page's query string asks for. */
export interface AgendaPageInput {
  siteId?: number;
  date?: string;
  view: AgendaView;
  search: string;
  /** `guichet=`: the counter whose calls to list; empty or absent for every counter. */
  counter?: string;
  /** A malformed date: the page shows today, with the date field in error (422). */
  errors: FieldError[];
}

/** The page's model: the office chosen among the agent's, its day or week, the search's answer. */
export interface AgendaPage {
  principal: Principal;
  sites: { id: number; name: string }[];
  site?: AgendaSite;
  view: AgendaView;
  /** The counter filter in force (one of the office's counters), absent for all of them. */
  counter?: string;
  date: string;
  today: string;
  days: AgendaDay[];
  /** The page's JSON twin, fetched every minute by js/agenda.js. */
  feed: string;
  search?: {
    text: string;
    tooShort: boolean;
    results: NonNullable<Awaited<ReturnType<typeof searchAgenda>>>;
  };
  updatedAt: Date;
  errors: FieldError[];
  status?: number;
}

/** The query string: a malformed date is an error naming `date`; an unknown view is the day's. */
export function parseAgendaPage(query: Body): AgendaPageInput {
  const site = text(query, 'site') ?? '';
  const typed = (text(query, 'date') ?? '').trim();
  const malformed = typed !== '' && !isCalendarDate(typed);
  const date = malformed ? '' : typed;
  const siteId = /^\d{1,9}$/.test(site) ? Number(site) : undefined;
  const counter = (text(query, 'guichet') ?? '').slice(0, 100);
  return {
    ...(siteId !== undefined && siteId > 0 ? { siteId } : {}),
    ...(counter !== '' ? { counter } : {}),
    ...(date !== '' ? { date } : {}),
    view: text(query, 'vue') === 'semaine' ? 'week' : 'day',
    search: (text(query, 'q') ?? '').slice(0, 200),
    errors: malformed ? [dateError()] : [],
  };
}

/** The page: the office asked for (404 outside the agent's scope) or the agent's first office. */
export async function agendaPage(
  deps: AgendaDeps,
  principal: Principal,
  input: AgendaPageInput,
): Promise<AgendaPage> {
  const sites = await agendaSites(deps, principal);
  const siteId = input.siteId ?? sites[0]?.id;
  const site = siteId === undefined ? undefined : await readableSite(deps, principal, siteId);
  const now = deps.clock.now();
  const today = localDate(now, site?.timezone ?? 'Europe/Paris');
  const date = input.date ?? today;
  const first = input.view === 'week' ? mondayOf(date) : date;
  // A counter the office does not have (a stale bookmark): every counter, with the field in error.
  const known = site && input.counter !== undefined && isCounterOf(site, input.counter);
  const counter = known ? input.counter : undefined;
  const errors = [
    ...input.errors,
    ...(site && input.counter !== undefined && !known ? [counterError('guichet')] : []),
  ];
  const days = site ? await agendaDays(deps, site, first, input.view === 'week' ? 7 : 1, counter) : [];
  const search = input.search.trim() === '' ? undefined : await pageSearch(deps, principal, input.search);
  return {
    principal,
    sites,
    ...(site ? { site } : {}),
    view: input.view,
    ...(counter !== undefined ? { counter } : {}),
    date,
    today,
    days,
    feed: site ? agendaUrl(site.id, date, input.view, true, counter) : '',
    ...(search ? { search } : {}),
    updatedAt: now,
    errors,
    ...(errors.length > 0 ? { status: 422 } : {}),
  };
}

async function pageSearch(deps: AgendaDeps, principal: Principal, searchText: string) {
  const results = await searchAgenda(deps, principal, searchText);
  return { text: searchText.trim(), tooShort: results === undefined, results: results ?? [] };
}
