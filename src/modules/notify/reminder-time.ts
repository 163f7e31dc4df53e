import { addDays, localDate, localTime, zonedTimeToUtc } from '../schedule/timezone.ts';

// When the reminder of an appointment goes (issue 10 item 5): two days before, never at night in the
// office's local time. A time that falls at night moves earlier, to the evening before, so the person
// still has two days' notice.

/** Local hours between which a reminder may go: from 08:00 to before 20:00. */
export const DAYTIME = { from: '08:00', until: '20:00', evening: '19:00' } as const;

/**
 * The moment to send the reminder of an appointment starting at `startsAt` in `zone`, or null when
 * that moment has already passed at `now` (booked or moved within two days: the confirmation or the
 * move's own message is the reminder).
 */
export function reminderDueAt(startsAt: Date, zone: string, now: Date): Date | null {
  const twoDaysBefore = new Date(startsAt.getTime() - 2 * 86_400_000);
  const date = localDate(twoDaysBefore, zone);
  const time = localTime(twoDaysBefore, zone);
  let due = twoDaysBefore;
  if (time < DAYTIME.from) due = zonedTimeToUtc(addDays(date, -1), `${DAYTIME.evening}:00`, zone);
  else if (time >= DAYTIME.until) due = zonedTimeToUtc(date, `${DAYTIME.evening}:00`, zone);
  return due.getTime() > now.getTime() ? due : null;
}

/** Whether `instant` is at night in `zone` (no reminder is written to go then). */
export function isNight(instant: Date, zone: string): boolean {
  const time = localTime(instant, zone);
  return time < DAYTIME.from || time >= DAYTIME.until;
}
