import { type Kysely, sql } from 'kysely';

/**
 * The record of every job run, and the seats given back. The job queue itself (pg-boss) keeps its
 * tables in the schema `pgboss`, which it creates and migrates when it starts (decision 0016).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per attempt of a job: what ran, where, with what, and how it ended. Kept 30 days.
    create table job_run (
      id bigint generated always as identity primary key,
      job_id text not null,
      job text not null,
      version integer not null,
      -- References only (ids, dates): payloads never hold personal data.
      payload jsonb not null,
      attempt integer not null check (attempt >= 1),
      -- host:pid of the process that ran it.
      instance text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      -- 'refused': the payload or version did not fit the definition, so it was not run nor retried;
      -- 'abandoned': its process died during the run (a later attempt found it still running).
      outcome text not null default 'running'
        check (outcome in ('running', 'completed', 'failed', 'refused', 'abandoned')),
      result jsonb,
      error text,
      check ((outcome = 'running') = (finished_at is null))
    );
    create index job_run_job on job_run (job_id);
    create index job_run_started on job_run (started_at);
    create index job_run_by_name on job_run (job, started_at);

    -- Something that happened to a seat, for consumers that act on it (follow-up draws, offers of an
    -- earlier slot). Each event is claimed once, by one consumer, inside the transaction that acts
    -- on it (consumed_at/consumed_by), so a rolled-back consumer leaves it to the next.
    create table seat_event (
      id bigint generated always as identity primary key,
      event text not null check (event in ('seat.freed')),
      cause text not null check (cause in ('expired', 'cancelled', 'revoked', 'unconfirmed_win')),
      slot_id bigint not null references slot (id) on delete cascade,
      offer_id integer not null references offer (id) on delete cascade,
      procedure_id integer not null references procedure (id) on delete cascade,
      -- The booking that let the seat go; kept as a reference only, and cleared with the booking.
      booking_id bigint references booking (id) on delete set null,
      occurred_at timestamptz not null,
      consumed_at timestamptz,
      consumed_by text,
      check ((consumed_at is null) = (consumed_by is null))
    );
    create index seat_event_unclaimed on seat_event (id) where consumed_at is null;
    create index seat_event_slot on seat_event (slot_id);
  `.execute(db);
}
