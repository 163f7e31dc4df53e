import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

// The audit log's retention tiers (issue 8, point 5; decision 0026): after one year an entry loses what
// could name a person — the keyed hash of the address always, the before and after values of entries
// marked personal — and after five years it is deleted. The append-only trigger of migration 0011
// allows exactly these two changes, judging the age with the database's own clock; so the limits here
// are the earlier of the application's clock and the database's, and the trigger never has to refuse.

export const AUDIT_BLANK_AFTER_YEARS = 1;
export const AUDIT_DELETE_AFTER_YEARS = 5;

const yearsBefore = (now: Date, years: number) => {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() - years);
  return limit;
};

/** Applies the two tiers; returns how many entries were blanked and deleted. */
export async function purgeAuditEntries(db: Db, now: Date): Promise<{ blanked: number; deleted: number }> {
  const blankBefore = yearsBefore(now, AUDIT_BLANK_AFTER_YEARS);
  const deleteBefore = yearsBefore(now, AUDIT_DELETE_AFTER_YEARS);
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('audit_entry')
      .where(sql<boolean>`at < least(${deleteBefore}::timestamptz, now() - interval '5 years')`)
      .executeTakeFirst();
    const blanked = await trx
      .updateTable('audit_entry')
      .set({
        address_hash: null,
        before: sql`case when personal then null else before end`,
        after: sql`case when personal then null else after end`,
      })
      .where(sql<boolean>`at < least(${blankBefore}::timestamptz, now() - interval '1 year')`)
      .where((eb) =>
        eb.or([
          eb('address_hash', 'is not', null),
          eb.and([
            eb('personal', '=', true),
            eb.or([eb('before', 'is not', null), eb('after', 'is not', null)]),
          ]),
        ]),
      )
      .executeTakeFirst();
    return { blanked: Number(blanked.numUpdatedRows), deleted: Number(deleted.numDeletedRows) };
  });
}
