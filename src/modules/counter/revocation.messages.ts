import type { Catalog } from '../web/i18n.ts';

// The texts of the back office's revocations page and of the revoked person's priority page.

const fr = {
  title: 'Annulations par le service',
  intro:
    'Annuler un rendez-vous, ou tous ceux d’un service sur une période (grève, fermeture) : chaque personne est prévenue une fois, par courriel et par SMS, avec le motif et un lien pour reprendre un rendez-vous en priorité (ou, pour un tirage au sort, une demande au premier rang du prochain tirage).',
  oneTitle: 'Annuler un rendez-vous',
  reference: 'Référence du rendez-vous',
  reason: 'Motif (communiqué à la personne)',
  revokeOne: 'Annuler ce rendez-vous',
  periodTitle: 'Annuler les rendez-vous d’une période',
  site: 'Service',
  chooseSite: 'Choisir un service',
  from: 'Du (inclus)',
  to: 'Au (inclus)',
  check: 'Vérifier les rendez-vous concernés',
  previewTitle: (count: number, site: string) =>
    count === 0
      ? `Aucun rendez-vous à venir à annuler à ${site} sur cette période`
      : `${count} rendez-vous seront annulés à ${site}`,
  previewCaption: 'Rendez-vous qui seront annulés',
  columns: { reference: 'Référence', when: 'Date et heure', person: 'Personne', procedure: 'Démarche' },
  confirm: (count: number) => `Confirmer l’annulation de ${count} rendez-vous`,
  back: 'Modifier',
  doneOne: (reference: string, revoked: number) =>
    revoked === 0
      ? `Le rendez-vous ${reference} était déjà annulé : personne n’a été prévenu de nouveau.`
      : `Le rendez-vous ${reference} est annulé ; la personne est prévenue.`,
  donePeriod: (revoked: number) =>
    revoked === 0
      ? 'Aucun rendez-vous n’a été annulé (déjà fait, ou aucun sur la période).'
      : `${revoked} rendez-vous annulés ; chaque personne est prévenue.`,
  doneClosed: (days: string[]) =>
    days.length === 0
      ? 'Les places encore libres de la période sont retirées.'
      : `Le service est fermé ${days.length === 1 ? 'le' : 'les'} ${days.join(', ')} ; les places encore libres de la période sont retirées.`,
  labels: {
    reference: 'Référence du rendez-vous',
    reason: 'Motif',
    siteId: 'Service',
    from: 'Du',
    to: 'Au',
  } as Record<string, string>,
  // The priority page of a revoked person.
  priorityTitle: 'Reprendre un rendez-vous en priorité',
  priorityIntro: (until: string) =>
    `Votre rendez-vous a été annulé par la préfecture. Jusqu’au ${until}, vous pouvez choisir un créneau avant les autres usagers ; la place marquée « Place réservée pour vous » est gardée pour vous seul.`,
  kept: 'Place réservée pour vous',
  slots: 'Créneaux disponibles',
  noSlot: 'Aucun créneau n’est disponible pour le moment. Revenez plus tard avec le même lien.',
  book: 'Prendre ce rendez-vous',
  booked: (reference: string) =>
    `Votre rendez-vous est confirmé (réf. ${reference}) : la convocation vous est envoyée par courriel.`,
  linkProblem: 'Ce lien ne permet pas de reprendre un rendez-vous',
};

const en: typeof fr = {
  title: 'Revocations by the office',
  intro:
    'Cancel one appointment, or every appointment of an office over a period (strike, closure): each person is told once, by email and SMS, with the reason and a link to book again with priority (or, for a draw, a request first in the next draw).',
  oneTitle: 'Cancel one appointment',
  reference: 'Appointment reference',
  reason: 'Reason (sent to the person)',
  revokeOne: 'Cancel this appointment',
  periodTitle: 'Cancel the appointments of a period',
  site: 'Office',
  chooseSite: 'Choose an office',
  from: 'From (included)',
  to: 'To (included)',
  check: 'Check the appointments concerned',
  previewTitle: (count, site) =>
    count === 0
      ? `No upcoming appointment to cancel at ${site} in this period`
      : `${count} appointments will be cancelled at ${site}`,
  previewCaption: 'Appointments that will be cancelled',
  columns: { reference: 'Reference', when: 'Date and time', person: 'Person', procedure: 'Procedure' },
  confirm: (count) => `Confirm the cancellation of ${count} appointments`,
  back: 'Change',
  doneOne: (reference, revoked) =>
    revoked === 0
      ? `Appointment ${reference} was already cancelled: nobody was told again.`
      : `Appointment ${reference} is cancelled; the person is told.`,
  donePeriod: (revoked) =>
    revoked === 0
      ? 'No appointment was cancelled (already done, or none in the period).'
      : `${revoked} appointments cancelled; each person is told.`,
  doneClosed: (days) =>
    days.length === 0
      ? 'The free seats left in the period are withdrawn.'
      : `The office is closed on ${days.join(', ')}; the free seats left in the period are withdrawn.`,
  labels: { reference: 'Appointment reference', reason: 'Reason', siteId: 'Office', from: 'From', to: 'To' },
  priorityTitle: 'Book again with priority',
  priorityIntro: (until) =>
    `Your appointment was cancelled by the préfecture. Until ${until}, you may choose a slot before anyone else; the seat marked “Seat kept for you” is kept for you alone.`,
  kept: 'Seat kept for you',
  slots: 'Available slots',
  noSlot: 'No slot is available at the moment. Come back later with the same link.',
  book: 'Book this appointment',
  booked: (reference) =>
    `Your appointment is confirmed (ref. ${reference}): the convocation is sent to you by email.`,
  linkProblem: 'This link cannot be used to book again',
};

const ar: typeof fr = {
  title: 'الإلغاءات من طرف المكتب',
  intro:
    'إلغاء موعد، أو كل مواعيد مكتب خلال فترة (إضراب، إغلاق): يُبلَّغ كل شخص مرة واحدة، بالبريد الإلكتروني وبالرسالة القصيرة، مع السبب ورابط لأخذ موعد جديد بالأولوية (أو، في حالة القرعة، طلب في المرتبة الأولى في القرعة القادمة).',
  oneTitle: 'إلغاء موعد',
  reference: 'مرجع الموعد',
  reason: 'السبب (يُبلَّغ إلى الشخص)',
  revokeOne: 'إلغاء هذا الموعد',
  periodTitle: 'إلغاء مواعيد فترة',
  site: 'المكتب',
  chooseSite: 'اختيار مكتب',
  from: 'من (ضمنًا)',
  to: 'إلى (ضمنًا)',
  check: 'التحقق من المواعيد المعنية',
  previewTitle: (count, site) =>
    count === 0
      ? `لا يوجد أي موعد قادم للإلغاء في ${site} خلال هذه الفترة`
      : `سيُلغى ${count} موعد في ${site}`,
  previewCaption: 'المواعيد التي ستُلغى',
  columns: { reference: 'المرجع', when: 'التاريخ والساعة', person: 'الشخص', procedure: 'الإجراء' },
  confirm: (count) => `تأكيد إلغاء ${count} موعد`,
  back: 'تعديل',
  doneOne: (reference, revoked) =>
    revoked === 0
      ? `كان الموعد ${reference} ملغى من قبل: لم يُبلَّغ أحد من جديد.`
      : `أُلغي الموعد ${reference}؛ وأُبلغ الشخص.`,
  donePeriod: (revoked) =>
    revoked === 0
      ? 'لم يُلغَ أي موعد (سبق ذلك، أو لا توجد مواعيد في هذه الفترة).'
      : `أُلغي ${revoked} موعد؛ وأُبلغ كل شخص.`,
  doneClosed: (days) =>
    days.length === 0
      ? 'سُحبت الأماكن التي بقيت شاغرة في هذه الفترة.'
      : `المكتب مغلق في ${days.join('، ')}؛ وسُحبت الأماكن التي بقيت شاغرة في هذه الفترة.`,
  labels: {
    reference: 'مرجع الموعد',
    reason: 'السبب',
    siteId: 'المكتب',
    from: 'من',
    to: 'إلى',
  },
  priorityTitle: 'أخذ موعد جديد بالأولوية',
  priorityIntro: (until) =>
    `ألغت المحافظة موعدكم. حتى ${until}، يمكنكم اختيار وقت قبل غيركم؛ والمكان الموسوم «مكان محجوز لكم» محفوظ لكم وحدكم.`,
  kept: 'مكان محجوز لكم',
  slots: 'الأوقات المتاحة',
  noSlot: 'لا يوجد أي وقت متاح حاليًا. عودوا لاحقًا بالرابط نفسه.',
  book: 'حجز هذا الموعد',
  booked: (reference) => `تم تأكيد موعدكم (المرجع ${reference}): أُرسل إليكم الاستدعاء بالبريد الإلكتروني.`,
  linkProblem: 'لا يسمح هذا الرابط بأخذ موعد جديد',
};

/** The revocations' pages texts, per language. */
export const revocationMessages: Catalog<typeof fr> = { fr, en, ar };
