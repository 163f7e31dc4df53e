import type { Executor } from '../../db/database.ts';
import type { CounterAction } from '../../db/schema.counter.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import type { BookingStatus } from '../booking/statuses.ts';
import { bookingsWithPlace } from '../schedule/offers.repository.ts';
import type { LoopEvent, LoopState } from './queue.rules.ts';

// The counter loop's SQL (decision 0041): a booking with its office's settings, its counter events,
// its loop columns written back, the day's queue of an office and its current calls.

/** A booking as the loop needs it: its loop columns, its day and its office's counters and N. */
export async function findLoopBooking(db: Executor, reference: string, lock = false) {
  return bookingsWithPlace(db)
    .select([
      'booking.id',
      'booking.reference',
      'booking.status',
      'booking.checked_in_at as checkedInAt',
      'booking.called_at as calledAt',
      'booking.call_count as callCount',
      'booking.counter',
      'booking.served_at as servedAt',
      'booking.finished_at as finishedAt',
      'slot.starts_at as startsAt',
      'site.id as siteId',
      'site.counters',
      'site.calls_before_missed as callsBeforeMissed',
      'department.code as departmentCode',
      'department.timezone',
    ])
    .where('booking.reference', '=', reference)
    .$if(lock, (query) => query.forUpdate('booking'))
    .executeTakeFirst();
}

export type LoopBooking = NonNullable<Awaited<ReturnType<typeof findLoopBooking>>>;

/** A booking's counter events, in order. */
export async function loopEvents(db: Executor, bookingId: string): Promise<LoopEvent[]> {
  const rows = await db
    .selectFrom('counter_event')
    .select(['id', 'action', 'at', 'from_status as fromStatus', 'to_status as toStatus', 'counter', 'undoes'])
    .where('booking_id', '=', bookingId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    ...row,
    id: String(row.id),
    undoes: row.undoes === null ? null : String(row.undoes),
  }));
}

/** Writes a booking's loop columns and status (the booking's triggers check the change). */
export async function saveLoopState(db: Executor, bookingId: string, state: LoopState): Promise<void> {
  await db
    .updateTable('booking')
    .set({
      status: state.status,
      checked_in_at: state.checkedInAt,
      called_at: state.calledAt,
      call_count: state.callCount,
      counter: state.counter,
      served_at: state.servedAt,
      finished_at: state.finishedAt,
    })
    .where('id', '=', bookingId)
    .execute();
}

/** One step in the loop's record; returns its id. */
export async function insertLoopEvent(
  db: Executor,
  event: {
    bookingId: string;
    siteId: number;
    at: Date;
    agentId: number | null;
    action: CounterAction;
    fromStatus: BookingStatus;
    toStatus: BookingStatus;
    counter: string | null;
    undoes?: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('counter_event')
    .values({
      booking_id: event.bookingId,
      site_id: event.siteId,
      at: event.at,
      agent_id: event.agentId,
      action: event.action,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      counter: event.counter,
      undoes: event.undoes ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/**
 * The reference of the office's longest-waiting person of [from, to), locked; one another counter is
 * calling at this moment is skipped, so two "call the next" never pick the same person.
 */
export async function lockNextWaiting(
  db: Executor,
  input: { siteId: number; from: Date; to: Date },
): Promise<string | undefined> {
  const row = await db
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .select('booking.reference')
    .where('offer.site_id', '=', input.siteId)
    .where('slot.starts_at', '>=', input.from)
    .where('slot.starts_at', '<', input.to)
    .where('booking.status', '=', 'waiting')
    .orderBy('booking.checked_in_at')
    .orderBy('booking.id')
    .limit(1)
    .forUpdate('booking')
    .skipLocked()
    .executeTakeFirst();
  return row?.reference;
}

/** One person of the day's loop, as the queue page lists them. */
export interface QueueRow {
  reference: string;
  status: BookingStatus;
  lastName: string;
  firstName: string;
  startsAt: Date;
  checkedInAt: Date | null;
  calledAt: Date | null;
  callCount: number;
  counter: string | null;
  servedAt: Date | null;
  finishedAt: Date | null;
}

/** The office's bookings of [from, to) in `statuses`, in arrival order (then appointment time). */
export async function listDayLoop(
  db: Executor,
  input: { siteId: number; from: Date; to: Date; statuses: readonly BookingStatus[] },
): Promise<QueueRow[]> {
  return db
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .select([
      'booking.reference',
      'booking.status',
      'booking.last_name as lastName',
      'booking.first_name as firstName',
      'slot.starts_at as startsAt',
      'booking.checked_in_at as checkedInAt',
      'booking.called_at as calledAt',
      'booking.call_count as callCount',
      'booking.counter',
      'booking.served_at as servedAt',
      'booking.finished_at as finishedAt',
    ])
    .where('offer.site_id', '=', input.siteId)
    .where('slot.starts_at', '>=', input.from)
    .where('slot.starts_at', '<', input.to)
    .where('booking.status', 'in', [...input.statuses])
    .orderBy('booking.checked_in_at')
    .orderBy('slot.starts_at')
    .orderBy('booking.reference')
    .execute();
}

/** The office's people called now, of [from, to), the latest call first: no name is read. */
export async function listCalls(db: Executor, input: { siteId: number; from: Date; to: Date }) {
  return db
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .select([
      'booking.reference',
      'booking.counter',
      'booking.called_at as calledAt',
      'booking.call_count as callCount',
    ])
    .where('offer.site_id', '=', input.siteId)
    .where('slot.starts_at', '>=', input.from)
    .where('slot.starts_at', '<', input.to)
    .where('booking.status', '=', 'called')
    .orderBy('booking.called_at', 'desc')
    .orderBy('booking.reference')
    .execute();
}

/** An office with its zone and counters, or undefined. */
export async function findLoopSite(db: Executor, siteId: number) {
  return db
    .selectFrom('site')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select([
      'site.id',
      'site.name',
      'site.department_code as departmentCode',
      'site.counters',
      'site.calls_before_missed as callsBeforeMissed',
      'department.timezone',
    ])
    .where('site.id', '=', siteId)
    .executeTakeFirst();
}

export type LoopSite = NonNullable<Awaited<ReturnType<typeof findLoopSite>>>;

/** The offices `coverage` reaches with their counters, by département then name. */
export async function listCounterSites(db: Executor, coverage: Coverage) {
  return db
    .selectFrom('site')
    .select(['site.id', 'site.name', 'site.counters'])
    .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'site.department_code' }))
    .orderBy('site.department_code')
    .orderBy('site.name')
    .orderBy('site.id')
    .execute();
}
