import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Id, Timestamp } from './schema.ts';

// The draws' tables (migration 0019): recurring calendars of draw offers, draws, their entries.
// Part of `Database` in schema.ts.

type DateColumn = string;

/** The recurring calendar of a draw offer: a window every `period_days` days from `first_opens_on`. */
export interface DrawCalendarTable {
  offer_id: number;
  first_opens_on: DateColumn;
  /** Local time of the site, 'HH:MM:SS'. */
  opens_at: ColumnType<string, string | undefined, string>;
  window_days: number;
  closes_at: ColumnType<string, string | undefined, string>;
  period_days: number;
  /** The slots allocated start this many days after the window's closing day. */
  lead_days: number;
  active: Generated<boolean>;
  updated_at: Generated<Date>;
}

export type DrawKind = 'main' | 'follow_up';
export type DrawOrigin = 'calendar' | 'one_off' | 'follow_up';
export type DrawStatus = 'open' | 'closed' | 'drawn';

export interface DrawTable {
  id: Generated<number>;
  procedure_id: number;
  department_code: string;
  kind: DrawKind;
  origin: DrawOrigin;
  offer_ids: number[];
  site_ids: number[];
  window_opens_at: Timestamp;
  window_closes_at: Timestamp;
  slots_from: DateColumn;
  slots_to: DateColumn;
  /** 32 random bytes, secret until the draw. */
  seed: Buffer;
  /** Lowercase hex SHA-256 of the seed. */
  commitment: string;
  beacon_round: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  /** Hex randomness of the beacon's round, '' without a beacon; set by the draw. */
  beacon: string | null;
  status: ColumnType<DrawStatus, DrawStatus | undefined, DrawStatus>;
  drawn_at: Timestamp | null;
  /** The published bundle (PRODUCT §5.1). */
  bundle: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A request as it took part in a draw, and the slot it won. */
export interface DrawEntryTable {
  draw_id: number;
  request_id: Id;
  tier: number;
  lost: number;
  slot_id: Id | null;
}
