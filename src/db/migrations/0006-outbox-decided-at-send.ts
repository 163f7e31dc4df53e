import { type Kysely, sql } from 'kysely';

/**
 * Messages decided when they are sent, and mail given up for good: the manage-link request is written
 * whatever the address (so the page does the same work for a known and an unknown one) and the worker
 * decides whether anything goes out; an address refused for good is recorded as failed at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The language of the page the message was asked from: a manage-link request has no booking yet
    -- to take it from.
    alter table outbox add column locale text check (locale in ('fr', 'en', 'ar'));

    -- 'skipped': the worker found nothing to send (an address with no booking asked for its link); its
    -- recipient is blanked, since nobody should keep an address that never booked.
    alter table outbox drop constraint outbox_status_check;
    alter table outbox add constraint outbox_status_check
      check (status in ('pending', 'sent', 'failed', 'skipped'));
    alter table outbox add constraint outbox_skipped_has_no_recipient
      check (status <> 'skipped' or recipient = '');

    -- Whether a failed attempt was a refusal for good (an SMTP 5xx about this message or recipient).
    alter table outbox_attempt add column permanent boolean not null default false;
  `.execute(db);
}
