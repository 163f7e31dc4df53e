import { BOOKING_STATUSES, type BookingStatus } from '../../src/modules/booking/statuses.ts';

// Ways to bring a test booking into any status along the status table's own transitions, with the
// columns the counter loop's trigger asks for (migration 0025) set on every step.

/** What each step of a path sets beside the status: a check-in time, a counter, enough calls to miss. */
export const LOOP_COLUMNS = {
  checked_in_at: new Date('2030-01-01T08:00:00Z'),
  called_at: new Date('2030-01-01T08:05:00Z'),
  call_count: 10,
  counter: 'Guichet 1',
} as const;

/** The statuses of the counter loop, each reached from `confirmed`. */
export const LOOP_PATHS: Readonly<Record<'waiting' | 'called' | 'served' | 'missed', BookingStatus[]>> = {
  waiting: ['confirmed', 'waiting'],
  called: ['confirmed', 'waiting', 'called'],
  served: ['confirmed', 'waiting', 'called', 'served'],
  missed: ['confirmed', 'waiting', 'called', 'missed'],
};

/** A shortest way from `pending` (where bookings start) to `status` along the table's transitions. */
export function pathTo(status: BookingStatus): BookingStatus[] {
  const paths = new Map<BookingStatus, BookingStatus[]>([['pending', []]]);
  const queue: BookingStatus[] = ['pending'];
  for (let from = queue.shift(); from !== undefined; from = queue.shift()) {
    for (const to of BOOKING_STATUSES[from].next) {
      if (paths.has(to)) continue;
      paths.set(to, [...(paths.get(from) ?? []), to]);
      queue.push(to);
    }
  }
  const path = paths.get(status);
  if (!path) throw new Error(`the table gives no way from pending to ${status}`);
  return path;
}

/** Every status reachable from `from` in any number of steps, `from` included. */
export function reachableFrom(from: BookingStatus): BookingStatus[] {
  const seen = new Set<BookingStatus>([from]);
  const queue: BookingStatus[] = [from];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const to of BOOKING_STATUSES[at].next) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return [...seen];
}
