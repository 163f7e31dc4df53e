import type { Catalog } from '../web/i18n.ts';

// The texts of a request's receipt (récépissé) PDF. French first; 'ar' gets the French document, as
// the convocation does, until a font with Arabic glyphs is shipped.

const fr = {
  intlLocale: 'fr-FR',
  pdfLang: 'fr-FR',
  title: 'Récépissé de demande de rendez-vous',
  subtitle: 'Attribution par tirage au sort',
  label: 'N° de demande\u00a0: ',
  request: 'Votre demande',
  procedure: 'Démarche',
  offices: 'Lieux acceptés',
  halfDays: 'Demi-journées acceptées',
  earliest: 'À partir du',
  submittedAt: 'Demande enregistrée le',
  issuedAt: 'Récépissé établi le',
  fairness:
    'L’ordre d’arrivée des demandes ne compte pas : les rendez-vous sont attribués par un tirage au sort vérifiable parmi toutes les demandes reçues. Sans nouveau rendez-vous attribué, la demande reste dans la file pour le tirage suivant, avec son ancienneté.',
  verification: 'Vérification',
  code: 'Code de vérification',
  qrCaption: 'Code de vérification signé',
  footer: (url: string) =>
    `Ce récépissé ne contient aucune donnée personnelle : il désigne la demande par son numéro. Son code est signé électroniquement et vérifiable sur ${url}\u00a0: un récépissé modifié est refusé.`,
};

const en: typeof fr = {
  intlLocale: 'en-GB',
  pdfLang: 'en-GB',
  title: 'Récépissé — receipt of an appointment request',
  subtitle: 'Allocation by draw',
  label: 'Request no.: ',
  request: 'Your request',
  procedure: 'Procedure',
  offices: 'Offices accepted',
  halfDays: 'Half-days accepted',
  earliest: 'From',
  submittedAt: 'Request recorded on',
  issuedAt: 'Receipt issued on',
  fairness:
    'The order of arrival does not count: appointments are allocated by a verifiable draw among all the requests received. A request that is not given an appointment stays in the queue for the next draw, with its seniority.',
  verification: 'Verification',
  code: 'Verification code',
  qrCaption: 'Signed verification code',
  footer: (url) =>
    `This receipt holds no personal data: it names the request by its number. Its code is digitally signed and can be checked at ${url}: an altered receipt is refused.`,
};

/** The receipt's texts, per language. */
export const receiptMessages: Catalog<typeof fr> = { fr, en };
