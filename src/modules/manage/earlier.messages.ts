import type { Catalog } from '../web/i18n.ts';

// The earlier-slot list on the manage page, and the page of an offered slot behind its emailed link.

const fr = {
  list: {
    title: 'Être prévenu(e) d’un créneau plus tôt',
    intro:
      'Si une place se libère plus tôt pour cette démarche dans ce lieu, elle peut vous être proposée par courriel. Les personnes inscrites sont tirées au sort : s’inscrire en premier ne donne aucun avantage. Au plus une proposition par jour ; votre rendez-vous actuel reste valable tant que vous n’en acceptez pas une.',
    on: 'Vous êtes inscrit(e) : un créneau plus tôt pourra vous être proposé par courriel.',
    off: 'Vous n’êtes pas inscrit(e).',
    join: 'M’inscrire pour un créneau plus tôt',
    leave: 'Me désinscrire',
    joined: 'Votre inscription est enregistrée.',
    left: 'Vous êtes désinscrit(e) : aucun créneau plus tôt ne vous sera proposé.',
  },
  offer: {
    title: 'Un créneau plus tôt vous est proposé',
    intro: 'Ce créneau s’est libéré et vous est proposé pour remplacer votre rendez-vous actuel.',
    proposed: 'Créneau proposé',
    current: 'Votre rendez-vous actuel',
    until: (when: string) =>
      `Vous pouvez l’accepter jusqu’au ${when} (heure locale). Ensuite, il sera proposé à une autre personne.`,
    accept: 'Accepter ce créneau',
    decline: 'Garder mon rendez-vous actuel',
    acceptedTitle: 'Votre rendez-vous a été avancé',
    accepted:
      'Votre rendez-vous est déplacé sur ce créneau ; l’ancien est libéré. Votre nouvelle convocation vous est envoyée par courriel : l’ancienne n’est plus valable.',
    declinedTitle: 'Vous gardez votre rendez-vous',
    declined: 'Votre rendez-vous actuel est conservé. Ce créneau sera proposé à une autre personne.',
  },
};

const en: typeof fr = {
  list: {
    title: 'Be told of an earlier slot',
    intro:
      'If a place becomes free earlier for this procedure at this office, it may be offered to you by email. People on the list are drawn at random: signing up first gives no advantage. At most one offer a day; your current appointment stands until you accept one.',
    on: 'You are on the list: an earlier slot may be offered to you by email.',
    off: 'You are not on the list.',
    join: 'Put me on the list for an earlier slot',
    leave: 'Take me off the list',
    joined: 'You are now on the list.',
    left: 'You are off the list: no earlier slot will be offered to you.',
  },
  offer: {
    title: 'An earlier slot is offered to you',
    intro: 'This slot has become free and is offered to you in place of your current appointment.',
    proposed: 'Slot offered',
    current: 'Your current appointment',
    until: (when) =>
      `You can accept it until ${when} (local time). After that, it will be offered to someone else.`,
    accept: 'Accept this slot',
    decline: 'Keep my current appointment',
    acceptedTitle: 'Your appointment has been brought forward',
    accepted:
      'Your appointment has moved to this slot; the previous one is released. Your new appointment letter is on its way by email: the previous one is no longer valid.',
    declinedTitle: 'You keep your appointment',
    declined: 'Your current appointment stands. This slot will be offered to someone else.',
  },
};

const ar: typeof fr = {
  list: {
    title: 'الإعلام بوقت أقرب',
    intro:
      'إذا أصبح مكان متاحًا في وقت أقرب لهذا الإجراء في هذا المكان، فقد يُقترح عليكم بالبريد الإلكتروني. يُختار المسجَّلون بالقرعة: التسجيل أولًا لا يمنح أي أفضلية. اقتراح واحد في اليوم على الأكثر؛ ويبقى موعدكم الحالي صالحًا ما لم تقبلوا أحد الاقتراحات.',
    on: 'أنتم مسجَّلون: قد يُقترح عليكم وقت أقرب بالبريد الإلكتروني.',
    off: 'أنتم غير مسجَّلين.',
    join: 'التسجيل للحصول على وقت أقرب',
    leave: 'إلغاء تسجيلي',
    joined: 'تم تسجيلكم.',
    left: 'أُلغي تسجيلكم: لن يُقترح عليكم أي وقت أقرب.',
  },
  offer: {
    title: 'يُقترح عليكم وقت أقرب',
    intro: 'أصبح هذا الوقت متاحًا، ويُقترح عليكم ليحل محل موعدكم الحالي.',
    proposed: 'الوقت المقترح',
    current: 'موعدكم الحالي',
    until: (when) => `يمكنكم قبوله حتى ${when} (بالتوقيت المحلي). بعد ذلك، سيُقترح على شخص آخر.`,
    accept: 'قبول هذا الوقت',
    decline: 'الاحتفاظ بموعدي الحالي',
    acceptedTitle: 'تم تقديم موعدكم',
    accepted:
      'نُقل موعدكم إلى هذا الوقت، وأُتيح الوقت السابق. يُرسل إليكم استدعاؤكم الجديد بالبريد الإلكتروني: الاستدعاء السابق لم يعد صالحًا.',
    declinedTitle: 'تحتفظون بموعدكم',
    declined: 'موعدكم الحالي محفوظ. سيُقترح هذا الوقت على شخص آخر.',
  },
};

export const earlier: Catalog<typeof fr> = { fr, en, ar };
