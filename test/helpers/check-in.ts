import type { Db } from '../../src/db/database.ts';
import type { BookingStatus } from '../../src/modules/booking/statuses.ts';
import { signConvocation } from '../../src/modules/convocation/qr-token.ts';
import { LOOP_COLUMNS, pathTo } from './booking-paths.ts';

// What the check-in's tests share: bookings put straight into any status, and the QR text of their
// convocation, signed as the PDF signs it.

let n = 0;

/** A booking of the slot in `status`, walked there along the status table; answers what a QR needs. */
export async function bookingIn(
  db: Db,
  place: { slotId: number; procedureId: number },
  status: BookingStatus,
  identity: {
    lastName?: string;
    firstName?: string;
    birthDate?: string;
    foreignerNumber?: string | null;
  } = {},
) {
  n += 1;
  const code = String(n).padStart(4, '0');
  const reference = `74-CHKN-${code}`;
  const foreignerNumber =
    identity.foreignerNumber === undefined ? String(7_450_000_000 + n) : identity.foreignerNumber;
  const values = {
    lastName: identity.lastName ?? 'Benali',
    firstName: identity.firstName ?? 'Samira',
    birthDate: identity.birthDate ?? '1990-04-12',
  };
  const { id } = await db
    .insertInto('booking')
    .values({
      reference,
      slot_id: String(place.slotId),
      procedure_id: place.procedureId,
      identity_key: foreignerNumber ? `F:${foreignerNumber}` : `N:${values.lastName}|${n}`,
      email_key: `check.in.${n}@example.org`,
      last_name: values.lastName,
      first_name: values.firstName,
      birth_date: values.birthDate,
      email: `check.in.${n}@example.org`,
      foreigner_number: foreignerNumber,
      hold_expires_at: new Date('2031-01-01T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const step of pathTo(status)) {
    await db
      .updateTable('booking')
      .set({ status: step, ...(step === 'confirmed' || step === 'pending' ? {} : LOOP_COLUMNS) })
      .where('id', '=', id)
      .execute();
  }
  return { id, reference, foreignerNumber, ...values };
}

/** The QR text of a booking's convocation (the bare `c1.` code), signed with `secretKey`. */
export async function qrOf(db: Db, reference: string, secretKey: string): Promise<string> {
  const row = await db
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .select([
      'booking.reference',
      'booking.last_name',
      'booking.first_name',
      'booking.birth_date',
      'slot.starts_at',
      'offer.site_id',
    ])
    .where('booking.reference', '=', reference)
    .executeTakeFirstOrThrow();
  return signConvocation(
    {
      reference: row.reference,
      siteId: row.site_id,
      startsAt: row.starts_at.toISOString(),
      lastName: row.last_name,
      firstName: row.first_name,
      birthDate: row.birth_date,
    },
    secretKey,
  );
}
