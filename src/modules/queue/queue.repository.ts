import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CounterAction } from '../../db/schema.counter.ts';
import type { Database } from '../../db/schema.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import type { BookingStatus } from '../booking/statuses.ts';
import { bookingsWithPlace } from '../schedule/offers.repository.ts';
import type { LoopEvent, LoopState } from './queue.rules.ts';

// The counter loop's SQL (decision 0041): a booking with its office's settings, its counter events,
// its loop columns written back, the day's queue of an office and its current calls.

/** A booking's loop columns, named as `LoopState` names them. */
const LOOP_COLUMNS = [
  'booking.status',
  'booking.checked_in_at as checkedInAt',
  'booking.called_at as calledAt',
  'booking.call_count as callCount',
  'booking.counter',
  'booking.served_at as servedAt',
  'booking.finished_at as finishedAt',
] as const;

/** The office's bookings whose slot starts in [from, to), for a query with `slot` and `offer`. */
function ofOfficeDay(input: { siteId: number; from: Date; to: Date }) {
  return (eb: ExpressionBuilder<Database, 'slot' | 'offer'>) =>
    eb.and([
      eb('offer.site_id', '=', input.siteId),
      eb('slot.starts_at', '>=', input.from),
      eb('slot.starts_at', '<', input.to),
    ]);
}

/** Bookings as the loop needs them: their loop columns, their day and their office's counters and N. */
function loopBookings(db: Executor) {
  return bookingsWithPlace(db).select([
    'booking.id',
    'booking.reference',
    ...LOOP_COLUMNS,
    'slot.starts_at as startsAt',
    'site.id as siteId',
    'site.counters',
    'site.calls_before_missed as callsBeforeMissed',
    'department.code as departmentCode',
    'department.timezone',
  ]);
}

/** A booking as the loop needs it, by its reference; `lock` takes its row lock. */
export async function findLoopBooking(db: Executor, reference: string, lock = false) {
  return loopBookings(db)
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

/** A step of the loop's record, as it is written. */
export interface NewLoopEvent {
  bookingId: string;
  siteId: number;
  at: Date;
  agentId: number | null;
  action: CounterAction;
  fromStatus: BookingStatus;
  toStatus: BookingStatus;
  counter: string | null;
  undoes?: string | null;
}

/** Steps in the loop's record, in one statement. */
export async function insertLoopEvents(db: Executor, events: readonly NewLoopEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('counter_event')
    .values(
      events.map((event) => ({
        booking_id: event.bookingId,
        site_id: event.siteId,
        at: event.at,
        agent_id: event.agentId,
        action: event.action,
        from_status: event.fromStatus,
        to_status: event.toStatus,
        counter: event.counter,
        undoes: event.undoes ?? null,
      })),
    )
    .execute();
}

/** One step in the loop's record. */
export async function insertLoopEvent(db: Executor, event: NewLoopEvent): Promise<void> {
  await insertLoopEvents(db, [event]);
}

/**
 * Bookings still in `statuses` whose appointment's local day is over in their office's zone at `now`,
 * up to `limit` of them, locked (those another run holds are skipped).
 */
export async function lockFinishedDayBookings(
  db: Executor,
  input: { now: Date; statuses: readonly BookingStatus[]; limit: number },
) {
  return (
    db
      .selectFrom('booking')
      .innerJoin('slot', 'slot.id', 'booking.slot_id')
      .innerJoin('offer', 'offer.id', 'slot.offer_id')
      .innerJoin('site', 'site.id', 'offer.site_id')
      .innerJoin('department', 'department.code', 'site.department_code')
      .select(['booking.id', 'booking.status', 'offer.site_id as siteId'])
      .where('booking.status', 'in', [...input.statuses])
      // Before the start of today in the office's zone: the appointment's day is over there.
      .where(
        sql<SqlBool>`slot.starts_at < (date_trunc('day', ${input.now}::timestamptz at time zone department.timezone) at time zone department.timezone)`,
      )
      .orderBy('booking.id')
      .limit(input.limit)
      .forUpdate('booking')
      .skipLocked()
      .execute()
  );
}

/** Ends the day of these bookings in `status` (attended: finished now). */
export async function closeBookings(
  db: Executor,
  input: { ids: readonly string[]; status: BookingStatus; now: Date },
): Promise<void> {
  if (input.ids.length === 0) return;
  await db
    .updateTable('booking')
    .set({ status: input.status, ...(input.status === 'attended' ? { finished_at: input.now } : {}) })
    .where('id', 'in', [...input.ids])
    .execute();
}

/**
 * The office's longest-waiting person of [from, to), locked; one another counter is calling at this
 * moment is skipped, so two "call the next" never pick the same person.
 */
export async function lockNextWaiting(
  db: Executor,
  input: { siteId: number; from: Date; to: Date },
): Promise<LoopBooking | undefined> {
  return loopBookings(db)
    .where(ofOfficeDay(input))
    .where('booking.status', '=', 'waiting')
    .orderBy('booking.checked_in_at')
    .orderBy('booking.id')
    .limit(1)
    .forUpdate('booking')
    .skipLocked()
    .executeTakeFirst();
}

/** The office's bookings of [from, to) with their slot. */
function dayBookings(db: Executor, input: { siteId: number; from: Date; to: Date }) {
  return db
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .where(ofOfficeDay(input));
}

/** One person of the day's loop, as the queue page lists them. */
export interface QueueRow extends LoopState {
  reference: string;
  lastName: string;
  firstName: string;
  startsAt: Date;
}

/** The office's bookings of [from, to) in `statuses`, in arrival order (then appointment time). */
export async function listDayLoop(
  db: Executor,
  input: { siteId: number; from: Date; to: Date; statuses: readonly BookingStatus[] },
): Promise<QueueRow[]> {
  return dayBookings(db, input)
    .select([
      'booking.reference',
      'booking.last_name as lastName',
      'booking.first_name as firstName',
      'slot.starts_at as startsAt',
      ...LOOP_COLUMNS,
    ])
    .where('booking.status', 'in', [...input.statuses])
    .orderBy('booking.checked_in_at')
    .orderBy('slot.starts_at')
    .orderBy('booking.reference')
    .execute();
}

/** The office's people called now, of [from, to), the latest call first: no name is read. */
export async function listCalls(db: Executor, input: { siteId: number; from: Date; to: Date }) {
  return dayBookings(db, input)
    .select([
      'booking.reference',
      'booking.counter',
      'booking.called_at as calledAt',
      'booking.call_count as callCount',
    ])
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
