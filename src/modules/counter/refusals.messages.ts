import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { type Catalog, messagesFor } from '../web/i18n.ts';
import { PERIOD_MAX_DAYS, REASON_MAX } from './revocation.input.ts';

// The refusals of the revocations page, the suspicious-bookings review and the priority page, in
// the page's language. The use cases' messages are French (the API's); a page shows these instead,
// chosen by the error's code (and, for a field, by field and code).

/** A refusal as a page's model keeps it: the error's stable code and its French message. */
export interface Refusal {
  code: string;
  message: string;
}

/** Which page a refusal is shown on: one code may mean different things on two pages. */
export type RefusalPage = 'revocation' | 'review' | 'priority';

const fr = {
  fields: {
    'reason.required': 'Indiquez le motif de l’annulation.',
    'reason.too_long': `Le motif tient en ${REASON_MAX} caractères au plus.`,
    'from.invalid_date': 'Indiquez une date (AAAA-MM-JJ) ou un instant ISO 8601 avec son décalage.',
    'to.invalid_date': 'Indiquez une date (AAAA-MM-JJ) ou un instant ISO 8601 avec son décalage.',
    'to.before_from': 'La fin doit être après le début.',
    'to.too_long': `La période couvre ${PERIOD_MAX_DAYS} jours au plus.`,
    'siteId.required': 'Choisissez le service.',
    'references.count': 'Cochez au moins un rendez-vous ou une demande (500 au plus).',
    'labels.not_waiting': 'Ces demandes ne sont plus en attente : {labels}. Décochez-les.',
  } as Record<string, string>,
  revocation: {
    booking_not_found: 'Aucun rendez-vous ne porte cette référence dans votre périmètre.',
    not_revocable: 'Ce rendez-vous n’est plus actif ou a déjà commencé.',
  } as Record<string, string>,
  review: {
    booking_not_found: 'Au moins une référence ne désigne aucun rendez-vous de votre périmètre.',
    request_not_found: 'Au moins un numéro ne désigne aucune demande de votre périmètre.',
  } as Record<string, string>,
  priority: {
    token_invalid: 'Ce lien est invalide. Vérifiez qu’il est complet, ou demandez un nouveau lien.',
    pass_used: 'Ce lien a déjà servi à reprendre un rendez-vous.',
    pass_expired: 'La période de priorité est terminée : prenez rendez-vous comme tout le monde.',
    slot_full: 'Cette plage horaire vient d’être prise : choisissez-en une autre.',
    already_booked:
      'Vous avez déjà un rendez-vous en cours pour cette démarche. Un seul rendez-vous par personne : annulez-le avant d’en prendre un autre.',
    email_limit: 'Cette adresse électronique a déjà le maximum de rendez-vous en cours.',
    not_offered: 'Ce créneau ne fait pas partie de ceux proposés.',
  } as Record<string, string>,
  other: 'Cette action n’a pas pu aboutir.',
};

const en: typeof fr = {
  fields: {
    'reason.required': 'Give the reason for the cancellation.',
    'reason.too_long': `The reason must fit in ${REASON_MAX} characters.`,
    'from.invalid_date': 'Enter a date (YYYY-MM-DD) or an ISO 8601 instant with its offset.',
    'to.invalid_date': 'Enter a date (YYYY-MM-DD) or an ISO 8601 instant with its offset.',
    'to.before_from': 'The end must come after the start.',
    'to.too_long': `The period covers ${PERIOD_MAX_DAYS} days at most.`,
    'siteId.required': 'Choose the office.',
    'references.count': 'Tick at least one appointment or request (500 at most).',
    'labels.not_waiting': 'These requests are no longer waiting: {labels}. Untick them.',
  },
  revocation: {
    booking_not_found: 'No appointment in your scope has this reference.',
    not_revocable: 'This appointment is no longer active or has already begun.',
  },
  review: {
    booking_not_found: 'At least one reference names no appointment in your scope.',
    request_not_found: 'At least one number names no request in your scope.',
  },
  priority: {
    token_invalid: 'This link is not valid. Check that it is complete, or ask for a new link.',
    pass_used: 'This link has already been used to book again.',
    pass_expired: 'The priority period is over: book an appointment as everyone else does.',
    slot_full: 'This slot has just been taken: choose another one.',
    already_booked:
      'You already have an appointment under way for this procedure. One appointment per person: cancel it before making another.',
    email_limit: 'This email address already holds the most appointments allowed.',
    not_offered: 'This slot is not one of those offered.',
  },
  other: 'This could not be done.',
};

const ar: typeof fr = {
  fields: {
    'reason.required': 'يرجى ذكر سبب الإلغاء.',
    'reason.too_long': `يجب ألا يتجاوز السبب ${REASON_MAX} حرف.`,
    'from.invalid_date': 'يرجى إدخال تاريخ (YYYY-MM-DD) أو لحظة بصيغة ISO 8601 مع فارق التوقيت.',
    'to.invalid_date': 'يرجى إدخال تاريخ (YYYY-MM-DD) أو لحظة بصيغة ISO 8601 مع فارق التوقيت.',
    'to.before_from': 'يجب أن تأتي النهاية بعد البداية.',
    'to.too_long': `لا تتجاوز الفترة ${PERIOD_MAX_DAYS} يومًا.`,
    'siteId.required': 'يرجى اختيار المكتب.',
    'references.count': 'يرجى تحديد موعد أو طلب واحد على الأقل (500 على الأكثر).',
    'labels.not_waiting': 'لم تعد هذه الطلبات قيد الانتظار: {labels}. يرجى إلغاء التأشير عليها.',
  },
  revocation: {
    booking_not_found: 'لا يوجد ضمن نطاق صلاحياتكم أي موعد يحمل هذا المرجع.',
    not_revocable: 'هذا الموعد لم يعد قائمًا أو أنه قد بدأ بالفعل.',
  },
  review: {
    booking_not_found: 'مرجع واحد على الأقل لا يدل على أي موعد ضمن نطاق صلاحياتكم.',
    request_not_found: 'رقم واحد على الأقل لا يدل على أي طلب ضمن نطاق صلاحياتكم.',
  },
  priority: {
    token_invalid: 'هذا الرابط غير صالح. تحققوا من أنه كامل، أو اطلبوا رابطًا جديدًا.',
    pass_used: 'سبق أن استُخدم هذا الرابط لحجز موعد جديد.',
    pass_expired: 'انتهت فترة الأولوية: يرجى حجز موعد كسائر المستخدمين.',
    slot_full: 'حُجز هذا الموعد للتو: يرجى اختيار موعد آخر.',
    already_booked: 'لديكم موعد قائم لهذا الإجراء. موعد واحد لكل شخص: يرجى إلغاؤه قبل حجز موعد آخر.',
    email_limit: 'بلغ عنوان البريد الإلكتروني هذا الحد الأقصى المسموح به من المواعيد القائمة.',
    not_offered: 'هذا الموعد ليس من بين المواعيد المعروضة.',
  },
  other: 'تعذّر إتمام هذا الإجراء.',
};

/** The refusals' texts, per language. */
export const refusalMessages: Catalog<typeof fr> = { fr, en, ar };

/** A refusal's text on `page` in the page's language (an unknown code: the French message in French). */
export function refusalText(locale: Locale, page: RefusalPage, refusal: Refusal): string {
  const m = messagesFor(refusalMessages, locale);
  return m[page][refusal.code] ?? (locale === 'fr' ? refusal.message : m.other);
}

/** Field errors with their message in the page's language (by field and code, `{param}` filled in). */
export function fieldErrorsIn(locale: Locale, errors: FieldError[]): FieldError[] {
  const m = messagesFor(refusalMessages, locale);
  const filled = (text: string, e: FieldError) =>
    text.replace(/\{(\w+)\}/g, (_, name: string) => String(e.params?.[name] ?? ''));
  return errors.map((e) => {
    const text = m.fields[`${e.field}.${e.code}`];
    return { ...e, message: text ? filled(text, e) : locale === 'fr' ? e.message : m.other };
  });
}
