import { type Kysely, sql } from 'kysely';

/**
 * A national procedure may have the same calendar in two départements: each gets its own calendar
 * draw for a window (a draw has one département, its time zone and its offices). Migration 0019's
 * index forgot the département.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index draw_calendar_window_once;
    create unique index draw_calendar_window_once on draw
      (procedure_id, department_code, window_opens_at, window_closes_at, slots_from, slots_to)
      where origin = 'calendar';
  `.execute(db);
}
