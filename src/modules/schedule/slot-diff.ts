// What regeneration changes in an offer's future slots, as a pure function: the slots the schedule
// now gives against the slots stored, matched by start instant (the table's unique key).

import type { GeneratedSlot } from './slot-generation.ts';

/** A stored future slot, with its seats taken and whether any booking (of any status) points at it. */
export interface StoredSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  /** Active bookings (pending, confirmed): seats held. */
  taken: number;
  /** Whether a booking row refers to it, even a cancelled or expired one: it cannot be deleted then. */
  referenced: boolean;
}

/** A slot that would hold fewer seats than its active bookings: `missing` of them would have none. */
export interface SeatShortage {
  slotId: string;
  missing: number;
}

export interface SlotChanges {
  insert: GeneratedSlot[];
  /** Slots kept whose end (a new duration) or seats (new counters) change. */
  update: { id: string; endsAt: Date; capacity: number }[];
  /** Slots no longer given and never booked: deleted. */
  remove: string[];
  /**
   * Slots no longer given whose bookings all ended (cancelled, expired): kept for those records with
   * no seat left, so nobody can book them.
   */
  withdraw: string[];
  /** Seats the change would take from active bookings: the change is refused when there is any. */
  shortages: SeatShortage[];
}

/** The changes that turn `stored` into `wanted`; neither list needs to be sorted. */
export function diffSlots(stored: readonly StoredSlot[], wanted: readonly GeneratedSlot[]): SlotChanges {
  const wantedByStart = new Map(wanted.map((slot) => [slot.startsAt.getTime(), slot]));
  const changes: SlotChanges = { insert: [], update: [], remove: [], withdraw: [], shortages: [] };
  const kept = new Set<number>();
  for (const slot of stored) {
    const next = wantedByStart.get(slot.startsAt.getTime());
    if (next === undefined) {
      if (slot.taken > 0) changes.shortages.push({ slotId: slot.id, missing: slot.taken });
      else if (slot.referenced) {
        if (slot.capacity > 0) changes.withdraw.push(slot.id);
      } else changes.remove.push(slot.id);
      continue;
    }
    kept.add(slot.startsAt.getTime());
    if (next.capacity < slot.taken) {
      changes.shortages.push({ slotId: slot.id, missing: slot.taken - next.capacity });
    }
    if (next.capacity !== slot.capacity || next.endsAt.getTime() !== slot.endsAt.getTime()) {
      changes.update.push({ id: slot.id, endsAt: next.endsAt, capacity: next.capacity });
    }
  }
  changes.insert = wanted.filter((slot) => !kept.has(slot.startsAt.getTime()));
  return changes;
}

/** Whether the changes touch nothing. */
export function isUnchanged(changes: SlotChanges): boolean {
  return (
    changes.insert.length + changes.update.length + changes.remove.length + changes.withdraw.length === 0
  );
}
