import type { Catalog } from '../web/i18n.ts';

// The texts of the back office's suspicious-bookings review.

/** The parts of a sentence that are not empty, joined. */
const both = (a: string, b: string, separator: string) => [a, b].filter(Boolean).join(separator);

const fr = {
  title: 'Réservations suspectes',
  intro:
    'Rendez-vous à venir et demandes de tirage en attente qui partagent une adresse électronique (variantes comprises), un téléphone, une adresse réseau, ou des noms presque identiques. Une même adresse réseau peut être celle d’un opérateur mobile, d’un wifi public ou d’une famille : elle ne suffit pas seule. Cochez les rendez-vous à annuler et les demandes à clore, et indiquez le motif : chaque personne est prévenue une fois.',
  none: 'Aucun groupe de réservations suspectes dans votre périmètre.',
  reasons: {
    email: 'Même adresse électronique',
    phone: 'Même téléphone',
    network: 'Même adresse réseau',
    name: 'Noms presque identiques',
  },
  network: (n: number) => `réseau n° ${n}`,
  group: (reason: string, bookings: number, requests = 0) =>
    `${reason} — ${bookings} rendez-vous${requests > 0 ? `, ${requests} demande${requests > 1 ? 's' : ''}` : ''}`,
  columns: {
    pick: 'Sélection',
    kind: 'Nature',
    reference: 'Référence',
    when: 'Date et heure',
    person: 'Personne',
  },
  kinds: {
    booking: 'Rendez-vous',
    request: (procedure: string, offices: string) => `Demande de tirage : ${procedure} (${offices})`,
  },
  created: (when: string) => `Déposée le ${when}`,
  pick: (reference: string) => `Annuler le rendez-vous ${reference}`,
  pickRequest: (label: string) => `Clore la demande ${label}`,
  reason: 'Motif (communiqué aux personnes)',
  submit: 'Annuler les rendez-vous et clore les demandes cochés',
  done: (count: number, closed = 0) =>
    `${both(count > 0 || closed === 0 ? `${count} rendez-vous annulés` : '', closed > 0 ? `${closed} demande${closed > 1 ? 's' : ''} close${closed > 1 ? 's' : ''}` : '', ', ')} ; chaque personne est prévenue.`,
  labels: { references: 'Rendez-vous', labels: 'Demandes', reason: 'Motif' } as Record<string, string>,
};

const en: typeof fr = {
  title: 'Suspicious bookings',
  intro:
    'Upcoming appointments and waiting draw requests sharing an email address (variants included), a phone, a network address, or near-identical names. One network address may be a mobile operator’s, a public wifi’s or a family’s: alone, it is not enough. Tick the appointments to cancel and the requests to close, and give the reason: each person is told once.',
  none: 'No group of suspicious bookings in your scope.',
  reasons: {
    email: 'Same email address',
    phone: 'Same phone',
    network: 'Same network address',
    name: 'Near-identical names',
  },
  network: (n) => `network no. ${n}`,
  group: (reason, bookings, requests = 0) =>
    `${reason} — ${bookings} appointments${requests > 0 ? `, ${requests} request${requests > 1 ? 's' : ''}` : ''}`,
  columns: { pick: 'Select', kind: 'Kind', reference: 'Reference', when: 'Date and time', person: 'Person' },
  kinds: {
    booking: 'Appointment',
    request: (procedure, offices) => `Draw request: ${procedure} (${offices})`,
  },
  created: (when) => `Made on ${when}`,
  pick: (reference) => `Cancel appointment ${reference}`,
  pickRequest: (label) => `Close request ${label}`,
  reason: 'Reason (sent to the persons)',
  submit: 'Cancel the ticked appointments and close the ticked requests',
  done: (count, closed = 0) =>
    `${both(count > 0 || closed === 0 ? `${count} appointments cancelled` : '', closed > 0 ? `${closed} request${closed > 1 ? 's' : ''} closed` : '', ', ')}; each person is told.`,
  labels: { references: 'Appointments', labels: 'Requests', reason: 'Reason' },
};

const ar: typeof fr = {
  title: 'حجوزات مشبوهة',
  intro:
    'مواعيد قادمة وطلبات قرعة قيد الانتظار تشترك في عنوان بريد إلكتروني (بما في ذلك صيغه المختلفة)، أو في رقم هاتف، أو في عنوان شبكة، أو في أسماء شبه متطابقة. قد يكون عنوان الشبكة الواحد عنوانَ مشغّل هاتف محمول أو شبكة واي فاي عامة أو أسرة: فهو وحده لا يكفي. أشّروا على المواعيد المراد إلغاؤها وعلى الطلبات المراد إغلاقها، واذكروا السبب: يُبلَّغ كل شخص مرة واحدة.',
  none: 'لا توجد أي مجموعة حجوزات مشبوهة ضمن نطاقكم.',
  reasons: {
    email: 'عنوان البريد الإلكتروني نفسه',
    phone: 'رقم الهاتف نفسه',
    network: 'عنوان الشبكة نفسه',
    name: 'أسماء شبه متطابقة',
  },
  network: (n) => `الشبكة رقم ${n}`,
  group: (reason, bookings, requests = 0) =>
    `${reason} — عدد المواعيد: ${bookings}${requests > 0 ? `، عدد الطلبات: ${requests}` : ''}`,
  columns: { pick: 'تحديد', kind: 'النوع', reference: 'المرجع', when: 'التاريخ والساعة', person: 'الشخص' },
  kinds: {
    booking: 'موعد',
    request: (procedure, offices) => `طلب قرعة: ${procedure} (${offices})`,
  },
  created: (when) => `قُدِّم في ${when}`,
  pick: (reference) => `إلغاء الموعد ${reference}`,
  pickRequest: (label) => `إغلاق الطلب ${label}`,
  reason: 'السبب (يُبلَّغ إلى الأشخاص)',
  submit: 'إلغاء المواعيد وإغلاق الطلبات المؤشَّر عليها',
  done: (count, closed = 0) =>
    `${both(count > 0 || closed === 0 ? `أُلغي ${count} موعد` : '', closed > 0 ? `أُغلق ${closed} طلب` : '', '، و')}؛ وأُبلغ كل شخص.`,
  labels: { references: 'المواعيد', labels: 'الطلبات', reason: 'السبب' },
};

/** The review page's texts, per language. */
export const suspiciousMessages: Catalog<typeof fr> = { fr, en, ar };
