import { bookingWithPlace, type Executor } from '../booking/booking.repository.ts';

/** Everything a convocation shows about one booking, identity included (never cached, never logged). */
export async function findConvocationData(db: Executor, bookingId: string) {
  return bookingWithPlace(db)
    .select([
      'booking.id',
      'booking.reference',
      'booking.status',
      'booking.locale',
      'booking.last_name as lastName',
      'booking.first_name as firstName',
      'booking.birth_date as birthDate',
      'booking.foreigner_number as foreignerNumber',
      'slot.starts_at as startsAt',
      'slot.ends_at as endsAt',
      'procedure.title as procedureTitle',
      'procedure.duration_minutes as durationMinutes',
      'procedure.documents',
      'site.id as siteId',
      'site.name as siteName',
      'site.address as siteAddress',
      'site.arrival_advice as arrivalAdvice',
      'procedure.admission_rule as admissionRule',
      'department.timezone',
    ])
    .where('booking.id', '=', bookingId)
    .executeTakeFirst();
}

export type ConvocationData = NonNullable<Awaited<ReturnType<typeof findConvocationData>>>;

/** What the verification page adds to a genuine code: the office's name and the booking as it is now. */
export async function findVerificationContext(db: Executor, siteId: number, reference: string) {
  const site = await db
    .selectFrom('site')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select(['site.name', 'site.address', 'department.timezone'])
    .where('site.id', '=', siteId)
    .executeTakeFirst();
  const booking = await db
    .selectFrom('booking')
    .innerJoin('slot', 'slot.id', 'booking.slot_id')
    .select(['booking.status', 'slot.starts_at as startsAt'])
    .where('booking.reference', '=', reference)
    .executeTakeFirst();
  return { site, booking };
}
