import { type Kysely, sql } from 'kysely';

/** The write budget shared by every instance: one row per client address and window (decision 0011). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Unlogged: no WAL for a counter written on every write request. A crash or a failover empties
    -- the table, which gives every client a fresh budget once: an acceptable loss for a rate limit.
    create unlogged table write_budget (
      -- HMAC of the client's normalised address (an IPv6 client by its /64): no address is stored.
      client text primary key,
      window_start timestamptz not null,
      used integer not null check (used > 0)
    );
    -- The purge of finished windows.
    create index write_budget_window on write_budget (window_start);
  `.execute(db);
}
