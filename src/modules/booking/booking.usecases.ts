import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { BookingStatus, Locale } from '../../db/schema.ts';
import { AppError, invalid } from '../../errors.ts';
import { notify } from '../notify/notify.ts';
import { formatInZone, localDate } from '../schedule/timezone.ts';
import { type ApplicantInput, validateApplicant } from './applicant.ts';
import { bookingErrors } from './booking.errors.ts';
import {
  type BookingDetails,
  cancelActive,
  confirmPending,
  type Executor,
  findBookingDetails,
  findSlotForBooking,
  findToken,
  insertBooking,
  insertToken,
  lockTokenWithBooking,
  markTokenUsed,
} from './booking.repository.ts';
import { freeSeat } from './cool-down.usecases.ts';
import { scheduleReminder } from './reminders.ts';
import { hashToken, looksLikeToken, newReference, newToken, normaliseReference } from './tokens.ts';

export interface BookingDeps {
  db: Db;
  clock: Clock;
  /** `secretKey` seals the raw tokens of the links a notification carries until it is sent. */
  config: Pick<
    Config,
    | 'holdMinutes'
    | 'publicUrl'
    | 'maxActivePerEmail'
    | 'secretKey'
    | 'coolDownMinMinutes'
    | 'coolDownMaxMinutes'
  >;
  /** Tells the outbox worker a message is waiting. */
  wakeOutbox?: () => void;
}

/** How long a manage link stays valid after the appointment, so that it can still be consulted. */
const MANAGE_TOKEN_DAYS_AFTER = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Holds a seat in a slot for an applicant: validates the identity against the procedure's rules,
 * inserts a pending booking (the database refuses a full slot, a second active booking of the same
 * identity and too many bookings for one address) and records the request to confirm it.
 */
export async function bookSlot(
  deps: BookingDeps,
  input: {
    slotId: number;
    applicant: ApplicantInput;
    locale: Locale;
    /** The keyed hash of the client's network (protection/network-key.ts), for the fraud review. */
    networkKey?: Buffer | null;
  },
): Promise<{ id: string; reference: string; status: 'pending'; holdExpiresAt: Date }> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const slot = await findSlotForBooking(db, input.slotId);
  if (!slot) throw bookingErrors.slotUnknown();
  if (slot.startsAt <= now) throw bookingErrors.slotPast();

  const validation = validateApplicant(
    input.applicant,
    slot,
    slot.departmentCode,
    localDate(now, slot.timezone),
  );
  if (!validation.ok) throw invalid(validation.fields);
  const applicant = validation.applicant;
  const holdExpiresAt = new Date(now.getTime() + config.holdMinutes * 60_000);

  for (let attempt = 0; ; attempt++) {
    const reference = newReference(slot.departmentCode);
    try {
      const id = await db.transaction().execute(async (trx) => {
        const bookingId = await insertBooking(trx, {
          reference,
          slotId: slot.slotId,
          procedureId: slot.procedureId,
          ...applicant,
          locale: input.locale,
          holdExpiresAt,
          networkKey: input.networkKey,
        });
        const confirm = newToken();
        const manage = newToken();
        await insertToken(trx, {
          bookingId,
          purpose: 'confirm',
          hash: confirm.hash,
          expiresAt: holdExpiresAt,
        });
        await insertToken(trx, {
          bookingId,
          purpose: 'manage',
          hash: manage.hash,
          expiresAt: new Date(slot.endsAt.getTime() + MANAGE_TOKEN_DAYS_AFTER * DAY_MS),
        });
        await notify(
          trx,
          {
            event: 'booking.confirm_requested',
            bookingId,
            locale: input.locale,
            dueAt: now,
            tokens: { confirm: confirm.token, manage: manage.token },
          },
          config,
        );
        return bookingId;
      });
      deps.wakeOutbox?.();
      return { id, reference, status: 'pending', holdExpiresAt };
    } catch (error) {
      // 40 random bits make a collision rare; when one happens, draw another reference.
      if (constraintOf(error) === 'booking_reference_key' && attempt < 3) continue;
      throw translateConstraint(error, config.maxActivePerEmail);
    }
  }
}

/**
 * Confirms a pending booking with the token of its emailed link (a POST, never the GET of the
 * link: mail scanners open links) and records its confirmation, whose email has a fresh manage link.
 */
export async function confirmBooking(
  deps: BookingDeps,
  token: string,
): Promise<{ reference: string; status: 'confirmed'; manageToken: string }> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const { reference, manageToken } = await db.transaction().execute(async (trx) => {
    const row = await lockTokenWithBooking(trx, hashToken(token));
    if (!row || row.purpose !== 'confirm' || !looksLikeToken(token)) throw bookingErrors.tokenInvalid();
    if (row.tokenUsedAt) throw bookingErrors.tokenUsed();
    if (row.status === 'expired' || row.holdExpiresAt <= now) throw bookingErrors.holdExpired();
    if (row.tokenExpiresAt <= now) throw bookingErrors.tokenExpired();
    if (row.status !== 'pending') throw bookingErrors.notPending();
    if (!(await confirmPending(trx, row.bookingId, now))) throw bookingErrors.holdExpired();
    await markTokenUsed(trx, row.tokenId, now);

    const details = await findBookingDetails(trx, { id: row.bookingId });
    if (!details) throw bookingErrors.bookingNotFound();
    const manageToken = await issueManageToken(trx, row.bookingId, details.endsAt);
    // The convocation PDF and the calendar file go with it, made by the worker when it sends.
    await notify(
      trx,
      {
        event: 'booking.confirmed',
        bookingId: row.bookingId,
        locale: row.locale,
        dueAt: now,
        tokens: { manage: manageToken },
        channels: ['email', 'sms'],
      },
      config,
    );
    await scheduleReminder(trx, details, manageToken, now, config);
    return { reference: row.reference, manageToken };
  });
  deps.wakeOutbox?.();
  // The manage token lets the success page link to the convocation; the API answers without it.
  return { reference, status: 'confirmed', manageToken };
}

/** Issues a fresh manage token for a booking, valid until some time after the appointment ends. */
export async function issueManageToken(trx: Executor, bookingId: string, endsAt: Date): Promise<string> {
  const manage = newToken();
  await insertToken(trx, {
    bookingId,
    purpose: 'manage',
    hash: manage.hash,
    expiresAt: new Date(endsAt.getTime() + MANAGE_TOKEN_DAYS_AFTER * DAY_MS),
  });
  return manage.token;
}

/** The booking a manage token gives access to; the reference must match when one is given. */
export async function getBooking(
  deps: Pick<BookingDeps, 'db' | 'clock'>,
  token: string,
  reference?: string,
): Promise<BookingDetails> {
  const { db, clock } = deps;
  const row = await findToken(db, hashToken(token));
  if (!row || row.purpose !== 'manage') throw bookingErrors.tokenInvalid();
  if (reference !== undefined && normaliseReference(reference) !== row.reference)
    throw bookingErrors.tokenInvalid();
  if (row.expiresAt <= clock.now()) throw bookingErrors.tokenExpired();
  const details = await findBookingDetails(db, { id: row.bookingId });
  if (!details) throw bookingErrors.bookingNotFound();
  return details;
}

/** Cancels an active booking before its time with its manage token; the seat goes back after its cool-down. */
export async function cancelBooking(
  deps: BookingDeps,
  input: { reference: string; token: string },
): Promise<{ reference: string; status: 'cancelled' }> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const reference = normaliseReference(input.reference);
  await db.transaction().execute(async (trx) => {
    const row = await lockTokenWithBooking(trx, hashToken(input.token));
    if (!row || row.purpose !== 'manage' || row.reference !== reference) throw bookingErrors.tokenInvalid();
    if (row.tokenExpiresAt <= now) throw bookingErrors.tokenExpired();
    const slotId = await cancelActive(trx, row.bookingId, now);
    if (!slotId) throw bookingErrors.notCancellable();
    // The seat comes back after its cool-down, so that a cancel-and-rebook in a buyer's name fails.
    await freeSeat(trx, { slotId, bookingId: row.bookingId, cause: 'cancelled', at: now }, config);
    await notify(
      trx,
      { event: 'booking.cancelled', bookingId: row.bookingId, locale: row.locale, dueAt: now },
      config,
    );
  });
  deps.wakeOutbox?.();
  return { reference, status: 'cancelled' };
}

/** The public view of a booking (API and pages): no email, no identity beyond the names. */
export function presentBooking(details: BookingDetails) {
  return {
    reference: details.reference,
    status: details.status as BookingStatus,
    start: formatInZone(details.startsAt, details.timezone),
    end: formatInZone(details.endsAt, details.timezone),
    timezone: details.timezone,
    holdExpiresAt: details.status === 'pending' ? details.holdExpiresAt.toISOString() : null,
    procedure: {
      id: details.procedureId,
      title: details.procedureTitle,
      durationMinutes: details.durationMinutes,
    },
    site: { id: details.siteId, name: details.siteName, address: details.siteAddress },
    applicant: { lastName: details.lastName, firstName: details.firstName },
  };
}

/** The name of the constraint a PostgreSQL error reports, if any. */
export function constraintOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'constraint' in error
    ? String((error as { constraint: unknown }).constraint)
    : undefined;
}

/** Maps the schema's refusals to the applicant's errors; anything else stays a server fault. */
function translateConstraint(error: unknown, maxActivePerEmail: number): unknown {
  if (error instanceof AppError) return error;
  switch (constraintOf(error)) {
    case 'slot_taken_within_capacity':
      return bookingErrors.slotFull();
    // The slot was removed by a regeneration (schedule/regeneration.ts) while this booking waited for it.
    case 'booking_slot_id_fkey':
      return bookingErrors.slotUnknown();
    case 'booking_one_active_per_identity':
      return bookingErrors.alreadyBooked();
    case 'booking_email_limit':
      return bookingErrors.emailLimit(maxActivePerEmail);
    default:
      return error;
  }
}

/** The booking behind a confirm link, for the page that shows it before the POST that confirms. */
export async function peekConfirmation(
  deps: Pick<BookingDeps, 'db' | 'clock'>,
  token: string,
): Promise<BookingDetails> {
  const { db, clock } = deps;
  const row = await findToken(db, hashToken(token));
  if (!row || row.purpose !== 'confirm') throw bookingErrors.tokenInvalid();
  const details = await findBookingDetails(db, { id: row.bookingId });
  if (!details) throw bookingErrors.bookingNotFound();
  if (
    details.status === 'expired' ||
    (details.status === 'pending' && details.holdExpiresAt <= clock.now())
  ) {
    throw bookingErrors.holdExpired();
  }
  if (row.usedAt || details.status !== 'pending') throw bookingErrors.tokenUsed();
  return details;
}
