import { integer, type Settings, url } from './parsers.ts';

/** The applicants' side: holds, draws, limits per person, publication and the return of freed seats. */
export interface BookingConfig {
  holdMinutes: number;
  /** A draw's winner confirms its pending booking within this many hours. */
  drawConfirmHours: number;
  /** drand-style HTTP beacon whose round's randomness enters each draw's key; none when unset. */
  drawBeaconUrl: string | undefined;
  /** Freed seats of draw offers gather into a follow-up draw at most this often. */
  followUpDrawHours: number;
  maxActivePerEmail: number;
  /** Online requests or updates one identity may submit per day, from any address or email. */
  requestUpdatesPerDay: number;
  publicationDays: number;
  /** A first-come seat freed by a cancellation is held back between these many minutes (drawn at random). */
  coolDownMinMinutes: number;
  coolDownMaxMinutes: number;
  /** How long an offer of an earlier slot waits for its answer. */
  earlierOfferHours: number;
  /** How long a person whose first-come appointment the office revoked may book again before others. */
  revocationPriorityHours: number;
}

export const bookingSettings: Settings<BookingConfig> = {
  holdMinutes: {
    key: 'holdMinutes',
    env: 'HOLD_MINUTES',
    doc: 'How long a pending booking holds its seat waiting for the email confirmation.',
    parse: integer(1, 24 * 60, 30),
  },
  drawConfirmHours: {
    key: 'drawConfirmHours',
    env: 'DRAW_CONFIRM_HOURS',
    doc: 'How long a draw winner has to confirm the pending booking it won.',
    parse: integer(1, 14 * 24, 48),
  },
  drawBeaconUrl: {
    key: 'drawBeaconUrl',
    env: 'DRAW_BEACON_URL',
    doc: "Public randomness beacon in drand's HTTP format (its chain's base URL); unset: no beacon.",
    parse: url(['http:', 'https:']),
  },
  followUpDrawHours: {
    key: 'followUpDrawHours',
    env: 'FOLLOW_UP_DRAW_HOURS',
    doc: 'Freed seats of a draw offer go to a follow-up draw at most this many hours apart.',
    parse: integer(1, 7 * 24, 4),
  },
  maxActivePerEmail: {
    key: 'maxActivePerEmail',
    env: 'MAX_ACTIVE_PER_EMAIL',
    doc: 'Most active bookings (pending or confirmed) one email address may hold.',
    parse: integer(1, 100, 3),
  },
  requestUpdatesPerDay: {
    key: 'requestUpdatesPerDay',
    env: 'REQUEST_UPDATES_PER_DAY',
    doc: 'Most requests or updates submitted online for one identity per day, whatever the address or email (then 429).',
    parse: integer(1, 1_000, 10),
  },
  publicationDays: {
    key: 'publicationDays',
    env: 'PUBLICATION_DAYS',
    doc: 'Days ahead an offer publishes slots, for offers created without their own horizon.',
    parse: integer(1, 365, 56),
  },
  coolDownMinMinutes: {
    key: 'coolDownMinMinutes',
    env: 'COOL_DOWN_MIN_MINUTES',
    doc: 'Shortest time a first-come seat freed by a cancellation stays out of the public pool (decision 0029).',
    parse: integer(0, 7 * 24 * 60, 30),
  },
  coolDownMaxMinutes: {
    key: 'coolDownMaxMinutes',
    env: 'COOL_DOWN_MAX_MINUTES',
    doc: 'Longest such time; each seat returns at a moment drawn at random between the two.',
    parse: (raw, env) => {
      const parsed = integer(0, 7 * 24 * 60, 180)(raw);
      const min = integer(0, 7 * 24 * 60, 30)(env.COOL_DOWN_MIN_MINUTES);
      if ('value' in parsed && 'value' in min && parsed.value < min.value) {
        return { error: `must not be less than COOL_DOWN_MIN_MINUTES (${min.value})` };
      }
      return parsed;
    },
  },
  earlierOfferHours: {
    key: 'earlierOfferHours',
    env: 'EARLIER_OFFER_HOURS',
    doc: 'Hours a person offered an earlier slot has to accept it, before it goes to the next person.',
    parse: integer(1, 7 * 24, 12),
  },
  revocationPriorityHours: {
    key: 'revocationPriorityHours',
    env: 'REVOCATION_PRIORITY_HOURS',
    doc: 'Hours a person whose appointment the office revoked may book again before the freed seat opens to others.',
    parse: integer(1, 14 * 24, 48),
  },
};
