import type { Catalog } from '../web/i18n.ts';

// What an applicant reads when an emailed link cannot be used: the booking errors' codes in words,
// and where to go next (shown by link-problem.ts on the manage and convocation pages).

const fr = {
  title: 'Lien inutilisable',
  codes: {
    token_invalid:
      'Ce lien est invalide. Vérifiez qu’il est complet (copiez-le en entier depuis le courriel), ou demandez un nouveau lien.',
    token_expired: 'Ce lien a expiré. Demandez un nouveau lien : il vous sera envoyé par courriel.',
    token_used: 'Ce rendez-vous est déjà confirmé : ce lien a déjà servi.',
    hold_expired:
      'Le délai de confirmation est dépassé : la plage a été libérée. Vous pouvez prendre un nouveau rendez-vous.',
    not_pending: "Ce rendez-vous n'attend plus de confirmation (déjà confirmé ou annulé).",
    not_cancellable: 'Ce rendez-vous ne peut plus être supprimé (déjà annulé, expiré ou passé).',
    not_confirmed: "La convocation n'est disponible que pour un rendez-vous confirmé.",
    not_movable: 'Ce rendez-vous ne peut plus être déplacé (annulé, expiré ou passé).',
    booking_not_found: 'Rendez-vous introuvable.',
    earlier_not_confirmed:
      'Seul un rendez-vous confirmé et à venir peut être inscrit sur la liste des créneaux plus tôt.',
    offer_expired: 'Le délai pour accepter ce créneau est dépassé : il a été proposé à une autre personne.',
    offer_answered: 'Vous avez déjà répondu à cette proposition.',
    offer_unsuitable:
      'Ce créneau ne peut plus remplacer votre rendez-vous (annulé, déplacé ou déjà plus tôt).',
    offer_gone: 'Ce créneau n’est plus disponible.',
  } as Record<string, string>,
  other: 'Cette action n’a pas pu aboutir.',
  newBooking: 'Prendre un nouveau rendez-vous',
  newLink: 'Recevoir un nouveau lien par courriel',
};

const en: typeof fr = {
  title: 'This link cannot be used',
  codes: {
    token_invalid:
      'This link is not valid. Check that it is complete (copy all of it from the email), or ask for a new link.',
    token_expired: 'This link has expired. Ask for a new link: it will be sent to you by email.',
    token_used: 'This appointment is already confirmed: this link has already been used.',
    hold_expired:
      'The time to confirm has passed: the slot has been released. You can make a new appointment.',
    not_pending: 'This appointment is no longer waiting for confirmation (already confirmed or cancelled).',
    not_cancellable: 'This appointment can no longer be cancelled (already cancelled, expired or past).',
    not_confirmed: 'The appointment letter is only available for a confirmed appointment.',
    not_movable: 'This appointment can no longer be moved (cancelled, expired or past).',
    booking_not_found: 'Appointment not found.',
    earlier_not_confirmed: 'Only a confirmed, upcoming appointment can join the list for an earlier slot.',
    offer_expired: 'The time to accept this slot has passed: it has been offered to someone else.',
    offer_answered: 'You have already answered this offer.',
    offer_unsuitable:
      'This slot can no longer replace your appointment (cancelled, moved or already earlier).',
    offer_gone: 'This slot is no longer available.',
  },
  other: 'This could not be done.',
  newBooking: 'Make a new appointment',
  newLink: 'Get a new link by email',
};

const ar: typeof fr = {
  title: 'رابط غير صالح للاستعمال',
  codes: {
    token_invalid:
      'هذا الرابط غير صالح. تحققوا من أنه كامل (انسخوه كله من البريد الإلكتروني)، أو اطلبوا رابطًا جديدًا.',
    token_expired: 'انتهت صلاحية هذا الرابط. اطلبوا رابطًا جديدًا: سيُرسل إليكم بالبريد الإلكتروني.',
    token_used: 'هذا الموعد مؤكد من قبل: سبق استعمال هذا الرابط.',
    hold_expired: 'انقضت مهلة التأكيد: أُتيح الوقت لغيركم. يمكنكم حجز موعد جديد.',
    not_pending: 'هذا الموعد لم يعد في انتظار التأكيد (مؤكد أو ملغى من قبل).',
    not_cancellable: 'لم يعد بالإمكان حذف هذا الموعد (ملغى أو منتهي الصلاحية أو فات وقته).',
    not_confirmed: 'لا يتوفر الاستدعاء إلا لموعد مؤكد.',
    not_movable: 'لم يعد بالإمكان نقل هذا الموعد (ملغى أو منتهي الصلاحية أو فات وقته).',
    booking_not_found: 'الموعد غير موجود.',
    earlier_not_confirmed: 'لا يمكن تسجيل موعد في قائمة الأوقات الأقرب إلا إذا كان مؤكدًا وقادمًا.',
    offer_expired: 'انقضت مهلة قبول هذا الوقت: اقتُرح على شخص آخر.',
    offer_answered: 'سبق أن أجبتم عن هذا الاقتراح.',
    offer_unsuitable: 'لم يعد بإمكان هذا الوقت أن يحل محل موعدكم (ملغى أو منقول أو أقرب من قبل).',
    offer_gone: 'هذا الوقت لم يعد متاحًا.',
  },
  other: 'تعذّر إتمام هذا الإجراء.',
  newBooking: 'حجز موعد جديد',
  newLink: 'تلقي رابط جديد بالبريد الإلكتروني',
};

export const linkProblems: Catalog<typeof fr> = { fr, en, ar };
