import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../db/schema.ts';
import { html, type SafeHtml } from './html.ts';

/**
 * Message catalogs are plain objects, one per area of the site (messages/*.ts), French first. The
 * English object is typed as the French one's shape, so a missing or extra message is a type error:
 * "French complete, English complete" is checked by `tsc`. Messages with values are functions.
 * Arabic (right-to-left) is written for the public pages, the emails and SMS, and the back office's
 * counter pages; `messagesFor` gives French where a catalog has none (decisions 0045, 0046), and the
 * pages whose catalogs have none do not offer it (`localesOf`).
 */
export interface Catalog<T> {
  fr: T;
  en: T;
  ar?: T;
}

/** The languages the pages offer (see `localesOf` for those of the back office). */
export const LOCALES: readonly Locale[] = ['fr', 'en', 'ar'];

/** The languages of the back office's pages whose catalogs have no Arabic (decision 0046). */
const WITHOUT_ARABIC: readonly Locale[] = ['fr', 'en'];

/**
 * The back office's pages still written in French and English only: sign-in, configuration (offices,
 * offers, schedules, procedures), accounts and the audit log. An Arabic page there would mix the two.
 */
const FRENCH_AND_ENGLISH_PAGES =
  /^\/agents\/(?:connexion|deconnexion|comptes|compte|services|demarches|journal)(?:[/?#-]|$)/;

/** The languages the page at `path` offers: all of them, but no Arabic where its catalogs have none. */
export function localesOf(path: string): readonly Locale[] {
  return FRENCH_AND_ENGLISH_PAGES.test(path) ? WITHOUT_ARABIC : LOCALES;
}

/** The messages of one area in the given language. */
export function messagesFor<T>(catalog: Catalog<T>, locale: Locale): T {
  return catalog[locale] ?? catalog.fr;
}

/** `dir` of the html element. */
export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The attributes of an element holding a text written in `written` on a page in `page`: its language
 * and direction when they differ (a préfecture's French text on an Arabic page reads left to right),
 * nothing when they agree.
 */
export function writtenIn(written: Locale, page: Locale): SafeHtml | '' {
  return written === page ? '' : html` lang="${written}" dir="${directionOf(written)}"`;
}

/** A text written in `written`, marked as such (`writtenIn`) when the page is in another language. */
export function markedText(text: string, written: Locale, page: Locale): SafeHtml | string {
  return written === page ? text : html`<span${writtenIn(written, page)}>${text}</span>`;
}

/** The forms of an Arabic counted noun, by `Intl.PluralRules('ar')` category, each with the number in it. */
export type ArabicForms = Record<Intl.LDMLPluralRule, (n: number) => string>;

const arabicRules = new Intl.PluralRules('ar');

/** A number with its noun in Arabic: the dual for 2, the plural for 3 to 10, the singular from 11. */
export function arabicCount(n: number, forms: ArabicForms): string {
  return forms[arabicRules.select(n)](n);
}

/** The forms of "minute" (دقيقة): 1 دقيقة, 2 دقيقتان, 5 دقائق, 20 دقيقة. */
export const MINUTES: ArabicForms = {
  zero: (n) => `${n} دقيقة`,
  one: () => 'دقيقة واحدة',
  two: () => 'دقيقتان',
  few: (n) => `${n} دقائق`,
  many: (n) => `${n} دقيقة`,
  other: (n) => `${n} دقيقة`,
};

/**
 * A run of digits or Latin text inside a right-to-left sentence, isolated (U+2066 … U+2069) so that the
 * bidirectional algorithm keeps its order: without it, "06 12 34 56 78" after Arabic words shows its
 * groups reversed, and "1990-03-31" as "31-03-1990".
 */
export function leftToRight(text: string): string {
  return `\u2066${text}\u2069`;
}

/** BCP 47 tag for Intl formatting. */
export function intlTag(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale === 'ar' ? 'ar' : 'fr-FR';
}

function isLocale(value: unknown, offered: readonly Locale[]): value is Locale {
  return typeof value === 'string' && (offered as readonly string[]).includes(value);
}

/**
 * The page's language among those it offers: `?lang=` (then remembered in a cookie), else the cookie,
 * else the browser's first supported preference, else French. A page without Arabic skips an Arabic
 * choice and keeps the cookie as it is, so that the other pages stay in Arabic.
 */
export function pageLocale(request: FastifyRequest, reply: FastifyReply, secure: boolean): Locale {
  const offered = localesOf(request.url);
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(query, offered)) {
    reply.setCookie('lang', query, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: 365 * 24 * 3600,
    });
    return query;
  }
  const cookie = request.cookies?.lang;
  if (isLocale(cookie, offered)) return cookie;
  for (const part of String(request.headers['accept-language'] ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag, offered)) return tag;
  }
  return 'fr';
}

/** Local date and time of an instant in a zone, in the page's language. */
export function formatDateTime(
  instant: Date,
  zone: string,
  locale: Locale,
  style: { date?: 'full' | 'long' | 'medium' | 'short'; time?: 'short' } = { date: 'full', time: 'short' },
): string {
  return dateFormat(locale, zone, style.date, style.time).format(instant);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, zone: string, date?: string, time?: string): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${date}|${time}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag(locale), {
      timeZone: zone,
      ...(date ? { dateStyle: date as 'full' } : {}),
      ...(time ? { timeStyle: time as 'short' } : {}),
    });
    formats.set(key, format);
  }
  return format;
}
