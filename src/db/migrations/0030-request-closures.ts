import { type Kysely, sql } from 'kysely';

/**
 * A request closed by the office (issue 10 point 7; decision 0048): the suspicious review closes
 * waiting requests in bulk with a reason, which the person's notice quotes and the audit log keeps.
 * - `closed_reason`: the office's reason; set exactly when an agent closed the request, so a request
 *   closed by a draw (no longer eligible) or by its settled booking has none;
 * - `closed_by`: the agent who closed it (null once that account is deleted, or for an API token's
 *   closure recorded under no agent).
 * The index serves the retention's search for requests that ended long ago.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table request add column closed_reason text
      constraint request_closed_reason_check check (char_length(closed_reason) between 3 and 500);
    alter table request add column closed_by integer references agent on delete set null;
    -- A reason only on a closed request: no other status is the office's decision.
    alter table request add constraint request_closed_reason_status
      check (closed_reason is null or status = 'closed');
    alter table request add constraint request_closed_by_reason
      check (closed_by is null or closed_reason is not null);
    create index request_ended on request (closed_at) where status <> 'waiting';
  `.execute(db);
}
