import { addDays } from '../schedule/timezone.ts';

// The agenda's addresses and dates, pure: the page's links, its feed's address, tomorrow's list.

export type AgendaView = 'day' | 'week';

/** The address of a view of the agenda (the page, or its feed with `feed`), of one counter when given. */
export function agendaUrl(
  siteId: number,
  date: string,
  view: AgendaView,
  feed = false,
  counter?: string,
): string {
  const path = feed ? '/agents/agenda/donnees' : '/agents/agenda';
  const base = `${path}?site=${siteId}&date=${date}&vue=${view === 'week' ? 'semaine' : 'jour'}`;
  return counter === undefined ? base : `${base}&guichet=${encodeURIComponent(counter)}`;
}

/** Tomorrow in the office's zone: the reception prints its list the day before. */
export function tomorrowOf(page: { today: string }): string {
  return addDays(page.today, 1);
}
