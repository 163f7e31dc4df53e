import { type Kysely, sql } from 'kysely';

/**
 * What an applicant saw, hour by hour (issue 10 point 8; decision 0047): for each first-come offer,
 * the start of the earliest slot anyone could book at that moment, or null when the public pool showed
 * "aucune plage horaire". The statistics' median wait to the next free slot and the share of hours
 * without any are read from it; it holds no personal data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table availability_sample (
      offer_id integer not null references offer on delete cascade,
      -- The hour of the sample (one per offer and hour, whichever instance takes it).
      sampled_at timestamptz not null constraint availability_sample_on_the_hour
        check (sampled_at = date_trunc('hour', sampled_at)),
      next_free_at timestamptz,
      primary key (offer_id, sampled_at)
    );
    create index availability_sample_at on availability_sample (sampled_at);
  `.execute(db);
}
