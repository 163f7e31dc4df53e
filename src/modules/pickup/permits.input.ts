import { CsvError, parse } from 'csv-parse/sync';
import { isCode } from '../../codes.ts';
import { checkEmailAddress } from '../booking/email-address.ts';
import { toE164 } from '../notify/sms/phone.ts';

// What an agent sends to mark permits ready — a CSV of foreigner numbers (optionally a phone, an email
// and the names, in that order) or the API's JSON list — read into numbered lines, each checked on its
// own. Pure: the database's checks (a contact known, a permit already waiting) come after.

/** One line as sent: its number (1 for the CSV's first line, or the list's first item) and its fields. */
export interface SentLine {
  line: number;
  foreignerNumber: string;
  phone?: string;
  email?: string;
  lastName?: string;
  firstName?: string;
}

/** A line whose fields are well formed, in the form they are stored. */
export interface CheckedLine {
  line: number;
  foreignerNumber: string;
  phone: string | null;
  email: string | null;
  lastName: string | null;
  firstName: string | null;
}

/** Why one line is refused: a stable code, the field, and what the message is made of. */
export interface LineProblem {
  line: number;
  field: 'line' | 'foreignerNumber' | 'phone' | 'email';
  code: string;
  params?: Record<string, string | number>;
}

/** The most lines one import may hold: a day's delivery of permits at a large préfecture, with margin. */
export const MAX_LINES = 5_000;

const COLUMNS = ['foreignerNumber', 'phone', 'email', 'lastName', 'firstName'] as const;

/**
 * Reads a CSV (comma, semicolon or tab; a first line without digits is a header) into numbered lines.
 * A file csv-parse cannot read (an unclosed quote) is one problem on the line where it broke.
 */
export function readPermitCsv(text: string): { lines: SentLine[]; problems: LineProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: [';', ',', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = Number((error as CsvError & { lines?: number }).lines ?? 1);
    return { lines: [], problems: [{ line, field: 'line', code: 'csv_unreadable' }] };
  }
  const first = records[0]?.record[0] ?? '';
  const body = /\d/.test(first) ? records : records.slice(1);
  const lines = body.map(({ record, info }) => {
    const line: SentLine = { line: info.lines, foreignerNumber: record[0] ?? '' };
    COLUMNS.forEach((name, i) => {
      const value = record[i];
      if (i > 0 && value) line[name] = value;
    });
    return line;
  });
  return { lines, problems: [] };
}

/** Checks every line; a number sent twice is refused on its second line, naming the first. */
export function checkLines(lines: readonly SentLine[]): { lines: CheckedLine[]; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const checked: CheckedLine[] = [];
  const seen = new Map<string, number>();
  if (lines.length === 0) problems.push({ line: 1, field: 'line', code: 'empty' });
  if (lines.length > MAX_LINES)
    problems.push({ line: MAX_LINES + 1, field: 'line', code: 'too_many', params: { max: MAX_LINES } });
  for (const sent of lines) {
    const before = problems.length;
    const number = checkNumber(sent, problems);
    const phone = optional(sent.phone, (raw) => toE164(raw));
    if (phone === false) problems.push({ line: sent.line, field: 'phone', code: 'phone_invalid' });
    const email = optional(sent.email, (raw) => {
      const result = checkEmailAddress(raw);
      return result.ok ? result.address : null;
    });
    if (email === false) problems.push({ line: sent.line, field: 'email', code: 'email_invalid' });
    if (number !== null) {
      const first = seen.get(number);
      if (first !== undefined) {
        problems.push({ line: sent.line, field: 'foreignerNumber', code: 'duplicate', params: { first } });
      } else seen.set(number, sent.line);
    }
    if (problems.length > before || number === null || phone === false || email === false) continue;
    checked.push({
      line: sent.line,
      foreignerNumber: number,
      phone,
      email,
      lastName: name(sent.lastName),
      firstName: name(sent.firstName),
    });
  }
  return { lines: checked, problems };
}

function checkNumber(sent: SentLine, problems: LineProblem[]): string | null {
  const number = sent.foreignerNumber.replace(/\s/gu, '');
  if (isCode('foreignerNumber', number)) return number;
  if (number === '') {
    problems.push({ line: sent.line, field: 'foreignerNumber', code: 'required' });
  } else if (/^[0-9]{9}$/.test(number)) {
    // seeds/003: residence cards made before 2017 print 9 digits; AGDREF has a 0 after the first two.
    const corrected = `${number.slice(0, 2)}0${number.slice(2)}`;
    problems.push({
      line: sent.line,
      field: 'foreignerNumber',
      code: 'foreigner_number_9_digits',
      params: { corrected },
    });
  } else {
    problems.push({ line: sent.line, field: 'foreignerNumber', code: 'foreigner_number_invalid' });
  }
  return null;
}

/** null when not given, the stored form when valid, false when given and invalid. */
function optional(raw: string | undefined, check: (raw: string) => string | null): string | null | false {
  const typed = raw?.trim() ?? '';
  if (typed === '') return null;
  return check(typed) ?? false;
}

function name(raw: string | undefined): string | null {
  // Control characters (a NUL PostgreSQL's text refuses) and lone surrogates have no place in a name.
  const typed =
    raw
      ?.replace(/[\p{Cc}\p{Cs}]/gu, ' ')
      .trim()
      .replace(/\s+/gu, ' ') ?? '';
  return typed === '' ? null : typed.slice(0, 100);
}

/** A reference as a person may type it: lower case, spaces and hyphens, O for 0 and I or L for 1. */
export function normaliseReference(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/gu, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
