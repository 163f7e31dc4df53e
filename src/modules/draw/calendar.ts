// The recurring calendar of a draw offer (draw_calendar, migration 0019) as pure arithmetic: which
// window is the k-th, which one is open now, which one comes next. Nothing here reads the database or
// the clock.
//
// Every boundary is a wall-clock time of the site ("Mondays at 09:00 in Europe/Paris") converted to
// an instant by timezone.ts, so a window opening the week daylight saving starts still opens at 09:00
// on the office's clock, not at 08:00 or 10:00: the windows are not a fixed number of hours apart.

import { addDays, zonedTimeToUtc } from '../schedule/timezone.ts';

/** A draw offer's calendar, as stored. */
export interface DrawCalendarRule {
  /** Local date (YYYY-MM-DD) of the first window's opening. */
  firstOpensOn: string;
  /** Local time of the site, 'HH:MM' or 'HH:MM:SS'. */
  opensAt: string;
  /** The window closes this many days after the day it opens. */
  windowDays: number;
  closesAt: string;
  /** Days between two openings, and the length of the period whose slots a window allocates. */
  periodDays: number;
  /** The allocated slots start this many days after the window's closing day. */
  leadDays: number;
}

/** One window of a calendar: when requests are collected, and the local dates of the slots it allocates. */
export interface DrawWindow {
  /** 0 for the first window. */
  index: number;
  opensAt: Date;
  closesAt: Date;
  slotsFrom: string;
  slotsTo: string;
}

const MS_PER_DAY = 86_400_000;

/** The k-th window (k ≥ 0) of a calendar in the site's zone. */
export function windowAt(calendar: DrawCalendarRule, zone: string, index: number): DrawWindow {
  const opensOn = addDays(calendar.firstOpensOn, index * calendar.periodDays);
  const closesOn = addDays(opensOn, calendar.windowDays);
  const slotsFrom = addDays(closesOn, calendar.leadDays);
  return {
    index,
    opensAt: zonedTimeToUtc(opensOn, calendar.opensAt, zone),
    closesAt: zonedTimeToUtc(closesOn, calendar.closesAt, zone),
    slotsFrom,
    slotsTo: addDays(slotsFrom, calendar.periodDays - 1),
  };
}

/**
 * The window open at `now` (opened, not yet closed), if any, and the next one to open after `now`.
 * Before the first window, there is no current one and the next is the first.
 */
export function windowsAround(
  calendar: DrawCalendarRule,
  zone: string,
  now: Date,
): { current: DrawWindow | undefined; next: DrawWindow } {
  const first = zonedTimeToUtc(calendar.firstOpensOn, calendar.opensAt, zone);
  // Days in UTC are within an hour of local days: the estimate is off by one window at most, so the
  // windows just before and after it settle the question.
  const estimate = Math.floor((now.getTime() - first.getTime()) / MS_PER_DAY / calendar.periodDays);
  let current: DrawWindow | undefined;
  for (let index = Math.max(0, estimate - 1); ; index += 1) {
    const window = windowAt(calendar, zone, index);
    if (window.opensAt > now) return { current, next: window };
    if (window.closesAt > now) current = window;
  }
}

/**
 * Why a calendar is not one the draws can follow, by field (empty when it is): a window must close
 * before the next one opens.
 */
export function calendarOverlap(calendar: DrawCalendarRule): 'windowDays' | undefined {
  if (calendar.windowDays < calendar.periodDays) return undefined;
  if (calendar.windowDays > calendar.periodDays) return 'windowDays';
  // Closing on the day the next window opens: only at or before its opening time.
  return normalised(calendar.closesAt) <= normalised(calendar.opensAt) ? undefined : 'windowDays';
}

const normalised = (time: string) => (time.length === 5 ? `${time}:00` : time);
