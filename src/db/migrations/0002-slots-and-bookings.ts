import { type Kysely, sql } from 'kysely';

/**
 * Slots and bookings, with the invariants kept by PostgreSQL itself so that no race, retry or second
 * server process can break them:
 * - `slot.taken` counts the active bookings of a slot; a trigger keeps it in step with booking
 *   statuses and the check `taken <= capacity` refuses the seat that does not exist;
 * - one active booking per identity and procedure: a partial unique index;
 * - at most N active bookings per email address: a counter row per address, locked and checked by the
 *   same trigger, N coming from the connection setting `creneau.max_active_per_email`;
 * - statuses and their transitions: a check constraint and the trigger.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table slot (
      id bigint generated always as identity primary key,
      offer_id integer not null references offer,
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      capacity integer not null check (capacity >= 0),
      taken integer not null default 0,
      constraint slot_taken_within_capacity check (taken between 0 and capacity),
      -- Publishing twice never duplicates a slot.
      unique (offer_id, starts_at)
    );
    -- Availability reads: the free slots of one offer in a time range.
    create index slot_free_by_offer on slot (offer_id, starts_at) where taken < capacity;

    create table booking (
      id bigint generated always as identity primary key,
      reference text not null unique check (reference ~ '^[0-9A-Z]{2,3}-[0-9A-Z]{4}-[0-9A-Z]{4}$'),
      slot_id bigint not null references slot,
      procedure_id integer not null references procedure,
      status text not null default 'pending' check (status in
        ('pending', 'confirmed', 'expired', 'cancelled', 'revoked', 'attended', 'no_show')),
      -- Who the appointment belongs to: "F:" and the foreigner number, or "N:" and the normalised
      -- last name, first name and birth date. It never changes after booking.
      identity_key text not null check (identity_key ~ '^(F:[0-9]{10}|N:.+)$'),
      -- Lower-cased address, for the per-address limit.
      email_key text not null check (email_key = lower(email_key)),
      last_name text not null,
      first_name text not null,
      birth_date date not null,
      email text not null,
      phone text,
      foreigner_number text check (foreigner_number ~ '^[0-9]{10}$'),
      title_expiry date,
      postal_code text check (postal_code ~ '^[0-9]{5}$'),
      locale text not null default 'fr' check (locale in ('fr', 'en', 'ar')),
      hold_expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      confirmed_at timestamptz,
      cancelled_at timestamptz,
      status_reason text
    );
    -- One person, one appointment (PRODUCT §2.2): across all offices of a procedure.
    create unique index booking_one_active_per_identity on booking (procedure_id, identity_key)
      where status in ('pending', 'confirmed');
    create index booking_slot on booking (slot_id);
    create index booking_email_key on booking (email_key);
    -- The hold-expiry job's scan.
    create index booking_pending_hold on booking (hold_expires_at) where status = 'pending';

    create table email_activity (
      email_key text primary key,
      active integer not null default 0 check (active >= 0)
    );

    create function booking_is_active(status text) returns boolean
      language sql immutable as $$ select status in ('pending', 'confirmed') $$;

    create function booking_keep_counts() returns trigger language plpgsql as $$
    declare
      was_active boolean := tg_op = 'UPDATE' and booking_is_active(old.status);
      is_active boolean := booking_is_active(new.status);
      email_limit integer := coalesce(nullif(current_setting('creneau.max_active_per_email', true), ''), '3')::integer;
      email_count integer;
    begin
      if tg_op = 'UPDATE' then
        if new.identity_key <> old.identity_key or new.procedure_id <> old.procedure_id then
          raise exception 'a booking''s identity and procedure never change'
            using errcode = 'check_violation', constraint = 'booking_identity_immutable';
        end if;
        if new.status <> old.status and not (
          (old.status = 'pending' and new.status in ('confirmed', 'expired', 'cancelled', 'revoked')) or
          (old.status = 'confirmed' and new.status in ('cancelled', 'revoked', 'attended', 'no_show'))
        ) then
          raise exception 'a booking cannot go from % to %', old.status, new.status
            using errcode = 'check_violation', constraint = 'booking_status_transition';
        end if;
      elsif not is_active then
        raise exception 'a booking starts pending or confirmed'
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

      -- Email addresses: the same, against the configured limit.
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

    create trigger booking_keep_counts before insert or update on booking
      for each row execute function booking_keep_counts();

    create table booking_token (
      id bigint generated always as identity primary key,
      booking_id bigint not null references booking on delete cascade,
      -- A token does one thing: confirm the booking, or manage it (consult, cancel).
      purpose text not null check (purpose in ('confirm', 'manage')),
      -- SHA-256 of the random token: a stolen table gives no usable link.
      token_hash bytea not null unique check (length(token_hash) = 32),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index booking_token_booking on booking_token (booking_id);
  `.execute(db);
}
