import type { Catalog } from '../web/i18n.ts';

// The public call screen's texts (/sites/ID/appel): what a waiting room reads across the room and
// what its screen reader says. French, English and Arabic (the screen's ?lang=).

const fr = {
  title: (site: string) => `Appels — ${site}`,
  heading: 'Appels en cours',
  intro: 'Présentez-vous au guichet indiqué quand la référence de votre convocation s’affiche.',
  caption: 'Personnes appelées, la plus récente en premier',
  reference: 'Rendez-vous',
  counter: 'Guichet',
  none: 'Aucun appel en cours.',
  latest: 'Dernier appel',
  announce: (reference: string, counter: string) => `Rendez-vous ${reference} : ${counter}`,
};

export const callScreenMessages: Catalog<typeof fr> = {
  fr,
  en: {
    title: (site) => `Calls — ${site}`,
    heading: 'Now calling',
    intro: 'Go to the counter shown when the reference on your convocation appears.',
    caption: 'People called, the most recent first',
    reference: 'Appointment',
    counter: 'Counter',
    none: 'Nobody is being called.',
    latest: 'Latest call',
    announce: (reference, counter) => `Appointment ${reference}: ${counter}`,
  },
  ar: {
    title: (site) => `النداءات — ${site}`,
    heading: 'النداءات الجارية',
    intro: 'توجّهوا إلى الشبّاك المبيَّن عند ظهور مرجع استدعائكم.',
    caption: 'الأشخاص الذين تمّ النداء عليهم، الأحدث أولاً',
    reference: 'الموعد',
    counter: 'الشبّاك',
    none: 'لا يوجد نداء جارٍ.',
    latest: 'آخر نداء',
    announce: (reference, counter) => `الموعد ${reference}: ${counter}`,
  },
};
