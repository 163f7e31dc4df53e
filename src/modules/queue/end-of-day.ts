import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { BookingStatus } from '../booking/statuses.ts';
import { closeBookings, insertLoopEvents, lockFinishedDayBookings } from './queue.repository.ts';

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
      const statuses = Object.keys(CLOSING) as BookingStatus[];
      const rows = await lockFinishedDayBookings(trx, { now, statuses, limit: BATCH });
      const events = rows.map((row) => ({
        bookingId: row.id,
        siteId: row.siteId,
        at: now,
        agentId: null,
        action: 'close_day' as const,
        fromStatus: row.status,
        toStatus: CLOSING[row.status] ?? 'no_show',
        counter: null,
      }));
      for (const status of ['attended', 'no_show'] as const) {
        const ids = events.filter((e) => e.toStatus === status).map((e) => e.bookingId);
        await closeBookings(trx, { ids, status, now });
        counts[status] = (counts[status] ?? 0) + ids.length;
      }
      await insertLoopEvents(trx, events);
      return rows.length;
    });
    if (closed < BATCH) return counts;
  }
}
