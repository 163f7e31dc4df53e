import type { ColumnType, Generated } from 'kysely';
import type {
  AccessTokenTable,
  BookingTable,
  BookingTokenTable,
  EmailActivityTable,
} from './schema.booking.ts';
import type { EarlierOfferTable, EarlierWishTable, HeldSeatTable } from './schema.cool-down.ts';
import type { CounterEventTable, IdentityCorrectionTable } from './schema.counter.ts';
import type { DrawCalendarTable, DrawEntryTable, DrawTable } from './schema.draws.ts';
import type { PermitTable } from './schema.permits.ts';
import type { RequestEmailActivityTable, RequestTable, RequestTokenTable } from './schema.requests.ts';
import type { PriorityPassTable } from './schema.revocation.ts';
import type { AvailabilitySampleTable } from './schema.samples.ts';
import type {
  ClosureTable,
  OfferTable,
  OpeningRuleTable,
  SeatEventTable,
  SlotTable,
} from './schema.schedule.ts';
import type {
  AgentApiTokenTable,
  AgentFederationFlowTable,
  AgentRecoveryCodeTable,
  AgentSessionTable,
  AgentTable,
  AuditEntryTable,
  RoleGrantTable,
  SignInThrottleTable,
} from './schema.staff.ts';
import type { ArrondissementTable, DepartmentTable, ProcedureTable, SiteTable } from './schema.territory.ts';

export type { BookingStatus } from '../modules/booking/statuses.ts';
export type { RequestStatus } from '../modules/requests/statuses.ts';
export type * from './schema.booking.ts';
export type * from './schema.cool-down.ts';
export type * from './schema.counter.ts';
export type * from './schema.draws.ts';
export type * from './schema.permits.ts';
export type * from './schema.requests.ts';
export type * from './schema.revocation.ts';
export type * from './schema.samples.ts';
export type * from './schema.schedule.ts';
export type * from './schema.staff.ts';
export type * from './schema.territory.ts';

/** Kysely's view of the tables created by the migrations in ./migrations. */
export interface Database {
  department: DepartmentTable;
  site: SiteTable;
  arrondissement: ArrondissementTable;
  procedure: ProcedureTable;
  offer: OfferTable;
  opening_rule: OpeningRuleTable;
  closure: ClosureTable;
  slot: SlotTable;
  booking: BookingTable;
  email_activity: EmailActivityTable;
  booking_token: BookingTokenTable;
  outbox: OutboxTable;
  outbox_attempt: OutboxAttemptTable;
  captcha_use: CaptchaUseTable;
  access_token: AccessTokenTable;
  write_budget: WriteBudgetTable;
  identity_budget: IdentityBudgetTable;
  job_run: JobRunTable;
  seat_event: SeatEventTable;
  agent: AgentTable;
  agent_recovery_code: AgentRecoveryCodeTable;
  role_grant: RoleGrantTable;
  agent_session: AgentSessionTable;
  agent_api_token: AgentApiTokenTable;
  sign_in_throttle: SignInThrottleTable;
  audit_entry: AuditEntryTable;
  agent_federation_flow: AgentFederationFlowTable;
  request: RequestTable;
  request_email_activity: RequestEmailActivityTable;
  request_token: RequestTokenTable;
  draw_calendar: DrawCalendarTable;
  draw: DrawTable;
  draw_entry: DrawEntryTable;
  held_seat: HeldSeatTable;
  earlier_wish: EarlierWishTable;
  earlier_offer: EarlierOfferTable;
  permit: PermitTable;
  priority_pass: PriorityPassTable;
  counter_event: CounterEventTable;
  identity_correction: IdentityCorrectionTable;
  availability_sample: AvailabilitySampleTable;
}

/** A date column: written as 'YYYY-MM-DD', read back as the same string (see db/database.ts). */
export type DateColumn = string;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** BIGINT ids travel as strings: they may exceed 2^53. */
export type Id = string;

export type Locale = 'fr' | 'en' | 'ar';

/**
 * pending: to send (or being sent, under a lease); sent: delivered; failed: given up (refused for good,
 * or still undelivered after the retry period); skipped: nothing to send, decided at send time (the
 * booking changed since, or a manage link was asked for an address with no booking).
 */
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** A notification by reference (decision 0017): no rendered text, no raw token in clear. */
export interface OutboxTable {
  id: Generated<Id>;
  /** What happened, such as `booking.confirmed` (notify/events.ts). */
  event: string;
  channel: ColumnType<'email' | 'sms', 'email' | 'sms' | undefined, 'email' | 'sms'>;
  booking_id: string | null;
  /** The request a notification is about (migration 0017), when it is about one. */
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The address a manage-link request names (lower case), when no booking is referenced. */
  email_key: string | null;
  /** The agent a message is for (an account locked after failed sign-ins), read when it is sent. */
  agent_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Written as JSON text, read parsed. */
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  locale: Locale;
  /** The raw tokens of the links, AES-256-GCM sealed (notify/sealed-tokens.ts); null once not pending. */
  sealed_tokens: Buffer | null;
  status: ColumnType<OutboxStatus, 'pending' | undefined, OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  sent_at: Timestamp | null;
}

export interface OutboxAttemptTable {
  id: Generated<Id>;
  outbox_id: string;
  attempted_at: ColumnType<Date, Date | string | undefined, never>;
  ok: boolean;
  error: string | null;
  /** A refusal for good (SMTP 5xx about this message or recipient): no retry follows. */
  permanent: Generated<boolean>;
}

export interface CaptchaUseTable {
  signature: string;
  expires_at: Timestamp;
}

/** How many writes one client address made in its current window (protection/write-budget.ts). */
export interface WriteBudgetTable {
  client: string;
  window_start: Timestamp;
  used: number;
}

/** Online submissions of one identity in its window (its key's HMAC, never the identity). */
export interface IdentityBudgetTable {
  identity: string;
  window_start: Timestamp;
  used: number;
}

export type JobRunOutcome = 'running' | 'completed' | 'failed' | 'refused' | 'abandoned';

/** One attempt of a job (jobs/runs.repository.ts); kept JOB_RUN_RETENTION_DAYS. */
export interface JobRunTable {
  id: Generated<Id>;
  job_id: string;
  job: string;
  version: number;
  payload: ColumnType<unknown, string, string>;
  attempt: number;
  instance: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  outcome: Generated<JobRunOutcome>;
  result: ColumnType<unknown, string | null, string | null>;
  error: string | null;
}
