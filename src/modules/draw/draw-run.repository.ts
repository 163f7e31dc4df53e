import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

// All SQL of running a draw (PRODUCT §5, decision 0028). Everything but `findDraw` and `dueDrawIds`
// runs in the draw's one transaction, after the draw's row is locked; rows are locked in one order —
// draw, requests (by id), slots (by id) — so that two draws sharing requests wait for each other
// instead of deadlocking.

const DRAW_COLUMNS = [
  'draw.id',
  'draw.procedure_id as procedureId',
  'draw.department_code as departmentCode',
  'draw.offer_ids as offerIds',
  'draw.site_ids as siteIds',
  'draw.window_closes_at as windowClosesAt',
  'draw.slots_from as slotsFrom',
  'draw.slots_to as slotsTo',
  'draw.seed',
  'draw.commitment',
  'draw.beacon_round as beaconRound',
  'draw.status',
  'department.timezone',
] as const;

/** A draw with what running it needs; `lock` takes its row until the transaction ends. */
export async function findDraw(db: Executor, drawId: number, options: { lock?: boolean } = {}) {
  let query = db
    .selectFrom('draw')
    .innerJoin('department', 'department.code', 'draw.department_code')
    .select(DRAW_COLUMNS)
    .where('draw.id', '=', drawId);
  if (options.lock) query = query.forUpdate('draw');
  return query.executeTakeFirst();
}

export type DrawToRun = NonNullable<Awaited<ReturnType<typeof findDraw>>>;

/** The undrawn draws whose window has closed, oldest close first (index draw_undrawn). */
export async function dueDrawIds(db: Executor, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('draw')
    .select('id')
    .where('status', '<>', 'drawn')
    .where('window_closes_at', '<=', now)
    .orderBy('window_closes_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** open → closed: the window is over and the draw waits (for its beacon round). */
export async function markClosed(trx: Executor, drawId: number): Promise<void> {
  await trx
    .updateTable('draw')
    .set({ status: 'closed' })
    .where('id', '=', drawId)
    .where('status', '=', 'open')
    .execute();
}

/** The procedure's permit window, which decides tiers and who is still eligible. */
export async function findPermitWindow(trx: Executor, procedureId: number) {
  return trx
    .selectFrom('procedure')
    .select([
      'title_expiry_within_days as titleExpiryWithinDays',
      'title_expired_since_days as titleExpiredSinceDays',
    ])
    .where('id', '=', procedureId)
    .executeTakeFirstOrThrow();
}

/**
 * The waiting requests of the procedure that name one of the draw's offices, locked: a submission
 * that changes one waits for the draw, and a second draw sharing them sees them won or lost.
 */
export async function lockCandidates(trx: Executor, draw: { procedureId: number; siteIds: number[] }) {
  return trx
    .selectFrom('request')
    .select([
      'id',
      'label',
      'identity_key as identityKey',
      'email_key as emailKey',
      'site_ids as siteIds',
      'half_days as halfDays',
      'earliest',
      'lost',
      'priority',
      'title_expiry as titleExpiry',
      'entered_by as enteredBy',
      'locale',
    ])
    .where('procedure_id', '=', draw.procedureId)
    .where('status', '=', 'waiting')
    .where(sql<boolean>`site_ids && ${sql.val(draw.siteIds)}::integer[]`)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export type Candidate = Awaited<ReturnType<typeof lockCandidates>>[number];

/** Among `identityKeys`, those holding an active booking of the procedure, on any channel. */
export async function bookedIdentities(
  trx: Executor,
  procedureId: number,
  identityKeys: readonly string[],
): Promise<Set<string>> {
  if (identityKeys.length === 0) return new Set();
  const rows = await trx
    .selectFrom('booking')
    .select('identity_key')
    .distinct()
    .where('procedure_id', '=', procedureId)
    .where(sql<boolean>`booking_is_active(booking.status)`)
    .where('identity_key', '=', sql<string>`any(${sql.val([...identityKeys])}::text[])`)
    .execute();
  return new Set(rows.map((row) => row.identity_key));
}

/** Active bookings that count against each address, for the addresses given (absent: none). */
export async function activeBookingsByEmail(
  trx: Executor,
  emailKeys: readonly string[],
): Promise<Map<string, number>> {
  if (emailKeys.length === 0) return new Map();
  const rows = await trx
    .selectFrom('email_activity')
    .select(['email_key', 'active'])
    .where('email_key', '=', sql<string>`any(${sql.val([...emailKeys])}::text[])`)
    .execute();
  return new Map(rows.map((row) => [row.email_key, row.active]));
}

/**
 * The draw's slots, locked: of its offers, on a local date of its period (the office's zone), starting
 * after `now`, with seats left. Start and id ascending, the order of the bundle.
 */
export async function lockDrawSlots(trx: Executor, draw: DrawToRun, now: Date) {
  const localDay = sql<string>`(slot.starts_at at time zone department.timezone)::date`;
  return trx
    .selectFrom('slot')
    .innerJoin('offer', 'offer.id', 'slot.offer_id')
    .innerJoin('site', 'site.id', 'offer.site_id')
    .innerJoin('department', 'department.code', 'site.department_code')
    .select([
      'slot.id',
      'slot.starts_at as startsAt',
      'slot.ends_at as endsAt',
      'offer.site_id as siteId',
      'department.timezone',
      sql<number>`slot.capacity - slot.taken`.as('seats'),
    ])
    .where('slot.offer_id', '=', sql<number>`any(${sql.val(draw.offerIds)}::integer[])`)
    .where(localDay, '>=', draw.slotsFrom)
    .where(localDay, '<=', draw.slotsTo)
    .where('slot.starts_at', '>', now)
    .whereRef('slot.taken', '<', 'slot.capacity')
    .orderBy('slot.starts_at')
    .orderBy('slot.id')
    .forUpdate('slot')
    .execute();
}

export type DrawSlotRow = Awaited<ReturnType<typeof lockDrawSlots>>[number];

/** Requests no longer eligible → closed (PRODUCT §5 "Eligibility"). */
export async function closeRequests(trx: Executor, requestIds: readonly string[], now: Date): Promise<void> {
  if (requestIds.length === 0) return;
  await trx
    .updateTable('request')
    .set({ status: 'closed', closed_at: now })
    .where('id', '=', sql<string>`any(${sql.val([...requestIds])}::bigint[])`)
    .where('status', '=', 'waiting')
    .execute();
}

/** The references among `references` that some booking already has. */
export async function takenReferences(trx: Executor, references: readonly string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await trx
    .selectFrom('booking')
    .select('reference')
    .where('reference', '=', sql<string>`any(${sql.val([...references])}::text[])`)
    .execute();
  return new Set(rows.map((row) => row.reference));
}

/** A request's stored applicant, as its won booking copies it. */
export async function findApplicantsOf(trx: Executor, requestIds: readonly string[]) {
  if (requestIds.length === 0) return [];
  return trx
    .selectFrom('request')
    .select([
      'id',
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
      'entered_by as enteredBy',
      // The won booking keeps the network of the request, for the suspicious-bookings review.
      'network_key as networkKey',
    ])
    .where('id', '=', sql<string>`any(${sql.val([...requestIds])}::bigint[])`)
    .execute();
}

/** waiting → won, with the booking it won. */
export async function markWon(trx: Executor, requestId: string, bookingId: string, now: Date): Promise<void> {
  const result = await trx
    .updateTable('request')
    .set({ status: 'won', booking_id: bookingId, closed_at: now })
    .where('id', '=', requestId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  // The request is locked since the draw began: it cannot have left the queue meanwhile.
  if (result.numUpdatedRows !== 1n) throw new Error('a winning request is no longer waiting');
}

/** One more lost draw for each request in the list that got no slot; they stay waiting. */
export async function addLostDraw(trx: Executor, requestIds: readonly string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await trx
    .updateTable('request')
    .set((eb) => ({ lost: eb('lost', '+', 1) }))
    .where('id', '=', sql<string>`any(${sql.val([...requestIds])}::bigint[])`)
    .execute();
}

/** Who took part, as drawn, and the slot each won (null: none). */
export async function insertEntries(
  trx: Executor,
  drawId: number,
  entries: readonly { requestId: string; tier: number; lost: number; slotId: string | null }[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await trx
      .insertInto('draw_entry')
      .values(
        entries.slice(i, i + 1000).map((entry) => ({
          draw_id: drawId,
          request_id: entry.requestId,
          tier: entry.tier,
          lost: entry.lost,
          slot_id: entry.slotId,
        })),
      )
      .execute();
  }
}

/** The draw frozen: drawn, when, with which beacon randomness, and its public bundle. */
export async function freezeDraw(
  trx: Executor,
  draw: { id: number; beacon: string; bundle: Record<string, unknown>; now: Date },
): Promise<void> {
  await trx
    .updateTable('draw')
    .set({ status: 'drawn', drawn_at: draw.now, beacon: draw.beacon, bundle: JSON.stringify(draw.bundle) })
    .where('id', '=', draw.id)
    .executeTakeFirstOrThrow();
}
