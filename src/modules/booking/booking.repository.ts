import type { Executor } from '../../db/database.ts';
import type { Locale, TokenPurpose } from '../../db/schema.ts';
import { bookingsWithPlace, firstComeSlots } from '../schedule/offers.repository.ts';
import type { LocalizedText } from '../territory/localized-text.ts';
import { type BookingStatus, statusesLeadingTo } from './statuses.ts';
import { applicantColumns, type StoredApplicant } from './stored-applicant.ts';

export type { Executor } from '../../db/database.ts';

/**
 * What booking needs to know about a slot — and what the journey shows of it: offer, procedure, site.
 * Only first-come slots are found (a draw offer's slot is unknown here); whether a seat is left is the
 * trigger's to decide when the booking is inserted.
 */
export async function findSlotForBooking(db: Executor, slotId: number) {
  return firstComeSlots(db)
    .select([
      'slot.id as slotId',
      'slot.starts_at as startsAt',
      'slot.ends_at as endsAt',
      'slot.capacity',
      'slot.taken',
      'slot.held_back as heldBack',
      'offer.channel',
      'procedure.id as procedureId',
      'procedure.code as procedureCode',
      'procedure.title as procedureTitle',
      'procedure.translations as procedureTranslations',
      'procedure.duration_minutes as durationMinutes',
      'procedure.requires_foreigner_number as requiresForeignerNumber',
      'procedure.requires_title_expiry as requiresTitleExpiry',
      'procedure.requires_postal_code as requiresPostalCode',
      'procedure.title_expiry_within_days as titleExpiryWithinDays',
      'procedure.title_expired_since_days as titleExpiredSinceDays',
      'site.id as siteId',
      'site.name as siteName',
      'site.address as siteAddress',
      'site.arrival_advice as arrivalAdvice',
      'procedure.admission_rule as admissionRule',
      'department.code as departmentCode',
      'department.timezone',
    ])
    .where('slot.id', '=', String(slotId))
    .executeTakeFirst();
}

/** A booking token and what it opens, whatever its purpose and state: the caller decides. */
export async function findToken(db: Executor, hash: Buffer) {
  return db
    .selectFrom('booking_token')
    .innerJoin('booking', 'booking.id', 'booking_token.booking_id')
    .select([
      'booking_token.purpose',
      'booking_token.expires_at as expiresAt',
      'booking_token.used_at as usedAt',
      'booking.id as bookingId',
      'booking.reference',
    ])
    .where('booking_token.token_hash', '=', hash)
    .executeTakeFirst();
}

export interface NewBooking extends StoredApplicant {
  reference: string;
  slotId: string;
  procedureId: number;
  holdExpiresAt: Date;
  /** A booking won in a draw: the draw, the request, and whether it counts against the address. */
  drawId?: number;
  requestId?: string;
  countsForEmail?: boolean;
  /** The keyed hash of the applicant's network (protection/network-key.ts); none for an agent's entry. */
  networkKey?: Buffer | null;
}

/** Inserts a pending booking; the schema's trigger takes the seat or refuses it. */
export async function insertBooking(trx: Executor, booking: NewBooking): Promise<string> {
  const row = await trx
    .insertInto('booking')
    .values({
      reference: booking.reference,
      slot_id: booking.slotId,
      procedure_id: booking.procedureId,
      ...applicantColumns(booking),
      hold_expires_at: booking.holdExpiresAt,
      // Named only when there is one, so that the insert reads as before for everyone else.
      ...(booking.networkKey ? { network_key: booking.networkKey } : {}),
      ...(booking.drawId === undefined
        ? {}
        : {
            draw_id: booking.drawId,
            request_id: booking.requestId,
            counts_for_email: booking.countsForEmail,
          }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertToken(
  trx: Executor,
  token: { bookingId: string; purpose: TokenPurpose; hash: Buffer; expiresAt: Date },
): Promise<void> {
  await trx
    .insertInto('booking_token')
    .values({
      booking_id: token.bookingId,
      purpose: token.purpose,
      token_hash: token.hash,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** The token and its booking, both locked until the transaction ends. */
export async function lockTokenWithBooking(trx: Executor, hash: Buffer) {
  return trx
    .selectFrom('booking_token')
    .innerJoin('booking', 'booking.id', 'booking_token.booking_id')
    .select([
      'booking_token.id as tokenId',
      'booking_token.purpose',
      'booking_token.expires_at as tokenExpiresAt',
      'booking_token.used_at as tokenUsedAt',
      'booking.id as bookingId',
      'booking.reference',
      'booking.status',
      'booking.hold_expires_at as holdExpiresAt',
      'booking.email',
      'booking.locale',
    ])
    .where('booking_token.token_hash', '=', hash)
    .forUpdate()
    .executeTakeFirst();
}

export async function markTokenUsed(trx: Executor, tokenId: string, now: Date): Promise<void> {
  await trx.updateTable('booking_token').set({ used_at: now }).where('id', '=', tokenId).execute();
}

/** pending → confirmed, only while the hold lasts; returns false when the hold has run out. */
export async function confirmPending(trx: Executor, bookingId: string, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('booking')
    .set({ status: 'confirmed', confirmed_at: now })
    .where('id', '=', bookingId)
    .where('status', '=', 'pending')
    .where('hold_expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * An active booking → cancelled, only before the appointment starts; the trigger frees the seat.
 * Answers the slot whose seat was freed, or undefined when nothing was cancelled.
 */
export async function cancelActive(trx: Executor, bookingId: string, now: Date): Promise<string | undefined> {
  const row = await trx
    .updateTable('booking')
    .set({ status: 'cancelled', cancelled_at: now, status_reason: 'applicant' })
    .where('id', '=', bookingId)
    .where('status', 'in', statusesLeadingTo('cancelled'))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('slot')
          .select('slot.id')
          .whereRef('slot.id', '=', 'booking.slot_id')
          .where('slot.starts_at', '>', now),
      ),
    )
    .returning('slot_id')
    .executeTakeFirst();
  return row?.slot_id;
}

export interface BookingDetails {
  id: string;
  reference: string;
  status: BookingStatus;
  locale: Locale;
  email: string;
  /** E.164, or null when none was given. */
  phone: string | null;
  lastName: string;
  firstName: string;
  holdExpiresAt: Date;
  confirmedAt: Date | null;
  createdAt: Date;
  slotId: string;
  startsAt: Date;
  endsAt: Date;
  procedureId: number;
  procedureTitle: string;
  durationMinutes: number;
  siteId: number;
  siteName: string;
  siteAddress: string;
  departmentCode: string;
  timezone: string;
  /** The office's advice on when and how to come (null: nothing particular). */
  arrivalAdvice: LocalizedText | null;
  /** What the counter requires to receive the applicant (null: nothing particular). */
  admissionRule: LocalizedText | null;
}

/** A booking joined to where and what it is: its slot, offer, procedure, site and département. */
export const bookingWithPlace = bookingsWithPlace;

/** One booking with everything shown to its applicant or written in its emails. */
export async function findBookingDetails(
  db: Executor,
  where: { id: string } | { reference: string },
): Promise<BookingDetails | undefined> {
  let query = bookingWithPlace(db).select([
    'booking.id',
    'booking.reference',
    'booking.status',
    'booking.locale',
    'booking.email',
    'booking.phone',
    'booking.last_name as lastName',
    'booking.first_name as firstName',
    'booking.hold_expires_at as holdExpiresAt',
    'booking.confirmed_at as confirmedAt',
    'booking.created_at as createdAt',
    'slot.id as slotId',
    'slot.starts_at as startsAt',
    'slot.ends_at as endsAt',
    'procedure.id as procedureId',
    'procedure.title as procedureTitle',
    'procedure.duration_minutes as durationMinutes',
    'site.id as siteId',
    'site.name as siteName',
    'site.address as siteAddress',
    'site.arrival_advice as arrivalAdvice',
    'procedure.admission_rule as admissionRule',
    'department.code as departmentCode',
    'department.timezone',
  ]);
  query =
    'id' in where
      ? query.where('booking.id', '=', where.id)
      : query.where('booking.reference', '=', where.reference);
  return query.executeTakeFirst();
}
