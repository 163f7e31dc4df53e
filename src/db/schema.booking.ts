import type { ColumnType, Generated } from 'kysely';
import type { BookingStatus } from '../modules/booking/statuses.ts';
import type { DateColumn, Id, Locale, Timestamp } from './schema.ts';

// Bookings, the active count of each address, and the tokens of their links. Part of `Database` in
// schema.ts.

export interface BookingTable {
  id: Generated<Id>;
  reference: string;
  slot_id: string;
  procedure_id: number;
  status: ColumnType<BookingStatus, BookingStatus | undefined, BookingStatus>;
  identity_key: string;
  email_key: string;
  last_name: string;
  first_name: string;
  birth_date: DateColumn;
  email: string;
  phone: string | null;
  foreigner_number: string | null;
  title_expiry: DateColumn | null;
  postal_code: string | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  hold_expires_at: Timestamp;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  confirmed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  status_reason: string | null;
  /** The draw that gave this booking (migration 0019), and the request that won it. */
  draw_id: ColumnType<number | null, number | null | undefined, never>;
  request_id: ColumnType<Id | null, Id | null | undefined, Id | null>;
  /** False for a win of a request entered by an agent or a partner: the address's limit does not apply. */
  counts_for_email: ColumnType<boolean, boolean | undefined, never>;
  /** The counter loop (migration 0025): its times, the calls made and the counter of the last one. */
  checked_in_at: Timestamp | null;
  called_at: Timestamp | null;
  call_count: Generated<number>;
  counter: string | null;
  served_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** The keyed hash of the applicant's network (migration 0026; protection/network-key.ts), 32 bytes. */
  network_key: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
}

export interface EmailActivityTable {
  email_key: string;
  active: number;
}

export type TokenPurpose = 'confirm' | 'manage';

export interface BookingTokenTable {
  id: Generated<Id>;
  booking_id: string;
  purpose: TokenPurpose;
  token_hash: Buffer;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A link to every booking of one email address ("Annuler, consulter et gérer"). */
export interface AccessTokenTable {
  id: Generated<Id>;
  email_key: string;
  token_hash: Buffer;
  expires_at: Timestamp;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}
