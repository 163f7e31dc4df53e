// The request statuses (PRODUCT §3, §7) in one table: what each means, whether it is live, and which
// statuses it may change into. The database keeps the same table in `request_status_rules()`
// (migration 0017), which the status check and the trigger read; test/request-statuses.test.ts tries
// every (from, to) pair on PostgreSQL against this table. The one-live-request index names `waiting`
// itself: the intake's upsert must name the same predicate as its arbiter.

const table = {
  /** In the queue: every draw of its procedure considers it until it wins or leaves. */
  waiting: { live: true, next: ['won', 'withdrawn', 'closed'] },
  /** A draw gave it a seat: a pending booking waits for the person's confirmation. */
  won: { live: false, next: ['closed'] },
  /** The person withdrew it. */
  withdrawn: { live: false, next: [] },
  /** Over: its booking was settled, or the office closed it (no longer eligible, offer ended). */
  closed: { live: false, next: [] },
} as const;

export type RequestStatus = keyof typeof table;

interface StatusRule {
  /** Counts as the identity's one live request of the procedure, and for the per-address limit. */
  readonly live: boolean;
  /** The statuses this one may change into. */
  readonly next: readonly RequestStatus[];
}

/** Every status with its rule; `tsc` refuses a `next` naming a status that is not in the table. */
export const REQUEST_STATUSES: Readonly<Record<RequestStatus, StatusRule>> = table;

/** Every status, in the table's order. */
export const ALL_REQUEST_STATUSES = Object.keys(table) as readonly RequestStatus[];

/** Whether a request may go from one status to another (the trigger refuses the other changes). */
export function canChangeRequestStatus(from: RequestStatus, to: RequestStatus): boolean {
  return REQUEST_STATUSES[from].next.includes(to);
}
