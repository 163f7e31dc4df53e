import type { Executor } from '../../db/database.ts';
import { firstComeSlots } from '../schedule/offers.repository.ts';
import { ACTIVE_BOOKING_STATUSES } from './statuses.ts';

/** The email address a booking manage token opens, with the token's validity. */
export async function findManageTokenOwner(db: Executor, hash: Buffer) {
  return db
    .selectFrom('booking_token')
    .innerJoin('booking', 'booking.id', 'booking_token.booking_id')
    .select([
      'booking_token.purpose',
      'booking_token.expires_at as expiresAt',
      'booking.id as bookingId',
      'booking.email_key as emailKey',
    ])
    .where('booking_token.token_hash', '=', hash)
    .executeTakeFirst();
}

/** The email address an access token opens, with the token's validity. */
export async function findAccessToken(db: Executor, hash: Buffer) {
  return db
    .selectFrom('access_token')
    .select(['email_key as emailKey', 'expires_at as expiresAt'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
}

/** Makes an access token valid until `expiresAt`: inserted the first time, its expiry moved after. */
export async function upsertAccessToken(
  db: Executor,
  token: { emailKey: string; hash: Buffer; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('access_token')
    .values({ email_key: token.emailKey, token_hash: token.hash, expires_at: token.expiresAt })
    .onConflict((oc) =>
      oc
        .column('token_hash')
        .doUpdateSet({ expires_at: token.expiresAt })
        .where('access_token.email_key', '=', token.emailKey),
    )
    .execute();
}

/** The address and language of the latest booking of an email key: where and how to write. */
export async function findLatestContact(db: Executor, emailKey: string) {
  return db
    .selectFrom('booking')
    .select(['email', 'locale'])
    .where('email_key', '=', emailKey)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The ids of the bookings of an email key, newest first (bounded: the list is a page). */
export async function listBookingIdsOfEmail(db: Executor, emailKey: string, limit = 100) {
  const rows = await db
    .selectFrom('booking')
    .select('id')
    .where('email_key', '=', emailKey)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** The id of the booking with this reference, only if it belongs to the email key. */
export async function findBookingIdOfEmail(db: Executor, reference: string, emailKey: string) {
  const row = await db
    .selectFrom('booking')
    .select('id')
    .where('reference', '=', reference)
    .where('email_key', '=', emailKey)
    .executeTakeFirst();
  return row?.id;
}

/**
 * A first-come slot a booking may be moved to, with what must match: procedure and département. A
 * draw offer's slot is not found; whether a seat is left is the trigger's to decide.
 */
export async function findSlotForMove(db: Executor, slotId: string) {
  return firstComeSlots(db)
    .select([
      'slot.id',
      'slot.starts_at as startsAt',
      'offer.procedure_id as procedureId',
      'department.code as departmentCode',
    ])
    .where('slot.id', '=', slotId)
    .executeTakeFirst();
}

/**
 * Moves an active booking to another slot in ONE statement: the schema's trigger gives back the old
 * seat and takes the new one together, so a full new slot fails the whole statement and the booking
 * keeps its seat. Returns false when the booking is no longer active.
 */
export async function moveBooking(db: Executor, bookingId: string, slotId: string): Promise<boolean> {
  const result = await db
    .updateTable('booking')
    .set({ slot_id: slotId })
    .where('id', '=', bookingId)
    .where('status', 'in', ACTIVE_BOOKING_STATUSES)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
