// Public holidays (jours fériés) per holiday region, from the `date-holidays` package.
//
// Offices are closed on public holidays, so no slot is generated on them. The list differs by
// region: Alsace-Moselle keeps Vendredi saint and 26 December from its local law, and each
// overseas département has its own day for the abolition of slavery (loi n° 83-550).

import Holidays from 'date-holidays';
import type { HolidayRegion } from '../../db/schema.ts';

// date-holidays knows the overseas départements both as French states ('FR', 'RE') and as
// countries of their own ('RE'); both give the same list. We use the French states so that every
// region is a variant of the one French calendar, as Alsace-Moselle ('FR', '57') already is.
const STATE_BY_REGION: Record<HolidayRegion, string | null> = {
  metropole: null,
  alsace_moselle: '57',
  guadeloupe: 'GP',
  martinique: 'MQ',
  guyane: 'GF',
  reunion: 'RE',
  mayotte: 'YT',
};

// Holiday rules are evaluated per year and are the same for every site of a region: compute each
// (region, year) once. The cache stays small (7 regions × the years actually asked for).
const cache = new Map<string, ReadonlyMap<string, string>>();

/** The public holidays of a region in a year, as a map from date (YYYY-MM-DD) to French name. */
export function publicHolidays(region: HolidayRegion, year: number): ReadonlyMap<string, string> {
  const key = `${region}:${year}`;
  let holidays = cache.get(key);
  if (holidays === undefined) {
    holidays = computePublicHolidays(region, year);
    cache.set(key, holidays);
  }
  return holidays;
}

/** Whether a date (YYYY-MM-DD) is a public holiday in the region. */
export function isPublicHoliday(region: HolidayRegion, date: string): boolean {
  return publicHolidays(region, Number(date.slice(0, 4))).has(date);
}

function computePublicHolidays(region: HolidayRegion, year: number): Map<string, string> {
  const state = STATE_BY_REGION[region];
  const calendar = state === null ? new Holidays('FR') : new Holidays('FR', state);
  const holidays = new Map<string, string>();
  for (const holiday of calendar.getHolidays(year, 'fr')) {
    // The package also lists days that close nothing: observances (Fête des mères, Pentecost
    // Sunday) and optional days (Victor Schœlcher in the Antilles). Only public holidays count.
    if (holiday.type !== 'public') continue;
    // `date` is the local calendar date followed by a time ("2026-04-06 00:00:00").
    holidays.set(holiday.date.slice(0, 10), holiday.name);
  }
  return holidays;
}
