import type { Db } from '../../db/database.ts';

/**
 * Spends a solved challenge: true the first time its signature is seen, false after. The primary key
 * makes "first use wins" atomic across instances: a second insert of the same signature inserts nothing.
 */
export async function spendChallenge(db: Db, signature: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('captcha_use')
    .values({ signature, expires_at: expiresAt })
    .onConflict((conflict) => conflict.column('signature').doNothing())
    .executeTakeFirst();
  return inserted.numInsertedOrUpdatedRows === 1n;
}

/** Deletes the spent challenges that expired before `limit`; returns how many. */
export async function deleteSpentChallengesBefore(db: Db, limit: Date): Promise<number> {
  const result = await db.deleteFrom('captcha_use').where('expires_at', '<', limit).executeTakeFirst();
  return Number(result.numDeletedRows);
}
