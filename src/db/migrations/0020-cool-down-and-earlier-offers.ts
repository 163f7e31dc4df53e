import { type Kysely, sql } from 'kysely';

/**
 * The cool-down of seats freed in first-come offers, and the offers of an earlier slot (issue 9,
 * points 6 and 7; decision 0029):
 * - `held_seat`: a seat freed by a cancellation (or a move) that is kept out of the public pool until
 *   `returns_at`, drawn at random; `slot.held_back` counts the held seats of a slot, kept by a trigger,
 *   and the capacity check becomes `taken + held_back <= capacity`, so no booking can take it meanwhile;
 * - `earlier_wish`: a confirmed booking whose holder asks to be offered an earlier slot;
 * - `earlier_offer`: a held seat offered to one of them, with its emailed link (hashed) and its
 *   lifecycle offered → accepted | declined | expired, at most one a day per person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table slot add column held_back integer not null default 0;
    -- Same name as before: every use case already turns it into "slot_full".
    alter table slot drop constraint slot_taken_within_capacity;
    alter table slot add constraint slot_taken_within_capacity
      check (taken >= 0 and held_back >= 0 and taken + held_back <= capacity);
    drop index slot_free_by_offer;
    create index slot_free_by_offer on slot (offer_id, starts_at) where taken + held_back < capacity;

    -- A schedule change that removes seats takes the held ones first: a seat that no longer exists is
    -- not held for anyone. Seats of active bookings are still protected by the check (and refused by
    -- the regeneration before it gets here).
    create function slot_capacity_cuts_held_back() returns trigger language plpgsql as $$
    begin
      if new.capacity < old.capacity and new.taken + new.held_back > new.capacity then
        new.held_back := greatest(new.capacity - new.taken, 0);
      end if;
      return new;
    end $$;
    create trigger slot_capacity_cuts_held_back before update of capacity on slot
      for each row execute function slot_capacity_cuts_held_back();

    -- A booking moved to another slot (a change of slot, an earlier slot accepted) frees its old seat.
    alter table seat_event drop constraint seat_event_cause_check;
    alter table seat_event add constraint seat_event_cause_check
      check (cause in ('expired', 'cancelled', 'revoked', 'unconfirmed_win', 'moved'));

    create table held_seat (
      id bigint generated always as identity primary key,
      slot_id bigint not null references slot (id) on delete cascade,
      -- The seat.freed event it comes from (cleared when past events are purged).
      seat_event_id bigint references seat_event (id) on delete set null,
      held_at timestamptz not null,
      -- The end of the cool-down, drawn between COOL_DOWN_MIN_MINUTES and COOL_DOWN_MAX_MINUTES.
      returns_at timestamptz not null check (returns_at >= held_at),
      -- 'held': out of the public pool; 'returned': back in it; 'given': taken by an accepted offer.
      status text not null default 'held' check (status in ('held', 'returned', 'given')),
      ended_at timestamptz,
      check ((status = 'held') = (ended_at is null))
    );
    -- The cool-down job's scan.
    create index held_seat_live on held_seat (returns_at) where status = 'held';
    create index held_seat_slot on held_seat (slot_id);

    create table earlier_wish (
      booking_id bigint primary key references booking (id) on delete cascade,
      created_at timestamptz not null
    );

    create table earlier_offer (
      id bigint generated always as identity primary key,
      held_seat_id bigint not null references held_seat (id) on delete cascade,
      -- The confirmed booking that would move to the held seat's slot.
      booking_id bigint not null references booking (id) on delete cascade,
      -- The person, copied from the booking by the trigger, for the one-offer-a-day index.
      identity_key text not null,
      -- The office's local day of the offer.
      offered_on date not null,
      offered_at timestamptz not null,
      expires_at timestamptz not null check (expires_at > offered_at),
      -- 'offered': waiting for the person; 'accepted': the booking moved; 'declined': refused by the
      -- person; 'expired': not answered in time. Only 'offered' changes (trigger below).
      status text not null default 'offered'
        check (status in ('offered', 'accepted', 'declined', 'expired')),
      decided_at timestamptz,
      -- SHA-256 of the emailed link's token.
      token_hash bytea not null unique check (length(token_hash) = 32),
      check ((status = 'offered') = (decided_at is null)),
      -- A seat is offered to the same booking once.
      unique (held_seat_id, booking_id)
    );
    -- One person waits for one answer per seat at a time...
    create unique index earlier_offer_one_live_per_seat on earlier_offer (held_seat_id) where status = 'offered';
    -- ... and gets at most one offer a day.
    create unique index earlier_offer_one_a_day on earlier_offer (identity_key, offered_on);
    create index earlier_offer_due on earlier_offer (expires_at) where status = 'offered';
    create index earlier_offer_booking on earlier_offer (booking_id);

    -- slot.held_back follows the held seats; their statuses only leave 'held', and a seat with an
    -- offer waiting is neither returned nor given to anyone but an accepted offer.
    create function held_seat_keep_count() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if new.status <> 'held' then
          raise exception 'a held seat starts held'
            using errcode = 'check_violation', constraint = 'held_seat_status_transition';
        end if;
        update slot set held_back = held_back + 1 where id = new.slot_id;
        return new;
      end if;
      if new.slot_id <> old.slot_id then
        raise exception 'a held seat never changes slot'
          using errcode = 'check_violation', constraint = 'held_seat_status_transition';
      end if;
      if new.status = old.status then return new; end if;
      if old.status <> 'held' then
        raise exception 'a held seat cannot go from % to %', old.status, new.status
          using errcode = 'check_violation', constraint = 'held_seat_status_transition';
      end if;
      if new.status = 'returned' and exists
          (select 1 from earlier_offer where held_seat_id = new.id and status = 'offered') then
        raise exception 'a seat offered to someone is not returned to the pool'
          using errcode = 'check_violation', constraint = 'held_seat_status_transition';
      end if;
      if new.status = 'given' and not exists
          (select 1 from earlier_offer where held_seat_id = new.id and status = 'accepted') then
        raise exception 'a held seat is given only to an accepted offer'
          using errcode = 'check_violation', constraint = 'held_seat_status_transition';
      end if;
      -- At zero already when a capacity cut took the seat away (slot_capacity_cuts_held_back).
      update slot set held_back = greatest(held_back - 1, 0) where id = new.slot_id;
      return new;
    end $$;
    create trigger held_seat_keep_count before insert or update on held_seat
      for each row execute function held_seat_keep_count();

    -- Only a confirmed appointment joins the list.
    create function earlier_wish_confirmed() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from booking where id = new.booking_id and status = 'confirmed') then
        raise exception 'only a confirmed booking asks for an earlier slot'
          using errcode = 'check_violation', constraint = 'earlier_wish_confirmed';
      end if;
      return new;
    end $$;
    create trigger earlier_wish_confirmed before insert on earlier_wish
      for each row execute function earlier_wish_confirmed();

    create function earlier_offer_lifecycle() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if new.status <> 'offered' then
          raise exception 'an offer starts offered'
            using errcode = 'check_violation', constraint = 'earlier_offer_status_transition';
        end if;
        select identity_key into new.identity_key from booking
          where id = new.booking_id and status = 'confirmed';
        if new.identity_key is null then
          raise exception 'an earlier slot is offered for a confirmed booking only'
            using errcode = 'check_violation', constraint = 'earlier_offer_status_transition';
        end if;
        return new;
      end if;
      if new.held_seat_id <> old.held_seat_id or new.booking_id <> old.booking_id
          or new.identity_key <> old.identity_key or new.token_hash <> old.token_hash then
        raise exception 'an offer''s seat, booking and link never change'
          using errcode = 'check_violation', constraint = 'earlier_offer_status_transition';
      end if;
      if new.status <> old.status and old.status <> 'offered' then
        raise exception 'an offer cannot go from % to %', old.status, new.status
          using errcode = 'check_violation', constraint = 'earlier_offer_status_transition';
      end if;
      return new;
    end $$;
    create trigger earlier_offer_lifecycle before insert or update on earlier_offer
      for each row execute function earlier_offer_lifecycle();
  `.execute(db);
}
