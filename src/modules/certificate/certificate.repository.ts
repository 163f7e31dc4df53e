import type { Db, Executor } from '../../db/database.ts';
import { DRAW_CHANNEL, FIRST_COME_CHANNEL } from '../schedule/channels.ts';
import { drawOffers, firstComeOffers, offersWithPlace } from '../schedule/offers.repository.ts';

// The SQL of the certificate of unavailability: what was searched (the offices offering the procedure
// in the département, with their publication horizon) and the identity's request waiting for a draw.
// The first free slots come from step 2's own query (`listOffices`), so that both say the same.

/** A procedure of a département offered there by booking or by draw, with its département's name and zone. */
export async function findCertificateProcedure(db: Db, departmentCode: string, procedureCode: string) {
  return offersWithPlace(db)
    .select([
      'procedure.id',
      'procedure.code',
      'procedure.title',
      'procedure.translations',
      'department.code as departmentCode',
      'department.name as departmentName',
      'department.timezone',
    ])
    .where('department.code', '=', departmentCode)
    .where('procedure.code', '=', procedureCode)
    .where('offer.channel', 'in', [FIRST_COME_CHANNEL, DRAW_CHANNEL])
    .limit(1)
    .executeTakeFirst();
}

export type CertificateProcedure = NonNullable<Awaited<ReturnType<typeof findCertificateProcedure>>>;

/** The offices of a département where a procedure is booked first-come, with how their days are published. */
export async function listBookingHorizons(db: Db, departmentCode: string, procedureId: number) {
  return firstComeOffers(db)
    .select([
      'offer.id as offerId',
      'offer.release_mode as releaseMode',
      'offer.publication_days as publicationDays',
      'offer.released_through as releasedThrough',
    ])
    .where('site.department_code', '=', departmentCode)
    .where('offer.procedure_id', '=', procedureId)
    .execute();
}

/** The offices of a département whose seats of a procedure are allocated by draw. */
export async function listDrawSites(db: Db, departmentCode: string, procedureId: number) {
  return drawOffers(db)
    .select(['site.id as siteId', 'site.name', 'site.address'])
    .where('site.department_code', '=', departmentCode)
    .where('offer.procedure_id', '=', procedureId)
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
}

/**
 * The identity's request of the procedure waiting for a draw (one at most: the database keeps one live
 * request per identity and procedure), with the address it was submitted with.
 */
export async function findWaitingRequest(db: Executor, procedureId: number, identityKey: string) {
  return db
    .selectFrom('request')
    .select(['label', 'lost', 'created_at as createdAt', 'email_key as emailKey'])
    .where('procedure_id', '=', procedureId)
    .where('identity_key', '=', identityKey)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
}

/** The identity a request was submitted for (never shown beyond its own certificate). */
export async function findRequestIdentity(db: Executor, requestId: string) {
  return db
    .selectFrom('request')
    .select([
      'last_name as lastName',
      'first_name as firstName',
      'birth_date as birthDate',
      'foreigner_number as foreignerNumber',
      'identity_key as identityKey',
    ])
    .where('id', '=', requestId)
    .executeTakeFirst();
}
