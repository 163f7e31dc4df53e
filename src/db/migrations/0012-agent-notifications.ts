import { type Kysely, sql } from 'kysely';

/**
 * Notifications to agents (issue 8, decision 0021): an outbox row may name the agent it is for — the
 * email telling them their account was locked after repeated failed sign-ins. The notifier reads the
 * agent's address when it sends, as booking messages read the booking's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Agents are deactivated, never deleted (the audit log names them); set null keeps the row's
    -- history should one ever be removed.
    alter table outbox add column agent_id integer references agent on delete set null;
    create index outbox_agent on outbox (agent_id) where agent_id is not null;
  `.execute(db);
}
