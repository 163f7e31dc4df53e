import { isCode } from '../../codes.ts';
import type { ProcedureTranslation, ProcedureTranslations } from '../../db/schema.ts';
import type { LocalizedText } from '../territory/localized-text.ts';
import { type FieldCheck, LIMITS } from './offices.fields.ts';
import type { ProcedureFields } from './procedures.repository.ts';

// What makes a procedure's configuration valid, for the form and the admin API alike.

/** The languages a procedure's texts may be translated into, beside the French. */
export const TRANSLATION_LOCALES = ['en', 'ar'] as const;

/** One language's texts as sent (all optional). */
export interface TranslationInput {
  title?: string | null;
  description?: string | null;
  audience?: string | null;
  documents?: readonly string[] | null;
  fees?: string | null;
}

/** A procedure's fields as sent: JSON from the API, or the form's values (lists split in lines). */
export interface ProcedureInput {
  title: string;
  description?: string | null;
  audience?: string | null;
  documents?: readonly string[] | null;
  fees?: string | null;
  arrivalAdvice?: Partial<LocalizedText> | null;
  admissionRule?: Partial<LocalizedText> | null;
  requiresForeignerNumber: boolean;
  requiresTitleExpiry: boolean;
  requiresPostalCode: boolean;
  titleExpiryWithinDays?: number | null;
  titleExpiredSinceDays?: number | null;
  translations?: Partial<Record<(typeof TRANSLATION_LOCALES)[number], TranslationInput | null>> | null;
}

/** A new procedure: its code (in URLs), its owner (null: national) and its duration. */
export interface NewProcedureInput extends ProcedureInput {
  code: string;
  departmentCode: string | null;
  /** Null when the form left it empty. */
  durationMinutes: number | null;
}

const TEXT_LIMITS = { title: 300, description: 4000, audience: 2000, fees: 2000 } as const;
const DOCUMENTS = { max: 50, maxLength: LIMITS.listItem };

function checkTranslation(field: string, input: TranslationInput, check: FieldCheck): ProcedureTranslation {
  const translation: ProcedureTranslation = {};
  for (const name of ['title', 'description', 'audience', 'fees'] as const) {
    const text = check.text(`${field}.${name}`, input[name], { max: TEXT_LIMITS[name] });
    if (text !== null) translation[name] = text;
  }
  const documents = check.list(`${field}.documents`, input.documents ?? [], { min: 0, ...DOCUMENTS });
  if (documents.length > 0) translation.documents = documents;
  return translation;
}

/** The translations given, each language left out when none of its texts is written. */
function checkTranslations(input: ProcedureInput['translations'], check: FieldCheck): ProcedureTranslations {
  const translations: ProcedureTranslations = {};
  for (const locale of TRANSLATION_LOCALES) {
    const given = input?.[locale];
    if (!given) continue;
    const translation = checkTranslation(`translations.${locale}`, given, check);
    if (Object.keys(translation).length > 0) translations[locale] = translation;
  }
  return translations;
}

/** The procedure's fields checked and normalised; every problem is recorded in `check`. */
export function checkProcedure(input: ProcedureInput, check: FieldCheck): ProcedureFields {
  const within = check.integer('titleExpiryWithinDays', input.titleExpiryWithinDays, { min: 1, max: 3650 });
  const since = check.integer('titleExpiredSinceDays', input.titleExpiredSinceDays, { min: 0, max: 3650 });
  // A window means nothing unless the applicant gives the permit's expiry date (seeds/001).
  if (!input.requiresTitleExpiry) {
    if (within !== null) check.fail('titleExpiryWithinDays', 'window_needs_title_expiry');
    if (since !== null) check.fail('titleExpiredSinceDays', 'window_needs_title_expiry');
  }
  return {
    title: check.required('title', input.title, TEXT_LIMITS.title),
    description: check.text('description', input.description, { max: TEXT_LIMITS.description }) ?? '',
    audience: check.text('audience', input.audience, { max: TEXT_LIMITS.audience }) ?? '',
    documents: check.list('documents', input.documents ?? [], { min: 0, ...DOCUMENTS }),
    fees: check.text('fees', input.fees, { max: TEXT_LIMITS.fees }) ?? '',
    arrivalAdvice: check.localized('arrivalAdvice', input.arrivalAdvice),
    admissionRule: check.localized('admissionRule', input.admissionRule),
    requiresForeignerNumber: input.requiresForeignerNumber,
    requiresTitleExpiry: input.requiresTitleExpiry,
    requiresPostalCode: input.requiresPostalCode,
    titleExpiryWithinDays: within,
    titleExpiredSinceDays: since,
    translations: checkTranslations(input.translations, check),
  };
}

/** The code, owner and duration of a new procedure, checked (the owner's existence is the use case's). */
export function checkNewProcedure(input: NewProcedureInput, check: FieldCheck) {
  const code = input.code.trim();
  if (!isCode('procedure', code)) check.fail('code', 'code_invalid');
  const departmentCode = input.departmentCode === null ? null : input.departmentCode.trim();
  if (departmentCode !== null && !isCode('department', departmentCode))
    check.fail('departmentCode', 'unknown');
  const durationMinutes =
    input.durationMinutes === null
      ? check.fail('durationMinutes', 'required')
      : check.integer('durationMinutes', input.durationMinutes, { min: 5, max: 480 });
  return { code, departmentCode, durationMinutes: durationMinutes ?? 0 };
}
