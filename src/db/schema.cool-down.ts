import type { Generated } from 'kysely';
import type { Id, Timestamp } from './schema.ts';

// The tables of the cool-down and the earlier-slot offers (migration 0020). Part of `Database` in
// schema.ts.

/** 'held': out of the public pool; 'returned': back in it; 'given': taken by an accepted offer. */
export type HeldSeatStatus = 'held' | 'returned' | 'given';

/** A freed first-come seat kept out of the public pool until `returns_at`. */
export interface HeldSeatTable {
  id: Generated<Id>;
  slot_id: Id;
  seat_event_id: Id | null;
  held_at: Timestamp;
  returns_at: Timestamp;
  status: Generated<HeldSeatStatus>;
  ended_at: Timestamp | null;
}

/** A confirmed booking whose holder asks to be offered an earlier slot. */
export interface EarlierWishTable {
  booking_id: Id;
  created_at: Timestamp;
}

/** 'offered': waiting for an answer; then accepted (moved), declined, or expired (no answer in time). */
export type EarlierOfferStatus = 'offered' | 'accepted' | 'declined' | 'expired';

/** A held seat offered to one person with an earlier-slot wish. */
export interface EarlierOfferTable {
  id: Generated<Id>;
  held_seat_id: Id;
  booking_id: Id;
  /** Copied from the booking by the trigger. */
  identity_key: Generated<string>;
  offered_on: string;
  offered_at: Timestamp;
  expires_at: Timestamp;
  status: Generated<EarlierOfferStatus>;
  decided_at: Timestamp | null;
  token_hash: Buffer;
}
