import type { ColumnType, Generated } from 'kysely';
import type { RequestStatus } from '../modules/requests/statuses.ts';
import type { DateColumn, Id, Locale, Timestamp } from './schema.ts';

// Requests for a draw (migration 0017), the live count of each address, and the tokens of their
// links. Part of `Database` in schema.ts.

/** A request for a draw (migration 0017): an identity, a procedure, what it can attend. */
export interface RequestTable {
  id: Generated<Id>;
  /** The receipt number, random, 10 characters of Crockford's base 32. */
  label: string;
  procedure_id: number;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
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
  site_ids: number[];
  /** `mon-am` … `sun-pm`; empty: any. */
  half_days: ColumnType<string[], string[] | undefined, string[]>;
  earliest: DateColumn | null;
  lost: Generated<number>;
  priority: Generated<boolean>;
  /** The agent who entered it on the person's behalf; null when submitted online. */
  entered_by: number | null;
  booking_id: Id | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  closed_at: Timestamp | null;
  /** The keyed hash of the applicant's network (migration 0026; protection/network-key.ts), 32 bytes. */
  network_key: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  /** The office's reason when an agent closed it (migration 0030); null for any other ending. */
  closed_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The agent who closed it. */
  closed_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RequestEmailActivityTable {
  email_key: string;
  live: number;
}

export type RequestTokenPurpose = 'manage' | 'receipt';

export interface RequestTokenTable {
  id: Generated<Id>;
  request_id: string;
  purpose: RequestTokenPurpose;
  token_hash: Buffer;
  expires_at: Timestamp;
}
