import { type Kysely, sql } from 'kysely';

/** The durable outbox of notifications, and the spent proof-of-work challenges. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A notification is written here in the same transaction as the change it reports, so that a
    -- crash or an SMTP outage can delay it but never lose it (PRODUCT §2.5).
    create table outbox (
      id bigint generated always as identity primary key,
      booking_id bigint references booking on delete set null,
      kind text not null check (kind in ('booking_confirm_request', 'booking_confirmed', 'booking_cancelled',
        'manage_link')),
      channel text not null default 'email' check (channel in ('email', 'sms')),
      recipient text not null,
      subject text not null,
      -- Bodies hold links with tokens: they are erased once the message is delivered.
      body_text text,
      body_html text,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
    -- The worker's queue: due messages in order.
    create index outbox_due on outbox (next_attempt_at) where status = 'pending';

    -- Each delivery attempt, for support and for the statistics of the back office.
    create table outbox_attempt (
      id bigint generated always as identity primary key,
      outbox_id bigint not null references outbox on delete cascade,
      attempted_at timestamptz not null default now(),
      ok boolean not null,
      error text
    );

    -- A solved ALTCHA challenge may be used once; the primary key refuses a replay.
    create table captcha_use (
      signature text primary key,
      expires_at timestamptz not null
    );
    create index captcha_use_expiry on captcha_use (expires_at);
  `.execute(db);
}
