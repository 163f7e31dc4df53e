import { type Kysely, sql } from 'kysely';

/**
 * One home per rule (issue 7, point 4; decision 0018):
 * - the booking statuses in one table, `booking_status_rules()`, mirror of src/modules/booking/statuses.ts,
 *   read by the status check, the transition check of the trigger and the one-active-booking index;
 * - the département code without "20" (Corsica has been 2A and 2B since 1976), as in src/codes.ts;
 * - the publication horizon per offer, its default taken from PUBLICATION_DAYS (the connection setting
 *   `creneau.publication_days`, as `creneau.max_active_per_email` is for the trigger);
 * - the arrival advice of a site and the admission rule of a procedure ("1 rendez-vous = 1 personne =
 *   1 dossier"), as text in French with an optional English version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The statuses: whether each holds a seat ("active") and which statuses it may change into.
    -- Adding statuses: a migration replacing this function with more entries. It is folded into a
    -- constant where it is used, so that migration also runs "reindex index
    -- booking_one_active_per_identity", which makes every session read the index predicate afresh;
    -- changing the active flag of an existing status would also need slot.taken and email_activity
    -- recounted.
    create function booking_status_rules() returns jsonb
      language sql immutable parallel safe
      return '{
        "pending":   {"active": true,  "next": ["confirmed", "expired", "cancelled", "revoked"]},
        "confirmed": {"active": true,  "next": ["cancelled", "revoked", "attended", "no_show"]},
        "expired":   {"active": false, "next": []},
        "cancelled": {"active": false, "next": []},
        "revoked":   {"active": false, "next": []},
        "attended":  {"active": false, "next": []},
        "no_show":   {"active": false, "next": []}
      }'::jsonb;

    -- SQL-standard bodies: names are bound when the function is created, so the index and the check
    -- need no search path when PostgreSQL runs them during maintenance (CREATE INDEX, ANALYZE, a
    -- restore), and the functions are inlined like the literal lists they replace.
    create function booking_status_known(status text) returns boolean
      language sql immutable parallel safe
      return booking_status_rules() ? status;

    create or replace function booking_is_active(status text) returns boolean
      language sql immutable parallel safe
      return coalesce((booking_status_rules() -> status ->> 'active')::boolean, false);

    create function booking_transition_allowed(from_status text, to_status text) returns boolean
      language sql immutable parallel safe
      return coalesce(booking_status_rules() -> from_status -> 'next' ? to_status, false);

    alter table booking drop constraint booking_status_check;
    alter table booking add constraint booking_status_check check (booking_status_known(status));

    drop index booking_one_active_per_identity;
    create unique index booking_one_active_per_identity on booking (procedure_id, identity_key)
      where booking_is_active(status);

    create or replace function booking_keep_counts() returns trigger language plpgsql as $$
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

    -- 01-19, 2A, 2B, 21-95, 971-976: "20" has not been a département since 1976.
    alter table department drop constraint department_code_check;
    alter table department add constraint department_code_check
      check (code ~ '^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$');

    -- How many days ahead the offer's slots are published: today (in the office's zone) and the
    -- days after it. Existing offers and offers created without one take PUBLICATION_DAYS.
    alter table offer add column publication_days integer not null
      default coalesce(nullif(current_setting('creneau.publication_days', true), ''), '56')::integer
      constraint offer_publication_days_check check (publication_days between 1 and 365);

    -- A text shown to applicants: {"fr": "…"} with an optional "en" (and later "ar") version.
    create function localized_text_valid(value jsonb) returns boolean
      language sql immutable parallel safe as $$
        -- A missing key gives null, and a check passes on null: the whole test is coalesced to false.
        select coalesce(
          jsonb_typeof($1) = 'object'
            and jsonb_typeof($1 -> 'fr') = 'string'
            and length($1 ->> 'fr') between 1 and 1000
            and ($1 - 'fr' - 'en' - 'ar') = '{}'::jsonb
            and coalesce(jsonb_typeof($1 -> 'en'), 'string') = 'string'
            and coalesce(jsonb_typeof($1 -> 'ar'), 'string') = 'string'
            and coalesce(length($1 ->> 'en'), 1) between 1 and 1000
            and coalesce(length($1 ->> 'ar'), 1) between 1 and 1000,
          false)
      $$;

    -- When and how to come to this office; null: nothing particular to say.
    alter table site add column arrival_advice jsonb
      constraint site_arrival_advice_check check (arrival_advice is null or localized_text_valid(arrival_advice));
    -- What the counter requires to receive the applicant; null: nothing particular to say.
    alter table procedure add column admission_rule jsonb
      constraint procedure_admission_rule_check check (admission_rule is null or localized_text_valid(admission_rule));

    -- The wording every page, email and convocation used until now, so that nothing disappears.
    update site set arrival_advice = jsonb_build_object(
      'fr', 'Présentez-vous 10 minutes en avance, avec votre convocation et toutes les pièces demandées.',
      'en', 'Please arrive 10 minutes early, with your appointment letter and all the documents required.');
    update procedure set admission_rule = jsonb_build_object(
      'fr', '1 rendez-vous = 1 personne = 1 dossier. Sans toutes les pièces requises, vous ne serez pas reçu(e) et devrez prendre un nouveau rendez-vous.',
      'en', '1 appointment = 1 person = 1 application. Without all the documents required, you will not be seen and will have to book a new appointment.');
  `.execute(db);
}
