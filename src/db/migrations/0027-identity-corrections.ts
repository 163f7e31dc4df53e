import { type Kysely, sql } from 'kysely';

/**
 * An applicant's identity changes only through an identity correction (issue 10 point 2; decision
 * 0042): an agent's action with a reason, recorded in `identity_correction` in the transaction of the
 * change. The booking's trigger refuses any other change of the names, birth date, foreigner number or
 * identity key, so that no code path — and no hand-typed UPDATE — edits an identity silently.
 *
 * - `identity_correction`: who corrected which booking, when, why, the values before and after, and
 *   the transaction that wrote it (`xact`, stamped by its own trigger, never chosen by the writer).
 *   Deleted with its booking (retention); never updated.
 * - `booking_identity_correction_open(id)`: whether the current transaction holds a correction of this
 *   booking. The guard asks it, and so does booking_keep_counts, which kept identity_key immutable
 *   since migration 0002: a correction recomputes the key (a misspelt name would otherwise leave a
 *   key under which the person could book a second appointment), and the unique index
 *   booking_one_active_per_identity still refuses a key another active booking holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table identity_correction (
      id bigint generated always as identity primary key,
      booking_id bigint not null references booking on delete cascade,
      at timestamptz not null,
      agent_id integer references agent,
      reason text not null constraint identity_correction_reason_check
        check (char_length(reason) between 3 and 500),
      before jsonb not null,
      after jsonb not null,
      xact xid8 not null default pg_current_xact_id()
    );
    create index identity_correction_booking on identity_correction (booking_id, id);

    -- The transaction is the writer's, whatever the insert says; a correction is never rewritten.
    create function identity_correction_stamp() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        raise exception 'an identity correction is never changed' using errcode = '42501';
      end if;
      new.xact := pg_current_xact_id();
      return new;
    end $$;
    create trigger identity_correction_stamp before insert or update on identity_correction
      for each row execute function identity_correction_stamp();

    create function booking_identity_correction_open(booking bigint) returns boolean
      language sql stable
      return exists (
        select 1 from identity_correction c
        where c.booking_id = booking and c.xact = pg_current_xact_id()
      );

    -- The identity as the correction records it: the very values the booking takes.
    create function booking_identity_json(b booking) returns jsonb
      language sql stable
      return jsonb_build_object(
        'lastName', b.last_name, 'firstName', b.first_name,
        'birthDate', b.birth_date, 'foreignerNumber', b.foreigner_number
      );

    create function booking_identity_guard() returns trigger language plpgsql as $$
    begin
      if (new.last_name, new.first_name, new.birth_date, new.foreigner_number, new.identity_key)
          is not distinct from
          (old.last_name, old.first_name, old.birth_date, old.foreigner_number, old.identity_key) then
        return new;
      end if;
      if not exists (
        select 1 from identity_correction c
        where c.booking_id = new.id and c.xact = pg_current_xact_id()
          and c.after = booking_identity_json(new)
      ) then
        raise exception 'a booking''s identity changes only through an identity correction'
          using errcode = 'check_violation', constraint = 'booking_identity_correction';
      end if;
      return new;
    end $$;
    create trigger booking_identity_guard
      before update of last_name, first_name, birth_date, foreigner_number, identity_key on booking
      for each row execute function booking_identity_guard();
  `.execute(db);
  await replaceBookingCounts(db);
}

/** booking_keep_counts of migration 0019, the identity key changing only under a correction. */
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
        if (new.identity_key <> old.identity_key and not booking_identity_correction_open(new.id))
          or new.procedure_id <> old.procedure_id
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
