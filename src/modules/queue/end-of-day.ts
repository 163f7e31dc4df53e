import { type SqlBool, sql } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { BookingStatus } from '../booking/statuses.ts';
import { insertLoopEvent } from './queue.repository.ts';

// The end of an office's day (issue 10 point 2; decision 0041): once the local day of an appointment
// is over in its office's zone, who was being served was seen (attended), and who never reached a
// counter did not come (no_show) — each with a `close_day` counter event, agent null. Bookings already
// attended, no-show, cancelled or revoked are left alone, so a second run changes nothing.

/** The statuses a finished day still holds, and where the closure takes each. */
const CLOSING: Readonly<Partial<Record<BookingStatus, BookingStatus>>> = {
  served: 'attended',
  confirmed: 'no_show',
  waiting: 'no_show',
  called: 'no_show',
  missed: 'no_show',
};

const BATCH = 500;

/** Closes every finished day of every office, in batches; answers how many bookings each status got. */
export async function closeFinishedDays(deps: { db: Db; clock: Clock }): Promise<Record<string, number>> {
  const counts: Record<string, number> = { attended: 0, no_show: 0 };
  for (;;) {
    const closed = await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const rows = await trx
        .selectFrom('booking')
        .innerJoin('slot', 'slot.id', 'booking.slot_id')
        .innerJoin('offer', 'offer.id', 'slot.offer_id')
        .innerJoin('site', 'site.id', 'offer.site_id')
        .innerJoin('department', 'department.code', 'site.department_code')
        .select(['booking.id', 'booking.status', 'offer.site_id as siteId'])
        .where('booking.status', 'in', Object.keys(CLOSING) as BookingStatus[])
        // Before the start of today in the office's zone: the appointment's day is over there.
        .where(
          sql<SqlBool>`slot.starts_at < (date_trunc('day', ${now}::timestamptz at time zone department.timezone) at time zone department.timezone)`,
        )
        .orderBy('booking.id')
        .limit(BATCH)
        .forUpdate('booking')
        .skipLocked()
        .execute();
      for (const row of rows) {
        const to = CLOSING[row.status] ?? 'no_show';
        await trx
          .updateTable('booking')
          .set({ status: to, ...(to === 'attended' ? { finished_at: now } : {}) })
          .where('id', '=', row.id)
          .execute();
        await insertLoopEvent(trx, {
          bookingId: row.id,
          siteId: row.siteId,
          at: now,
          agentId: null,
          action: 'close_day',
          fromStatus: row.status,
          toStatus: to,
          counter: null,
        });
        counts[to] = (counts[to] ?? 0) + 1;
      }
      return rows.length;
    });
    if (closed < BATCH) return counts;
  }
}
