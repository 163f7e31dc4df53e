import { type Kysely, sql } from 'kysely';

/**
 * Notifications by reference (decision 0017): a row holds the event, what it refers to, its parameters
 * and its language; the worker renders it from current data when it sends it. No rendered subject or
 * body is stored any more, and the raw tokens of the links are kept sealed, never in clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- An event name instead of a list of kinds that needed a migration for each new one: only its shape
    -- ("area.what_happened") is checked here, notify/events.ts lists the known ones.
    alter table outbox add column event text;
    update outbox set event = case kind
      when 'booking_confirm_request' then 'booking.confirm_requested'
      when 'booking_confirmed' then 'booking.confirmed'
      when 'booking_cancelled' then 'booking.cancelled'
      when 'booking_rescheduled' then 'booking.rescheduled'
      when 'manage_link' then 'manage.link_requested'
    end;
    alter table outbox alter column event set not null;
    alter table outbox add constraint outbox_event_name check (event ~ '^[a-z]+(_[a-z]+)*\\.[a-z]+(_[a-z]+)*$');
    alter table outbox drop column kind;

    -- The address a manage-link request names, lower-cased by the application as booking.email_key is;
    -- the recipient of a booking's message is read from the booking when it is sent. No lower() check
    -- here: the public form's input is written as it is, and an exotic character that JavaScript and
    -- PostgreSQL lower differently must not turn a request into an error. Nobody is kept for a skipped
    -- request.
    alter table outbox add column email_key text;
    update outbox set email_key = nullif(lower(trim(recipient)), '') where event = 'manage.link_requested';
    alter table outbox drop constraint outbox_skipped_has_no_recipient;
    alter table outbox add constraint outbox_skipped_names_nobody check (status <> 'skipped' or email_key is null);
    alter table outbox drop column recipient;

    -- What the notifier needs beyond current data, e.g. the slot a rescheduling moved to.
    alter table outbox add column params jsonb not null default '{}' check (jsonb_typeof(params) = 'object');
    update outbox set params = jsonb_build_object('slotId', booking.slot_id::text)
      from booking where booking.id = outbox.booking_id and outbox.event = 'booking.rescheduled';

    -- Every row says which language to write in.
    update outbox set locale = coalesce(
      (select booking.locale from booking where booking.id = outbox.booking_id), 'fr') where locale is null;
    alter table outbox alter column locale set not null;

    -- The raw tokens of the links, sealed with a key derived from SECRET_KEY (notify/sealed-tokens.ts),
    -- kept only while the message may still be sent.
    alter table outbox add column sealed_tokens bytea;
    alter table outbox add constraint outbox_tokens_only_while_pending
      check (status = 'pending' or sealed_tokens is null);

    -- A pending message rendered before this migration has its links' tokens only in its body, in
    -- clear, and a manage-link request still undecided has no token sealed: neither can be rendered
    -- now, so they are given up where an operator sees them (with the typed address blanked). A
    -- cancellation has no link and is simply rendered again from the booking.
    update outbox set status = 'failed', email_key = null,
      last_error = 'not sent: queued before migration 0009, its links cannot be rebuilt'
      where status = 'pending' and event <> 'booking.cancelled'
        and (body_text is not null or event = 'manage.link_requested');
    alter table outbox drop column subject, drop column body_text, drop column body_html,
      drop column attachments;

    -- The workers' queue, one per channel: due messages in order.
    drop index outbox_due;
    create index outbox_due on outbox (channel, next_attempt_at) where status = 'pending';
  `.execute(db);
}
