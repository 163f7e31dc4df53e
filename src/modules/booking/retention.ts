import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** How long personal data is kept after the appointment (stated on /donnees-personnelles). */
export const RETENTION_DAYS = 90;

/**
 * Deletes what the retention policy no longer allows keeping (PRODUCT §2.6): bookings — with their
 * tokens — whose appointment ended more than RETENTION_DAYS ago, notifications as old, and counters of
 * addresses with no active booking. Returns how many bookings were deleted.
 */
export async function purgePersonalData(db: Db, now: Date): Promise<number> {
  const limit = new Date(now.getTime() - RETENTION_DAYS * 24 * 60 * 60 * 1000);
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('outbox').where('created_at', '<', limit).execute();
    // Bookings still active so long after their time leave through a status change first, so that the
    // trigger keeps the slot and address counters true; the rows are deleted right after, in this
    // same transaction, so the stand-in status is never seen.
    const longPast = trx.selectFrom('slot').select('id').where('ends_at', '<', limit);
    await trx
      .updateTable('booking')
      .set({ status: 'expired', status_reason: 'retention' })
      .where('status', '=', 'pending')
      .where('slot_id', 'in', longPast)
      .execute();
    await trx
      .updateTable('booking')
      .set({ status: 'no_show', status_reason: 'retention' })
      .where('status', '=', 'confirmed')
      .where('slot_id', 'in', longPast)
      .execute();
    const deleted = await trx.deleteFrom('booking').where('slot_id', 'in', longPast).executeTakeFirst();
    await trx.deleteFrom('email_activity').where('active', '=', 0).execute();
    await sql`delete from captcha_use where expires_at < ${limit}`.execute(trx);
    await sql`delete from access_token where expires_at < ${now}`.execute(trx);
    return Number(deleted.numDeletedRows);
  });
}
