import { type Kysely, sql } from 'kysely';

/**
 * The submissions budget of an identity (issue 9 point 9): how many requests or updates one identity
 * has sent online in its current window, whatever address or email they came from (decision 0033).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Unlogged like write_budget: a crash empties it, which gives every identity a fresh budget once.
    create unlogged table identity_budget (
      -- HMAC of the identity key under SECRET_KEY: no foreigner number, name or birth date is stored.
      identity text primary key,
      window_start timestamptz not null,
      used integer not null check (used > 0)
    );
    -- The purge of finished windows.
    create index identity_budget_window on identity_budget (window_start);
  `.execute(db);
}
