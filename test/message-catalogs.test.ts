import assert from 'node:assert/strict';
import { globSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

// Every message catalog (an exported { fr, en, ar? } object of a *.messages.ts file) that has an
// Arabic version has all of the French keys in it, and none of its Arabic texts is the French one
// left in place or another Latin-script text: a fallback to French cannot creep back in unnoticed.

const root = join(import.meta.dirname, '..');
const files = globSync('src/modules/**/*.messages.ts', { cwd: root }).sort();

/**
 * Texts that stay as they are in Arabic: proper nouns, acronyms, language tags, the State's logo (a mark,
 * never translated), the language switch's names, each written in its own language, and the names of
 * web technologies (the accessibility statement's list).
 */
const KEPT = new Set([
  'Créneau',
  'DSFR',
  'AGDREF',
  'CSV',
  'SMS',
  'PDF',
  'QR',
  'API',
  'ANEF',
  'République\nFrançaise',
  'Français',
  'English',
  'العربية',
  'HTML5',
  'CSS',
  'WAI-ARIA',
  'JavaScript',
]);
const LANGUAGE_TAG = /^[a-z]{2}(-[A-Z]{2})?$/;

/**
 * The catalogs written in Arabic (decision 0045), which must keep it: first those that reach people in
 * their stored language (emails, SMS), then the pages' catalogs.
 */
const WRITTEN_IN_ARABIC = [
  'src/modules/notify/notify.messages.ts#notifyMessages',
  'src/modules/counter/revocation-notice.messages.ts#revocationNoticeMessages',
  'src/modules/pickup/permit-ready.messages.ts#permitReadyMessages',
  'src/modules/requests/half-days.messages.ts#halfDays',
  'src/modules/agenda/agenda.messages.ts#agendaMessages',
  'src/modules/certificate/certificate.messages.ts#certificateMessages',
  'src/modules/configuration/draw-calendar.messages.ts#drawCalendarTexts',
  'src/modules/counter/revocation.messages.ts#revocationMessages',
  'src/modules/counter/suspicious.messages.ts#suspiciousMessages',
  'src/modules/counter/refusals.messages.ts#refusalMessages',
  'src/modules/draw/announcement.messages.ts#announcementMessages',
  'src/modules/draw/draws.messages.ts#fieldCatalog',
  'src/modules/draw/draws.messages.ts#drawMessages',
  'src/modules/draw/draws.messages.ts#drawOfficeMessages',
  'src/modules/pickup/permits.messages.ts#permitMessages',
  'src/modules/stats/stats.messages.ts#statsMessages',
];

interface Found {
  name: string;
  fr: unknown;
  ar: unknown;
}

async function catalogs(): Promise<Found[]> {
  const found: Found[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(root, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (!isCatalog(value)) continue;
      found.push({ name: `${relative(root, join(root, file))}#${name}`, fr: value.fr, ar: value.ar });
    }
  }
  return found;
}

function isCatalog(value: unknown): value is { fr: unknown; en: unknown; ar?: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.fr === 'object' && v.fr !== null && typeof v.en === 'object' && v.en !== null;
}

// A stand-in for any argument of a message function: an object with every property, a list, a
// number (7) or a string ("7") as the function uses it. French and Arabic get the same ones.
const probe: unknown = new Proxy(() => probe, {
  get: (_target, key) =>
    key === Symbol.toPrimitive ? (hint: string) => (hint === 'number' ? 7 : '7') : probe,
  apply: () => probe,
});

/** The problems of an Arabic value against its French one, each named by its path. */
function compare(fr: unknown, ar: unknown, path: string, problems: string[]): void {
  if (ar === undefined) return void problems.push(`${path}: missing in Arabic`);
  if (typeof fr === 'function') {
    if (typeof ar !== 'function') return void problems.push(`${path}: not a function in Arabic`);
    const args = Array.from({ length: Math.max(fr.length, 1) }, () => probe);
    const [frOut, arOut] = [tryCall(fr as Fn, args), tryCall(ar as Fn, args)];
    // A function that hands back its argument (a message passed through) has nothing of its own.
    if (frOut === probe || arOut === probe) return;
    if (frOut !== undefined && arOut !== undefined) compare(frOut, arOut, `${path}()`, problems);
    return;
  }
  if (typeof fr === 'string') return void checkText(fr, ar, path, problems);
  if (typeof fr === 'object' && fr !== null && !isText(fr)) {
    for (const [key, value] of Object.entries(fr)) {
      compare(value, (ar as Record<string, unknown>)?.[key], `${path}.${key}`, problems);
    }
    return;
  }
  if (typeof fr === 'object' && fr !== null) checkText(String(fr), String(ar), path, problems);
}

type Fn = (...args: unknown[]) => unknown;

function tryCall(fn: Fn, args: unknown[]): unknown {
  try {
    return fn(...args);
  } catch {
    return undefined;
  }
}

/** An object that stands for a text, like the html`` templates' results. */
function isText(value: object): boolean {
  return !Array.isArray(value) && value.toString !== Object.prototype.toString;
}

function checkText(fr: string, ar: unknown, path: string, problems: string[]): void {
  if (typeof ar !== 'string') return void problems.push(`${path}: not a text in Arabic`);
  if (KEPT.has(ar) || LANGUAGE_TAG.test(ar) || !/\p{L}/u.test(ar)) return;
  if (ar === fr) return void problems.push(`${path}: the French text «${fr}»`);
  if (!/\p{Script=Arabic}/u.test(ar)) problems.push(`${path}: no Arabic in «${ar}»`);
}

describe('message catalogs in Arabic', async () => {
  const all = await catalogs();

  test('the catalogs are found', () => {
    assert.ok(all.length > 20, `${all.length} catalogs`);
  });

  test('the catalogs written in Arabic keep their Arabic version', () => {
    const missing = WRITTEN_IN_ARABIC.filter((name) => !all.some((c) => c.name === name && c.ar));
    assert.deepEqual(missing, []);
  });

  for (const catalog of all.filter((c) => c.ar !== undefined)) {
    test(`${catalog.name}: every French key is in Arabic, written in Arabic`, () => {
      const problems: string[] = [];
      compare(catalog.fr, catalog.ar, 'ar', problems);
      assert.deepEqual(problems, []);
    });
  }

  test('the check finds a French text left in the Arabic, a missing key and a Latin-script text', () => {
    const problems: string[] = [];
    const fr = { a: 'Bonjour', b: (n: number) => `${n} mn`, c: { d: 'Motif' }, ref: 'DSFR', e: 'Démarche' };
    compare(
      fr,
      { a: 'Bonjour', b: (n: number) => `${n} mn`, c: {}, ref: 'DSFR', e: 'Procedure' },
      'x',
      problems,
    );
    assert.deepEqual(problems, [
      'x.a: the French text «Bonjour»',
      'x.b(): the French text «7 mn»',
      'x.c.d: missing in Arabic',
      'x.e: no Arabic in «Procedure»',
    ]);
  });
});
