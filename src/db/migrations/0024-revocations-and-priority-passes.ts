import { type Kysely, sql } from 'kysely';

/**
 * Revocations by the office and the priority they give (issue 10 point 3; decision 0038):
 * - `priority_pass`: the personal right of a person whose first-come appointment the office revoked to
 *   book again before anyone else, until `expires_at`. One per revoked booking (so a retried
 *   revocation makes none), only for a revoked booking, used once. The seat the revocation freed is
 *   held back (`held_seat_id`) until the pass is used or expires: the capacity check keeps it from
 *   everyone else meanwhile, and the cool-down job leaves it alone while the pass lives.
 * A draw offer's revocation gives a waiting request with `priority` (migration 0017) instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table priority_pass (
      id bigint generated always as identity primary key,
      -- The revoked booking it makes up for; the person, procedure and département are copied from it.
      booking_id bigint not null constraint priority_pass_one_per_booking unique
        references booking on delete cascade,
      identity_key text not null,
      procedure_id integer not null references procedure,
      department_code text not null references department,
      -- The freed seat kept for the person (null when nothing could be held, or once purged).
      held_seat_id bigint references held_seat on delete set null,
      -- SHA-256 of the emailed link's token.
      token_hash bytea not null unique check (length(token_hash) = 32),
      created_at timestamptz not null,
      expires_at timestamptz not null check (expires_at > created_at),
      used_at timestamptz,
      -- The booking made with it.
      new_booking_id bigint references booking on delete set null
    );
    create index priority_pass_held_seat on priority_pass (held_seat_id) where used_at is null;

    create function priority_pass_rules() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if new.used_at is not null or not exists (select 1 from booking where id = new.booking_id
            and status = 'revoked' and identity_key = new.identity_key and procedure_id = new.procedure_id) then
          raise exception 'a priority pass is given, unused, for a booking the office revoked'
            using errcode = 'check_violation', constraint = 'priority_pass_rules';
        end if;
        return new;
      end if;
      if new.booking_id <> old.booking_id or new.identity_key <> old.identity_key
          or new.procedure_id <> old.procedure_id or new.department_code <> old.department_code
          or new.token_hash <> old.token_hash or new.expires_at <> old.expires_at
          or new.created_at <> old.created_at then
        raise exception 'a priority pass never changes but to be used'
          using errcode = 'check_violation', constraint = 'priority_pass_rules';
      end if;
      if old.used_at is not null and new.used_at is distinct from old.used_at then
        raise exception 'a priority pass is used once'
          using errcode = 'check_violation', constraint = 'priority_pass_rules';
      end if;
      return new;
    end $$;
    create trigger priority_pass_rules before insert or update on priority_pass
      for each row execute function priority_pass_rules();
  `.execute(db);
}
