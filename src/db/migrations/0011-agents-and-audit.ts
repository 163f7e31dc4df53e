import { type Kysely, sql } from 'kysely';

/**
 * The staff's side (issue 8; decision 0020): agents, their roles on a scope, their sessions and API
 * tokens, the sign-in throttle, and the append-only audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await agentsAndGrants(db);
  await sessionsAndTokens(db);
  await auditLog(db);
}

async function agentsAndGrants(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table agent (
      id integer generated always as identity primary key,
      email text not null unique check (email = lower(email) and length(email) between 3 and 254),
      name text not null check (length(name) between 1 and 200),
      -- Argon2id, PHC string; null when the agent signs in through the federation only.
      password_hash text,
      federation_only boolean not null default false,
      -- The TOTP secret, AES-GCM sealed with SECRET_KEY; enrolled once the first code was accepted.
      totp_secret bytea,
      totp_enrolled_at timestamptz,
      -- The time step of the last code accepted: a code is accepted once.
      totp_last_step bigint,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      check (not federation_only or password_hash is null)
    );

    -- Ten single-use codes for an agent who lost their authenticator (SHA-256 of each).
    create table agent_recovery_code (
      agent_id integer not null references agent on delete cascade,
      code_hash bytea not null,
      used_at timestamptz,
      primary key (agent_id, code_hash)
    );

    -- A role on a scope: the country, a département or one site (PRODUCT §4.4).
    create table role_grant (
      id integer generated always as identity primary key,
      agent_id integer not null references agent on delete cascade,
      role text not null check (role in ('administrator', 'site_manager', 'agent', 'viewer', 'partner')),
      scope_kind text not null check (scope_kind in ('national', 'department', 'site')),
      department_code text references department,
      site_id integer references site,
      check (
        (scope_kind = 'national' and department_code is null and site_id is null)
        or (scope_kind = 'department' and department_code is not null and site_id is null)
        or (scope_kind = 'site' and site_id is not null and department_code is null)
      )
    );
    create unique index role_grant_once on role_grant
      (agent_id, role, scope_kind, coalesce(department_code, ''), coalesce(site_id, 0));

    -- A département that has an administrator keeps one: checked at commit, so that a transaction
    -- may hand the role over, never leave the département without it.
    create function department_keeps_administrator(code text) returns void language plpgsql as $$
    begin
      if code is null then return; end if;
      if not exists (
        select 1 from role_grant g join agent a on a.id = g.agent_id
        where g.role = 'administrator' and g.scope_kind = 'department' and g.department_code = code
          and a.active
      ) then
        raise exception 'the département % must keep at least one administrator', code
          using errcode = '23514', constraint = 'department_keeps_administrator';
      end if;
    end $$;

    create function role_grant_keep_administrator() returns trigger language plpgsql as $$
    begin
      if old.role = 'administrator' and old.scope_kind = 'department' then
        perform department_keeps_administrator(old.department_code);
      end if;
      return null;
    end $$;
    create constraint trigger role_grant_keep_administrator
      after update or delete on role_grant deferrable initially deferred
      for each row execute function role_grant_keep_administrator();

    create function agent_keep_administrator() returns trigger language plpgsql as $$
    declare code text;
    begin
      if tg_op = 'UPDATE' and (new.active or not old.active) then return null; end if;
      for code in select department_code from role_grant
        where agent_id = old.id and role = 'administrator' and scope_kind = 'department'
      loop
        perform department_keeps_administrator(code);
      end loop;
      return null;
    end $$;
    create constraint trigger agent_keep_administrator
      after update of active on agent deferrable initially deferred
      for each row execute function agent_keep_administrator();
  `.execute(db);
}

async function sessionsAndTokens(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A browser's session, by the SHA-256 of its cookie. 'password': only the second factor's page
    -- answers; 'complete': signed in. Rotated (a new row) whenever the stage changes.
    create table agent_session (
      id_hash bytea primary key,
      agent_id integer not null references agent on delete cascade,
      stage text not null check (stage in ('password', 'complete')),
      method text not null check (method in ('password', 'federation')),
      -- The counter (guichet) the agent sits at today, chosen at sign-in (the counter loop).
      counter text,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      ended_at timestamptz
    );
    create index agent_session_agent on agent_session (agent_id) where ended_at is null;

    create table agent_api_token (
      id integer generated always as identity primary key,
      agent_id integer not null references agent on delete cascade,
      name text not null check (length(name) between 1 and 100),
      token_hash bytea not null unique,
      created_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    -- Failed sign-ins per account ('agent:ID') and per address ('address:' + keyed hash).
    create table sign_in_throttle (
      key text primary key,
      failures integer not null check (failures >= 0),
      last_failure_at timestamptz not null,
      locked_until timestamptz
    );
  `.execute(db);
}

async function auditLog(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_entry (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      -- Null for an action by nobody signed in (a failed sign-in of an unknown email).
      agent_id integer references agent,
      action text not null check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
      target_type text not null check (length(target_type) between 1 and 40),
      target_id text,
      -- Where the target is, so that a département's administrators read their own part of the log;
      -- both null: national (an agent's sign-in, a national procedure).
      department_code text,
      site_id integer,
      before jsonb,
      after jsonb,
      -- HMAC of the client address with SECRET_KEY: who did it from where, never the address itself.
      address_hash text,
      -- Whether before/after name a person (an applicant's identity): erased after one year.
      personal boolean not null default false
    );
    create index audit_entry_at on audit_entry (at);
    create index audit_entry_agent on audit_entry (agent_id, at);
    create index audit_entry_target on audit_entry (target_type, target_id, at);
    create index audit_entry_place on audit_entry (department_code, site_id, at);

    -- Append-only, for the application's own role too: the only change allowed is the retention's
    -- (personal values of entries older than a year blanked; entries older than five years removed).
    create function audit_entry_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.at < now() - interval '5 years' then return old; end if;
      elsif tg_op = 'UPDATE' then
        if old.at < now() - interval '1 year'
          and (new.id, new.at, new.agent_id, new.action, new.target_type, new.target_id,
               new.department_code, new.site_id, new.personal)
            is not distinct from
              (old.id, old.at, old.agent_id, old.action, old.target_type, old.target_id,
               old.department_code, old.site_id, old.personal)
          and new.address_hash is null
          and (not old.personal or (new.before is null and new.after is null))
          and (old.personal or (new.before is not distinct from old.before
                                and new.after is not distinct from old.after))
        then return new; end if;
      end if;
      raise exception 'the audit log is append-only' using errcode = '42501';
    end $$;
    create trigger audit_entry_append_only before update or delete on audit_entry
      for each row execute function audit_entry_append_only();

    create function audit_entry_no_truncate() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only' using errcode = '42501';
    end $$;
    create trigger audit_entry_no_truncate before truncate on audit_entry
      for each statement execute function audit_entry_no_truncate();
  `.execute(db);
}
