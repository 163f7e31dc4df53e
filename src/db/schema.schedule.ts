import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Id, Timestamp } from './schema.ts';

// What is published: offers of a procedure at an office, their opening rules, closures, the slots, and
// the seats freed again. Part of `Database` in schema.ts.

export type Channel = 'booking' | 'draw' | 'postal' | 'email' | 'walk_in' | 'external';

export interface OfferTable {
  id: Generated<number>;
  procedure_id: number;
  site_id: number;
  channel: Channel;
  instructions: Generated<string>;
  contact_email: string | null;
  url: string | null;
  postal_address: string | null;
  updated_on: ColumnType<DateColumn, DateColumn | undefined, DateColumn>;
  /** Days ahead the offer's slots are published, today included; defaults to PUBLICATION_DAYS. */
  publication_days: Generated<number>;
  /** How the horizon's new days are published (migration 0014; schedule/release-policy.ts). */
  release_mode: Generated<ReleaseMode>;
  /** ISO weekdays of the releases (1 Monday … 7 Sunday). */
  release_weekdays: Generated<number[]>;
  /** 'fixed': the local time of each release, 'HH:MM:SS'. */
  release_time: ColumnType<string | null, string | null | undefined, string | null>;
  /** 'random': the daily window the moment is drawn in, local 'HH:MM:SS'. */
  release_window_start: ColumnType<string | null, string | null | undefined, string | null>;
  release_window_end: ColumnType<string | null, string | null | undefined, string | null>;
  /** Release modes: the last local day released so far. */
  released_through: ColumnType<DateColumn | null, DateColumn | null | undefined, DateColumn | null>;
  /** Release modes: the moment of the next release (secret for a random window). */
  next_release_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** 'rolling': the whole horizon at once; 'fixed' or 'random': new days at each release. */
export type ReleaseMode = 'rolling' | 'fixed' | 'random';

export interface OpeningRuleTable {
  id: Generated<number>;
  offer_id: number;
  weekday: number;
  /** 'HH:MM' or 'HH:MM:SS', wall-clock time in the site's zone. */
  starts_at: string;
  ends_at: string;
  capacity: number;
  valid_from: DateColumn | null;
  valid_until: DateColumn | null;
}

export interface ClosureTable {
  id: Generated<number>;
  site_id: number;
  day: DateColumn;
  reason: Generated<string>;
}

export interface SlotTable {
  id: Generated<Id>;
  offer_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  taken: Generated<number>;
  /** Seats in their cool-down (migration 0020): neither shown nor bookable. */
  held_back: Generated<number>;
}

/** Why a seat became free again. */
export type SeatFreedCause = 'expired' | 'cancelled' | 'revoked' | 'unconfirmed_win' | 'moved';

/** Something that happened to a seat, claimed once by one consumer (schedule/seat-events.repository.ts). */
export interface SeatEventTable {
  id: Generated<Id>;
  event: 'seat.freed';
  cause: SeatFreedCause;
  slot_id: Id;
  offer_id: number;
  procedure_id: number;
  booking_id: Id | null;
  occurred_at: Timestamp;
  consumed_at: Timestamp | null;
  consumed_by: string | null;
}
