// The calendar file (.ics, RFC 5545) attached to a convocation, written by hand: one event is a
// dozen lines, not worth a dependency.
//
// Times are written in UTC ("DTSTART:20300621T070500Z"). The alternative, local wall-clock times with
// "TZID=Europe/Paris", is only valid with a VTIMEZONE block describing that zone's rules, which we
// would have to generate from data Intl does not expose; a TZID without it is invalid and clients
// guess. A UTC instant is exact, understood by every client, and shown by each in the user's own
// zone — which is the site's zone for nearly everyone, since people book at the office they live
// near. X-WR-TIMEZONE (a widespread extension) names the site's zone as a display hint.

/** What the calendar event says; times are instants, `timezone` is the site's IANA zone. */
export interface CalendarEventInput {
  reference: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  location: string;
  description: string;
  url?: string;
  /** When the file is made (DTSTAMP); defaults to the current time. */
  now?: Date;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** An instant in the iCalendar UTC form, e.g. `20300621T070500Z`. */
export function formatIcsUtc(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date in calendar event');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeIcsText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // Other control characters are not allowed in a content line (tab is).
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/**
 * Folds a content line so no line exceeds 75 octets: the continuation lines start with a space.
 * Counts UTF-8 octets, and never splits a character (é is 2 octets, ’ is 3).
 */
export function foldIcsLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The leading space of a continuation line counts towards its 75 octets.
    const limit = lines.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(`${CRLF} `);
}

// A property value that is not TEXT (UID, URL) only needs to be kept on one line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const singleLine = (value: string): string => value.replace(/[\u0000-\u001f\u007f]/g, '');

/** An iCalendar file with one event for the appointment, in UTC with the site's zone as a hint. */
export function renderIcs(input: CalendarEventInput): string {
  if (input.endsAt.getTime() <= input.startsAt.getTime()) {
    throw new RangeError('A calendar event must end after it starts');
  }
  const properties: [name: string, value: string][] = [
    ['BEGIN', 'VCALENDAR'],
    ['VERSION', '2.0'],
    ['PRODID', '-//Creneau//Convocation//FR'],
    ['CALSCALE', 'GREGORIAN'],
    ['METHOD', 'PUBLISH'],
    ['X-WR-TIMEZONE', singleLine(input.timezone)],
    ['BEGIN', 'VEVENT'],
    // The same UID for the same booking, so that a re-sent file updates the event instead of
    // adding a second one.
    ['UID', `${singleLine(input.reference)}@creneau`],
    ['DTSTAMP', formatIcsUtc(input.now ?? new Date())],
    ['DTSTART', formatIcsUtc(input.startsAt)],
    ['DTEND', formatIcsUtc(input.endsAt)],
    ['SUMMARY', escapeIcsText(input.title)],
    ['LOCATION', escapeIcsText(input.location)],
    ['DESCRIPTION', escapeIcsText(input.description)],
  ];
  if (input.url !== undefined) properties.push(['URL', singleLine(input.url)]);
  properties.push(['STATUS', 'CONFIRMED'], ['TRANSP', 'OPAQUE'], ['END', 'VEVENT'], ['END', 'VCALENDAR']);
  // Every line, the last included, ends with CRLF.
  return properties.map(([name, value]) => `${foldIcsLine(`${name}:${value}`)}${CRLF}`).join('');
}
