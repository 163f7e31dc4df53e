import type { Generated } from 'kysely';
import type { Id, Timestamp } from './schema.ts';

// The table of the priority given by a revocation (migration 0024). Part of `Database` in schema.ts.

/** The right of a person whose first-come appointment the office revoked to book again first. */
export interface PriorityPassTable {
  id: Generated<Id>;
  booking_id: Id;
  identity_key: string;
  procedure_id: number;
  department_code: string;
  held_seat_id: Id | null;
  token_hash: Buffer;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  new_booking_id: Id | null;
}
