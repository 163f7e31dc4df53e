import { type Kysely, sql } from 'kysely';

/**
 * The counter loop's application (issue 10 point 2; decision 0041):
 * - the counter an agent sits at, chosen after sign-in on /agents/mon-guichet and kept on the session
 *   beside `agent_session.counter` (migration 0011), with the office it belongs to: a counter's name
 *   means nothing without its office, hence the check; an office deleted takes the choice with it;
 * - the way back of `requeue` from `missed` (waiting → missed), which 0025's table lacked: every step
 *   of the loop is undone within the day, this one too. The table's other entries are 0025's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table agent_session
      add column site_id integer references site on delete set null,
      add constraint agent_session_counter_of_site check ((site_id is null) = (counter is null));

    create or replace function booking_status_rules() returns jsonb
      language sql immutable parallel safe
      return '{
        "pending":   {"active": true,  "next": ["confirmed", "expired", "cancelled", "revoked"]},
        "confirmed": {"active": true,  "next": ["cancelled", "revoked", "waiting", "attended", "no_show"]},
        "waiting":   {"active": true,  "next": ["called", "confirmed", "no_show", "missed"]},
        "called":    {"active": true,  "next": ["served", "waiting", "missed", "no_show"]},
        "served":    {"active": true,  "next": ["attended", "called"]},
        "missed":    {"active": true,  "next": ["waiting", "called", "no_show"]},
        "expired":   {"active": false, "next": []},
        "cancelled": {"active": false, "next": []},
        "revoked":   {"active": false, "next": []},
        "attended":  {"active": false, "next": ["served", "confirmed"]},
        "no_show":   {"active": false, "next": ["confirmed", "waiting", "missed"]}
      }'::jsonb;
    -- As in 0025: the functions reading the table were folded with the old constant.
    create or replace function booking_status_known(status text) returns boolean
      language sql immutable parallel safe
      return booking_status_rules() ? status;
    create or replace function booking_is_active(status text) returns boolean
      language sql immutable parallel safe
      return coalesce((booking_status_rules() -> status ->> 'active')::boolean, false);
    create or replace function booking_transition_allowed(from_status text, to_status text) returns boolean
      language sql immutable parallel safe
      return coalesce(booking_status_rules() -> from_status -> 'next' ? to_status, false);
    alter table booking drop constraint booking_status_check;
    alter table booking add constraint booking_status_check check (booking_status_known(status));
    reindex index booking_one_active_per_identity;
  `.execute(db);
}
