// The demo's draw offers (issue 9 item 1). seeds/004: in Hérault, bots took every renewal slot the
// moment it was published. Renewals there are allocated by a weekly draw at the préfecture and in
// Béziers: requests from Monday 09:00 to Friday 17:00, for the appointments of the week starting the
// Monday after; Lodève still takes bookings. The job open-draw-windows creates the draws at start.

import { addDays, isoWeekday } from '../schedule/timezone.ts';

/** A draw calendar without its first day, which demoDrawCalendarStart gives from the loading day. */
export interface DemoDrawCalendar {
  opensAt: string;
  windowDays: number;
  closesAt: string;
  periodDays: number;
  leadDays: number;
}

/** The demo offers ('<site key>/<procedure code>') by draw rather than booking. */
export const HERAULT_DRAW_OFFICES: ReadonlySet<string> = new Set([
  '34-montpellier/renouvellement-titre',
  '34-beziers/renouvellement-titre',
]);

export const DEMO_DRAW_CALENDAR: DemoDrawCalendar = {
  opensAt: '09:00',
  windowDays: 4,
  closesAt: '17:00',
  periodDays: 7,
  leadDays: 3,
};

/** The first day of the demo's draw calendars: the Monday of the week the demo is loaded. */
export function demoDrawCalendarStart(today: string): string {
  return addDays(today, 1 - isoWeekday(today));
}
