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

/** What the verification page adds to a genuine receipt: the names of its procedure and offices, the request now. */
export async function findReceiptContext(
  db: Executor,
  claims: { procedureId: number; siteIds: number[]; label: string },
) {
  const procedure = await db
    .selectFrom('procedure')
    .select('title')
    .where('id', '=', claims.procedureId)
    .executeTakeFirst();
  const sites =
    claims.siteIds.length === 0
      ? []
      : await db
          .selectFrom('site')
          .innerJoin('department', 'department.code', 'site.department_code')
          .select(['site.id', 'site.name', 'department.timezone'])
          .where('site.id', 'in', claims.siteIds)
          .execute();
  const request = await db
    .selectFrom('request')
    .select(['status', 'updated_at as updatedAt'])
    .where('label', '=', claims.label)
    .executeTakeFirst();
  return { procedure, sites, request };
}

/** What the verification page adds to a genuine certificate: the names of its procedure and offices, its zone. */
export async function findCertificateContext(
  db: Executor,
  claims: { procedureId: number; siteIds: number[]; departmentCode: string },
) {
  const [procedure, sites, department] = await Promise.all([
    db.selectFrom('procedure').select('title').where('id', '=', claims.procedureId).executeTakeFirst(),
    claims.siteIds.length === 0
      ? []
      : db.selectFrom('site').select(['id', 'name']).where('id', 'in', claims.siteIds).execute(),
    db
      .selectFrom('department')
      .select('timezone')
      .where('code', '=', claims.departmentCode)
      .executeTakeFirst(),
  ]);
  return { procedure, sites, department };
}
