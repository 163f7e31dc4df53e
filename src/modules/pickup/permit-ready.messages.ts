import type { Catalog } from '../web/i18n.ts';

// The announcement of a permit ready (event permit.ready): its email and its SMS.

interface Notice {
  office: string;
  reference: string;
  link?: string;
}

const fr = {
  subject: (reference: string) => `Votre titre de séjour est prêt (code ${reference})`,
  hello: (name: string | null) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  ready: (office: string) => `Votre titre de séjour est disponible à : ${office}.`,
  hours: 'Venez le retirer aux horaires de remise des titres de ce service :',
  noHours: 'Venez le retirer aux horaires d’ouverture de ce service.',
  contact: (contact: string) => `Pour toute question : ${contact}.`,
  slots: 'Ce service remet les titres sur rendez-vous : prenez un créneau de retrait.',
  book: 'Prendre rendez-vous pour le retrait',
  bring:
    'Présentez ce code au guichet avec votre pièce d’identité et votre récépissé ou ancien titre. Seules les personnes ayant reçu ce message peuvent venir retirer leur titre.',
  code: 'Code de retrait',
  office: 'Service',
  sms: (n: Notice) =>
    n.link
      ? `Votre titre de séjour est prêt : ${n.office}. Retrait sur rendez-vous : ${n.link} Code : ${n.reference}`
      : `Votre titre de séjour est prêt : ${n.office}. Retrait aux horaires indiqués par courriel. Code : ${n.reference}`,
};

const en: typeof fr = {
  subject: (reference) => `Your residence permit is ready (code ${reference})`,
  hello: (name) => (name ? `Hello ${name},` : 'Hello,'),
  ready: (office) => `Your residence permit is available at: ${office}.`,
  hours: 'Come and collect it during this office’s permit pick-up hours:',
  noHours: 'Come and collect it during this office’s opening hours.',
  contact: (contact) => `For any question: ${contact}.`,
  slots: 'This office hands permits over by appointment: book a pick-up slot.',
  book: 'Book a pick-up appointment',
  bring:
    'Show this code at the desk with your identity document and your receipt or previous permit. Only people who received this message may come and collect their permit.',
  code: 'Pick-up code',
  office: 'Office',
  sms: (n) =>
    n.link
      ? `Your residence permit is ready: ${n.office}. Pick-up by appointment: ${n.link} Code: ${n.reference}`
      : `Your residence permit is ready: ${n.office}. Pick-up at the hours given by email. Code: ${n.reference}`,
};

const ar: typeof fr = {
  subject: (reference) => `بطاقة إقامتكم جاهزة (الرمز ${reference})`,
  hello: (name) => (name ? `مرحبًا ${name}،` : 'مرحبًا،'),
  ready: (office) => `بطاقة إقامتكم متوفرة في: ${office}.`,
  hours: 'تعالوا لاستلامها في أوقات تسليم البطاقات لدى هذا المكتب:',
  noHours: 'تعالوا لاستلامها في أوقات عمل هذا المكتب.',
  contact: (contact) => `لأي استفسار: ${contact}.`,
  slots: 'يسلّم هذا المكتب البطاقات بموعد: احجزوا وقتًا للاستلام.',
  book: 'حجز موعد للاستلام',
  bring:
    'قدّموا هذا الرمز عند الشباك مع وثيقة هويتكم وإيصالكم أو بطاقتكم السابقة. لا يمكن أن يأتي لاستلام بطاقته إلا من تلقى هذه الرسالة.',
  code: 'رمز الاستلام',
  office: 'المكتب',
  sms: (n) =>
    n.link
      ? `بطاقة إقامتكم جاهزة: ${n.office}. الاستلام بموعد: ${n.link} الرمز: ${n.reference}`
      : `بطاقة إقامتكم جاهزة: ${n.office}. الاستلام في الأوقات المذكورة في البريد. الرمز: ${n.reference}`,
};

/** The announcement's texts, per language. */
export const permitReadyMessages: Catalog<typeof fr> = { fr, en, ar };
