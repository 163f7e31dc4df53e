import type { ColumnType, Generated } from 'kysely';
import type { BookingStatus } from '../modules/booking/statuses.ts';
import type { RequestStatus } from '../modules/requests/statuses.ts';
import type { LocalizedText } from '../modules/territory/localized-text.ts';
import type { EarlierOfferTable, EarlierWishTable, HeldSeatTable } from './schema.cool-down.ts';
import type { CounterEventTable, IdentityCorrectionTable } from './schema.counter.ts';
import type { DrawCalendarTable, DrawEntryTable, DrawTable } from './schema.draws.ts';
import type { PermitTable } from './schema.permits.ts';
import type { PriorityPassTable } from './schema.revocation.ts';
import type { AvailabilitySampleTable } from './schema.samples.ts';
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

export type { BookingStatus } from '../modules/booking/statuses.ts';
export type { RequestStatus } from '../modules/requests/statuses.ts';
export type * from './schema.cool-down.ts';
export type * from './schema.counter.ts';
export type * from './schema.draws.ts';
export type * from './schema.permits.ts';
export type * from './schema.revocation.ts';
export type * from './schema.samples.ts';
export type * from './schema.staff.ts';

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
type DateColumn = string;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** BIGINT ids travel as strings: they may exceed 2^53. */
export type Id = string;

export type HolidayRegion =
  | 'metropole'
  | 'alsace_moselle'
  | 'guadeloupe'
  | 'martinique'
  | 'guyane'
  | 'reunion'
  | 'mayotte';

export interface DepartmentTable {
  code: string;
  name: string;
  timezone: string;
  holiday_region: HolidayRegion;
}

export type SiteKind = 'prefecture' | 'sous_prefecture' | 'antenne';

export interface SiteTable {
  id: Generated<number>;
  department_code: string;
  name: string;
  kind: SiteKind;
  address: string;
  /** When and how to come to this office (migration 0010); null: nothing particular to say. */
  arrival_advice: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
  /** The names of the office's counters (guichets), at least one (migration 0013). */
  counters: Generated<string[]>;
  /** How many calls before a person may be marked missed (migration 0025). */
  calls_before_missed: Generated<number>;
  contact_phone: string | null;
  contact_email: string | null;
  /** How to get there (transport) and how the building is accessible; null: nothing written. */
  transport: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
  accessibility: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
}

export interface ArrondissementTable {
  code: string;
  department_code: string;
  name: string;
  site_id: number | null;
}

export interface ProcedureTable {
  id: Generated<number>;
  code: string;
  title: string;
  description: Generated<string>;
  audience: Generated<string>;
  duration_minutes: number;
  documents: Generated<string[]>;
  fees: Generated<string>;
  requires_foreigner_number: Generated<boolean>;
  requires_title_expiry: Generated<boolean>;
  requires_postal_code: Generated<boolean>;
  title_expiry_within_days: number | null;
  title_expired_since_days: number | null;
  /** What the counter requires ("1 rendez-vous = 1 personne = 1 dossier"); null: nothing particular. */
  admission_rule: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
  /** Null: the national catalogue; else the département that owns it (migration 0013, decision 0023). */
  department_code: string | null;
  /** When and how to come for this procedure; null: nothing particular to say. */
  arrival_advice: ColumnType<LocalizedText | null, LocalizedText | null | undefined, LocalizedText | null>;
  /** The texts in English and Arabic, each optional; French (the columns) for what is missing. */
  translations: ColumnType<ProcedureTranslations, ProcedureTranslations | undefined, ProcedureTranslations>;
}

/** One language's version of a procedure's texts: whichever the préfecture wrote. */
export interface ProcedureTranslation {
  title?: string;
  description?: string;
  audience?: string;
  documents?: string[];
  fees?: string;
}

export type ProcedureTranslations = Partial<Record<'en' | 'ar', ProcedureTranslation>>;

export type Channel = 'booking' | 'draw' | 'postal' | 'email' | 'walk_in' | 'external';

export interface OfferTable {
  id: Generated<number>;
  procedure_id: number;
  site_id: number;
  channel: Channel;
  instructions: Generated<string>;
  contact_email: string | null;
  url: string | null;
  postal_address: string | null;
  updated_on: ColumnType<DateColumn, DateColumn | undefined, DateColumn>;
  /** Days ahead the offer's slots are published, today included; defaults to PUBLICATION_DAYS. */
  publication_days: Generated<number>;
  /** How the horizon's new days are published (migration 0014; schedule/release-policy.ts). */
  release_mode: Generated<ReleaseMode>;
  /** ISO weekdays of the releases (1 Monday … 7 Sunday). */
  release_weekdays: Generated<number[]>;
  /** 'fixed': the local time of each release, 'HH:MM:SS'. */
  release_time: ColumnType<string | null, string | null | undefined, string | null>;
  /** 'random': the daily window the moment is drawn in, local 'HH:MM:SS'. */
  release_window_start: ColumnType<string | null, string | null | undefined, string | null>;
  release_window_end: ColumnType<string | null, string | null | undefined, string | null>;
  /** Release modes: the last local day released so far. */
  released_through: ColumnType<DateColumn | null, DateColumn | null | undefined, DateColumn | null>;
  /** Release modes: the moment of the next release (secret for a random window). */
  next_release_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** 'rolling': the whole horizon at once; 'fixed' or 'random': new days at each release. */
export type ReleaseMode = 'rolling' | 'fixed' | 'random';

export interface OpeningRuleTable {
  id: Generated<number>;
  offer_id: number;
  weekday: number;
  /** 'HH:MM' or 'HH:MM:SS', wall-clock time in the site's zone. */
  starts_at: string;
  ends_at: string;
  capacity: number;
  valid_from: DateColumn | null;
  valid_until: DateColumn | null;
}

export interface ClosureTable {
  id: Generated<number>;
  site_id: number;
  day: DateColumn;
  reason: Generated<string>;
}

export interface SlotTable {
  id: Generated<Id>;
  offer_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  taken: Generated<number>;
  /** Seats in their cool-down (migration 0020): neither shown nor bookable. */
  held_back: Generated<number>;
}

export type Locale = 'fr' | 'en' | 'ar';

export interface BookingTable {
  id: Generated<Id>;
  reference: string;
  slot_id: string;
  procedure_id: number;
  status: ColumnType<BookingStatus, BookingStatus | undefined, BookingStatus>;
  identity_key: string;
  email_key: string;
  last_name: string;
  first_name: string;
  birth_date: DateColumn;
  email: string;
  phone: string | null;
  foreigner_number: string | null;
  title_expiry: DateColumn | null;
  postal_code: string | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  hold_expires_at: Timestamp;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  confirmed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  status_reason: string | null;
  /** The draw that gave this booking (migration 0019), and the request that won it. */
  draw_id: ColumnType<number | null, number | null | undefined, never>;
  request_id: ColumnType<Id | null, Id | null | undefined, Id | null>;
  /** False for a win of a request entered by an agent or a partner: the address's limit does not apply. */
  counts_for_email: ColumnType<boolean, boolean | undefined, never>;
  /** The counter loop (migration 0025): its times, the calls made and the counter of the last one. */
  checked_in_at: Timestamp | null;
  called_at: Timestamp | null;
  call_count: Generated<number>;
  counter: string | null;
  served_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** The keyed hash of the applicant's network (migration 0026; protection/network-key.ts), 32 bytes. */
  network_key: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
}

export interface EmailActivityTable {
  email_key: string;
  active: number;
}

export type TokenPurpose = 'confirm' | 'manage';

export interface BookingTokenTable {
  id: Generated<Id>;
  booking_id: string;
  purpose: TokenPurpose;
  token_hash: Buffer;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

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

/** A link to every booking of one email address ("Annuler, consulter et gérer"). */
export interface AccessTokenTable {
  id: Generated<Id>;
  email_key: string;
  token_hash: Buffer;
  expires_at: Timestamp;
  created_at: ColumnType<Date, Date | string | undefined, never>;
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

/** Why a seat became free again. */
export type SeatFreedCause = 'expired' | 'cancelled' | 'revoked' | 'unconfirmed_win' | 'moved';

/** Something that happened to a seat, claimed once by one consumer (schedule/seat-events.repository.ts). */
export interface SeatEventTable {
  id: Generated<Id>;
  event: 'seat.freed';
  cause: SeatFreedCause;
  slot_id: Id;
  offer_id: number;
  procedure_id: number;
  booking_id: Id | null;
  occurred_at: Timestamp;
  consumed_at: Timestamp | null;
  consumed_by: string | null;
}

/** A request for a draw (migration 0017): an identity, a procedure, what it can attend. */
export interface RequestTable {
  id: Generated<Id>;
  /** The receipt number, random, 10 characters of Crockford's base 32. */
  label: string;
  procedure_id: number;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  identity_key: string;
  email_key: string;
  last_name: string;
  first_name: string;
  birth_date: DateColumn;
  email: string;
  phone: string | null;
  foreigner_number: string | null;
  title_expiry: DateColumn | null;
  postal_code: string | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  site_ids: number[];
  /** `mon-am` … `sun-pm`; empty: any. */
  half_days: ColumnType<string[], string[] | undefined, string[]>;
  earliest: DateColumn | null;
  lost: Generated<number>;
  priority: Generated<boolean>;
  /** The agent who entered it on the person's behalf; null when submitted online. */
  entered_by: number | null;
  booking_id: Id | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  closed_at: Timestamp | null;
  /** The keyed hash of the applicant's network (migration 0026; protection/network-key.ts), 32 bytes. */
  network_key: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  /** The office's reason when an agent closed it (migration 0030); null for any other ending. */
  closed_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The agent who closed it. */
  closed_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RequestEmailActivityTable {
  email_key: string;
  live: number;
}

export type RequestTokenPurpose = 'manage' | 'receipt';

export interface RequestTokenTable {
  id: Generated<Id>;
  request_id: string;
  purpose: RequestTokenPurpose;
  token_hash: Buffer;
  expires_at: Timestamp;
}
