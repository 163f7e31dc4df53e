import type { Db } from '../../src/db/database.ts';

// The hostile values of issue 6, and how each can travel: inside a JSON body, in an HTML form, in a
// query string or a path. test/fuzz-api.test.ts and test/fuzz-pages.test.ts send every one of them in
// every field of every route.

/** One hostile value, made from the field's valid value so that only the hostile part is wrong. */
export interface Hostile {
  name: string;
  /** The value as text, when it has one (it then fits a JSON string, a form field and a URL). */
  text?: (base: string) => string;
  /** The value as raw JSON, for what only a JSON body can carry (nesting, types, exotic numbers). */
  json?: string;
  /** A form or URL cannot carry it as it is (a lone surrogate becomes U+FFFD): JSON bodies only. */
  jsonOnly?: boolean;
  /** Refused before any handler, wherever it arrives (NUL, lone surrogate, too deep). */
  unstorable?: boolean;
  /** Repeated so many times in a query string (?f=…&f=…), the query's own kind of huge array. */
  repeat?: number;
}

// As deep as a 16 KiB body allows: two bytes a level.
const deep = `${'['.repeat(7900)}${']'.repeat(7900)}`;

export const HOSTILE: Hostile[] = [
  { name: 'NUL', text: (base) => `${base}\u0000`, unstorable: true },
  { name: 'U+202E right-to-left override', text: (base) => `\u202e${base}` },
  { name: 'U+200B zero-width space', text: (base) => `${base.slice(0, 2)}\u200b${base.slice(2)}` },
  { name: 'emoji', text: (base) => `${base}😀` },
  { name: 'lone surrogate', text: (base) => `${base}\ud800`, jsonOnly: true, unstorable: true },
  { name: '10 KB string', text: (base) => `${base}${'A'.repeat(10_000)}` },
  { name: '1e400', text: () => '1e400', json: '1e400' },
  { name: '-0', text: () => '-0', json: '-0' },
  { name: '7,900 levels of nesting', json: deep, unstorable: true },
  { name: 'huge array', json: `[${Array.from({ length: 4000 }, () => '0').join(',')}]`, repeat: 500 },
  { name: 'object', json: '{"value":"x"}' },
  { name: 'number', json: '42' },
  { name: 'boolean', json: 'false' },
  { name: 'null', json: 'null' },
];

/** The raw JSON of a hostile value in place of a field's valid value. */
export function jsonOf(hostile: Hostile, base: string): string {
  return hostile.text && !hostile.json ? JSON.stringify(hostile.text(base)) : (hostile.json ?? 'null');
}

/**
 * A JSON body with one field (its path of keys) replaced by the raw JSON of a hostile value: the
 * object is serialised with a marker in its place, and the marker swapped for the raw text.
 */
export function jsonBodyWith(values: Record<string, unknown>, path: string[], raw: string): string {
  const copy = structuredClone(values);
  let holder = copy as Record<string, unknown>;
  for (const part of path.slice(0, -1)) holder = holder[part] as Record<string, unknown>;
  holder[path.at(-1) as string] = '\u0001hostile\u0001';
  return JSON.stringify(copy).replace('"\\u0001hostile\\u0001"', raw);
}

/** A query string with one parameter hostile, or undefined when a URL cannot carry the value. */
export function queryWith(
  values: Record<string, string>,
  field: string,
  hostile: Hostile,
): string | undefined {
  const others = Object.entries(values).filter(([name]) => name !== field);
  const plain = new URLSearchParams(others).toString();
  const base = values[field] ?? '';
  let encoded: string;
  if (hostile.repeat) encoded = Array.from({ length: hostile.repeat }, () => `${field}=${base}`).join('&');
  // encodeURIComponent refuses a lone surrogate: send the UTF-8 bytes it would have, which are invalid.
  else if (hostile.name === 'lone surrogate') encoded = `${field}=${encodeURIComponent(base)}%ED%A0%80`;
  else if (hostile.text && !hostile.jsonOnly) encoded = `${field}=${encodeURIComponent(hostile.text(base))}`;
  else return undefined;
  return plain ? `${plain}&${encoded}` : encoded;
}

/** A path segment made hostile, or undefined when a URL cannot carry the value. */
export function segmentWith(base: string, hostile: Hostile): string | undefined {
  if (!hostile.text || hostile.jsonOnly || hostile.repeat) return undefined;
  return encodeURIComponent(hostile.text(base));
}

/** The rows a refused request must leave as they were. */
export async function rowCounts(db: Db): Promise<Record<string, number | string>> {
  const count = async (table: 'booking' | 'booking_token' | 'outbox' | 'access_token') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const taken = await db
    .selectFrom('slot')
    .select((eb) => eb.fn.sum('taken').as('n'))
    .executeTakeFirstOrThrow();
  const statuses = await db.selectFrom('booking').select(['status', 'slot_id']).orderBy('id').execute();
  return {
    booking: await count('booking'),
    booking_token: await count('booking_token'),
    outbox: await count('outbox'),
    access_token: await count('access_token'),
    taken: Number(taken.n ?? 0),
    // A cancellation, a confirmation or a move changes no count but this.
    states: statuses.map((row) => `${row.status}@${row.slot_id}`).join(' '),
  };
}
