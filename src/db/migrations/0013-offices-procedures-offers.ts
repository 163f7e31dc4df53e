import { type Kysely, sql } from 'kysely';

/**
 * Configuring offices, procedures and offers from the back office (issue 8, point 4; decision 0023):
 * - a site's counters, contact and access information;
 * - who owns a procedure (null: the national catalogue; else the département that wrote it), its
 *   arrival advice, and its texts in English and Arabic beside the French (`translations`);
 * - what each channel of an offer needs (an email address, an https link, a postal address);
 * - a channel that changes only while the offer holds no active booking to come, and bookings only in
 *   offers that take them (booking or draw): the two halves of one invariant, each taking the lock
 *   the other waits for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await lists(db);
  await sites(db);
  await procedures(db);
  await offers(db);
  await bookingsFollowTheChannel(db);
}

async function lists(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A list of short texts (a site's counters, a procedure's documents): no null, none empty or too
    -- long, no repeated entry.
    create function text_list_valid(items text[], min_items integer, max_items integer, max_length integer)
      returns boolean language sql immutable parallel safe as $$
        select coalesce(
          cardinality($1) between $2 and $3
            and array_position($1, null) is null
            and (select bool_and(length(item) between 1 and $4) and count(distinct item) = count(*)
                 from unnest($1) as item) is not false,
          false)
      $$;
  `.execute(db);
}

async function sites(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The counters (guichets) of the office, by the names the call screen will show.
    alter table site add column counters text[] not null default array['Guichet 1']
      constraint site_counters_check check (text_list_valid(counters, 1, 100, 50));
    alter table site add column contact_phone text
      constraint site_contact_phone_check check (contact_phone ~ '^\\+?[0-9][0-9 .()-]{2,28}[0-9]$');
    alter table site add column contact_email text
      constraint site_contact_email_check check (length(contact_email) between 3 and 254 and contact_email like '%_@_%');
    -- How to get there (bus, tram, parking) and how the building is accessible, for applicants.
    alter table site add column transport jsonb
      constraint site_transport_check check (transport is null or localized_text_valid(transport));
    alter table site add column accessibility jsonb
      constraint site_accessibility_check check (accessibility is null or localized_text_valid(accessibility));
  `.execute(db);
}

async function procedures(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The English or Arabic version of a procedure's texts: any of them, each as the French column
    -- limits it; what is missing is shown in French.
    create function procedure_translation_valid(value jsonb) returns boolean
      language plpgsql immutable parallel safe as $$
    declare
      name text;
      limits constant jsonb := '{"title": 300, "description": 4000, "audience": 2000, "fees": 2000}';
    begin
      if jsonb_typeof(value) is distinct from 'object' then return false; end if;
      if (value - 'title' - 'description' - 'audience' - 'fees' - 'documents') <> '{}'::jsonb then
        return false;
      end if;
      for name in select jsonb_object_keys(limits) loop
        if value ? name and (jsonb_typeof(value -> name) <> 'string'
            or length(value ->> name) not between 1 and (limits ->> name)::integer) then
          return false;
        end if;
      end loop;
      if value ? 'documents' then
        if jsonb_typeof(value -> 'documents') <> 'array' then return false; end if;
        if exists (select 1 from jsonb_array_elements(value -> 'documents') as d
                   where jsonb_typeof(d) <> 'string') then
          return false;
        end if;
        return text_list_valid(
          array(select jsonb_array_elements_text(value -> 'documents')), 1, 50, 500);
      end if;
      return true;
    end $$;

    -- {"en": {...}, "ar": {...}}, both optional.
    create function procedure_translations_valid(value jsonb) returns boolean
      language plpgsql immutable parallel safe as $$
    begin
      if jsonb_typeof(value) is distinct from 'object' or (value - 'en' - 'ar') <> '{}'::jsonb then
        return false;
      end if;
      return (value -> 'en' is null or procedure_translation_valid(value -> 'en'))
        and (value -> 'ar' is null or procedure_translation_valid(value -> 'ar'));
    end $$;

    -- Null: the national catalogue, edited with a national scope only; else the département that
    -- wrote the procedure for its own offices. Codes stay unique across both (they are in URLs).
    alter table procedure add column department_code text references department;
    create index procedure_department on procedure (department_code);
    -- When and how to come for this procedure (beside the site's own advice); null: nothing particular.
    alter table procedure add column arrival_advice jsonb
      constraint procedure_arrival_advice_check check (arrival_advice is null or localized_text_valid(arrival_advice));
    alter table procedure add column translations jsonb not null default '{}'
      constraint procedure_translations_check check (procedure_translations_valid(translations));
    alter table procedure add constraint procedure_texts_check check (
      length(description) <= 4000 and length(audience) <= 2000 and length(fees) <= 2000
      and text_list_valid(documents, 0, 50, 500));
    -- A permit window means nothing unless the applicant gives the permit's expiry date.
    alter table procedure add constraint procedure_window_needs_expiry check (
      requires_title_expiry or (title_expiry_within_days is null and title_expired_since_days is null));
  `.execute(db);
}

async function offers(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table offer add constraint offer_instructions_check check (
      length(instructions) <= 4000
      and (contact_email is null or (length(contact_email) between 3 and 254 and contact_email like '%_@_%'))
      and (url is null or (length(url) <= 2000 and url ~ '^https?://[^\\s]+$'))
      and (postal_address is null or length(postal_address) between 1 and 500));
    -- What applicants cannot do without (seeds/002): where to write, where to send, where to go.
    alter table offer add constraint offer_channel_details_check check (
      (channel <> 'email' or contact_email is not null)
      and (channel <> 'external' or url like 'https://%')
      and (channel <> 'postal' or postal_address is not null));
  `.execute(db);
}

async function bookingsFollowTheChannel(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A channel changes only while no active booking is still to come in the offer's slots: the row
    -- lock of the offer's UPDATE makes a booking in flight wait (booking_offer_takes_bookings), and a
    -- booking that went first is counted once it committed (its FOR SHARE lock makes this UPDATE wait).
    create function offer_channel_keeps_bookings() returns trigger language plpgsql as $$
    declare
      stranded integer;
    begin
      if new.channel is not distinct from old.channel then return new; end if;
      select count(*) into stranded
        from booking b join slot s on s.id = b.slot_id
        where s.offer_id = old.id and s.starts_at > now() and booking_is_active(b.status);
      if stranded > 0 then
        raise exception 'the offer % has % active bookings to come: its channel cannot change', old.id, stranded
          using errcode = 'check_violation', constraint = 'offer_channel_keeps_bookings';
      end if;
      return new;
    end $$;
    create trigger offer_channel_keeps_bookings before update of channel on offer
      for each row execute function offer_channel_keeps_bookings();

    -- A seat is taken only in an offer that takes bookings: first come, or won in a draw.
    create function booking_offer_takes_bookings() returns trigger language plpgsql as $$
    declare
      offer_channel text;
    begin
      if tg_op = 'UPDATE' and new.slot_id is not distinct from old.slot_id then return new; end if;
      select o.channel into offer_channel
        from slot s join offer o on o.id = s.offer_id
        where s.id = new.slot_id
        for share of o;
      if offer_channel is not null and offer_channel not in ('booking', 'draw') then
        raise exception 'the slot''s offer does not take bookings (channel %)', offer_channel
          using errcode = 'check_violation', constraint = 'booking_offer_takes_bookings';
      end if;
      return new;
    end $$;
    create trigger booking_offer_takes_bookings before insert or update of slot_id on booking
      for each row execute function booking_offer_takes_bookings();
  `.execute(db);
}
