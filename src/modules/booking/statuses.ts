// The booking statuses (PRODUCT §3) in one table: what each means, whether it holds a seat, and which
// statuses it may change into. The database keeps the same table in `booking_status_rules()` (migration
// 0010, replaced by 0025 for the counter loop and 0028 for its last undo), which the trigger, the status check and the one-active-booking index read;
// test/booking-statuses.test.ts tries every (from, to) pair on PostgreSQL against this table.
//
// A new status is one entry here and one entry in a migration that replaces `booking_status_rules()`
// (and reindexes booking_one_active_per_identity, see decision 0018).

const table = {
  /** The seat is held until the emailed link is confirmed or the hold expires. */
  pending: { active: true, next: ['confirmed', 'expired', 'cancelled', 'revoked'] },
  /** Confirmed by the applicant from the email: the convocation is issued. */
  confirmed: { active: true, next: ['cancelled', 'revoked', 'waiting', 'attended', 'no_show'] },
  /** Checked in at the office on the day (its convocation scanned or its reference typed): waits to be called. */
  waiting: { active: true, next: ['called', 'confirmed', 'no_show', 'missed'] },
  /** Called to a counter, shown on the call screen by reference; one counter at a time (no-show: the day ended). */
  called: { active: true, next: ['served', 'waiting', 'missed', 'no_show'] },
  /** At the counter, being served. */
  served: { active: true, next: ['attended', 'called'] },
  /** Called as many times as the office's setting says without coming; may still come back in the queue. */
  missed: { active: true, next: ['waiting', 'called', 'no_show'] },
  /** Not confirmed in time: the seat went back to the slot. */
  expired: { active: false, next: [] },
  /** Cancelled by the applicant: the seat went back to the slot. */
  cancelled: { active: false, next: [] },
  /** Cancelled by the office, with a reason and an offer to rebook. */
  revoked: { active: false, next: [] },
  /** The applicant came and was served (undone within the day back to `served`, or `confirmed`). */
  attended: { active: false, next: ['served', 'confirmed'] },
  /** The applicant did not come, or left unserved (undone within the day to where it was). */
  no_show: { active: false, next: ['confirmed', 'waiting', 'missed'] },
} as const;

export type BookingStatus = keyof typeof table;

interface StatusRule {
  /** Holds a seat of its slot, counts for the per-address limit and for one booking per person. */
  readonly active: boolean;
  /** The statuses this one may change into. */
  readonly next: readonly BookingStatus[];
}

/** Every status with its rule; `tsc` refuses a `next` naming a status that is not in the table. */
export const BOOKING_STATUSES: Readonly<Record<BookingStatus, StatusRule>> = table;

/** Every status, in the table's order. */
export const ALL_BOOKING_STATUSES = Object.keys(table) as readonly BookingStatus[];

/** The statuses that hold a seat: pending, confirmed and the counter loop's until the day ends. */
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ALL_BOOKING_STATUSES.filter(
  (status) => BOOKING_STATUSES[status].active,
);

/** Whether a booking in this status holds a seat. */
export function isActiveStatus(status: BookingStatus): boolean {
  return BOOKING_STATUSES[status].active;
}

/** Whether a booking may go from one status to another (the trigger refuses the other changes). */
export function canChangeStatus(from: BookingStatus, to: BookingStatus): boolean {
  return BOOKING_STATUSES[from].next.includes(to);
}

/** The statuses from which a booking may change into `to`: what an UPDATE to `to` may start from. */
export function statusesLeadingTo(to: BookingStatus): readonly BookingStatus[] {
  return ALL_BOOKING_STATUSES.filter((from) => canChangeStatus(from, to));
}
