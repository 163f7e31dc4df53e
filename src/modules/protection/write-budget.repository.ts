import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Counts one write of `client` at `now`, in one statement: opens a new window when there is none or
 * the last one is over (started `windowMs` or more ago), else adds one to it. Concurrent writes of one
 * client, on any instance, are serialised by the row's primary key, so none is lost.
 */
export async function countWrite(db: Db, client: string, now: Date, windowMs: number) {
  const over = new Date(now.getTime() - windowMs);
  return db
    .insertInto('write_budget')
    .values({ client, window_start: now, used: 1 })
    .onConflict((oc) =>
      oc.column('client').doUpdateSet({
        used: sql`case when write_budget.window_start <= ${over}::timestamptz then 1 else write_budget.used + 1 end`,
        window_start: sql`case when write_budget.window_start <= ${over}::timestamptz then ${now}::timestamptz else write_budget.window_start end`,
      }),
    )
    .returning(['used', 'window_start as windowStart'])
    .executeTakeFirstOrThrow();
}

/** Deletes the windows that started at or before `limit`; returns how many. */
export async function deleteWindowsStartedBy(db: Db, limit: Date): Promise<number> {
  const result = await db.deleteFrom('write_budget').where('window_start', '<=', limit).executeTakeFirst();
  return Number(result.numDeletedRows);
}
