// The demo data set: sixteen départements with their offices, procedures, offers and opening hours.
//
// Five départements (74, 84, 45, 34, 974) take bookings, so that slots exist for the whole journey;
// the Auvergne-Rhône-Alpes directory of seeds/002 gives, office by office, the real channel for an
// admission exceptionnelle au séjour. Rows refer to each other by stable keys (site keys such as
// '74-annecy', procedure codes), never by database ids: demo-seed.ts resolves them when inserting.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Channel, HolidayRegion, SiteKind } from '../../db/schema.ts';

export interface DemoDepartment {
  code: string;
  name: string;
  /** IANA zone of the département's offices. */
  timezone: string;
  holidayRegion: HolidayRegion;
}

export interface DemoSite {
  /** Stable key: département code and city, e.g. '74-annecy'. */
  key: string;
  department: string;
  name: string;
  kind: SiteKind;
  /** Street address ending with 'postal code City'. */
  address: string;
}

export interface DemoArrondissement {
  /** INSEE code, as in `@etalab/decoupage-administratif`'s arrondissements.json. */
  code: string;
  department: string;
  name: string;
  /** Key of the competent site. */
  site: string;
}

export interface DemoProcedure {
  code: string;
  title: string;
  description: string;
  audience: string;
  durationMinutes: number;
  documents: readonly string[];
  fees: string;
  requiresForeignerNumber: boolean;
  requiresTitleExpiry: boolean;
  requiresPostalCode: boolean;
  titleExpiryWithinDays: number | null;
  titleExpiredSinceDays: number | null;
}

export interface DemoOpeningRule {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  /** 'HH:MM', wall-clock time in the site's zone. */
  startsAt: string;
  endsAt: string;
  capacity: number;
}

export interface DemoOffer {
  /** Stable key: '<site key>/<procedure code>' (one offer per procedure and site). */
  key: string;
  procedure: string;
  site: string;
  channel: Channel;
  instructions: string;
  contactEmail: string | null;
  url: string | null;
  /** Lines separated by '\n'. */
  postalAddress: string | null;
  /** 'YYYY-MM-DD' of the source document; null for "the day the demo is loaded". */
  updatedOn: string | null;
  /** Only booking offers have opening rules: the other channels publish no slots. */
  openingRules: readonly DemoOpeningRule[];
}

export interface DemoClosure {
  site: string;
  /** 'YYYY-MM-DD', local date of the site. */
  day: string;
  reason: string;
}

const PARIS = 'Europe/Paris';

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { code: '01', name: 'Ain', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '03', name: 'Allier', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '07', name: 'Ardèche', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '15', name: 'Cantal', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '26', name: 'Drôme', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '34', name: 'Hérault', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '38', name: 'Isère', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '42', name: 'Loire', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '43', name: 'Haute-Loire', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '45', name: 'Loiret', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '63', name: 'Puy-de-Dôme', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '69', name: 'Rhône', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '73', name: 'Savoie', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '74', name: 'Haute-Savoie', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '84', name: 'Vaucluse', timezone: PARIS, holidayRegion: 'metropole' },
  { code: '974', name: 'La Réunion', timezone: 'Indian/Reunion', holidayRegion: 'reunion' },
];

// Addresses are the offices' public addresses with the commune's ordinary postal code; the CEDEX
// codes of the directory (e.g. 03016 Moulins Cedex) belong in postal addresses only.
const P = 'prefecture';
const SP = 'sous_prefecture';
// biome-ignore format: one office per line reads as a table.
export const DEMO_SITES: readonly DemoSite[] = [
  { key: '01-bourg-en-bresse', department: '01', kind: P, name: "Préfecture de l'Ain", address: '45 avenue Alsace-Lorraine, 01000 Bourg-en-Bresse' },
  { key: '01-belley', department: '01', kind: SP, name: 'Sous-préfecture de Belley', address: '26 rue des Barons, 01300 Belley' },
  { key: '01-gex', department: '01', kind: SP, name: 'Sous-préfecture de Gex', address: '26 rue Charles Harent, 01170 Gex' },
  { key: '01-nantua', department: '01', kind: SP, name: 'Sous-préfecture de Nantua', address: '13 rue du Collège, 01130 Nantua' },
  { key: '03-moulins', department: '03', kind: P, name: "Préfecture de l'Allier", address: "2 rue Michel de l'Hospital, 03000 Moulins" },
  { key: '03-montlucon', department: '03', kind: SP, name: 'Sous-préfecture de Montluçon', address: '1 rue Ernest Montusès, 03100 Montluçon' },
  { key: '03-vichy', department: '03', kind: SP, name: 'Sous-préfecture de Vichy', address: '3 rue Montaret, 03200 Vichy' },
  { key: '07-privas', department: '07', kind: P, name: "Préfecture de l'Ardèche", address: '4 boulevard de Vernon, 07000 Privas' },
  { key: '07-largentiere', department: '07', kind: SP, name: 'Sous-préfecture de Largentière', address: 'Place de la Sous-Préfecture, 07110 Largentière' },
  { key: '07-tournon-sur-rhone', department: '07', kind: SP, name: 'Sous-préfecture de Tournon-sur-Rhône', address: '9 avenue Maréchal Foch, 07300 Tournon-sur-Rhône' },
  { key: '15-aurillac', department: '15', kind: P, name: 'Préfecture du Cantal', address: '2 cours Monthyon, 15000 Aurillac' },
  { key: '15-mauriac', department: '15', kind: SP, name: 'Sous-préfecture de Mauriac', address: '1 rue du Collège, 15200 Mauriac' },
  { key: '15-saint-flour', department: '15', kind: SP, name: 'Sous-préfecture de Saint-Flour', address: '2 place de la Halle aux Bleds, 15100 Saint-Flour' },
  { key: '26-valence', department: '26', kind: P, name: 'Préfecture de la Drôme', address: '3 boulevard Vauban, 26000 Valence' },
  { key: '26-die', department: '26', kind: SP, name: 'Sous-préfecture de Die', address: '2 place de la République, 26150 Die' },
  { key: '26-nyons', department: '26', kind: SP, name: 'Sous-préfecture de Nyons', address: '5 place de la Libération, 26110 Nyons' },
  { key: '34-montpellier', department: '34', kind: P, name: "Préfecture de l'Hérault", address: '34 place des Martyrs de la Résistance, 34000 Montpellier' },
  { key: '34-beziers', department: '34', kind: SP, name: 'Sous-préfecture de Béziers', address: '2 rue Paul Riquet, 34500 Béziers' },
  { key: '34-lodeve', department: '34', kind: SP, name: 'Sous-préfecture de Lodève', address: '1 place de la République, 34700 Lodève' },
  { key: '38-grenoble', department: '38', kind: P, name: "Préfecture de l'Isère", address: '12 place de Verdun, 38000 Grenoble' },
  { key: '38-la-tour-du-pin', department: '38', kind: SP, name: 'Sous-préfecture de La Tour-du-Pin', address: '14 rue Aristide Briand, 38110 La Tour-du-Pin' },
  { key: '38-vienne', department: '38', kind: SP, name: 'Sous-préfecture de Vienne', address: '16 boulevard Eugène Arnaud, 38200 Vienne' },
  { key: '42-saint-etienne', department: '42', kind: P, name: 'Préfecture de la Loire', address: '2 rue Charles de Gaulle, 42000 Saint-Étienne' },
  { key: '42-montbrison', department: '42', kind: SP, name: 'Sous-préfecture de Montbrison', address: '9 rue de la République, 42600 Montbrison' },
  { key: '42-roanne', department: '42', kind: SP, name: 'Sous-préfecture de Roanne', address: 'Rue Joseph Déchelette, 42300 Roanne' },
  { key: '43-le-puy-en-velay', department: '43', kind: P, name: 'Préfecture de la Haute-Loire', address: '6 avenue du Général de Gaulle, 43000 Le Puy-en-Velay' },
  { key: '43-brioude', department: '43', kind: SP, name: 'Sous-préfecture de Brioude', address: '1 place Lafayette, 43100 Brioude' },
  { key: '43-yssingeaux', department: '43', kind: SP, name: "Sous-préfecture d'Yssingeaux", address: '3 place Foch, 43200 Yssingeaux' },
  { key: '45-orleans', department: '45', kind: P, name: 'Préfecture du Loiret', address: '181 rue de Bourgogne, 45000 Orléans' },
  { key: '45-montargis', department: '45', kind: SP, name: 'Sous-préfecture de Montargis', address: '26 boulevard Paul Baudin, 45200 Montargis' },
  { key: '45-pithiviers', department: '45', kind: SP, name: 'Sous-préfecture de Pithiviers', address: '12 mail Ouest, 45300 Pithiviers' },
  { key: '63-clermont-ferrand', department: '63', kind: P, name: 'Préfecture du Puy-de-Dôme', address: '18 boulevard Desaix, 63000 Clermont-Ferrand' },
  { key: '63-ambert', department: '63', kind: SP, name: "Sous-préfecture d'Ambert", address: '1 place Charles de Gaulle, 63600 Ambert' },
  { key: '63-issoire', department: '63', kind: SP, name: "Sous-préfecture d'Issoire", address: '9 boulevard de la Manlière, 63500 Issoire' },
  { key: '63-riom', department: '63', kind: SP, name: 'Sous-préfecture de Riom', address: '1 place Pierre Dupuy, 63200 Riom' },
  { key: '63-thiers', department: '63', kind: SP, name: 'Sous-préfecture de Thiers', address: '2 rue Alexandre Dumas, 63300 Thiers' },
  { key: '69-lyon', department: '69', kind: P, name: 'Préfecture du Rhône', address: '106 rue Pierre Corneille, 69003 Lyon' },
  { key: '69-villefranche-sur-saone', department: '69', kind: SP, name: 'Sous-préfecture de Villefranche-sur-Saône', address: '36 rue de la Sous-Préfecture, 69400 Villefranche-sur-Saône' },
  { key: '73-chambery', department: '73', kind: P, name: 'Préfecture de la Savoie', address: 'Château des ducs de Savoie, place Caffe, 73000 Chambéry' },
  { key: '73-albertville', department: '73', kind: SP, name: "Sous-préfecture d'Albertville", address: '22 rue Pasteur, 73200 Albertville' },
  { key: '73-saint-jean-de-maurienne', department: '73', kind: SP, name: 'Sous-préfecture de Saint-Jean-de-Maurienne', address: '2 place Fodéré, 73300 Saint-Jean-de-Maurienne' },
  { key: '74-annecy', department: '74', kind: P, name: 'Préfecture de la Haute-Savoie', address: "Rue du 30e Régiment d'Infanterie, 74000 Annecy" },
  { key: '74-bonneville', department: '74', kind: SP, name: 'Sous-préfecture de Bonneville', address: '47 rue du Pont, 74130 Bonneville' },
  { key: '74-saint-julien-en-genevois', department: '74', kind: SP, name: 'Sous-préfecture de Saint-Julien-en-Genevois', address: '1 rue du Crêt, 74160 Saint-Julien-en-Genevois' },
  { key: '74-thonon-les-bains', department: '74', kind: SP, name: 'Sous-préfecture de Thonon-les-Bains', address: '5 rue de la Paix, 74200 Thonon-les-Bains' },
  { key: '84-avignon', department: '84', kind: P, name: 'Préfecture de Vaucluse', address: '28 boulevard Limbert, 84000 Avignon' },
  { key: '84-apt', department: '84', kind: SP, name: "Sous-préfecture d'Apt", address: '1 place Gabriel Péri, 84400 Apt' },
  { key: '84-carpentras', department: '84', kind: SP, name: 'Sous-préfecture de Carpentras', address: '1 place Aristide Briand, 84200 Carpentras' },
  { key: '974-saint-denis', department: '974', kind: P, name: 'Préfecture de La Réunion', address: 'Place du Barachois, 97400 Saint-Denis' },
  { key: '974-saint-pierre', department: '974', kind: SP, name: 'Sous-préfecture de Saint-Pierre', address: '17 rue Marius et Ary Leblond, 97410 Saint-Pierre' },
  { key: '974-saint-benoit', department: '974', kind: SP, name: 'Sous-préfecture de Saint-Benoît', address: '16 rue Georges Pompidou, 97470 Saint-Benoît' },
  { key: '974-saint-paul', department: '974', kind: SP, name: 'Sous-préfecture de Saint-Paul', address: '2 rue de la Sous-Préfecture, 97460 Saint-Paul' },
];

const PASSPORT =
  'Passeport en cours de validité (pages relatives à l’état civil, aux dates de validité, aux visas)';
const HOME_PROOF =
  'Justificatif de domicile de moins de 6 mois (ou attestation d’hébergement avec la pièce d’identité et un justificatif de domicile de l’hébergeant)';
const PHOTOS = '3 photos d’identité récentes et identiques, conformes aux normes';

export const DEMO_PROCEDURES: readonly DemoProcedure[] = [
  {
    code: 'renouvellement-titre',
    title:
      '3.1 Renouvellement de visa de long séjour valant titre de séjour, carte de séjour temporaire ou pluriannuelle, autorisation provisoire de séjour',
    description:
      'Dépôt au guichet de votre demande de renouvellement. Munissez-vous de votre numéro étranger et de la date de fin de validité de votre titre. Venez personnellement, à l’heure du rendez-vous, avec votre convocation et votre dossier complet : 1 rendez-vous = 1 personne = 1 dossier.',
    audience:
      'Étrangers titulaires d’un titre de séjour ou d’un visa long séjour valant titre de séjour, domiciliés dans le département, dont le titre expire dans les trois mois ou a expiré depuis moins de six mois.',
    durationMinutes: 20,
    documents: [
      'Convocation imprimée',
      PASSPORT,
      'Titre de séjour ou visa long séjour en cours (original et copie)',
      HOME_PROOF,
      PHOTOS,
      'Justificatifs propres au motif de séjour (contrat de travail, certificat de scolarité, acte de mariage…)',
    ],
    fees: 'La prise de rendez-vous est gratuite. À la remise du titre : taxe de 225 € pour la plupart des cartes de séjour (200 € de taxe et 25 € de droit de timbre), en timbres fiscaux achetés en bureau de tabac ou sur timbres.impots.gouv.fr.',
    requiresForeignerNumber: true,
    requiresTitleExpiry: true,
    requiresPostalCode: true,
    // seeds/001: "expiration dans les trois mois ou qui a expiré dans les six mois".
    titleExpiryWithinDays: 92,
    titleExpiredSinceDays: 183,
  },
  {
    code: 'premiere-demande',
    title: 'Première demande de titre de séjour',
    description:
      'Dépôt au guichet d’une première demande de carte de séjour, pour les personnes qui n’ont jamais eu de titre de séjour en France. Téléchargez et remplissez le dossier correspondant à votre situation avant le rendez-vous ; tout dossier incomplet sera refusé.',
    audience:
      'Étrangers majeurs domiciliés dans le département qui demandent un titre de séjour pour la première fois, hors démarches à accomplir en ligne sur le site de l’ANEF.',
    durationMinutes: 30,
    documents: [
      'Convocation imprimée',
      PASSPORT,
      'Extrait d’acte de naissance avec filiation (traduit par un traducteur agréé le cas échéant)',
      HOME_PROOF,
      PHOTOS,
      'Formulaire de demande complété, daté et signé',
      'Timbre fiscal de 50 € (taxe d’examen, non remboursable)',
    ],
    fees: 'La prise de rendez-vous est gratuite. Taxe d’examen de 50 € au dépôt, non remboursable ; le solde de la taxe, selon le titre, est dû à sa délivrance.',
    requiresForeignerNumber: false,
    requiresTitleExpiry: false,
    requiresPostalCode: true,
    titleExpiryWithinDays: null,
    titleExpiredSinceDays: null,
  },
  {
    code: 'admission-exceptionnelle',
    title: 'Admission exceptionnelle au séjour (article L.435-1 du CESEDA)',
    description:
      'Demande de régularisation d’une personne en situation irrégulière, examinée au cas par cas : cette admission n’est pas un droit. Les modalités de dépôt (courrier, courriel, sans rendez-vous, service en ligne) diffèrent selon le département et le bureau.',
    audience:
      'Étrangers résidant habituellement en France, sans titre de séjour, qui font valoir des motifs exceptionnels ou humanitaires (vie privée et familiale, travail), y compris les anciens mineurs non accompagnés.',
    durationMinutes: 30,
    documents: [
      'Formulaire de demande d’admission exceptionnelle au séjour complété, daté et signé',
      PASSPORT,
      'Justificatifs de présence en France pour chaque année (avis d’imposition, attestations AME, bulletins de salaire…)',
      HOME_PROOF,
      PHOTOS,
      'Selon le motif : bulletins de salaire, promesse d’embauche ou justificatifs de liens familiaux en France',
    ],
    fees: 'La demande est gratuite. Droit de visa de régularisation : 200 € dont 50 € non remboursables, perçus lors du dépôt ; le solde de 150 € n’est dû qu’en cas de décision favorable, en plus de la taxe du titre délivré.',
    requiresForeignerNumber: false,
    requiresTitleExpiry: false,
    requiresPostalCode: true,
    titleExpiryWithinDays: null,
    titleExpiredSinceDays: null,
  },
  {
    code: 'remise-titre',
    title: 'Remise de titre de séjour',
    description:
      'Retrait au guichet de votre carte de séjour une fois fabriquée. Seules les personnes ayant reçu un SMS les informant que leur titre est disponible peuvent venir le récupérer.',
    audience: 'Étrangers ayant reçu un SMS ou un courriel indiquant que leur titre de séjour est prêt.',
    durationMinutes: 10,
    documents: [
      'SMS ou courriel de mise à disposition du titre',
      'Récépissé ou ancien titre de séjour',
      PASSPORT,
      'Timbres fiscaux correspondant à la taxe du titre, s’ils n’ont pas été fournis au dépôt',
    ],
    fees: 'Gratuit, hors timbres fiscaux de la taxe du titre s’ils n’ont pas été fournis au dépôt.',
    requiresForeignerNumber: true,
    requiresTitleExpiry: false,
    requiresPostalCode: false,
    titleExpiryWithinDays: null,
    titleExpiredSinceDays: null,
  },
  {
    code: 'renouvellement-carte-resident',
    title: 'Renouvellement de carte de résident (10 ans)',
    description:
      'Renouvellement d’une carte de résident ou d’une carte de résident de longue durée-UE arrivant à expiration.',
    audience: 'Titulaires d’une carte de résident de dix ans domiciliés dans le département.',
    durationMinutes: 20,
    documents: ['Carte de résident en cours (original et copie)', PASSPORT, HOME_PROOF, PHOTOS],
    fees: 'Taxe de 225 € à la remise de la carte (200 € de taxe et 25 € de droit de timbre), en timbres fiscaux.',
    requiresForeignerNumber: true,
    requiresTitleExpiry: true,
    requiresPostalCode: true,
    titleExpiryWithinDays: 92,
    titleExpiredSinceDays: 183,
  },
];

type TimeRange = readonly [startsAt: string, endsAt: string];

interface OfficeHours {
  morning: TimeRange;
  afternoon: TimeRange;
  /** Permit pick-up: seeds/003 (Loiret) says "du lundi au vendredi de 9h à 12h". */
  pickUp: TimeRange;
  closedWednesdayAfternoon: boolean;
}

const METROPOLE_HOURS = {
  morning: ['08:30', '12:00'],
  afternoon: ['13:30', '16:00'],
  pickUp: ['09:00', '12:00'],
} as const;

/** The départements whose offices take bookings, with their counters' hours (local wall-clock time). */
const BOOKING_HOURS: Readonly<Record<string, OfficeHours>> = {
  '74': { ...METROPOLE_HOURS, closedWednesdayAfternoon: false },
  '84': { ...METROPOLE_HOURS, closedWednesdayAfternoon: true },
  '45': { ...METROPOLE_HOURS, closedWednesdayAfternoon: false },
  '34': { ...METROPOLE_HOURS, closedWednesdayAfternoon: true },
  // Réunion offices open and close earlier; these are local times (UTC+4, no daylight saving).
  '974': {
    morning: ['07:30', '12:00'],
    afternoon: ['13:00', '15:30'],
    pickUp: ['08:00', '11:30'],
    closedWednesdayAfternoon: false,
  },
};

const BOOKING_PROCEDURES = ['renouvellement-titre', 'premiere-demande', 'remise-titre'] as const;
const WEEKDAYS = [1, 2, 3, 4, 5];

// What each département's own pages say about these appointments, shown with the offer.
const HAUTE_SAVOIE_NOTE =
  'Vous ne serez pas reçu sans toutes les pièces requises (1 rendez-vous = 1 personne = 1 dossier) : il faudra reprendre rendez-vous. La préfecture se réserve le droit d’annuler un rendez-vous ; vous en serez alors informé par courriel.';
const BOOKING_NOTES: Readonly<Record<string, Partial<Record<string, string>>>> = {
  '74': {
    'renouvellement-titre': HAUTE_SAVOIE_NOTE,
    'premiere-demande': HAUTE_SAVOIE_NOTE,
    'remise-titre': HAUTE_SAVOIE_NOTE,
  },
  '84': {
    'renouvellement-titre':
      'Avant de prendre rendez-vous, munissez-vous de votre numéro étranger et de la date de fin de validité de votre titre. Si votre démarche relève d’une téléprocédure ANEF, ne prenez pas rendez-vous : un dépôt au guichet ne pourra pas être traité. Les démarches sont gratuites ; aucune entreprise n’a d’accès privilégié aux rendez-vous.',
  },
  '45': {
    'renouvellement-titre':
      'Vous avez déjà un récépissé ou une autorisation provisoire de séjour : ne prenez pas rendez-vous, demandez le renouvellement sur http://invite.contacts-demarches.interieur.gouv.fr/Etrangers. Pour un proche, indiquez le numéro étranger de ce proche.',
    'remise-titre': 'Seules les personnes ayant reçu un SMS peuvent venir récupérer leur titre.',
  },
  '34': {
    'renouvellement-titre':
      'Si aucun rendez-vous n’est disponible avant la fin de validité de votre titre, écrivez à pref-etrangers@herault.gouv.fr en expliquant l’urgence, avec si possible une attestation de votre employeur : aucune pénalité ne sera appliquée pour un dépôt tardif. N’achetez jamais un rendez-vous : ils sont gratuits.',
  },
};
const BOOKING_CONTACTS: Readonly<Record<string, string>> = { '34': 'pref-etrangers@herault.gouv.fr' };

function weekly(
  weekdays: readonly number[],
  [startsAt, endsAt]: TimeRange,
  capacity: number,
): DemoOpeningRule[] {
  return weekdays.map((weekday) => ({ weekday, startsAt, endsAt, capacity }));
}

/** Several counters at a préfecture, one at a sous-préfecture, open fewer days. */
function bookingRules(kind: SiteKind, procedure: string, hours: OfficeHours): DemoOpeningRule[] {
  const afternoons = hours.closedWednesdayAfternoon ? [1, 2, 4, 5] : WEEKDAYS;
  const prefecture = kind === 'prefecture';
  if (procedure === 'renouvellement-titre') {
    return prefecture
      ? [...weekly(WEEKDAYS, hours.morning, 3), ...weekly(afternoons, hours.afternoon, 2)]
      : [...weekly([1, 2, 4, 5], hours.morning, 1), ...weekly([2, 4], hours.afternoon, 1)];
  }
  if (procedure === 'premiere-demande') {
    return prefecture
      ? [...weekly([1, 2, 4, 5], hours.morning, 2), ...weekly([2, 4], hours.afternoon, 1)]
      : weekly([2, 4], hours.morning, 1);
  }
  return weekly(WEEKDAYS, hours.pickUp, prefecture ? 2 : 1);
}

function bookingOffers(): DemoOffer[] {
  return DEMO_SITES.flatMap((site) => {
    const hours = BOOKING_HOURS[site.department];
    if (!hours) return [];
    return BOOKING_PROCEDURES.map((procedure) => ({
      key: `${site.key}/${procedure}`,
      procedure,
      site: site.key,
      channel: 'booking' as const,
      instructions: BOOKING_NOTES[site.department]?.[procedure] ?? '',
      contactEmail: (procedure === 'renouvellement-titre' && BOOKING_CONTACTS[site.department]) || null,
      url: null,
      postalAddress: null,
      updatedOn: null,
      openingRules: bookingRules(site.kind, procedure, hours),
    }));
  });
}

const AES = 'admission-exceptionnelle';
type Details = Partial<Pick<DemoOffer, 'instructions' | 'contactEmail' | 'url' | 'postalAddress'>>;

/** An entry of the seeds/002 directory, last updated on 9 February 2023. */
function directory(site: string, channel: Channel, details: Details): DemoOffer {
  const base = { instructions: '', contactEmail: null, url: null, postalAddress: null };
  return {
    key: `${site}/${AES}`,
    procedure: AES,
    site,
    channel,
    ...base,
    ...details,
    updatedOn: '2023-02-09',
    openingRules: [],
  };
}

const AIN_AES: Details = {
  url: 'https://www.rdv.ain.gouv.fr/booking/create/941',
  contactEmail: 'pref-etrangers@ain.gouv.fr',
  instructions:
    'La demande se fait par voie dématérialisée : prenez rendez-vous en ligne. Prévoir un seul rendez-vous par personne ; les personnes accompagnatrices ne sont pas autorisées. Si aucune plage n’est disponible, reconnectez-vous ultérieurement (de préférence en début de semaine). N’oubliez pas de confirmer votre rendez-vous avec le courriel reçu.',
};
const LOIRE_AES: Details = {
  url: 'https://www.rdv.loire.gouv.fr/booking/create/804',
  instructions:
    'Module de réservation pour introduire une demande d’AES, étudiée seulement si vous résidez habituellement en France depuis plus de 5 ans, détenez un passeport en cours de validité et n’êtes visé ni par une obligation de quitter le territoire ou un refus de titre notifiés depuis moins d’un an, ni par une interdiction de retour, un arrêté d’expulsion ou une interdiction judiciaire du territoire. Lisez la liste des pièces : une copie A4 de chaque document et l’original ; tout dossier incomplet sera refusé. Si vous vivez en couple, votre conjoint doit vous accompagner. Aucun dossier n’est accepté par voie postale. Les plages sont mises à jour chaque lundi. Confirmez votre date en répondant au courriel reçu et présentez-vous avec votre convocation 10 minutes en avance.',
};

// For every office of seeds/002 that handles AES; the others "ne traitent pas les demandes d'AES"
// and get no offer. Vienne (38) is left out too: the directory says its links are dead.
const DIRECTORY_OFFERS: readonly DemoOffer[] = [
  directory('01-bourg-en-bresse', 'external', AIN_AES),
  directory('01-gex', 'external', AIN_AES),
  directory('03-moulins', 'postal', {
    url: 'https://www.allier.gouv.fr/admission-exceptionnelle-au-sejour-a3659.html',
    postalAddress:
      "Préfecture de l'Allier\nBureau de la nationalité et des étrangers\n2 rue Michel de l'Hospital\nCS 31649 - 03016 Moulins Cedex",
    instructions:
      'La demande se fait par voie postale. Téléchargez le formulaire (https://www.allier.gouv.fr/IMG/pdf/skm_367_bne22042112500.pdf) et envoyez la demande, datée et signée, en recommandé avec accusé de réception : l’accusé de réception vaut preuve de dépôt du dossier.',
  }),
  directory('07-privas', 'email', {
    url: 'https://www.ardeche.gouv.fr/immigration-integration-informations-locales-r1322.html',
    contactEmail: 'pref-etrangers@ardeche.gouv.fr',
    instructions:
      'Le dépôt se fait uniquement sur rendez-vous, à demander par courriel en mentionnant vos nom et prénom et en joignant la copie recto verso de votre titre de séjour actuel, ou de votre passeport s’il s’agit d’une première demande. Le jour du rendez-vous, tout dossier incomplet sera refusé.',
  }),
  directory('15-aurillac', 'postal', {
    url: 'https://www.cantal.gouv.fr/etrangers-vos-demarches-r2931.html',
    contactEmail: 'pref-sve-sejour@cantal.gouv.fr',
    postalAddress:
      "Préfecture du Cantal\nBureau des migrations et de l'intégration\nBP 529\n15005 Aurillac Cedex",
    instructions:
      'Pour un titre de séjour au motif vie privée et familiale, salarié ou travailleur temporaire, stagiaire, saisonnier, jeune au pair ou étudiant en recherche d’emploi, adressez votre dossier complet par courrier.',
  }),
  directory('26-valence', 'postal', {
    url: 'https://www.drome.gouv.fr/titres-de-sejour-r2052.html',
    contactEmail: 'pref-sejour@drome.gouv.fr',
    postalAddress:
      'Préfecture de la Drôme – service des étrangers\n3 boulevard Vauban\n26030 Valence cedex 9',
    instructions:
      'Choisissez la liste de documents qui correspond à votre situation (https://www.drome.gouv.fr/cartes-de-sejour-1an-et-cartes-pluriannuelles-a7909.html) et envoyez votre dossier par courrier.',
  }),
  directory('38-grenoble', 'walk_in', {
    url: 'https://www.isere.gouv.fr/Demarches-administratives/Immigration-Naturalisation/Sejour/Demarches-bureau-accueil-sejour/Demarches-accomplies-au-bureau-Accueil-Sejour',
    instructions:
      'Si vous dépendez de l’arrondissement de Grenoble, présentez-vous le mercredi après-midi sans rendez-vous avec votre dossier. Attention, le nombre de tickets est limité.',
  }),
  directory('38-la-tour-du-pin', 'email', {
    url: 'https://www.isere.gouv.fr/Services-de-l-Etat/Prefecture-et-sous-prefectures/Sous-prefecture-de-La-Tour-du-Pin/Comment-effectuer-mes-demarches-immigration-en-sous-prefecture',
    contactEmail: 'pref-sptdpin-etrangers-d1@isere.gouv.fr',
    instructions:
      'Pour les résidents de l’arrondissement de La Tour-du-Pin : pour prendre rendez-vous, envoyez un courriel avec la fiche de renseignements (https://www.isere.gouv.fr/Outils/Annexes-Demarches/Titres-de-sejour-Liste-des-pieces/ref-doc-4-fiche-de-renseignements). Questions diverses (avancement du dossier…) : présentez-vous du lundi au vendredi entre 8h30 et 11h30 ou écrivez à pref-etrangers-sptdp@isere.gouv.fr.',
  }),
  directory('42-saint-etienne', 'external', LOIRE_AES),
  directory('42-montbrison', 'external', LOIRE_AES),
  directory('42-roanne', 'postal', {
    url: 'https://www.loire.gouv.fr/sous-prefecture-de-roanne-r940.html',
    postalAddress: 'Sous-préfecture de Roanne\nRue Joseph Déchelette\n42328 Roanne Cedex',
    instructions:
      'Téléchargez le formulaire (https://www.loire.gouv.fr/IMG/pdf/formulaire_de_premiere_demande_de_titre_spr.pdf) et adressez-le par voie postale, ou déposez-le dans la boîte aux lettres de la sous-préfecture, avec une enveloppe timbrée ; le service vous contactera lorsqu’il ouvrira votre dossier. Délai de traitement au 01/09/2022 : 4 mois. Permanence téléphonique au 04 77 23 64 64 le mardi et le jeudi de 14h à 16h.',
  }),
  directory('43-le-puy-en-velay', 'postal', {
    url: 'https://www.haute-loire.gouv.fr/informations-generales-sur-le-droit-des-etrangers-a3458.html',
    // Spelled as in the directory.
    contactEmail: 'pref-etranagers@haute-loire.gouv.fr',
    postalAddress:
      "Préfecture de la Haute-Loire\nBureau de l'immigration et de l'intégration\n6, avenue du général de Gaulle - CS 40321\n43009 Le Puy-en-Velay Cedex",
    instructions:
      'Envoyez votre demande uniquement par voie postale, ou déposez-la dans la boîte aux lettres à l’entrée de la préfecture. Téléchargez le formulaire de première demande (https://www.haute-loire.gouv.fr/IMG/pdf/1ere_demande_titre_de_sejour_v_nouvelle_charte_.pdf) : à peine d’irrecevabilité, il doit être complété, daté, signé et accompagné de son annexe et de toutes les pièces requises (3 photos, copie de toutes les pages du passeport, justificatif d’état civil, justificatif de domicile de moins de 6 mois, timbre fiscal de 50 €).',
  }),
  directory('63-clermont-ferrand', 'postal', {
    url: 'https://www.puy-de-dome.gouv.fr/depot-instruction-et-delivrance-de-titres-de-a8448.html',
    postalAddress:
      'Préfecture du Puy-de-Dôme\nCellule « Dépôt de demande de titre de séjour »\n18 boulevard Desaix\n63033 Clermont-Ferrand Cedex 01',
    instructions:
      'Déposez votre dossier dans la boîte aux lettres de la préfecture ou envoyez-le par courrier. Pour une question sur votre dossier : https://www.demarches-simplifiees.fr/commencer/formulaire-de-contact-63.',
  }),
  directory('69-lyon', 'external', {
    url: 'https://www.demarches-simplifiees.fr/commencer/premiere-demande-titre-de-sejour-prefecture-rhone',
    instructions:
      'Le dépôt se fait uniquement en ligne ; une fois la demande traitée, une convocation vous est envoyée par courriel. Démarche non ouverte aux bénéficiaires d’une protection internationale, aux étudiants étrangers et aux titulaires d’un VLS-TS validé. Aucune demande incomplète ou postale n’est traitée ; une seule demande par personne est examinée.',
  }),
  directory('73-chambery', 'external', {
    url: 'https://www.savoie.gouv.fr/Enquetes/Rendez-vous-pour-une-Admission-Exceptionnelle-au-Sejour-CESEDA-art.-L-435-1',
    instructions:
      'Complétez le formulaire en ligne de demande de rendez-vous pour une admission exceptionnelle au séjour.',
  }),
  directory('74-annecy', 'postal', {
    url: 'https://www.haute-savoie.gouv.fr/Demarches-administratives/Etrangers-en-Haute-Savoie/Demander-une-admission-exceptionnelle-au-sejour',
    postalAddress:
      "Préfecture de la Haute-Savoie\nBureau de l'accueil et du séjour des étrangers (BASE)\nSection admission exceptionnelle au séjour (AES)\nBP 2332 - 74034 Annecy cedex",
    instructions:
      'Depuis le 01/01/2023, la demande se fait uniquement par voie postale. Complétez le formulaire (vie privée et familiale, ou travail) et joignez les pièces justificatives, uniquement en photocopie. Cela concerne aussi les mineurs non accompagnés qui ne sont plus pris en charge par le conseil départemental.',
  }),
];

// seeds/004: in Hérault, holders of a ten-year card may come in the morning without an appointment.
const HERAULT_RESIDENT_CARD: DemoOffer = {
  key: '34-montpellier/renouvellement-carte-resident',
  procedure: 'renouvellement-carte-resident',
  site: '34-montpellier',
  channel: 'walk_in',
  instructions: 'Présentez-vous le matin, sans rendez-vous, au guichet de la préfecture, sauf le mercredi.',
  contactEmail: 'pref-etrangers@herault.gouv.fr',
  url: null,
  postalAddress: null,
  updatedOn: '2019-03-21',
  openingRules: [],
};

export const DEMO_OFFERS: readonly DemoOffer[] = [
  ...bookingOffers(),
  HERAULT_RESIDENT_CARD,
  ...DIRECTORY_OFFERS,
];

interface RawArrondissement {
  code: string;
  departement: string;
  nom: string;
}

/**
 * The arrondissements of the demo départements, from `@etalab/decoupage-administratif`, each served
 * by the office in its chef-lieu: the préfecture for its own, each sous-préfecture for its own.
 */
export function demoArrondissements(): DemoArrondissement[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@etalab/decoupage-administratif/data/arrondissements.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawArrondissement[];
  const departments = new Set(DEMO_DEPARTMENTS.map((department) => department.code));
  return raw
    .filter((arrondissement) => departments.has(arrondissement.departement))
    .map((arrondissement) => {
      const site = DEMO_SITES.find(
        (candidate) =>
          candidate.department === arrondissement.departement && siteCity(candidate) === arrondissement.nom,
      );
      if (!site) throw new Error(`No demo site in the chef-lieu of arrondissement ${arrondissement.code}`);
      return {
        code: arrondissement.code,
        department: arrondissement.departement,
        name: arrondissement.nom,
        site: site.key,
      };
    });
}

/** The city of a site's address, after its postal code ('…, 74000 Annecy' → 'Annecy'). */
export function siteCity(site: DemoSite): string {
  return /\b\d{5} (.+)$/.exec(site.address)?.[1] ?? '';
}

/** The postal code of a site's address ('…, 74000 Annecy' → '74000'). */
export function sitePostalCode(site: DemoSite): string {
  return /\b(\d{5}) [^,]+$/.exec(site.address)?.[1] ?? '';
}

/**
 * A few exceptional closures a few weeks after `today` ('YYYY-MM-DD'), always on a working day, so
 * that the demo shows missing days whatever the date it is loaded.
 */
export function demoClosures(today: string): DemoClosure[] {
  const reason = 'Fermeture exceptionnelle';
  return [
    { site: '74-annecy', day: weekdayOnOrAfter(today, 16, 2), reason },
    { site: '84-carpentras', day: weekdayOnOrAfter(today, 9, 4), reason: `${reason} pour travaux` },
    { site: '84-carpentras', day: weekdayOnOrAfter(today, 9, 5), reason: `${reason} pour travaux` },
    { site: '974-saint-denis', day: weekdayOnOrAfter(today, 23, 1), reason },
  ];
}

/** The first date with this ISO weekday on or after `today` + `offsetDays`. */
function weekdayOnOrAfter(today: string, offsetDays: number, weekday: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  const date = match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== today) {
    throw new RangeError(`Expected a date as YYYY-MM-DD, got "${today}"`);
  }
  date.setUTCDate(date.getUTCDate() + offsetDays);
  const current = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + ((weekday - current + 7) % 7));
  return date.toISOString().slice(0, 10);
}
