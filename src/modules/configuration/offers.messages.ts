import type { Catalog } from '../web/i18n.ts';

// The texts of an offer's page: a procedure at an office, its channel and instructions.

const fr = {
  newTitle: (site: string) => `Proposer une démarche : ${site}`,
  editTitle: (procedure: string) => `Offre : ${procedure}`,
  newCrumb: 'Nouvelle offre',
  site: (site: string) => `Service : ${site}`,
  procedureId: 'Démarche',
  chooseProcedure: 'Choisir une démarche',
  national: 'catalogue national',
  departmental: (code: string) => `démarche du département ${code}`,
  channel: 'Mode de dépôt',
  channelHint:
    'Un rendez-vous en ligne ou par tirage au sort publie des plages ; les autres modes donnent des instructions aux usagers.',
  instructions: 'Instructions aux usagers',
  instructionsHint: 'Ce qu’il faut faire, tel que l’annuaire le publie (seeds/002).',
  contactEmail: 'Adresse électronique',
  contactEmailHint: 'Obligatoire pour une demande par courriel.',
  url: 'Lien',
  urlHint: 'Page d’information, ou le service en ligne (https, obligatoire pour un service en ligne).',
  postalAddress: 'Adresse postale',
  postalAddressHint: 'Obligatoire pour un envoi par courrier.',
  updatedOn: (date: string) => `Dernière mise à jour : ${date}`,
  schedule: 'Horaires et publication',
  scheduleHint:
    'Plages d’ouverture, guichets ouverts, fermetures et politique de publication de cette offre.',
};

const en: typeof fr = {
  newTitle: (site: string) => `Offer a procedure: ${site}`,
  editTitle: (procedure: string) => `Offer: ${procedure}`,
  newCrumb: 'New offer',
  site: (site: string) => `Office: ${site}`,
  procedureId: 'Procedure',
  chooseProcedure: 'Choose a procedure',
  national: 'national catalogue',
  departmental: (code: string) => `procedure of département ${code}`,
  channel: 'Channel',
  channelHint: 'Online booking or a draw publishes slots; the other channels give applicants instructions.',
  instructions: 'Instructions for applicants',
  instructionsHint: 'What to do, as the directory publishes it (seeds/002).',
  contactEmail: 'Email address',
  contactEmailHint: 'Required for requests by email.',
  url: 'Link',
  urlHint: 'An information page, or the online service (https, required for an online service).',
  postalAddress: 'Postal address',
  postalAddressHint: 'Required for applications by post.',
  updatedOn: (date: string) => `Last updated: ${date}`,
  schedule: 'Hours and publication',
  scheduleHint: 'Opening hours, counters open, closures and publication policy of this offer.',
};

/** An offer's page. */
export const offerTexts: Catalog<typeof fr> = { fr, en };
