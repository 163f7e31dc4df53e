import { type Kysely, sql } from 'kysely';

/**
 * Requests for a draw (PRODUCT §3, §5; issue 9; decision 0027): one identity asks for a seat of a draw
 * offer's procedure at the offices, half-days and from the date it can attend. The database keeps:
 * - one live request per identity and procedure: a partial unique index on the waiting ones, which the
 *   intake's upsert names as its arbiter (a second submission updates the first, keeping its label);
 * - statuses and their transitions: `request_status_rules()`, mirror of src/modules/requests/statuses.ts;
 * - an identity, a procedure, a label, who entered it and when never change;
 * - every chosen office offers the procedure by draw;
 * - no new request from an identity that holds an active booking of the procedure (the draw applies
 *   the same rule again before it runs, PRODUCT §5 "Eligibility");
 * - at most N live online requests per email address (N = creneau.max_active_per_email, as for
 *   bookings); requests entered by an agent or a partner association do not count.
 * The notifications of a request refer to it (outbox.request_id), and its emailed links are tokens
 * stored as SHA-256, like a booking's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The statuses: whether each is live (one per identity and procedure) and what it may become.
    create function request_status_rules() returns jsonb
      language sql immutable parallel safe
      return '{
        "waiting":   {"live": true,  "next": ["won", "withdrawn", "closed"]},
        "won":       {"live": false, "next": ["closed"]},
        "withdrawn": {"live": false, "next": []},
        "closed":    {"live": false, "next": []}
      }'::jsonb;

    create function request_status_known(status text) returns boolean
      language sql immutable parallel safe
      return request_status_rules() ? status;

    create function request_transition_allowed(from_status text, to_status text) returns boolean
      language sql immutable parallel safe
      return coalesce(request_status_rules() -> from_status -> 'next' ? to_status, false);

    -- Half-days as the draw reads them (PRODUCT §5.1 "Acceptance"): weekday and morning or afternoon,
    -- each at most once. An empty list accepts any.
    create function request_half_days_valid(days text[]) returns boolean
      language sql immutable parallel safe as $$
        select $1 <@ array['mon-am', 'mon-pm', 'tue-am', 'tue-pm', 'wed-am', 'wed-pm', 'thu-am', 'thu-pm',
                           'fri-am', 'fri-pm', 'sat-am', 'sat-pm', 'sun-am', 'sun-pm']::text[]
          and cardinality($1) = (select count(distinct day) from unnest($1) as day)
      $$;

    create function request_site_ids_valid(ids integer[]) returns boolean
      language sql immutable parallel safe as $$
        select cardinality($1) between 1 and 50 and array_position($1, null) is null
          and cardinality($1) = (select count(distinct id) from unnest($1) as id)
      $$;

    create table request (
      id bigint generated always as identity primary key,
      -- The receipt number: random, read aloud at a counter or on the phone (Crockford's base 32
      -- without I, L, O, U), published in the draw's bundle in place of any personal data.
      label text not null constraint request_label_key unique
        constraint request_label_check check (label ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
      procedure_id integer not null references procedure,
      status text not null default 'waiting' constraint request_status_check check (request_status_known(status)),
      -- Who asks, as for a booking: "F:" and the foreigner number, or "N:" and the normalised names
      -- and birth date (booking/identity.ts). It never changes.
      identity_key text not null check (identity_key ~ '^(F:[0-9]{10}|N:.+)$'),
      email_key text not null check (email_key = lower(email_key)),
      last_name text not null,
      first_name text not null,
      birth_date date not null,
      email text not null,
      phone text,
      foreigner_number text check (foreigner_number ~ '^[0-9]{10}$'),
      -- The permit's end of validity: the draw computes the urgency tier from it (PRODUCT §5.1 "Tiers").
      title_expiry date,
      postal_code text check (postal_code ~ '^[0-9]{5}$'),
      locale text not null default 'fr' check (locale in ('fr', 'en', 'ar')),
      -- What the person can attend: offices (each offering the procedure by draw), half-days (empty:
      -- any), and the first day (null: any).
      site_ids integer[] not null constraint request_site_ids_check check (request_site_ids_valid(site_ids)),
      half_days text[] not null default '{}' constraint request_half_days_check check (request_half_days_valid(half_days)),
      earliest date,
      -- Draws already lost: seniority, counted by the draws (PRODUCT §5 "Order").
      lost integer not null default 0 check (lost >= 0),
      -- An appointment revoked by the office: urgency tier 0 in the next draw (PRODUCT §5.1 "Tiers").
      priority boolean not null default false,
      -- The agent (or partner association's account) who entered it on the person's behalf; null online.
      entered_by integer references agent,
      -- The booking a won draw gave it.
      booking_id bigint references booking on delete set null,
      created_at timestamptz not null default now(),
      -- The last submission (creation or update of the choices): the receipt's time.
      updated_at timestamptz not null default now(),
      -- When it left the waiting status (won, withdrawn, closed).
      closed_at timestamptz
    );
    -- One live request per identity and procedure (PRODUCT §5): the intake's upsert arbiter.
    create unique index request_one_live_per_identity on request (procedure_id, identity_key)
      where status = 'waiting';
    -- The draws read the waiting requests of a procedure.
    create index request_waiting_by_procedure on request (procedure_id) where status = 'waiting';
    create index request_email_key on request (email_key);

    -- Live online requests per address, kept by the trigger below.
    create table request_email_activity (
      email_key text primary key,
      live integer not null default 0 check (live >= 0)
    );

    -- Rules that change nothing: checked on the proposed row, so that the upsert's insert attempt is
    -- checked too (a BEFORE INSERT trigger runs for it even when it ends as an update).
    create function request_check_rules() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if new.identity_key <> old.identity_key or new.procedure_id <> old.procedure_id
          or new.label <> old.label or new.entered_by is distinct from old.entered_by
          or new.created_at <> old.created_at then
          raise exception 'a request''s identity, procedure, label and author never change'
            using errcode = 'check_violation', constraint = 'request_identity_immutable';
        end if;
        if new.status <> old.status and not request_transition_allowed(old.status, new.status) then
          raise exception 'a request cannot go from % to %', old.status, new.status
            using errcode = 'check_violation', constraint = 'request_status_transition';
        end if;
      else
        if new.status <> 'waiting' then
          raise exception 'a request starts waiting'
            using errcode = 'check_violation', constraint = 'request_status_transition';
        end if;
        -- One person, one appointment (PRODUCT §2.2): nobody asks the draw for what they already hold.
        if exists (select 1 from booking where booking.procedure_id = new.procedure_id
                   and booking.identity_key = new.identity_key and booking_is_active(booking.status)) then
          raise exception 'this identity holds an active booking of the procedure'
            using errcode = 'check_violation', constraint = 'request_identity_booked';
        end if;
      end if;
      if tg_op = 'INSERT' or new.site_ids is distinct from old.site_ids then
        if exists (select 1 from unnest(new.site_ids) as chosen(site_id) where not exists (
            select 1 from offer where offer.site_id = chosen.site_id
              and offer.procedure_id = new.procedure_id and offer.channel = 'draw')) then
          raise exception 'every office of a request offers its procedure by draw'
            using errcode = 'check_violation', constraint = 'request_sites_offer_draw';
        end if;
      end if;
      return new;
    end $$;

    create trigger request_check_rules before insert or update on request
      for each row execute function request_check_rules();

    -- The per-address counter, after the row is written: an upsert that ends as an update must not
    -- count an insert that did not happen.
    create function request_keep_counts() returns trigger language plpgsql as $$
    declare
      was_counted boolean := tg_op = 'UPDATE' and old.status = 'waiting' and old.entered_by is null;
      is_counted boolean := new.status = 'waiting' and new.entered_by is null;
      email_limit integer := coalesce(nullif(current_setting('creneau.max_active_per_email', true), ''), '3')::integer;
      email_count integer;
    begin
      if was_counted and (not is_counted or new.email_key <> old.email_key) then
        update request_email_activity set live = live - 1 where email_key = old.email_key;
      end if;
      if is_counted and (not was_counted or new.email_key <> old.email_key) then
        insert into request_email_activity as e (email_key, live) values (new.email_key, 1)
          on conflict (email_key) do update set live = e.live + 1
          returning e.live into email_count;
        if email_count > email_limit then
          raise exception 'too many live requests for one email address'
            using errcode = 'check_violation', constraint = 'request_email_limit';
        end if;
      end if;
      return null;
    end $$;

    create trigger request_keep_counts after insert or update on request
      for each row execute function request_keep_counts();

    create table request_token (
      id bigint generated always as identity primary key,
      request_id bigint not null references request on delete cascade,
      -- manage: the emailed link (consult, withdraw, receipt); receipt: the receipt's download only,
      -- handed to whoever just submitted.
      purpose text not null check (purpose in ('manage', 'receipt')),
      -- SHA-256 of the random token: a stolen table gives no usable link.
      token_hash bytea not null unique check (length(token_hash) = 32),
      expires_at timestamptz not null
    );
    create index request_token_request on request_token (request_id);

    -- A notification about a request refers to it, as a booking's does to its booking.
    alter table outbox add column request_id bigint references request on delete set null;
  `.execute(db);
}
