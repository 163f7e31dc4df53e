import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Counts one submission of `identity` at `now`, in one statement, as `countWrite` does for addresses:
 * a new window when there is none or the last one is over, else one more in it. Concurrent
 * submissions of one identity, on any instance, are serialised by the row's primary key.
 */
export async function countSubmission(db: Db, identity: string, now: Date, windowMs: number) {
  const over = new Date(now.getTime() - windowMs);
  return db
    .insertInto('identity_budget')
    .values({ identity, window_start: now, used: 1 })
    .onConflict((oc) =>
      oc.column('identity').doUpdateSet({
        used: sql`case when identity_budget.window_start <= ${over}::timestamptz then 1 else identity_budget.used + 1 end`,
        window_start: sql`case when identity_budget.window_start <= ${over}::timestamptz then ${now}::timestamptz else identity_budget.window_start end`,
      }),
    )
    .returning(['used', 'window_start as windowStart'])
    .executeTakeFirstOrThrow();
}

/** Deletes the windows that started at or before `limit`; returns how many. */
export async function deleteIdentityWindowsStartedBy(db: Db, limit: Date): Promise<number> {
  const result = await db.deleteFrom('identity_budget').where('window_start', '<=', limit).executeTakeFirst();
  return Number(result.numDeletedRows);
}
