import type { Catalog } from '../web/i18n.ts';

// The texts of the notice a person receives when the office closes their request (email and SMS), in
// French, English and Arabic. The SMS leaves the reason to the email: it may be long.

const fr = {
  subject: (label: string) => `Votre demande de rendez-vous est close par la préfecture (n° ${label})`,
  intro: 'La préfecture a clos votre demande de rendez-vous : elle ne participera plus aux tirages au sort.',
  reason: (reason: string) => `Motif : ${reason}`,
  contact:
    'Si vous pensez qu’il s’agit d’une erreur, contactez la préfecture en indiquant le numéro de votre demande.',
  sms: (label: string) =>
    `La préfecture a clos votre demande de RDV ${label} : elle ne participe plus aux tirages. Motif dans votre e-mail.`,
};

const en: typeof fr = {
  subject: (label) => `Your appointment request has been closed by the préfecture (no. ${label})`,
  intro: 'The préfecture has closed your appointment request: it will no longer take part in the draws.',
  reason: (reason) => `Reason: ${reason}`,
  contact: 'If you believe this is a mistake, contact the préfecture and give the number of your request.',
  sms: (label) =>
    `The préfecture closed your appointment request no. ${label}: it no longer takes part in the draws. Reason in your email.`,
};

const ar: typeof fr = {
  subject: (label) => `أغلقت المحافظة طلب موعدكم (رقم ${label})`,
  intro: 'أغلقت المحافظة طلب موعدكم: لن يشارك بعد الآن في القرعة.',
  reason: (reason) => `السبب: ${reason}`,
  contact: 'إذا كنتم تعتقدون أن في الأمر خطأً، فاتصلوا بالمحافظة مع ذكر رقم طلبكم.',
  sms: (label) =>
    `أغلقت المحافظة طلب موعدكم رقم ${label} ولن يشارك في القرعة بعد الآن. السبب في بريدكم الإلكتروني.`,
};

/** The closure notice's texts, per language. */
export const requestClosureNoticeMessages: Catalog<typeof fr> = { fr, en, ar };
