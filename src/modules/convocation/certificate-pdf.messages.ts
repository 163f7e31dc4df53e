import type { Catalog } from '../web/i18n.ts';

// The texts of the certificate of unavailability (attestation d'indisponibilité) PDF. French first;
// 'ar' gets the French document, as the convocation does, until a font with Arabic glyphs is shipped.

const fr = {
  intlLocale: 'fr-FR',
  pdfLang: 'fr-FR',
  title: 'Attestation d’indisponibilité de rendez-vous',
  issuedAt: (at: string) => `Délivrée le ${at}`,
  person: 'Personne concernée',
  lastName: 'Nom',
  firstName: 'Prénom(s)',
  birthDate: 'Date de naissance',
  foreignerNumber: 'N° étranger',
  search: 'Recherche de rendez-vous',
  procedure: 'Démarche',
  department: 'Département',
  searchedAt: 'Recherche effectuée le',
  offices: 'Lieux consultés',
  datesSearched: (from: string, to: string) => `Dates consultées : du ${from} au ${to}`,
  noDatePublished: 'Aucune date publiée',
  firstFree: (at: string) => `Première plage libre : ${at}`,
  noneFree: 'Aucune plage libre',
  byDraw: 'Rendez-vous attribués par tirage au sort parmi les demandes',
  noOffice: 'Aucun lieu ne propose cette démarche sur rendez-vous dans le département.',
  nextFree: 'Prochaine date libre',
  none: 'Aucune',
  request: 'Demande en attente d’un tirage au sort',
  label: 'N° de demande',
  lost: 'Tirages perdus',
  waitingSince: 'En attente depuis le',
  waitingDays: (days: number) => (days === 1 ? '1 jour' : `${days} jours`),
  noRequest: 'Aucune demande en attente pour cette personne.',
  noRequestTyped: 'Aucune demande en attente pour cette identité associée à l’adresse électronique indiquée.',
  statement:
    'Créneau atteste qu’à la date et à l’heure indiquées, la recherche ci-dessus a été effectuée sur les plages publiées pour cette démarche, avec le résultat indiqué.',
  verification: 'Vérification',
  code: 'Code de vérification',
  qrCaption: 'Code de vérification signé',
  footer: (url: string) =>
    `Cette attestation est signée électroniquement. Son code, lisible par le code QR ou saisi sur ${url}, permet à quiconque de vérifier ce qu’elle atteste\u00a0: une attestation modifiée est refusée.`,
};

const en: typeof fr = {
  intlLocale: 'en-GB',
  pdfLang: 'en-GB',
  title: 'Attestation d’indisponibilité — certificate of unavailability of appointments',
  issuedAt: (at) => `Issued on ${at}`,
  person: 'Person concerned',
  lastName: 'Surname',
  firstName: 'First name(s)',
  birthDate: 'Date of birth',
  foreignerNumber: 'Foreigner number',
  search: 'Search for an appointment',
  procedure: 'Procedure',
  department: 'Département',
  searchedAt: 'Search made on',
  offices: 'Offices searched',
  datesSearched: (from, to) => `Dates searched: from ${from} to ${to}`,
  noDatePublished: 'No date published',
  firstFree: (at) => `First free slot: ${at}`,
  noneFree: 'No free slot',
  byDraw: 'Appointments allocated by a draw among the requests',
  noOffice: 'No office offers this procedure by appointment in the département.',
  nextFree: 'Next free date',
  none: 'None',
  request: 'Request waiting for a draw',
  label: 'Request no.',
  lost: 'Draws lost',
  waitingSince: 'Waiting since',
  waitingDays: (days) => (days === 1 ? '1 day' : `${days} days`),
  noRequest: 'No request waiting for this person.',
  noRequestTyped: 'No request waiting for this identity with the email address given.',
  statement:
    'Créneau certifies that at the date and time shown, the search above was made on the slots published for this procedure, with the result shown.',
  verification: 'Verification',
  code: 'Verification code',
  qrCaption: 'Signed verification code',
  footer: (url) =>
    `This certificate is digitally signed. Its code, read from the QR code or typed at ${url}, lets anyone check what it certifies: an altered certificate is refused.`,
};

/** The certificate's texts, per language. */
export const certificateMessages: Catalog<typeof fr> = { fr, en };
