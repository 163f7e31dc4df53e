import { type Kysely, sql } from 'kysely';

/**
 * The publication policy of each offer (issue 8, point 4; decision 0024): a rolling horizon, as until
 * now, or releases — at a fixed time, or at a random moment inside a daily window (the Hérault
 * measure of seeds/004) — on chosen weekdays. A release publishes the days up to the horizon; until
 * then the new days' slots do not exist at all, so that no slot id can be booked before its release.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table offer
      -- 'rolling': the whole horizon is published continuously; 'fixed': at release_time on each
      -- release weekday; 'random': at a moment drawn inside [release_window_start, release_window_end).
      add column release_mode text not null default 'rolling'
        constraint offer_release_mode_check check (release_mode in ('rolling', 'fixed', 'random')),
      -- ISO weekdays (1 Monday … 7 Sunday) on which a release happens.
      add column release_weekdays smallint[] not null default '{1,2,3,4,5,6,7}'
        constraint offer_release_weekdays_check
          check (cardinality(release_weekdays) between 1 and 7 and release_weekdays <@ '{1,2,3,4,5,6,7}'),
      -- Wall-clock times in the site's zone.
      add column release_time time,
      add column release_window_start time,
      add column release_window_end time,
      -- The last local day released so far: slots after it are not published yet.
      add column released_through date,
      -- When the next release happens. For a random window, drawn when the previous release happened
      -- and never shown to anyone: knowing it is what the measure takes away from resellers' bots.
      add column next_release_at timestamptz,
      -- Each mode has exactly its own settings, and a release mode always knows its next release.
      add constraint offer_release_policy_check check (coalesce(case release_mode
        when 'rolling' then num_nonnulls(release_time, release_window_start, release_window_end,
                                         released_through, next_release_at) = 0
        when 'fixed' then release_time is not null
          and num_nonnulls(release_window_start, release_window_end) = 0
          and released_through is not null and next_release_at is not null
        when 'random' then release_time is null
          and release_window_start < release_window_end
          and released_through is not null and next_release_at is not null
      end, false));
    -- The release job's scan: offers whose next release has come.
    create index offer_release_due on offer (next_release_at) where next_release_at is not null;

    -- A closure's reason is shown to agents in a table: one line.
    alter table closure add constraint closure_reason_length check (length(reason) <= 200);
  `.execute(db);
}
