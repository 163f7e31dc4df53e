import type { Locale } from '../../db/schema.ts';
import type { FieldParams } from '../../errors.ts';
import type { Catalog } from '../web/i18n.ts';

// The texts of a draw offer's calendar page (decision 0032), and the messages of its refused fields
// (the admin API's `message` in French, the page's in its language).

const value = (params: FieldParams, name: string) => String(params[name] ?? '');

const fr = {
  title: (procedure: string) => `Calendrier des tirages : ${procedure}`,
  crumb: 'Calendrier des tirages',
  site: (site: string) => `Service : ${site}`,
  intro:
    'Les demandes sont recueillies pendant chaque période de dépôt, puis un tirage au sort attribue les rendez-vous de la période qui suit. Les services de la même démarche dont les calendriers donnent les mêmes périodes partagent un tirage.',
  announced:
    'Un changement s’applique aux périodes pas encore annoncées : une période annoncée garde son tirage et son engagement publiés.',
  labels: {
    firstOpensOn: 'Première ouverture',
    opensAt: 'Heure d’ouverture',
    windowDays: 'Durée de la période de dépôt (jours)',
    closesAt: 'Heure de clôture',
    periodDays: 'Périodicité (jours)',
    leadDays: 'Délai avant les rendez-vous (jours)',
    active: 'Calendrier actif',
  },
  hints: {
    firstOpensOn: 'Le jour où s’ouvre la première période de dépôt.',
    opensAt: 'Heure locale du service, par exemple 09:00.',
    windowDays: 'La période de dépôt se clôt ce nombre de jours après son ouverture (1 à 60).',
    closesAt: 'Heure locale du service, par exemple 12:00.',
    periodDays:
      'Nombre de jours entre deux ouvertures, et durée de la période dont les rendez-vous sont tirés (1 à 91).',
    leadDays: 'Les rendez-vous tirés commencent ce nombre de jours après le jour de clôture (1 à 180).',
    active: 'Décochez pour ne plus annoncer de nouvelle période.',
  },
  save: 'Enregistrer le calendrier',
  saved: 'Le calendrier est enregistré.',
  none: 'Aucun calendrier n’est encore défini pour cette offre.',
  windowsHeading: 'Périodes à venir',
  current: 'Période en cours',
  next: 'Prochaine période',
  window: (opens: string, closes: string, from: string, to: string) =>
    `Dépôt du ${opens} au ${closes} ; rendez-vous du ${from} au ${to}.`,
  calendarLink: 'Calendrier des tirages',
  calendarHint: 'Les périodes de dépôt des demandes et les rendez-vous que chaque tirage attribue.',
  errors: {
    required: () => 'Ce champ est obligatoire.',
    date_format: () => 'Indiquez une date au format AAAA-MM-JJ, par exemple 2030-01-07.',
    time_format: () => 'Indiquez une heure au format HH:MM, par exemple 09:00.',
    integer_invalid: () => 'Indiquez un nombre entier.',
    out_of_range: (p: FieldParams) => `Indiquez un nombre entre ${value(p, 'min')} et ${value(p, 'max')}.`,
    window_overlaps_next: () =>
      'La période de dépôt doit se clore avant l’ouverture de la suivante : raccourcissez-la, ou allongez la périodicité.',
  },
};

const en: typeof fr = {
  title: (procedure: string) => `Draw calendar: ${procedure}`,
  crumb: 'Draw calendar',
  site: (site: string) => `Office: ${site}`,
  intro:
    'Requests are collected during each window, then a draw allocates the appointments of the period that follows. Offices of the same procedure whose calendars give the same windows share one draw.',
  announced:
    'A change applies to the windows not announced yet: an announced window keeps its draw and its published commitment.',
  labels: {
    firstOpensOn: 'First opening',
    opensAt: 'Opening time',
    windowDays: 'Length of the window (days)',
    closesAt: 'Closing time',
    periodDays: 'Period (days)',
    leadDays: 'Lead before the appointments (days)',
    active: 'Calendar active',
  },
  hints: {
    firstOpensOn: 'The day the first window opens.',
    opensAt: 'The office’s local time, for example 09:00.',
    windowDays: 'The window closes this many days after it opens (1 to 60).',
    closesAt: 'The office’s local time, for example 12:00.',
    periodDays:
      'Days between two openings, and the length of the period whose appointments are drawn (1 to 91).',
    leadDays: 'The appointments drawn start this many days after the closing day (1 to 180).',
    active: 'Untick to announce no new window.',
  },
  save: 'Save the calendar',
  saved: 'The calendar is saved.',
  none: 'No calendar is set for this offer yet.',
  windowsHeading: 'Coming windows',
  current: 'Current window',
  next: 'Next window',
  window: (opens: string, closes: string, from: string, to: string) =>
    `Requests from ${opens} to ${closes}; appointments from ${from} to ${to}.`,
  calendarLink: 'Draw calendar',
  calendarHint: 'The windows for requests and the appointments each draw allocates.',
  errors: {
    required: () => 'This field is required.',
    date_format: () => 'Enter a date as YYYY-MM-DD, for example 2030-01-07.',
    time_format: () => 'Enter a time as HH:MM, for example 09:00.',
    integer_invalid: () => 'Enter a whole number.',
    out_of_range: (p: FieldParams) => `Enter a number between ${value(p, 'min')} and ${value(p, 'max')}.`,
    window_overlaps_next: () =>
      'The window must close before the next one opens: shorten it, or lengthen the period.',
  },
};

const ar: typeof fr = {
  title: (procedure) => `جدول القرعات: ${procedure}`,
  crumb: 'جدول القرعات',
  site: (site) => `المكتب: ${site}`,
  intro:
    'تُجمع الطلبات خلال كل فترة تقديم، ثم تخصّص قرعةٌ مواعيدَ الفترة التالية. تشترك في قرعة واحدة مكاتبُ الإجراء نفسه التي تعطي جداولها الفترات نفسها.',
  announced: 'يسري التغيير على الفترات التي لم تُعلَن بعد: تحتفظ الفترة المعلنة بقرعتها وبالتزامها المنشور.',
  labels: {
    firstOpensOn: 'أول فتح',
    opensAt: 'ساعة الفتح',
    windowDays: 'مدة فترة التقديم (بالأيام)',
    closesAt: 'ساعة الإغلاق',
    periodDays: 'الدورية (بالأيام)',
    leadDays: 'المهلة قبل المواعيد (بالأيام)',
    active: 'الجدول مفعَّل',
  },
  hints: {
    firstOpensOn: 'اليوم الذي تُفتح فيه أول فترة تقديم.',
    opensAt: 'بالتوقيت المحلي للمكتب، مثلًا 09:00.',
    windowDays: 'تُغلق فترة التقديم بعد هذا العدد من الأيام من فتحها (من 1 إلى 60).',
    closesAt: 'بالتوقيت المحلي للمكتب، مثلًا 12:00.',
    periodDays: 'عدد الأيام بين فتحين، ومدة الفترة التي تُخصَّص مواعيدها بالقرعة (من 1 إلى 91).',
    leadDays: 'تبدأ المواعيد المخصَّصة بعد هذا العدد من الأيام من يوم الإغلاق (من 1 إلى 180).',
    active: 'أزيلوا التأشير لإيقاف الإعلان عن فترات جديدة.',
  },
  save: 'حفظ الجدول',
  saved: 'تم حفظ الجدول.',
  none: 'لم يُحدَّد أي جدول لهذا العرض بعد.',
  windowsHeading: 'الفترات القادمة',
  current: 'الفترة الجارية',
  next: 'الفترة القادمة',
  window: (opens, closes, from, to) => `التقديم من ${opens} إلى ${closes}؛ المواعيد من ${from} إلى ${to}.`,
  calendarLink: 'جدول القرعات',
  calendarHint: 'فترات تقديم الطلبات والمواعيد التي تخصّصها كل قرعة.',
  errors: {
    required: () => 'هذا الحقل إلزامي.',
    date_format: () => 'أدخلوا تاريخًا بصيغة YYYY-MM-DD، مثلًا 2030-01-07.',
    time_format: () => 'أدخلوا ساعة بصيغة HH:MM، مثلًا 09:00.',
    integer_invalid: () => 'أدخلوا عددًا صحيحًا.',
    out_of_range: (p) => `أدخلوا عددًا بين ${value(p, 'min')} و${value(p, 'max')}.`,
    window_overlaps_next: () => 'يجب أن تُغلق فترة التقديم قبل فتح الفترة التالية: قصّروها، أو أطيلوا الدورية.',
  },
};

/** A draw offer's calendar page. */
export const drawCalendarTexts: Catalog<typeof fr> = { fr, en, ar };

export type CalendarFieldCode = keyof typeof fr.errors;

/** A refused field's message in a language. */
export function calendarFieldMessage(locale: Locale, code: string, params: FieldParams = {}): string {
  const errors: Record<string, (p: FieldParams) => string> = (drawCalendarTexts[locale] ?? fr).errors;
  return errors[code]?.(params) ?? code;
}
