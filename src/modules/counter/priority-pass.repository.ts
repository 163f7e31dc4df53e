import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { firstComeSlots, REMAINING_SEATS } from '../schedule/offers.repository.ts';

// The priority passes of revoked first-come appointments (migration 0024, decision 0038).

/** Records the pass of a revoked booking, with the freed seat it keeps (if one was held). */
export async function insertPriorityPass(
  trx: Executor,
  pass: {
    bookingId: string;
    identityKey: string;
    procedureId: number;
    departmentCode: string;
    heldSeatId: string | undefined;
    tokenHash: Buffer;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await trx
    .insertInto('priority_pass')
    .values({
      booking_id: pass.bookingId,
      identity_key: pass.identityKey,
      procedure_id: pass.procedureId,
      department_code: pass.departmentCode,
      held_seat_id: pass.heldSeatId ?? null,
      token_hash: pass.tokenHash,
      created_at: pass.now,
      expires_at: pass.expiresAt,
    })
    .execute();
}

/** The pass a link's token opens, locked when `lock` (the rebooking's transaction). */
export async function findPass(db: Executor, tokenHash: Buffer, options: { lock?: boolean } = {}) {
  let query = db
    .selectFrom('priority_pass')
    .innerJoin('booking', 'booking.id', 'priority_pass.booking_id')
    .innerJoin('department', 'department.code', 'priority_pass.department_code')
    .select([
      'department.timezone',
      'priority_pass.id',
      'priority_pass.booking_id as bookingId',
      'priority_pass.procedure_id as procedureId',
      'priority_pass.department_code as departmentCode',
      'priority_pass.held_seat_id as heldSeatId',
      'priority_pass.expires_at as expiresAt',
      'priority_pass.used_at as usedAt',
      'booking.reference as revokedReference',
      'booking.locale',
    ])
    .where('priority_pass.token_hash', '=', tokenHash);
  if (options.lock) query = query.forUpdate('priority_pass');
  return query.executeTakeFirst();
}

export type Pass = NonNullable<Awaited<ReturnType<typeof findPass>>>;

/**
 * The slots a pass may take: the seat kept for the pass first (while its slot still has it: a
 * capacity cut takes held seats away), then upcoming first-come slots of its procedure in its
 * département with a seat anyone may book.
 */
export async function slotsForPass(db: Executor, pass: Pass, now: Date) {
  const held = sql<boolean>`(held_seat.id is not null and slot.held_back > 0)`;
  return firstComeSlots(db)
    .select([
      'slot.id',
      'slot.starts_at as startsAt',
      'slot.ends_at as endsAt',
      'site.name as siteName',
      'department.timezone',
    ])
    .select(held.as('held'))
    .select(sql<number>`${REMAINING_SEATS} + (case when ${held} then 1 else 0 end)`.as('remaining'))
    .leftJoin('held_seat', (join) =>
      join
        .onRef('held_seat.slot_id', '=', 'slot.id')
        .on('held_seat.id', '=', pass.heldSeatId ?? '0')
        .on('held_seat.status', '=', 'held'),
    )
    .where('offer.procedure_id', '=', pass.procedureId)
    .where('department.code', '=', pass.departmentCode)
    .where('slot.starts_at', '>', now)
    .where((eb) => eb.or([eb(REMAINING_SEATS, '>', 0), held]))
    .orderBy(held, 'desc')
    .orderBy('slot.starts_at')
    .orderBy('slot.id')
    .limit(200)
    .execute();
}

/** Marks a pass used by the booking made with it; false if it was used meanwhile. */
export async function usePass(trx: Executor, passId: string, newBookingId: string, now: Date) {
  const result = await trx
    .updateTable('priority_pass')
    .set({ used_at: now, new_booking_id: newBookingId })
    .where('id', '=', passId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The applicant of the revoked booking, as the new booking stores it. */
export async function findRevokedApplicant(db: Executor, bookingId: string) {
  return db
    .selectFrom('booking')
    .select([
      'identity_key as identityKey',
      'email_key as emailKey',
      'last_name as lastName',
      'first_name as firstName',
      'birth_date as birthDate',
      'email',
      'phone',
      'foreigner_number as foreignerNumber',
      'title_expiry as titleExpiry',
      'postal_code as postalCode',
      'locale',
    ])
    .where('id', '=', bookingId)
    .executeTakeFirstOrThrow();
}
