import type { Generated } from 'kysely';
import type { BookingStatus } from '../modules/booking/statuses.ts';
import type { Id, Timestamp } from './schema.ts';

// The counter loop's record (migration 0025). Part of `Database` in schema.ts.

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
