import type { Catalog } from '../web/i18n.ts';

// The texts of the convocation PDF and of the calendar file. French first: every language must say the
// same things, so the English object is typed as the French one's shape. Arabic needs a font with
// Arabic glyphs and right-to-left layout, which the PDF's standard fonts cannot give: 'ar' gets the
// French documents, the language of the administration, for now.

const fr = {
  /** The language these texts are in: the préfecture's own texts (arrival advice, admission rule) are taken in it too. */
  language: 'fr' as 'fr' | 'en',
  pdf: {
    intlLocale: 'fr-FR',
    pdfLang: 'fr-FR',
    title: 'Convocation',
    subtitle: null as string | null,
    reference: 'Référence\u00a0: ',
    appointment: 'Votre rendez-vous',
    procedure: 'Démarche',
    dateTime: 'Date et heure',
    duration: (minutes: number) => `${minutes} mn`,
    durationLabel: 'Durée',
    place: 'Lieu',
    identity: 'Identité',
    lastName: 'Nom',
    firstName: 'Prénom',
    birthDate: 'Date de naissance',
    foreignerNumber: 'N° étranger',
    documents: 'Pièces à apporter',
    qrCaption: 'Code de vérification lu au guichet',
    footer: (url: string) =>
      `Cette convocation est personnelle. Son code QR est signé électroniquement et vérifié au guichet (${url})\u00a0: une convocation modifiée est refusée.`,
  },
  calendar: {
    title: (procedureTitle: string) => `Rendez-vous : ${procedureTitle}`,
    reference: (reference: string) => `Référence ${reference}.`,
  },
};

const en: typeof fr = {
  language: 'en',
  pdf: {
    intlLocale: 'en-GB',
    pdfLang: 'en-GB',
    title: 'Convocation',
    subtitle: 'Appointment notice',
    reference: 'Reference: ',
    appointment: 'Your appointment',
    procedure: 'Procedure',
    dateTime: 'Date and time',
    duration: (minutes) => `${minutes} min`,
    durationLabel: 'Duration',
    place: 'Place',
    identity: 'Identity',
    lastName: 'Surname',
    firstName: 'First name',
    birthDate: 'Date of birth',
    foreignerNumber: 'Foreigner number',
    documents: 'Documents to bring',
    qrCaption: 'Verification code read at the counter',
    footer: (url) =>
      `This convocation is personal. Its QR code is digitally signed and checked at the counter (${url}): an altered convocation is refused.`,
  },
  calendar: {
    title: (procedureTitle) => `Préfecture appointment: ${procedureTitle}`,
    reference: (reference) => `Reference ${reference}.`,
  },
};

/** The convocation's and the calendar file's texts, per language. */
export const convocationMessages: Catalog<typeof fr> = { fr, en };
