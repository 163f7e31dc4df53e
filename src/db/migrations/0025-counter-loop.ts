import { type Kysely, sql } from 'kysely';

/**
 * The counter loop (issue 10 point 2; decision 0041), in the one status table of migration 0010:
 * - new statuses, each holding its seat while the day runs: `waiting` (checked in), `called` (to a
 *   counter, shown on the call screen), `served` (at the counter), `missed` (called N times without
 *   coming); the day ends in `attended` or `no_show`, and each step may be undone within the day (the
 *   way back is in the table, the "within the day" in the application);
 * - the times of the loop on the booking (`checked_in_at`, `called_at`, `served_at`, `finished_at`),
 *   the number of calls and the counter of the last call;
 * - `site.calls_before_missed`: how many calls before a person may be marked missed (the setting N),
 *   enforced by the trigger;
 * - `counter_event`: each step with its agent and counter, never changed (waiting, walking and service
 *   times are read from it; an undo is a new event naming the one it undoes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function booking_status_rules() returns jsonb
      language sql immutable parallel safe
      return '{
        "pending":   {"active": true,  "next": ["confirmed", "expired", "cancelled", "revoked"]},
        "confirmed": {"active": true,  "next": ["cancelled", "revoked", "waiting", "attended", "no_show"]},
        "waiting":   {"active": true,  "next": ["called", "confirmed", "no_show"]},
        "called":    {"active": true,  "next": ["served", "waiting", "missed", "no_show"]},
        "served":    {"active": true,  "next": ["attended", "called"]},
        "missed":    {"active": true,  "next": ["waiting", "called", "no_show"]},
        "expired":   {"active": false, "next": []},
        "cancelled": {"active": false, "next": []},
        "revoked":   {"active": false, "next": []},
        "attended":  {"active": false, "next": ["served", "confirmed"]},
        "no_show":   {"active": false, "next": ["confirmed", "waiting", "missed"]}
      }'::jsonb;
    -- The functions reading the table were folded with the old constant: recreate them (same bodies)
    -- so that they read the new one, and make every session read the index predicate afresh.
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

    alter table site add column calls_before_missed smallint not null default 3
      constraint site_calls_before_missed_check check (calls_before_missed between 1 and 10);

    alter table booking
      add column checked_in_at timestamptz,
      add column called_at timestamptz,
      add column call_count smallint not null default 0
        constraint booking_call_count_check check (call_count between 0 and 100),
      add column counter text constraint booking_counter_check check (length(counter) between 1 and 50),
      add column served_at timestamptz,
      add column finished_at timestamptz;

    -- What the status table cannot say: a call names its counter, a check-in its time, and a person is
    -- missed only once called as many times as the office's setting says.
    create function booking_counter_rules() returns trigger language plpgsql as $$
    declare
      needed smallint;
    begin
      -- A change the status table refuses is the table's error (booking_keep_counts), not this one's.
      if new.status = old.status or not booking_transition_allowed(old.status, new.status) then
        return new;
      end if;
      if new.status = 'waiting' and new.checked_in_at is null then
        raise exception 'a booking waits once checked in'
          using errcode = 'check_violation', constraint = 'booking_counter_rules';
      end if;
      if new.status = 'called' and (new.counter is null or new.called_at is null or new.call_count < 1) then
        raise exception 'a call names its counter and its time'
          using errcode = 'check_violation', constraint = 'booking_counter_rules';
      end if;
      if new.status = 'missed' and old.status = 'called' then
        select s.calls_before_missed into needed
          from slot sl join offer o on o.id = sl.offer_id join site s on s.id = o.site_id
          where sl.id = new.slot_id;
        if new.call_count < needed then
          raise exception 'a person is missed after % calls, not %', needed, new.call_count
            using errcode = 'check_violation', constraint = 'booking_calls_before_missed';
        end if;
      end if;
      return new;
    end $$;
    create trigger booking_counter_rules before update of status on booking
      for each row execute function booking_counter_rules();

    create table counter_event (
      id bigint generated always as identity primary key,
      booking_id bigint not null references booking on delete cascade,
      site_id integer not null references site,
      at timestamptz not null,
      agent_id integer references agent,
      action text not null constraint counter_event_action_check check (action in
        ('check_in', 'call', 'recall', 'serve', 'finish', 'miss', 'requeue', 'no_show', 'undo', 'close_day')),
      from_status text not null constraint counter_event_from_check check (booking_status_known(from_status)),
      to_status text not null constraint counter_event_to_check check (booking_status_known(to_status)),
      counter text constraint counter_event_counter_check check (length(counter) between 1 and 50),
      -- For an undo: the event it takes back.
      undoes bigint references counter_event,
      constraint counter_event_undo_check check ((action = 'undo') = (undoes is not null))
    );
    create index counter_event_booking on counter_event (booking_id, id);
    create index counter_event_site on counter_event (site_id, at);

    -- Never changed; rows go only with their booking (retention).
    create function counter_event_unchanged() returns trigger language plpgsql as $$
    begin
      raise exception 'a counter event is never changed' using errcode = '42501';
    end $$;
    create trigger counter_event_unchanged before update on counter_event
      for each row execute function counter_event_unchanged();
  `.execute(db);
}
