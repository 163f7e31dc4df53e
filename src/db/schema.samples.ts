import type { Timestamp } from './schema.ts';

// What the public pool showed, hour by hour (migration 0029). Part of `Database` in schema.ts.

/** The earliest bookable slot of a first-come offer at the hour of the sample; null: none. */
export interface AvailabilitySampleTable {
  offer_id: number;
  sampled_at: Timestamp;
  next_free_at: Timestamp | null;
}
