import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { RequestTokenPurpose } from '../../db/schema.ts';
import { applicantColumns, type StoredApplicant } from '../booking/stored-applicant.ts';
import { drawOffers } from '../schedule/offers.repository.ts';

// All SQL of requests (PRODUCT §5). What the database refuses — a second live request is impossible
// through the upsert, an office without a draw offer, an identity already booked, too many requests
// for one address — is named by the constraint the use case translates.

/** A procedure with the identity rules and permit window a request is validated against. */
export async function findProcedureRules(db: Executor, procedureId: number) {
  return db
    .selectFrom('procedure')
    .select([
      'procedure.id',
      'procedure.code',
      'procedure.title',
      'procedure.requires_foreigner_number as requiresForeignerNumber',
      'procedure.requires_title_expiry as requiresTitleExpiry',
      'procedure.requires_postal_code as requiresPostalCode',
      'procedure.title_expiry_within_days as titleExpiryWithinDays',
      'procedure.title_expired_since_days as titleExpiredSinceDays',
    ])
    .where('procedure.id', '=', procedureId)
    .executeTakeFirst();
}

export type ProcedureForRequest = NonNullable<Awaited<ReturnType<typeof findProcedureRules>>>;

/** The offices among `siteIds` that offer the procedure by draw, with their place (read here, never sent). */
export async function findDrawSites(db: Executor, procedureId: number, siteIds: readonly number[]) {
  if (siteIds.length === 0) return [];
  return drawOffers(db)
    .select([
      'site.id as siteId',
      'site.name',
      'site.address',
      'department.code as departmentCode',
      'department.timezone',
    ])
    .where('offer.procedure_id', '=', procedureId)
    .where('site.id', 'in', [...siteIds])
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
}

export type DrawSite = Awaited<ReturnType<typeof findDrawSites>>[number];

/** The offices of a département offering a procedure by draw: the request form's checkboxes. */
export async function listDrawOffices(db: Executor, departmentCode: string, procedureCode: string) {
  return drawOffers(db)
    .select([
      'site.id as siteId',
      'site.name',
      'site.address',
      'procedure.id as procedureId',
      'department.code as departmentCode',
      'department.timezone',
    ])
    .where('department.code', '=', departmentCode)
    .where('procedure.code', '=', procedureCode)
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
}

export interface RequestRow extends StoredApplicant {
  label: string;
  procedureId: number;
  siteIds: number[];
  halfDays: string[];
  earliest: string | null;
  enteredBy: number | null;
  /** The keyed hash of the applicant's network; null for an agent's or a partner's entry. */
  networkKey: Buffer | null;
  now: Date;
}

/**
 * Inserts the identity's live request of the procedure, or — when it has one — updates that one's
 * choices, in one statement: two submissions at once give one row. Identity, contact and author stay
 * as first recorded (decision 0027). `inserted` tells which happened. With `sameEmailOnly` (a
 * submission online), a live request recorded with another address is left as it is and nothing is
 * returned (decision 0033).
 */
export async function upsertRequest(
  trx: Executor,
  row: RequestRow,
  options: { sameEmailOnly?: boolean } = {},
) {
  return (
    trx
      .insertInto('request')
      .values({
        label: row.label,
        procedure_id: row.procedureId,
        ...applicantColumns(row),
        site_ids: row.siteIds,
        half_days: row.halfDays,
        earliest: row.earliest,
        entered_by: row.enteredBy,
        network_key: row.networkKey,
        created_at: row.now,
        updated_at: row.now,
      })
      .onConflict((oc) =>
        oc
          .columns(['procedure_id', 'identity_key'])
          .where('status', '=', 'waiting')
          .doUpdateSet((eb) => ({
            site_ids: eb.ref('excluded.site_ids'),
            half_days: eb.ref('excluded.half_days'),
            earliest: eb.ref('excluded.earliest'),
            updated_at: eb.ref('excluded.updated_at'),
            // Kept as first recorded; an online update gives one to a request an agent entered.
            network_key: eb.fn.coalesce('request.network_key', 'excluded.network_key'),
          }))
          .where((eb) =>
            options.sameEmailOnly ? eb('request.email_key', '=', eb.ref('excluded.email_key')) : eb.lit(true),
          ),
      )
      // xmax is 0 for a row this statement inserted, the updating transaction's id for one it updated.
      .returning(['id', 'label', 'updated_at as updatedAt', sql<boolean>`xmax = 0`.as('inserted')])
      .executeTakeFirst()
  );
}

/** The live request of an identity for a procedure, if any (the one an upsert left untouched). */
export async function findLiveRequest(trx: Executor, procedureId: number, identityKey: string) {
  return trx
    .selectFrom('request')
    .select(['id', 'locale'])
    .where('procedure_id', '=', procedureId)
    .where('identity_key', '=', identityKey)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
}

/** Stores a token of a request's link (its SHA-256 only). */
export async function insertRequestToken(
  trx: Executor,
  token: { requestId: string; purpose: RequestTokenPurpose; hash: Buffer; expiresAt: Date },
): Promise<void> {
  await trx
    .insertInto('request_token')
    .values({
      request_id: token.requestId,
      purpose: token.purpose,
      token_hash: token.hash,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** A request token and the request it opens, whatever its purpose and state: the caller decides. */
export async function findRequestToken(db: Executor, hash: Buffer, options: { lock?: boolean } = {}) {
  let query = db
    .selectFrom('request_token')
    .innerJoin('request', 'request.id', 'request_token.request_id')
    .select([
      'request_token.purpose',
      'request_token.expires_at as expiresAt',
      'request.id as requestId',
      'request.label',
      'request.status',
      'request.locale',
    ])
    .where('request_token.token_hash', '=', hash);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** waiting → withdrawn; false when the request is no longer waiting. */
export async function withdrawWaiting(trx: Executor, requestId: string, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('request')
    .set({ status: 'withdrawn', closed_at: now })
    .where('id', '=', requestId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** One request with everything its page, its email and its receipt show. */
export async function findRequestDetails(db: Executor, requestId: string) {
  const request = await db
    .selectFrom('request')
    .innerJoin('procedure', 'procedure.id', 'request.procedure_id')
    .leftJoin('booking', 'booking.id', 'request.booking_id')
    .select([
      'request.id',
      'request.label',
      'request.status',
      'request.lost',
      'request.locale',
      'request.email',
      'request.last_name as lastName',
      'request.first_name as firstName',
      'request.site_ids as siteIds',
      'request.half_days as halfDays',
      'request.earliest',
      'request.created_at as createdAt',
      'request.updated_at as updatedAt',
      'request.entered_by as enteredBy',
      'procedure.id as procedureId',
      'procedure.code as procedureCode',
      'procedure.title as procedureTitle',
      'booking.reference as bookingReference',
    ])
    .where('request.id', '=', requestId)
    .executeTakeFirst();
  if (!request) return undefined;
  const sites = await findDrawSites(db, request.procedureId, request.siteIds);
  // An office that no longer offers the draw stays named on what was submitted.
  const named = sites.length === request.siteIds.length ? sites : await findSitesByIds(db, request.siteIds);
  return { ...request, sites: named, timezone: named[0]?.timezone ?? 'Europe/Paris' };
}

export type RequestDetails = NonNullable<Awaited<ReturnType<typeof findRequestDetails>>>;

async function findSitesByIds(db: Executor, siteIds: readonly number[]): Promise<DrawSite[]> {
  return db
    .selectFrom('site')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select([
      'site.id as siteId',
      'site.name',
      'site.address',
      'department.code as departmentCode',
      'department.timezone',
    ])
    .where('site.id', 'in', [...siteIds])
    .orderBy('site.kind')
    .orderBy('site.name')
    .execute();
}
