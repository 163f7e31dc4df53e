import type { Catalog } from '../web/i18n.ts';

// The texts of the back office's suspicious-bookings review.

const fr = {
  title: 'Réservations suspectes',
  intro:
    'Rendez-vous à venir qui partagent une adresse électronique (variantes comprises), un téléphone, une adresse réseau, ou des noms presque identiques. Une même adresse réseau peut être celle d’un opérateur mobile, d’un wifi public ou d’une famille : elle ne suffit pas seule. Cochez ceux à annuler et indiquez le motif : chaque personne est prévenue une fois.',
  none: 'Aucun groupe de réservations suspectes dans votre périmètre.',
  reasons: {
    email: 'Même adresse électronique',
    phone: 'Même téléphone',
    network: 'Même adresse réseau',
    name: 'Noms presque identiques',
  },
  network: (n: number) => `réseau n° ${n}`,
  group: (reason: string, count: number) => `${reason} — ${count} rendez-vous`,
  columns: { pick: 'Annuler', reference: 'Référence', when: 'Date et heure', person: 'Personne' },
  pick: (reference: string) => `Annuler le rendez-vous ${reference}`,
  reason: 'Motif (communiqué aux personnes)',
  submit: 'Annuler les rendez-vous cochés',
  done: (count: number) => `${count} rendez-vous annulés ; chaque personne est prévenue.`,
  labels: { references: 'Rendez-vous', reason: 'Motif' } as Record<string, string>,
};

const en: typeof fr = {
  title: 'Suspicious bookings',
  intro:
    'Upcoming appointments sharing an email address (variants included), a phone, a network address, or near-identical names. One network address may be a mobile operator’s, a public wifi’s or a family’s: alone, it is not enough. Tick those to cancel and give the reason: each person is told once.',
  none: 'No group of suspicious bookings in your scope.',
  reasons: {
    email: 'Same email address',
    phone: 'Same phone',
    network: 'Same network address',
    name: 'Near-identical names',
  },
  network: (n) => `network no. ${n}`,
  group: (reason, count) => `${reason} — ${count} appointments`,
  columns: { pick: 'Cancel', reference: 'Reference', when: 'Date and time', person: 'Person' },
  pick: (reference) => `Cancel appointment ${reference}`,
  reason: 'Reason (sent to the persons)',
  submit: 'Cancel the ticked appointments',
  done: (count) => `${count} appointments cancelled; each person is told.`,
  labels: { references: 'Appointments', reason: 'Reason' },
};

const ar: typeof fr = {
  title: 'حجوزات مشبوهة',
  intro:
    'مواعيد قادمة تشترك في عنوان بريد إلكتروني (بما في ذلك صيغه المختلفة)، أو في رقم هاتف، أو في عنوان شبكة، أو في أسماء شبه متطابقة. قد يكون عنوان الشبكة الواحد عنوانَ مشغّل هاتف محمول أو شبكة واي فاي عامة أو أسرة: فهو وحده لا يكفي. أشّروا على المواعيد المراد إلغاؤها واذكروا السبب: يُبلَّغ كل شخص مرة واحدة.',
  none: 'لا توجد أي مجموعة حجوزات مشبوهة ضمن نطاقكم.',
  reasons: {
    email: 'عنوان البريد الإلكتروني نفسه',
    phone: 'رقم الهاتف نفسه',
    network: 'عنوان الشبكة نفسه',
    name: 'أسماء شبه متطابقة',
  },
  network: (n) => `الشبكة رقم ${n}`,
  group: (reason, count) => `${reason} — عدد المواعيد: ${count}`,
  columns: { pick: 'إلغاء', reference: 'المرجع', when: 'التاريخ والساعة', person: 'الشخص' },
  pick: (reference) => `إلغاء الموعد ${reference}`,
  reason: 'السبب (يُبلَّغ إلى الأشخاص)',
  submit: 'إلغاء المواعيد المؤشَّر عليها',
  done: (count) => `أُلغي ${count} موعد؛ وأُبلغ كل شخص.`,
  labels: { references: 'المواعيد', reason: 'السبب' },
};

/** The review page's texts, per language. */
export const suspiciousMessages: Catalog<typeof fr> = { fr, en, ar };
