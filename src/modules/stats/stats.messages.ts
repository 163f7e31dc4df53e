import type { Locale } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { type Catalog, messagesFor } from '../web/i18n.ts';

// The texts of the statistics page (/agents/statistiques), its charts and its export, and of the
// refused filters (the admin API's `message` is the French one). French first; English the same keys.

type Params = Readonly<Record<string, string | number>>;

const frFields: Record<string, (p: Params) => string> = {
  date_invalid: () => 'Indiquez une date au format AAAA-MM-JJ (2030-01-07).',
  before_from: () => 'La fin de la période doit suivre son début.',
  range_too_long: (p) => `La période compte ${p.maxWeeks} semaines au plus.`,
  id_invalid: () => 'Indiquez un identifiant (un nombre entier positif).',
};
const enFields: typeof frFields = {
  date_invalid: () => 'Give a date as YYYY-MM-DD (2030-01-07).',
  before_from: () => 'The period must end after it starts.',
  range_too_long: (p) => `The period is ${p.maxWeeks} weeks at most.`,
  id_invalid: () => 'Give an id (a positive whole number).',
};
const arFields: typeof frFields = {
  date_invalid: () => 'أدخلوا تاريخًا بصيغة YYYY-MM-DD (2030-01-07).',
  before_from: () => 'يجب أن تأتي نهاية الفترة بعد بدايتها.',
  range_too_long: (p) => `لا تتجاوز الفترة ${p.maxWeeks} أسبوعًا.`,
  id_invalid: () => 'أدخلوا معرّفًا (عددًا صحيحًا موجبًا).',
};

/** The French message of a refused filter (the API's `message`). */
export function statsFieldMessageFr(code: string, params: Params): string {
  return (frFields[code] ?? frFields.date_invalid)?.(params) ?? code;
}

/** A refused filter's message in the page's language. */
export function statsFieldMessage(error: FieldError, locale: Locale): string {
  const fields = { fr: frFields, en: enFields, ar: arFields }[locale];
  return (fields[error.code] ?? frFields.date_invalid)?.(error.params ?? {}) ?? error.message;
}

/** The columns of the table and of the CSV export, in their order. */
export interface StatsColumns {
  site: string;
  procedure: string;
  week: string;
  seats: string;
  booked: string;
  confirmed: string;
  cancelled: string;
  revoked: string;
  attended: string;
  noShow: string;
  fillRate: string;
  medianWaitDays: string;
  noFreeSlotRate: string;
  requestsWaiting: string;
  requestsUnserved: string;
  bookedOnline: string;
  bookedCounter: string;
  bookedPartner: string;
  medianWaitingMinutes: string;
  medianWalkingMinutes: string;
  medianServiceMinutes: string;
}

interface StatsTexts {
  title: string;
  intro: string;
  filters: string;
  from: string;
  to: string;
  site: string;
  procedure: string;
  all: string;
  apply: string;
  csv: string;
  none: string;
  detail: string;
  columns: StatsColumns;
  noShowRate: string;
  capacity: { title: string; desc: (weeks: number) => string; table: string };
  rates: { title: string; desc: (weeks: number) => string; table: string };
  definitions: string[];
}

export const statsMessages: Catalog<StatsTexts> = {
  fr: {
    title: 'Statistiques',
    intro: 'Par service, démarche et semaine (ISO, heure locale du service), dans votre périmètre.',
    filters: 'Filtres',
    from: 'Du (semaine de ce jour)',
    to: 'Au (semaine de ce jour)',
    site: 'Service',
    procedure: 'Démarche',
    all: 'Tous',
    apply: 'Afficher',
    csv: 'Télécharger le tableau (CSV)',
    none: 'Aucune donnée pour ces filtres.',
    detail: 'Détail par service, démarche et semaine',
    columns: {
      site: 'Service',
      procedure: 'Démarche',
      week: 'Semaine',
      seats: 'Places offertes',
      booked: 'Réservées',
      confirmed: 'Confirmées',
      cancelled: 'Annulées',
      revoked: 'Révoquées',
      attended: 'Honorées',
      noShow: 'Absences',
      fillRate: 'Taux de remplissage',
      medianWaitDays: 'Délai médian avant la prochaine plage libre (jours)',
      noFreeSlotRate: 'Heures sans aucune plage libre',
      requestsWaiting: 'Demandes en attente',
      requestsUnserved: 'Demandes non servies',
      bookedOnline: 'Réservées en ligne',
      bookedCounter: 'Réservées au guichet',
      bookedPartner: 'Réservées par un partenaire',
      medianWaitingMinutes: 'Attente médiane en salle (minutes)',
      medianWalkingMinutes: 'Trajet médian jusqu’au guichet (minutes)',
      medianServiceMinutes: 'Durée médiane au guichet (minutes)',
    },
    noShowRate: 'Taux d’absence',
    capacity: {
      title: 'Places offertes et réservées par canal',
      desc: (weeks) =>
        `Barres empilées sur ${weeks} semaines : réservations en ligne, au guichet et par un partenaire ; la ligne donne les places offertes.`,
      table: 'Places offertes et réservées par canal, par semaine',
    },
    rates: {
      title: 'Taux de remplissage et d’absence',
      desc: (weeks) =>
        `Deux courbes sur ${weeks} semaines, en pourcentage : places occupées sur places offertes, absences sur rendez-vous passés.`,
      table: 'Taux de remplissage et d’absence, par semaine',
    },
    definitions: [
      'Réservées : tout rendez-vous pris, sauf ceux jamais confirmés à temps.',
      'Taux de remplissage : places occupées (rendez-vous ni annulés, ni révoqués, ni expirés) sur places offertes.',
      'Délai médian : jours entre la prise du rendez-vous et le rendez-vous (approximation du délai d’attente).',
      'Demandes : par semaine de dépôt, comptées dans chaque service accepté ; non servies = closes sans rendez-vous.',
      'Canal : en ligne sans agent ; au guichet = demande saisie par un agent ; partenaire = saisie par un compte partenaire.',
    ],
  },
  en: {
    title: 'Statistics',
    intro: 'Per office, procedure and week (ISO, the office’s local time), within your scope.',
    filters: 'Filters',
    from: 'From (the week of this day)',
    to: 'To (the week of this day)',
    site: 'Office',
    procedure: 'Procedure',
    all: 'All',
    apply: 'Show',
    csv: 'Download the table (CSV)',
    none: 'No data for these filters.',
    detail: 'Per office, procedure and week',
    columns: {
      site: 'Office',
      procedure: 'Procedure',
      week: 'Week',
      seats: 'Seats offered',
      booked: 'Booked',
      confirmed: 'Confirmed',
      cancelled: 'Cancelled',
      revoked: 'Revoked',
      attended: 'Attended',
      noShow: 'No-shows',
      fillRate: 'Fill rate',
      medianWaitDays: 'Median wait to the next free slot (days)',
      noFreeSlotRate: 'Hours with no free slot at all',
      requestsWaiting: 'Requests waiting',
      requestsUnserved: 'Requests unserved',
      bookedOnline: 'Booked online',
      bookedCounter: 'Booked at the counter',
      bookedPartner: 'Booked by a partner',
      medianWaitingMinutes: 'Median wait in the waiting room (minutes)',
      medianWalkingMinutes: 'Median walk to the counter (minutes)',
      medianServiceMinutes: 'Median time at the counter (minutes)',
    },
    noShowRate: 'No-show rate',
    capacity: {
      title: 'Seats offered and booked by channel',
      desc: (weeks) =>
        `Stacked bars over ${weeks} weeks: bookings online, at the counter and by a partner; the line shows the seats offered.`,
      table: 'Seats offered and booked by channel, per week',
    },
    rates: {
      title: 'Fill rate and no-show rate',
      desc: (weeks) =>
        `Two lines over ${weeks} weeks, in percent: seats used over seats offered, no-shows over past appointments.`,
      table: 'Fill rate and no-show rate, per week',
    },
    definitions: [
      'Booked: every appointment taken, except those never confirmed in time.',
      'Fill rate: seats used (appointments neither cancelled, revoked nor expired) over seats offered.',
      'Median wait: days between taking the appointment and the appointment (a proxy of the wait).',
      'Requests: by week submitted, counted at each acceptable office; unserved = closed without an appointment.',
      'Channel: online without an agent; counter = a request entered by an agent; partner = entered by a partner account.',
    ],
  },
  ar: {
    title: 'الإحصاءات',
    intro: 'حسب المكتب والإجراء والأسبوع (ISO، بالتوقيت المحلي للمكتب)، ضمن نطاقكم.',
    filters: 'عوامل التصفية',
    from: 'من (أسبوع هذا اليوم)',
    to: 'إلى (أسبوع هذا اليوم)',
    site: 'المكتب',
    procedure: 'الإجراء',
    all: 'الكل',
    apply: 'عرض',
    csv: 'تنزيل الجدول (CSV)',
    none: 'لا توجد أي بيانات لعوامل التصفية هذه.',
    detail: 'التفاصيل حسب المكتب والإجراء والأسبوع',
    columns: {
      site: 'المكتب',
      procedure: 'الإجراء',
      week: 'الأسبوع',
      seats: 'الأماكن المعروضة',
      booked: 'المحجوزة',
      confirmed: 'المؤكدة',
      cancelled: 'الملغاة',
      revoked: 'الملغاة من المكتب',
      attended: 'المحضورة',
      noShow: 'الغيابات',
      fillRate: 'نسبة الإشغال',
      medianWaitDays: 'المدة الوسيطة حتى أول موعد متاح (بالأيام)',
      noFreeSlotRate: 'الساعات التي لم يتوفر فيها أي موعد',
      requestsWaiting: 'الطلبات المنتظرة',
      requestsUnserved: 'الطلبات غير الملبّاة',
      bookedOnline: 'المحجوزة عبر الإنترنت',
      bookedCounter: 'المحجوزة عند الشباك',
      bookedPartner: 'المحجوزة من طرف شريك',
      medianWaitingMinutes: 'مدة الانتظار الوسيطة في القاعة (بالدقائق)',
      medianWalkingMinutes: 'مدة التوجه الوسيطة إلى الشباك (بالدقائق)',
      medianServiceMinutes: 'مدة الخدمة الوسيطة في الشباك (بالدقائق)',
    },
    noShowRate: 'نسبة الغياب',
    capacity: {
      title: 'الأماكن المعروضة والمحجوزة حسب القناة',
      desc: (weeks) =>
        `أعمدة متراكمة على ${weeks} أسبوعًا: الحجوزات عبر الإنترنت وعند الشباك ومن طرف شريك؛ ويبيّن الخط الأماكن المعروضة.`,
      table: 'الأماكن المعروضة والمحجوزة حسب القناة، في كل أسبوع',
    },
    rates: {
      title: 'نسبة الإشغال ونسبة الغياب',
      desc: (weeks) =>
        `منحنيان على ${weeks} أسبوعًا، بالنسبة المئوية: الأماكن المشغولة من الأماكن المعروضة، والغيابات من المواعيد الماضية.`,
      table: 'نسبة الإشغال ونسبة الغياب، في كل أسبوع',
    },
    definitions: [
      'المحجوزة: كل موعد أُخذ، باستثناء المواعيد التي لم تُؤكَّد في الوقت المحدد.',
      'نسبة الإشغال: الأماكن المشغولة (مواعيد غير ملغاة ولا ملغاة من المكتب ولا منتهية الصلاحية) من الأماكن المعروضة.',
      'المدة الوسيطة: الأيام بين أخذ الموعد وتاريخ الموعد (تقريب لمدة الانتظار).',
      'الطلبات: حسب أسبوع التقديم، تُحتسب في كل مكتب مقبول؛ غير الملبّاة = المغلقة دون موعد.',
      'القناة: عبر الإنترنت دون موظف؛ عند الشباك = طلب أدخله موظف؛ شريك = أدخله حساب شريك.',
    ],
  },
};

/** The texts in a language. */
export const statsTexts = (locale: Locale) => messagesFor(statsMessages, locale);
