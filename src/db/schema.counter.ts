import type { ColumnType, Generated } from 'kysely';
import type { BookingStatus } from '../modules/booking/statuses.ts';
import type { Id, Timestamp } from './schema.ts';

// The counter loop's record (migration 0025) and identity corrections (0027). Part of `Database` in schema.ts.

export type CounterAction =
  | 'check_in'
  | 'call'
  | 'recall'
  | 'serve'
  | 'finish'
  | 'miss'
  | 'requeue'
  | 'no_show'
  | 'undo'
  | 'close_day';

/** One step of a booking through the counter loop, by whom and at which counter; never changed. */
export interface CounterEventTable {
  id: Generated<Id>;
  booking_id: Id;
  site_id: number;
  at: Timestamp;
  /** Null for the end-of-day job. */
  agent_id: number | null;
  action: CounterAction;
  from_status: BookingStatus;
  to_status: BookingStatus;
  counter: string | null;
  /** For an undo: the event it takes back. */
  undoes: Id | null;
}

/** The identity before and after a correction, as the booking's trigger compares it (migration 0027). */
export interface IdentityValues {
  lastName: string;
  firstName: string;
  birthDate: string;
  foreignerNumber: string | null;
}

/** An agent's correction of a booking's identity, with its reason; the only way the identity changes. */
export interface IdentityCorrectionTable {
  id: Generated<Id>;
  booking_id: Id;
  at: Timestamp;
  agent_id: number | null;
  reason: string;
  before: ColumnType<IdentityValues, string, never>;
  after: ColumnType<IdentityValues, string, never>;
  /** The transaction that wrote it (xid8), stamped by the table's trigger. */
  xact: ColumnType<string, never, never>;
}
