import type { Channel, SiteKind } from '../../db/schema.ts';
import type { Catalog } from '../web/i18n.ts';

// The texts of the back office's configuration of offices (sites) and the forms' shared words.

const fr = {
  form: {
    inFrench: 'En français',
    inEnglish: 'En anglais',
    inArabic: 'En arabe',
    save: 'Enregistrer',
    saved: 'Les modifications sont enregistrées.',
    breadcrumb: 'Vous êtes ici :',
    onePerLine: 'Une par ligne.',
  },
  kinds: {
    prefecture: 'Préfecture',
    sous_prefecture: 'Sous-préfecture',
    antenne: 'Antenne',
  } satisfies Record<SiteKind, string>,
  channels: {
    booking: 'Prise de rendez-vous en ligne',
    draw: 'Tirage au sort',
    postal: 'Par courrier',
    email: 'Par courriel',
    walk_in: 'Sans rendez-vous, au guichet',
    external: 'Service en ligne externe',
  } satisfies Record<Channel, string>,
  list: {
    title: 'Services et démarches',
    intro:
      'Les services (préfecture, sous-préfectures, antennes) que vous configurez, et les démarches que chacun propose.',
    create: 'Créer un service',
    procedures: 'Catalogue des démarches',
    department: (code: string) => `Département ${code}`,
    none: 'Aucun service n’est dans votre périmètre.',
    noOffer: 'Aucune démarche proposée pour le moment.',
    offersCaption: (site: string) => `Démarches proposées par ${site}`,
    procedure: 'Démarche',
    channel: 'Mode de dépôt',
    actions: 'Actions',
    editSite: (site: string) => `Modifier le service ${site}`,
    editOffer: 'Modifier l’offre',
  },
  site: {
    newTitle: 'Créer un service',
    editTitle: (name: string) => `Service : ${name}`,
    settings: 'Informations du service',
    departmentCode: 'Département',
    chooseDepartment: 'Choisir un département',
    name: 'Nom',
    nameHint: 'Par exemple « Sous-préfecture de Bonneville ».',
    kind: 'Type de service',
    address: 'Adresse',
    counters: 'Guichets',
    countersHint:
      'Un nom par ligne, tel que l’écran d’appel l’affichera (par exemple « Guichet 1 ») : au moins un.',
    callsBeforeMissed: 'Appels avant absence',
    callsBeforeMissedHint:
      'Nombre d’appels, de 1 à 10, après lesquels une personne qui ne se présente pas au guichet peut être marquée absente.',
    contactPhone: 'Téléphone',
    contactEmail: 'Adresse électronique',
    transport: 'Accès et transports',
    transportHint: 'Lignes de bus ou de tram, gare, stationnement.',
    accessibility: 'Accessibilité',
    accessibilityHint: 'Entrée de plain-pied, ascenseur, boucle magnétique…',
    arrivalAdvice: 'Conseils pour le jour du rendez-vous',
    arrivalAdviceHint:
      'Repris dans la convocation et les courriels, par exemple « Présentez-vous 10 minutes en avance ».',
    offers: 'Démarches proposées',
    addOffer: 'Proposer une démarche dans ce service',
  },
};

const en: typeof fr = {
  form: {
    inFrench: 'In French',
    inEnglish: 'In English',
    inArabic: 'In Arabic',
    save: 'Save',
    saved: 'The changes are saved.',
    breadcrumb: 'You are here:',
    onePerLine: 'One per line.',
  },
  kinds: { prefecture: 'Préfecture', sous_prefecture: 'Sous-préfecture', antenne: 'Branch office' },
  channels: {
    booking: 'Online booking',
    draw: 'Draw',
    postal: 'By post',
    email: 'By email',
    walk_in: 'Walk-in, at the counter',
    external: 'External online service',
  },
  list: {
    title: 'Offices and procedures',
    intro:
      'The offices (préfecture, sous-préfectures, branch offices) you configure, and the procedures each offers.',
    create: 'Create an office',
    procedures: 'Procedure catalogue',
    department: (code: string) => `Département ${code}`,
    none: 'No office is within your scope.',
    noOffer: 'No procedure offered yet.',
    offersCaption: (site: string) => `Procedures offered by ${site}`,
    procedure: 'Procedure',
    channel: 'Channel',
    actions: 'Actions',
    editSite: (site: string) => `Edit the office ${site}`,
    editOffer: 'Edit the offer',
  },
  site: {
    newTitle: 'Create an office',
    editTitle: (name: string) => `Office: ${name}`,
    settings: 'Office details',
    departmentCode: 'Département',
    chooseDepartment: 'Choose a département',
    name: 'Name',
    nameHint: 'For example “Sous-préfecture de Bonneville”.',
    kind: 'Kind of office',
    address: 'Address',
    counters: 'Counters',
    countersHint:
      'One name per line, as the call screen will show it (for example “Guichet 1”): at least one.',
    callsBeforeMissed: 'Calls before absence',
    callsBeforeMissedHint:
      'Number of calls, from 1 to 10, after which a person who does not come to the counter may be marked missed.',
    contactPhone: 'Phone',
    contactEmail: 'Email address',
    transport: 'Getting there',
    transportHint: 'Bus or tram lines, station, parking.',
    accessibility: 'Accessibility',
    accessibilityHint: 'Step-free entrance, lift, hearing loop…',
    arrivalAdvice: 'Advice for the day of the appointment',
    arrivalAdviceHint:
      'Printed in the appointment letter and the emails, for example “Please arrive 10 minutes early”.',
    offers: 'Procedures offered',
    addOffer: 'Offer a procedure at this office',
  },
};

/** The configuration of offices: list, site form, the forms' shared words. */
export const offices: Catalog<typeof fr> = { fr, en };
