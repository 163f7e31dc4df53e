import { type Kysely, sql } from 'kysely';

/** Départements, sites, arrondissements, procedures, offers and their schedules (PRODUCT §3, §4.1, §4.2). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table department (
      -- INSEE code: 01-95 with 2A/2B for Corsica, 971-976 overseas.
      code text primary key check (code ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
      name text not null check (length(name) between 1 and 100),
      -- IANA zone: slots are stored in UTC and shown in this zone.
      timezone text not null check (length(timezone) between 3 and 64),
      -- Which public holidays apply: metropolitan France, Alsace-Moselle (57, 67, 68) or one overseas region.
      holiday_region text not null check (holiday_region in
        ('metropole', 'alsace_moselle', 'guadeloupe', 'martinique', 'guyane', 'reunion', 'mayotte'))
    );

    create table site (
      id integer generated always as identity primary key,
      department_code text not null references department,
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('prefecture', 'sous_prefecture', 'antenne')),
      address text not null check (length(address) between 1 and 500),
      unique (department_code, name)
    );

    create table arrondissement (
      code text primary key check (code ~ '^[0-9][0-9AB][0-9]{1,2}$'),
      department_code text not null references department,
      name text not null,
      -- The office competent for applicants living in this arrondissement.
      site_id integer references site
    );

    create table procedure (
      id integer generated always as identity primary key,
      code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
      title text not null check (length(title) between 1 and 300),
      description text not null default '',
      audience text not null default '',
      duration_minutes integer not null check (duration_minutes between 5 and 480),
      documents text[] not null default '{}',
      fees text not null default '',
      -- Which identity fields the applicant must give, and the permit window for renewals.
      requires_foreigner_number boolean not null default false,
      requires_title_expiry boolean not null default false,
      requires_postal_code boolean not null default true,
      -- A renewal is open to permits expiring within this many days ...
      title_expiry_within_days integer check (title_expiry_within_days > 0),
      -- ... or expired at most this many days ago (seeds/001: three months, six months).
      title_expired_since_days integer check (title_expired_since_days >= 0)
    );

    create table offer (
      id integer generated always as identity primary key,
      procedure_id integer not null references procedure,
      site_id integer not null references site,
      channel text not null check (channel in ('booking', 'draw', 'postal', 'email', 'walk_in', 'external')),
      -- What to do for the non-booking channels, as in the directory of seeds/002.
      instructions text not null default '',
      contact_email text,
      url text,
      postal_address text,
      updated_on date not null default current_date,
      unique (procedure_id, site_id)
    );

    create table opening_rule (
      id integer generated always as identity primary key,
      offer_id integer not null references offer on delete cascade,
      -- ISO weekday: 1 Monday ... 7 Sunday.
      weekday smallint not null check (weekday between 1 and 7),
      -- Wall-clock times in the site's zone.
      starts_at time not null,
      ends_at time not null check (ends_at > starts_at),
      -- Number of counters open: seats per slot.
      capacity integer not null check (capacity between 1 and 100),
      valid_from date,
      valid_until date check (valid_until >= valid_from)
    );
    create index opening_rule_offer on opening_rule (offer_id);

    create table closure (
      id integer generated always as identity primary key,
      site_id integer not null references site on delete cascade,
      day date not null,
      reason text not null default '',
      unique (site_id, day)
    );
  `.execute(db);
}
