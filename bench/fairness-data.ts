/**
 * The fairness benchmark's data: one procedure in Hérault, one office booked first-come and one whose
 * seats a draw allocates, each with 1,000 seats in the same period (an offer is one channel per office
 * and procedure, so the two modes need two offices); and the population of clients, generated from a
 * fixed seed, that both modes face.
 */
import type { Db } from '../src/db/database.ts';
import { addDays, localDate, zonedTimeToUtc } from '../src/modules/schedule/timezone.ts';

export const TIMEZONE = 'Europe/Paris';
/** Per office: 5 weekdays × 20 slots × 10 seats. */
const DAYS = 5;
const SEATS_PER_SLOT = 10;
const SLOT_MINUTES = 15;
/** Ten morning slots from 09:00, ten afternoon ones from 13:30. */
const FIRST_MINUTES = [9 * 60, 13 * 60 + 30];
const SLOTS_PER_HALF_DAY = 10;

export interface FairnessDataset {
  procedureId: number;
  departmentCode: string;
  booking: { siteId: number; offerId: number };
  draw: { siteId: number; offerId: number };
  /** The period's local dates, Monday to Friday. */
  periodFrom: string;
  periodTo: string;
  seatsPerOffice: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Monday at least a week after `today` (YYYY-MM-DD). */
function periodStart(today: string): string {
  let day = addDays(today, 7);
  while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  return day;
}

async function insertSite(db: Db, name: string, kind: 'prefecture' | 'sous_prefecture') {
  const site = await db
    .insertInto('site')
    .values({ department_code: '34', name, kind, address: `1 place du Banc d'essai, 34000 Montpellier` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return site.id;
}

/** Creates the département, offices, procedure, both offers and their 1,000 seats each. */
export async function createFairnessDataset(db: Db, now: Date): Promise<FairnessDataset> {
  await db
    .insertInto('department')
    .values({ code: '34', name: 'Hérault', timezone: TIMEZONE, holiday_region: 'metropole' })
    .execute();
  const bookingSite = await insertSite(db, 'Préfecture de l’Hérault (banc d’essai)', 'prefecture');
  const drawSite = await insertSite(db, 'Sous-préfecture de Béziers (banc d’essai)', 'sous_prefecture');
  const procedure = await db
    .insertInto('procedure')
    .values({
      code: 'bench-equite',
      title: 'Renouvellement de titre de séjour (banc d’essai de l’équité)',
      duration_minutes: SLOT_MINUTES,
      requires_foreigner_number: true,
      requires_title_expiry: false,
      requires_postal_code: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offer = async (siteId: number, channel: 'booking' | 'draw') =>
    (
      await db
        .insertInto('offer')
        .values({ procedure_id: procedure.id, site_id: siteId, channel })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const bookingOffer = await offer(bookingSite, 'booking');
  const drawOffer = await offer(drawSite, 'draw');

  const periodFrom = periodStart(localDate(now, TIMEZONE));
  const starts: Date[] = [];
  for (let d = 0; d < DAYS; d++) {
    const date = addDays(periodFrom, d);
    for (const first of FIRST_MINUTES) {
      for (let i = 0; i < SLOTS_PER_HALF_DAY; i++) {
        const minute = first + i * SLOT_MINUTES;
        starts.push(zonedTimeToUtc(date, `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`, TIMEZONE));
      }
    }
  }
  for (const offerId of [bookingOffer, drawOffer]) {
    await db
      .insertInto('slot')
      .values(
        starts.map((start) => ({
          offer_id: offerId,
          starts_at: start,
          ends_at: new Date(start.getTime() + SLOT_MINUTES * 60_000),
          capacity: SEATS_PER_SLOT,
        })),
      )
      .execute();
  }
  return {
    procedureId: procedure.id,
    departmentCode: '34',
    booking: { siteId: bookingSite, offerId: bookingOffer },
    draw: { siteId: drawSite, offerId: drawOffer },
    periodFrom,
    periodTo: addDays(periodFrom, DAYS - 1),
    seatsPerOffice: starts.length * SEATS_PER_SLOT,
  };
}

export type Group = 'fast' | 'slow';

/** One submission: an identity under one email, from one address. */
export interface Submission {
  client: number;
  email: string;
  /** The X-Forwarded-For address it comes from (TRUST_PROXY believes the loopback). */
  address: string;
}

/** A person (one identity), fast or slow, with its submissions: one, or four for a duplicator. */
export interface Client {
  index: number;
  group: Group;
  /** Whether it also submits three duplicates under other emails and addresses. */
  duplicates: boolean;
  foreignerNumber: string;
  /** For a slow client, when it arrives, in ms after the window opens. */
  arrivalMs: number;
  submissions: Submission[];
}

export interface Population {
  clients: Client[];
  /** The fast clients' submissions, duplicates included, in the shuffled order they are fired. */
  fastQueue: Submission[];
  /** Slow clients by arrival time. */
  slow: Client[];
}

/** mulberry32: a small seeded generator, so that every run faces the same population. */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function address(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * `fast` + `slow` clients; one fast client in five also submits 3 duplicates. `prefix` (1–9) makes
 * the identities of one mode distinct from the other's: an identity booked first-come may not request.
 */
export function makePopulation(options: {
  prefix: number;
  fast: number;
  slow: number;
  windowMs: number;
  seed: number;
}): Population {
  const random = generator(options.seed);
  const clients: Client[] = [];
  let addresses = 0;
  for (let index = 0; index < options.fast + options.slow; index++) {
    const group: Group = index < options.fast ? 'fast' : 'slow';
    const duplicates = group === 'fast' && index % 5 === 0;
    const submissions = Array.from({ length: duplicates ? 4 : 1 }, (_, copy) => ({
      client: index,
      email: `m${options.prefix}-${index}-${copy}@banc-equite.test`,
      address: address(++addresses),
    }));
    clients.push({
      index,
      group,
      duplicates,
      foreignerNumber: String(options.prefix * 1_000_000_000 + index),
      arrivalMs: group === 'slow' ? Math.floor(random() * options.windowMs) : 0,
      submissions,
    });
  }
  const fastQueue = clients.filter((c) => c.group === 'fast').flatMap((c) => c.submissions);
  for (let i = fastQueue.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [fastQueue[i], fastQueue[j]] = [fastQueue[j] as Submission, fastQueue[i] as Submission];
  }
  const slow = clients.filter((c) => c.group === 'slow').sort((a, b) => a.arrivalMs - b.arrivalMs);
  return { clients, fastQueue, slow };
}

/** The applicant of a submission: the client's identity under the submission's email. */
export function applicantOf(client: Client, submission: Submission) {
  return {
    lastName: 'Benali',
    firstName: `Samira${String.fromCharCode(97 + (client.index % 26))}`,
    birthDate: '1990-04-12',
    email: submission.email,
    foreignerNumber: client.foreignerNumber,
  };
}
