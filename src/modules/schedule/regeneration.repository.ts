import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { bookingsWithPlace } from './offers.repository.ts';
import type { SeatShortage, SlotChanges, StoredSlot } from './slot-diff.ts';

/**
 * An offer's slots starting after `now`, each locked until the caller's transaction ends: a booking
 * of one of them waits for the regeneration, then sees its outcome (a seat, or no slot).
 */
export async function lockFutureSlots(trx: Executor, offerId: number, now: Date): Promise<StoredSlot[]> {
  const rows = await trx
    .selectFrom('slot')
    .select([
      'slot.id',
      'slot.starts_at as startsAt',
      'slot.ends_at as endsAt',
      'slot.capacity',
      'slot.taken',
      (eb) =>
        eb
          .exists(eb.selectFrom('booking').select('booking.id').whereRef('booking.slot_id', '=', 'slot.id'))
          .as('referenced'),
    ])
    .where('slot.offer_id', '=', offerId)
    .where('slot.starts_at', '>', now)
    .orderBy('slot.id')
    .forUpdate('slot')
    .execute();
  return rows.map((row) => ({ ...row, referenced: Boolean(row.referenced) }));
}

/** Writes the changes of one offer's slots (the caller checked that they leave every booking a seat). */
export async function applySlotChanges(trx: Executor, offerId: number, changes: SlotChanges): Promise<void> {
  if (changes.remove.length > 0) await trx.deleteFrom('slot').where('id', 'in', changes.remove).execute();
  if (changes.withdraw.length > 0) {
    await trx.updateTable('slot').set({ capacity: 0 }).where('id', 'in', changes.withdraw).execute();
  }
  for (const slot of changes.update) {
    await trx
      .updateTable('slot')
      .set({ ends_at: slot.endsAt, capacity: slot.capacity })
      .where('id', '=', slot.id)
      .execute();
  }
  for (let i = 0; i < changes.insert.length; i += 1000) {
    const chunk = changes.insert.slice(i, i + 1000);
    await trx
      .insertInto('slot')
      .values(
        chunk.map((s) => ({
          offer_id: offerId,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          capacity: s.capacity,
        })),
      )
      .execute();
  }
}

/** An active booking a change would leave without a seat, with its office's zone. */
export interface ShortBooking {
  reference: string;
  startsAt: Date;
  zone: string;
  lastName: string;
  firstName: string;
}

/**
 * The bookings that would have no seat: for each short slot, its `missing` most recent active
 * bookings (the seats that remain go to those who booked first).
 */
export async function bookingsWithoutSeat(trx: Executor, shortages: SeatShortage[]): Promise<ShortBooking[]> {
  if (shortages.length === 0) return [];
  const missing = new Map(shortages.map((s) => [s.slotId, s.missing]));
  const rows = await bookingsWithPlace(trx)
    .select([
      'booking.slot_id as slotId',
      'booking.reference',
      'slot.starts_at as startsAt',
      'department.timezone as zone',
      'booking.last_name as lastName',
      'booking.first_name as firstName',
    ])
    .where('booking.slot_id', 'in', [...missing.keys()])
    .where(sql<boolean>`booking_is_active(booking.status)`)
    .orderBy('slot.starts_at')
    .orderBy('booking.created_at', 'desc')
    .orderBy('booking.id', 'desc')
    .execute();
  const counted = new Map<string, number>();
  return rows
    .filter((row) => {
      const seen = counted.get(row.slotId) ?? 0;
      counted.set(row.slotId, seen + 1);
      return seen < (missing.get(row.slotId) ?? 0);
    })
    .map(({ slotId: _slotId, ...booking }) => booking);
}
