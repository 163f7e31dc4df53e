import type { Catalog } from '../web/i18n.ts';

// The texts announcing a draw's window on the public pages (step 1 and the request journey).

const fr = {
  collecting: 'Période de dépôt en cours',
  next: 'Prochaine période de dépôt',
  window: (opens: string, closes: string) => `Du ${opens} au ${closes}, heure locale du service.`,
  seats: (seats: number, from: string, to: string) =>
    seats === 0
      ? `Les places mises en jeu, du ${from} au ${to}, seront annoncées avec les horaires des services.`
      : `${seats} place${seats > 1 ? 's' : ''} de rendez-vous mise${seats > 1 ? 's' : ''} en jeu, du ${from} au ${to}.`,
  commitment:
    'Engagement du tirage (empreinte SHA-256 de sa graine secrète, publiée dès sa création ; la graine sera publiée avec le résultat) :',
  link: 'Voir ce tirage et comment le vérifier',
};

const en: typeof fr = {
  collecting: 'Requests are being collected',
  next: 'Next window for requests',
  window: (opens: string, closes: string) => `From ${opens} to ${closes}, the office’s local time.`,
  seats: (seats: number, from: string, to: string) =>
    seats === 0
      ? `The seats at stake, from ${from} to ${to}, will be announced with the offices’ hours.`
      : `${seats} appointment seat${seats > 1 ? 's' : ''} at stake, from ${from} to ${to}.`,
  commitment:
    'Commitment of the draw (SHA-256 of its secret seed, published when the draw was created; the seed is published with the result):',
  link: 'See this draw and how to check it',
};

const ar: typeof fr = {
  collecting: 'فترة تقديم الطلبات جارية',
  next: 'فترة تقديم الطلبات القادمة',
  window: (opens, closes) => `من ${opens} إلى ${closes}، بالتوقيت المحلي للمكتب.`,
  seats: (seats, from, to) =>
    seats === 0
      ? `ستُعلَن الأماكن المطروحة للقرعة، من ${from} إلى ${to}، مع أوقات عمل المكاتب.`
      : `عدد أماكن المواعيد المطروحة للقرعة: ${seats}، من ${from} إلى ${to}.`,
  commitment: 'التزام القرعة (بصمة SHA-256 لبذرتها السرية، نُشرت عند إنشائها؛ وستُنشر البذرة مع النتيجة):',
  link: 'عرض هذه القرعة وطريقة التحقق منها',
};

/** A draw's window as announced to the public. */
export const announcementMessages: Catalog<typeof fr> = { fr, en, ar };
