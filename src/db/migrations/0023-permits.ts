import { type Kysely, sql } from 'kysely';

/**
 * Permit pick-up (issue 10 point 6, seeds/003, decision 0037): a residence permit made and waiting at
 * an office for its holder, announced once by SMS and email with a short reference the pick-up desk
 * checks. 'ready': waiting at the office; 'collected': handed over (final).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table permit (
      id bigint generated always as identity primary key,
      site_id integer not null references site,
      -- The AGDREF number as stored everywhere else: 10 digits.
      foreigner_number text not null check (foreigner_number ~ '^[0-9]{10}$'),
      -- The code of the SMS, typed at the desk: 6 characters of Crockford's base 32 (no I, L, O, U).
      reference text not null unique check (reference ~ '^[0-9A-HJKMNP-TV-Z]{6}$'),
      status text not null default 'ready' check (status in ('ready', 'collected')),
      -- The holder as found in their latest booking or request, or as typed; the names may be unknown.
      last_name text,
      first_name text,
      email text check (email is null or (email like '%_@_%' and length(email) <= 254)),
      phone text check (phone is null or phone ~ '^\\+[1-9][0-9]{6,14}$'),
      locale text not null default 'fr' check (locale in ('fr', 'en', 'ar')),
      -- Announced by SMS or email: a holder nobody can reach is refused at import.
      constraint permit_reachable check (email is not null or phone is not null),
      ready_at timestamptz not null default now(),
      ready_by integer references agent on delete set null,
      collected_at timestamptz,
      collected_by integer references agent on delete set null,
      constraint permit_collected_when check ((status = 'collected') = (collected_at is not null))
    );
    -- One live permit per foreigner number and office: a second import would announce it twice.
    create unique index permit_live on permit (site_id, foreigner_number) where status = 'ready';
    -- The office's list of permits waiting, newest first.
    create index permit_site_ready on permit (site_id, ready_at) where status = 'ready';

    -- The only change a permit knows is ready -> collected; its office, number and reference never change.
    create function permit_transition() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if new.status <> 'ready' then
          raise exception 'a permit starts ready'
            using errcode = 'check_violation', constraint = 'permit_status_transition';
        end if;
        return new;
      end if;
      if new.site_id <> old.site_id or new.foreigner_number <> old.foreigner_number
         or new.reference <> old.reference or new.ready_at <> old.ready_at then
        raise exception 'a permit''s office, number, reference and readiness never change'
          using errcode = 'check_violation', constraint = 'permit_status_transition';
      end if;
      if new.status <> old.status and not (old.status = 'ready' and new.status = 'collected') then
        raise exception 'a permit cannot go from % to %', old.status, new.status
          using errcode = 'check_violation', constraint = 'permit_status_transition';
      end if;
      if old.status = 'collected' and new is distinct from old then
        raise exception 'a collected permit never changes'
          using errcode = 'check_violation', constraint = 'permit_status_transition';
      end if;
      return new;
    end $$;
    create trigger permit_transition before insert or update on permit
      for each row execute function permit_transition();
  `.execute(db);
}
