import type { Locale, ProcedureTranslations } from '../../db/schema.ts';

// A procedure's texts in the visitor's language (decision 0023): the French columns, with the
// English or Arabic version of each text where the préfecture wrote one.

/** The texts step 1 (Descriptif) shows of a procedure. */
export interface ProcedureTexts {
  title: string;
  description: string;
  audience: string;
  documents: string[];
  fees: string;
}

/** Each text in `locale` when translated, in French otherwise. */
export function procedureTextsIn(
  procedure: ProcedureTexts & { translations: ProcedureTranslations },
  locale: Locale,
): ProcedureTexts {
  const translation = locale === 'fr' ? undefined : procedure.translations[locale];
  return {
    title: translation?.title ?? procedure.title,
    description: translation?.description ?? procedure.description,
    audience: translation?.audience ?? procedure.audience,
    documents: translation?.documents ?? procedure.documents,
    fees: translation?.fees ?? procedure.fees,
  };
}

/** A procedure's title in `locale` when translated, in French otherwise. */
export function procedureTitleIn(title: string, translations: ProcedureTranslations, locale: Locale): string {
  return (locale === 'fr' ? undefined : translations[locale]?.title) ?? title;
}

/** The language each of `procedureTextsIn`'s texts is in: `locale` where translated, French otherwise. */
export function procedureLanguagesIn(
  procedure: { translations: ProcedureTranslations },
  locale: Locale,
): Record<keyof ProcedureTexts, Locale> {
  const translation = locale === 'fr' ? undefined : procedure.translations[locale];
  const of = (key: keyof ProcedureTexts): Locale => (translation?.[key] === undefined ? 'fr' : locale);
  return {
    title: of('title'),
    description: of('description'),
    audience: of('audience'),
    documents: of('documents'),
    fees: of('fees'),
  };
}

/** The language `procedureTitleIn` gives the title in. */
export function procedureTitleLanguage(translations: ProcedureTranslations, locale: Locale): Locale {
  return locale === 'fr' || translations[locale]?.title === undefined ? 'fr' : locale;
}
