import type { Channel } from '../../db/schema.ts';
import type { Catalog } from '../web/i18n.ts';

// The home page, the commune search and the département pages.

const fr = {
  homeTitle: 'Prendre rendez-vous au service des étrangers de votre préfecture',
  homeIntro: [
    'Choisissez le département où vous habitez pour voir les démarches de séjour qui s’y font, et comment les faire : rendez-vous en ligne, courrier, courriel, service en ligne ou accueil sans rendez-vous.',
    'Vous ne savez pas de quel bureau vous dépendez ? Saisissez votre commune ou votre code postal.',
  ],
  searchHeading: 'Trouver le bureau compétent pour votre commune',
  searchLabel: 'Commune ou code postal',
  searchHint: 'Par exemple : Orléans ou 45000',
  searchButton: 'Rechercher',
  departmentsHeading: 'Choisir un département',
  otherRegion: 'Autres',
  searchTitle: 'Recherche d’une commune',
  searchResultsFor: (query: string) => `Résultats pour « ${query} »`,
  searchTooShort:
    'Saisissez au moins deux lettres du nom de votre commune, ou son code postal à cinq chiffres.',
  searchNone: (query: string) =>
    `Aucune commune ne correspond à « ${query} ». Vérifiez l’orthographe, ou essayez avec le code postal.`,
  searchCount: (count: number) => (count === 1 ? '1 commune trouvée.' : `${count} communes trouvées.`),
  searchLimited: (max: number) =>
    `Seules les ${max} premières communes sont affichées : précisez votre recherche.`,
  postalCodes: 'Code postal :',
  competentOffice: 'Bureau compétent :',
  seeDepartment: (name: string, code: string) => `Voir les démarches du département ${name} (${code})`,
  notServed: (name: string, code: string) =>
    `Le département ${name} (${code}) n’est pas servi par Créneau. Pour prendre rendez-vous, consultez le site internet de la préfecture de ce département.`,
  officeUnknown:
    'Le bureau compétent pour cette commune n’est pas indiqué : consultez la liste des bureaux du département.',
  newSearch: 'Nouvelle recherche',
  breadcrumbLabel: 'Vous êtes ici :',
  home: 'Accueil',
  departmentTitle: (name: string, code: string) => `Démarches de séjour : ${name} (${code})`,
  sitesHeading: 'Les bureaux du département',
  arrondissements: (names: string) => `Arrondissements desservis : ${names}`,
  proceduresHeading: 'Les démarches et comment les faire',
  noProcedures: 'Aucune démarche n’est encore renseignée pour ce département.',
  channels: {
    booking: 'Sur rendez-vous en ligne',
    draw: 'Sur rendez-vous attribué par tirage au sort',
    postal: 'Par courrier',
    email: 'Par courriel',
    walk_in: 'Sans rendez-vous, au guichet',
    external: 'En ligne, sur un autre site',
  } satisfies Record<Channel, string>,
  channelLabel: 'Modalité :',
  book: 'Prendre rendez-vous',
  officesWithBooking: 'Bureaux qui reçoivent sur rendez-vous',
  nextFreeSlot: 'Prochaine plage libre :',
  noFreeSlot: 'Aucune plage disponible pour le moment',
  postalAddress: 'Adresse d’envoi :',
  email: 'Courriel :',
  externalService: 'Accéder au service en ligne',
  infoPage: 'Page d’information de la préfecture',
  updatedOn: (date: string) => `Dernière mise à jour : ${date}`,
};

const en: typeof fr = {
  homeTitle: 'Book an appointment with the foreigners’ service of your préfecture',
  homeIntro: [
    'Choose the département where you live to see the residence procedures handled there and how to apply: online appointment, post, email, online service or walk-in.',
    'Not sure which office is yours? Type your commune or your postal code.',
  ],
  searchHeading: 'Find the office for your commune',
  searchLabel: 'Commune or postal code',
  searchHint: 'For example: Orléans or 45000',
  searchButton: 'Search',
  departmentsHeading: 'Choose a département',
  otherRegion: 'Other',
  searchTitle: 'Commune search',
  searchResultsFor: (query: string) => `Results for “${query}”`,
  searchTooShort: 'Type at least two letters of your commune’s name, or its five-digit postal code.',
  searchNone: (query: string) =>
    `No commune matches “${query}”. Check the spelling, or try with the postal code.`,
  searchCount: (count: number) => (count === 1 ? '1 commune found.' : `${count} communes found.`),
  searchLimited: (max: number) => `Only the first ${max} communes are shown: please refine your search.`,
  postalCodes: 'Postal code:',
  competentOffice: 'Your office:',
  seeDepartment: (name: string, code: string) => `See the procedures of the département ${name} (${code})`,
  notServed: (name: string, code: string) =>
    `The département ${name} (${code}) is not served by Créneau. To book an appointment, see the website of that département’s préfecture.`,
  officeUnknown: 'The office for this commune is not known: see the list of the département’s offices.',
  newSearch: 'New search',
  breadcrumbLabel: 'You are here:',
  home: 'Home',
  departmentTitle: (name: string, code: string) => `Residence procedures: ${name} (${code})`,
  sitesHeading: 'Offices of the département',
  arrondissements: (names: string) => `Arrondissements served: ${names}`,
  proceduresHeading: 'Procedures and how to apply',
  noProcedures: 'No procedure is listed for this département yet.',
  channels: {
    booking: 'By online appointment',
    draw: 'By appointment allocated by a draw',
    postal: 'By post',
    email: 'By email',
    walk_in: 'Walk-in, without an appointment',
    external: 'Online, on another website',
  },
  channelLabel: 'How:',
  book: 'Book an appointment',
  officesWithBooking: 'Offices receiving by appointment',
  nextFreeSlot: 'Next free slot:',
  noFreeSlot: 'No slot available at the moment',
  postalAddress: 'Postal address:',
  email: 'Email:',
  externalService: 'Go to the online service',
  infoPage: 'Information page of the préfecture',
  updatedOn: (date: string) => `Last updated: ${date}`,
};

export const directory: Catalog<typeof fr> = { fr, en };
