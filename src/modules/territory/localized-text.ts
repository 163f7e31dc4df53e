import type { Locale } from '../../db/schema.ts';

/**
 * A text written by a préfecture for applicants (a site's arrival advice, a procedure's admission
 * rule): French always, English and Arabic when the préfecture gives them. Stored as jsonb and checked
 * by `localized_text_valid` (migration 0010).
 */
export interface LocalizedText {
  fr: string;
  en?: string;
  ar?: string;
}

/** The text in the page's or the booking's language, French when that version was not written. */
export function textIn(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.fr;
}

/** The language `textIn` gives the text in: the page's or the booking's, or French. */
export function languageIn(text: LocalizedText, locale: Locale): Locale {
  return text[locale] === undefined ? 'fr' : locale;
}

/**
 * The texts a préfecture wrote, each in `locale` (French when that version was not written), leaving
 * out those it did not write (null): what an email, a convocation or a page prints of its advice.
 */
export function textsIn(texts: readonly (LocalizedText | null)[], locale: Locale): string[] {
  return texts.flatMap((text) => (text === null ? [] : [textIn(text, locale)]));
}
