import { type Kysely, sql } from 'kysely';

/**
 * What the pages after booking need: links that open every booking of one email address, attachments
 * described in the outbox, and the rescheduling email.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- "Annuler, consulter et gérer" by typing an address: the emailed link opens every booking of that
    -- address (email_key, lower case as in booking.email_key), for a day. Only the SHA-256 of the
    -- token is kept, as for booking_token: a stolen table gives no usable link.
    create table access_token (
      id bigint generated always as identity primary key,
      email_key text not null check (email_key = lower(email_key)),
      token_hash bytea not null unique check (length(token_hash) = 32),
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );
    -- The purge of spent links.
    create index access_token_expiry on access_token (expires_at);

    -- What to attach, never the file itself: [{"kind":"convocation","bookingId":"42"}]. The worker
    -- renders the files when it sends, so the outbox holds no copy of the identity they show.
    alter table outbox add column attachments jsonb not null default '[]'
      check (jsonb_typeof(attachments) = 'array');

    -- A new kind of message: the appointment moved to another slot.
    alter table outbox drop constraint outbox_kind_check;
    alter table outbox add constraint outbox_kind_check check (kind in ('booking_confirm_request',
      'booking_confirmed', 'booking_cancelled', 'booking_rescheduled', 'manage_link'));
  `.execute(db);
}
