// The demo data set: sixteen départements with their offices, procedures, offers and opening hours.
//
// Five départements (74, 84, 45, 34, 974) take bookings, so that slots exist for the whole journey
// (Hérault's renewals by draw, with a weekly calendar);
// the Auvergne-Rhône-Alpes directory of seeds/002 gives, office by office, the real channel for an
// admission exceptionnelle au séjour. Rows refer to each other by stable keys (site keys such as
// '74-annecy', procedure codes), never by database ids: demo-seed.repository.ts resolves them when inserting.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Channel, HolidayRegion, SiteKind } from '../../db/schema.ts';
import { DIRECTORY_OFFERS } from './demo-directory.ts';
import { DEMO_DRAW_CALENDAR, type DemoDrawCalendar, HERAULT_DRAW_OFFICES } from './demo-draws.ts';
import type { LocalizedText } from './localized-text.ts';

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
  /** What the counter requires to receive the applicant; null: nothing particular. */
  admissionRule: LocalizedText | null;
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
  /** Only booking and draw offers have opening rules: the other channels publish no slots. */
  openingRules: readonly DemoOpeningRule[];
  /** A draw offer's recurring calendar (draw_calendar); its first window opens on the week it is loaded. */
  drawCalendar?: DemoDrawCalendar;
}

export interface DemoClosure {
  site: string;
  /** 'YYYY-MM-DD', local date of the site. */
  day: string;
  reason: string;
}

const PARIS = 'Europe/Paris';

/** The advice every demo office gives on when and how to come (site.arrival_advice). */
export const DEMO_ARRIVAL_ADVICE: LocalizedText = {
  fr: 'Présentez-vous 10 minutes en avance, avec votre convocation et toutes les pièces demandées.',
  en: 'Please arrive 10 minutes early, with your appointment letter and all the documents required.',
};

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

export { demoDrawCalendarStart } from './demo-draws.ts';
export { DEMO_PROCEDURES } from './demo-procedures.ts';

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
      ...(HERAULT_DRAW_OFFICES.has(`${site.key}/${procedure}`)
        ? { channel: 'draw' as const, drawCalendar: DEMO_DRAW_CALENDAR }
        : { channel: 'booking' as const }),
      instructions: BOOKING_NOTES[site.department]?.[procedure] ?? '',
      contactEmail: (procedure === 'renouvellement-titre' && BOOKING_CONTACTS[site.department]) || null,
      url: null,
      postalAddress: null,
      updatedOn: null,
      openingRules: bookingRules(site.kind, procedure, hours),
    }));
  });
}

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
