import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../db/schema.ts';

/**
 * Message catalogs are plain objects, one per area of the site (messages/*.ts), French first. The
 * English object is typed as the French one's shape, so a missing or extra message is a type error:
 * "French complete, English complete" is checked by `tsc`. Messages with values are functions.
 * Arabic (right-to-left) is written for what reaches people in their stored language — emails, SMS —
 * and a few pages' catalogs; `messagesFor` gives French where a catalog has none (decision 0045), and
 * pages do not offer Arabic (LOCALES) until every page catalog has it.
 */
export interface Catalog<T> {
  fr: T;
  en: T;
  ar?: T;
}

export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** The messages of one area in the given language. */
export function messagesFor<T>(catalog: Catalog<T>, locale: Locale): T {
  return catalog[locale] ?? catalog.fr;
}

/** `dir` of the html element. */
export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** BCP 47 tag for Intl formatting. */
export function intlTag(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale === 'ar' ? 'ar' : 'fr-FR';
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The page's language: `?lang=` (then remembered in a cookie), else the cookie, else the browser's
 * first supported preference, else French.
 */
export function pageLocale(request: FastifyRequest, reply: FastifyReply, secure: boolean): Locale {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(query)) {
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
  if (isLocale(cookie)) return cookie;
  for (const part of String(request.headers['accept-language'] ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
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
