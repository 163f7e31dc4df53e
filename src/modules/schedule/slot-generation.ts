// Slot generation: opening rules × calendar → slots, as a pure function.
//
// The caller reads the offer's opening rules, the site's closures and the département's zone and
// holiday region, and stores what comes out; nothing here touches the database or the clock.

import type { HolidayRegion } from '../../db/schema.ts';
import { isPublicHoliday } from './holidays.ts';
import { addDays, isoWeekday, localTime, zonedTimeToUtc } from './timezone.ts';

/** One opening rule (plage d'ouverture), times being wall-clock times in the site's zone. */
export interface OpeningRuleInput {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 'HH:MM' or 'HH:MM:SS'; seconds are ignored. */
  startsAt: string;
  /** 'HH:MM' or 'HH:MM:SS', after startsAt on the same day; seconds are ignored. */
  endsAt: string;
  /** Counters open: seats in each slot. */
  capacity: number;
  /** First day the rule applies (YYYY-MM-DD, inclusive); null for "always". */
  validFrom: string | null;
  /** Last day the rule applies (YYYY-MM-DD, inclusive); null for "until further notice". */
  validUntil: string | null;
}

export interface SlotGenerationInput {
  /** First local date to generate, YYYY-MM-DD. */
  from: string;
  /** Number of consecutive local dates to generate. */
  days: number;
  /** The site's IANA time zone (its département's). */
  zone: string;
  holidayRegion: HolidayRegion;
  /** The procedure's duration: the length of every slot. */
  durationMinutes: number;
  rules: readonly OpeningRuleInput[];
  /** The site's closures, as local dates (YYYY-MM-DD). */
  closures: ReadonlySet<string>;
}

export interface GeneratedSlot {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;

/**
 * The slots the opening rules give over [from, from + days), without holidays and closures,
 * sorted by start, one per start instant.
 *
 * Daylight saving: slots are cut on the wall clock (09:00, 09:20, … whatever the season), then
 * each boundary is converted to UTC. Around a transition (02:00–03:00 in Europe/Paris, when no
 * office is open, but a rule may say otherwise) we keep only slots that are real and exactly
 * `durationMinutes` long:
 * - a start inside the spring-forward gap does not exist; converting it would push it an hour
 *   later onto another slot, so it is dropped;
 * - a repeated wall time in the autumn overlap means its first occurrence (CEST), so the repeated
 *   hour is served once, not twice;
 * - a slot whose end falls on the other side of a transition would last an hour more or less
 *   than the procedure: it is dropped.
 */
export function generateSlots(input: SlotGenerationInput): GeneratedSlot[] {
  const { zone, durationMinutes } = input;
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError(`Invalid slot duration: ${durationMinutes} minutes`);
  }
  const durationMs = durationMinutes * MS_PER_MINUTE;
  // Keyed by start instant: two rules of the same day that give the same start are two sets of
  // counters open at once, so their capacities add up into one slot.
  const slotsByStart = new Map<number, GeneratedSlot>();

  for (let offset = 0; offset < input.days; offset += 1) {
    const date = addDays(input.from, offset);
    if (input.closures.has(date) || isPublicHoliday(input.holidayRegion, date)) continue;
    const weekday = isoWeekday(date);

    for (const rule of input.rules) {
      if (rule.weekday !== weekday || !isRuleValidOn(rule, date)) continue;
      const end = minutesOfDay(rule.endsAt);
      // A last piece shorter than the duration cannot hold an appointment: it is dropped.
      for (
        let start = minutesOfDay(rule.startsAt);
        start + durationMinutes <= end;
        start += durationMinutes
      ) {
        const startsAt = wallClockInstant(date, start, zone);
        const endsAt = wallClockInstant(date, start + durationMinutes, zone);
        const startExists = localTime(startsAt, zone) === formatMinutes(start);
        if (!startExists || endsAt.getTime() - startsAt.getTime() !== durationMs) continue;

        const existing = slotsByStart.get(startsAt.getTime());
        if (existing === undefined) {
          slotsByStart.set(startsAt.getTime(), { startsAt, endsAt, capacity: rule.capacity });
        } else {
          existing.capacity += rule.capacity;
        }
      }
    }
  }

  return [...slotsByStart.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

function isRuleValidOn(rule: OpeningRuleInput, date: string): boolean {
  // ISO dates compare correctly as strings.
  return (
    (rule.validFrom === null || rule.validFrom <= date) &&
    (rule.validUntil === null || date <= rule.validUntil)
  );
}

/** 'HH:MM' or 'HH:MM:SS' → minutes since midnight on the wall clock. */
function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  if (hours === undefined || minutes === undefined || Number.isNaN(hours) || Number.isNaN(minutes)) {
    throw new RangeError(`Invalid time "${time}", expected HH:MM or HH:MM:SS`);
  }
  return hours * 60 + minutes;
}

/** The instant of a wall-clock minute of a day; minute 1440 (a rule ending at 24:00) is next midnight. */
function wallClockInstant(date: string, minutes: number, zone: string): Date {
  const day = addDays(date, Math.floor(minutes / MINUTES_PER_DAY));
  return zonedTimeToUtc(day, formatMinutes(minutes % MINUTES_PER_DAY), zone);
}

/** Minutes since midnight (below 24 h) → 'HH:MM'. */
function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
