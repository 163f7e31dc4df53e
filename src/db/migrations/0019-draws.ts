import { type Kysely, sql } from 'kysely';

/**
 * Draws (PRODUCT §5, §5.1; issue 9; decision 0028). The database keeps:
 * - a draw's seed, its commitment (SHA-256 of the seed, checked here), its procedure, kind, window,
 *   period and pinned beacon round never change; its status goes open → closed → drawn (or open →
 *   drawn), and once drawn its bundle, beacon and time never change;
 * - one calendar draw per procedure, window and period: two instances creating the next window of
 *   a recurring calendar create it once;
 * - who took part in each draw (`draw_entry`): the request, its tier and seniority as drawn, and the
 *   slot it won, written once, in the transaction of the draw;
 * - a booking made by a draw names its draw and request; a win of a request entered by an agent or a
 *   partner association does not count against the email address's limit (the partner's own address
 *   may be the one given, PRODUCT §5 and issue 9 item 2).
 * The recurring calendar of a draw offer (`draw_calendar`): windows every `period_days` days from
 * `first_opens_on`, each open from `opens_at` (local time of the site) for `window_days` days, closing
 * at `closes_at`; it allocates the slots of `period_days` days from `lead_days` after its closing day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table draw_calendar (
      offer_id integer primary key references offer on delete cascade,
      first_opens_on date not null,
      opens_at time not null default '09:00',
      window_days integer not null check (window_days between 1 and 60),
      closes_at time not null default '12:00',
      period_days integer not null check (period_days between 1 and 91),
      lead_days integer not null check (lead_days between 1 and 180),
      active boolean not null default true,
      updated_at timestamptz not null default now(),
      -- A window closes before the next one opens.
      constraint draw_calendar_window_in_period check (window_days <= period_days)
    );

    create function draw_status_rules() returns jsonb
      language sql immutable parallel safe
      return '{
        "open":   {"next": ["closed", "drawn"]},
        "closed": {"next": ["drawn"]},
        "drawn":  {"next": []}
      }'::jsonb;

    create table draw (
      -- Written in decimal in the draw's key (PRODUCT §5.1).
      id integer generated always as identity primary key,
      procedure_id integer not null references procedure,
      department_code text not null references department,
      kind text not null check (kind in ('main', 'follow_up')),
      -- 'calendar': a window of an offer's recurring calendar; 'one_off': created by an agent.
      origin text not null check (origin in ('calendar', 'one_off', 'follow_up')),
      offer_ids integer[] not null check (cardinality(offer_ids) >= 1),
      site_ids integer[] not null check (cardinality(site_ids) >= 1),
      window_opens_at timestamptz not null,
      window_closes_at timestamptz not null,
      slots_from date not null,
      slots_to date not null,
      -- Secret until the draw: never served before its status is 'drawn'.
      seed bytea not null check (octet_length(seed) = 32),
      commitment text not null,
      -- A round of the public beacon pinned at creation (DRAW_BEACON_URL), after the window closes.
      beacon_round bigint check (beacon_round > 0),
      -- The beacon's randomness as drawn with ('' without a beacon); set by the draw.
      beacon text check (beacon ~ '^([0-9a-f]{2})*$'),
      status text not null default 'open' check (draw_status_rules() ? status),
      drawn_at timestamptz,
      -- The published bundle (PRODUCT §5.1), frozen by the draw.
      bundle jsonb,
      created_by integer references agent,
      created_at timestamptz not null default now(),
      constraint draw_commitment_of_seed check (commitment = encode(sha256(seed), 'hex')),
      constraint draw_window_order check (window_closes_at >= window_opens_at),
      constraint draw_period_order check (slots_to >= slots_from),
      constraint draw_drawn_complete check (
        (status = 'drawn') = (drawn_at is not null and bundle is not null and beacon is not null))
    );
    create unique index draw_calendar_window_once on draw
      (procedure_id, window_opens_at, window_closes_at, slots_from, slots_to) where origin = 'calendar';
    create index draw_by_procedure on draw (procedure_id, window_closes_at);
    create index draw_undrawn on draw (window_closes_at) where status <> 'drawn';

    create function draw_check_rules() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if new.status <> 'open' then
          raise exception 'a draw starts open'
            using errcode = 'check_violation', constraint = 'draw_status_transition';
        end if;
        return new;
      end if;
      if new.seed <> old.seed or new.commitment <> old.commitment or new.procedure_id <> old.procedure_id
        or new.kind <> old.kind or new.origin <> old.origin
        or new.window_opens_at <> old.window_opens_at or new.window_closes_at <> old.window_closes_at
        or new.slots_from <> old.slots_from or new.slots_to <> old.slots_to
        or new.beacon_round is distinct from old.beacon_round or new.created_at <> old.created_at then
        raise exception 'a draw''s seed, commitment, window, period and beacon round never change'
          using errcode = 'check_violation', constraint = 'draw_immutable';
      end if;
      if old.status = 'drawn' and (new.bundle is distinct from old.bundle or new.beacon is distinct from old.beacon
          or new.drawn_at is distinct from old.drawn_at or new.offer_ids <> old.offer_ids
          or new.site_ids <> old.site_ids) then
        raise exception 'a drawn draw never changes'
          using errcode = 'check_violation', constraint = 'draw_immutable';
      end if;
      if new.status <> old.status and not coalesce(draw_status_rules() -> old.status -> 'next' ? new.status, false) then
        raise exception 'a draw cannot go from % to %', old.status, new.status
          using errcode = 'check_violation', constraint = 'draw_status_transition';
      end if;
      return new;
    end $$;
    create trigger draw_check_rules before insert or update on draw
      for each row execute function draw_check_rules();
    -- A draw is a public record: it is never deleted.
    create function draw_refuse_delete() returns trigger language plpgsql as $$
    begin
      raise exception 'a draw is never deleted' using errcode = 'check_violation', constraint = 'draw_immutable';
    end $$;
    create trigger draw_no_delete before delete on draw
      for each row execute function draw_refuse_delete();

    -- Who took part in a draw, as drawn; written once with the draw, never changed.
    create table draw_entry (
      draw_id integer not null references draw,
      request_id bigint not null references request on delete cascade,
      tier smallint not null check (tier between 0 and 2),
      lost integer not null check (lost >= 0),
      slot_id bigint references slot on delete set null,
      primary key (draw_id, request_id)
    );
    create index draw_entry_request on draw_entry (request_id);
    -- Only a slot's deletion touches an entry (its slot becomes null).
    create function draw_entry_check_update() returns trigger language plpgsql as $$
    begin
      if new.draw_id <> old.draw_id or new.request_id <> old.request_id or new.tier <> old.tier
        or new.lost <> old.lost or new.slot_id is not null then
        raise exception 'a draw''s entries never change'
          using errcode = 'check_violation', constraint = 'draw_entry_immutable';
      end if;
      return new;
    end $$;
    create trigger draw_entry_check_update before update on draw_entry
      for each row execute function draw_entry_check_update();

    alter table booking add column draw_id integer references draw;
    alter table booking add column request_id bigint references request on delete set null;
    -- False for a win of a request entered by an agent or a partner association.
    alter table booking add column counts_for_email boolean not null default true;
  `.execute(db);
  await replaceBookingCounts(db);
}

/** booking_keep_counts of migration 0010, counting an address only for the bookings that count for it. */
async function replaceBookingCounts(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function booking_keep_counts() returns trigger language plpgsql as $$
    declare
      was_active boolean := tg_op = 'UPDATE' and booking_is_active(old.status);
      is_active boolean := booking_is_active(new.status);
      email_limit integer := coalesce(nullif(current_setting('creneau.max_active_per_email', true), ''), '3')::integer;
      email_count integer;
    begin
      if tg_op = 'UPDATE' then
        if new.identity_key <> old.identity_key or new.procedure_id <> old.procedure_id
          or new.counts_for_email <> old.counts_for_email then
          raise exception 'a booking''s identity and procedure never change'
            using errcode = 'check_violation', constraint = 'booking_identity_immutable';
        end if;
        if new.status <> old.status and not booking_transition_allowed(old.status, new.status) then
          raise exception 'a booking cannot go from % to %', old.status, new.status
            using errcode = 'check_violation', constraint = 'booking_status_transition';
        end if;
      elsif not is_active then
        raise exception 'a booking starts in a status that holds a seat'
          using errcode = 'check_violation', constraint = 'booking_status_transition';
      end if;

      -- Seats: release the old one, take the new one (a reschedule does both in one statement).
      if was_active and (not is_active or new.slot_id <> old.slot_id) then
        update slot set taken = taken - 1 where id = old.slot_id;
      end if;
      if is_active and (not was_active or new.slot_id <> old.slot_id) then
        -- The row lock serialises every booking of this slot; the check refuses the seat too many.
        update slot set taken = taken + 1 where id = new.slot_id;
      end if;

      -- Email addresses: the same, against the configured limit, for the bookings that count.
      if not new.counts_for_email then
        return new;
      end if;
      if was_active and not is_active then
        update email_activity set active = active - 1 where email_key = old.email_key;
      elsif is_active and not was_active then
        insert into email_activity as e (email_key, active) values (new.email_key, 1)
          on conflict (email_key) do update set active = e.active + 1
          returning e.active into email_count;
        if email_count > email_limit then
          raise exception 'too many active bookings for one email address'
            using errcode = 'check_violation', constraint = 'booking_email_limit';
        end if;
      end if;
      return new;
    end $$;
  `.execute(db);
}
