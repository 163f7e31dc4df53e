import type { Locale } from '../../db/schema.ts';
import { type Catalog, messagesFor } from '../web/i18n.ts';
import { HALF_DAYS, type HalfDay } from './choices.ts';

// The words of the half-days and of the earliest date, for pages, emails and the receipt alike.

const fr = {
  weekdays: {
    mon: 'lundi',
    tue: 'mardi',
    wed: 'mercredi',
    thu: 'jeudi',
    fri: 'vendredi',
    sat: 'samedi',
    sun: 'dimanche',
  } as Record<string, string>,
  am: 'matin',
  pm: 'après-midi',
  any: 'Toutes',
  anyDate: 'Dès que possible',
  intl: 'fr-FR',
};

const en: typeof fr = {
  weekdays: {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
  am: 'morning',
  pm: 'afternoon',
  any: 'Any',
  anyDate: 'As soon as possible',
  intl: 'en-GB',
};

const ar: typeof fr = {
  weekdays: {
    mon: 'الاثنين',
    tue: 'الثلاثاء',
    wed: 'الأربعاء',
    thu: 'الخميس',
    fri: 'الجمعة',
    sat: 'السبت',
    sun: 'الأحد',
  },
  am: 'صباحًا',
  pm: 'بعد الظهر',
  any: 'الكل',
  anyDate: 'في أقرب وقت ممكن',
  intl: 'ar',
};

/** The half-days' words, per language (the receipt PDF takes the French ones for Arabic). */
export const halfDays: Catalog<typeof fr> = { fr, en, ar };

/** A half-day in words: "lundi matin", "Tuesday afternoon". */
export function halfDayName(code: HalfDay | string, locale: Locale): string {
  const m = messagesFor(halfDays, locale);
  const [day = '', part] = code.split('-');
  return `${m.weekdays[day] ?? day} ${part === 'am' ? m.am : m.pm}`;
}

/** The words of a morning or an afternoon alone. */
export function partName(part: 'am' | 'pm', locale: Locale): string {
  const m = messagesFor(halfDays, locale);
  return part === 'am' ? m.am : m.pm;
}

/** A weekday in words, capitalised as a column heading: "Lundi". */
export function weekdayName(day: string, locale: Locale): string {
  const name = messagesFor(halfDays, locale).weekdays[day] ?? day;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The accepted half-days in words, in the week's order, or "Toutes" when any is accepted. */
export function describeHalfDays(codes: readonly string[], locale: Locale): string {
  if (codes.length === 0 || codes.length === HALF_DAYS.length) return messagesFor(halfDays, locale).any;
  return HALF_DAYS.filter((code) => codes.includes(code))
    .map((code) => halfDayName(code, locale))
    .join(', ');
}

/** The earliest date in words ("lundi 3 juin 2030"), or "Dès que possible". */
export function describeEarliest(earliest: string | null, locale: Locale): string {
  const m = messagesFor(halfDays, locale);
  if (earliest === null) return m.anyDate;
  return new Intl.DateTimeFormat(m.intl, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${earliest}T12:00:00Z`),
  );
}
