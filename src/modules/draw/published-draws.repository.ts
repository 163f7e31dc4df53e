import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DrawKind, DrawStatus, ProcedureTranslations } from '../../db/schema.ts';
import { coverageFilter } from '../agents/permissions.sql.ts';
import type { Coverage } from '../agents/permissions.ts';
import { drawOffers } from '../schedule/offers.repository.ts';

// What the public reads of draws (PRODUCT §7 "Draws", §4.6): never the seed column. A drawn draw's
// seed is published inside its frozen bundle, which the database keeps null before the draw
// (constraint draw_drawn_complete), so nothing here can reveal a seed early.

/** A draw as published, with its département's zone and the free seats it allocates. */
export interface PublishedDraw {
  id: number;
  procedureId: number;
  procedureTitle: string;
  procedureTranslations: ProcedureTranslations;
  departmentCode: string;
  timezone: string;
  kind: DrawKind;
  status: DrawStatus;
  offerIds: number[];
  siteIds: number[];
  windowOpensAt: Date;
  windowClosesAt: Date;
  slotsFrom: string;
  slotsTo: string;
  commitment: string;
  beaconRound: number | null;
  drawnAt: Date | null;
  seats: number;
}

/**
 * Seats at stake: before the draw, the free seats (capacity − taken) of the draw's slots — slots of its
 * offers on a local date of its period, starting after `now` (draw-contract); after it, the seats of
 * the bundle's slots, as drawn.
 */
function seatsAtStake(now: Date) {
  return sql<number>`case when draw.status = 'drawn' then
      (select coalesce(sum((s->>'seats')::integer), 0) from jsonb_array_elements(draw.bundle->'slots') s)
    else
      (select coalesce(sum(slot.capacity - slot.taken), 0)
         from slot
         join offer on offer.id = slot.offer_id
         join site on site.id = offer.site_id
         join department zone on zone.code = site.department_code
        where slot.offer_id = any(draw.offer_ids)
          and slot.starts_at > ${now}
          and slot.taken < slot.capacity
          and (slot.starts_at at time zone zone.timezone)::date between draw.slots_from and draw.slots_to)
    end::integer`;
}

function publishedDraws(db: Executor, now: Date) {
  return db
    .selectFrom('draw')
    .innerJoin('procedure', 'procedure.id', 'draw.procedure_id')
    .innerJoin('department', 'department.code', 'draw.department_code')
    .select([
      'draw.id',
      'draw.procedure_id as procedureId',
      'procedure.title as procedureTitle',
      'procedure.translations as procedureTranslations',
      'draw.department_code as departmentCode',
      'department.timezone',
      'draw.kind',
      'draw.status',
      'draw.offer_ids as offerIds',
      'draw.site_ids as siteIds',
      'draw.window_opens_at as windowOpensAt',
      'draw.window_closes_at as windowClosesAt',
      sql<string>`to_char(draw.slots_from, 'YYYY-MM-DD')`.as('slotsFrom'),
      sql<string>`to_char(draw.slots_to, 'YYYY-MM-DD')`.as('slotsTo'),
      'draw.commitment',
      'draw.beacon_round as beaconRound',
      'draw.drawn_at as drawnAt',
      seatsAtStake(now).as('seats'),
    ]);
}

function published(row: Omit<PublishedDraw, 'beaconRound'> & { beaconRound: string | null }): PublishedDraw {
  return { ...row, beaconRound: row.beaconRound === null ? null : Number(row.beaconRound) };
}

/** The draws of a procedure (at one office when given), the latest window first. */
export async function listPublishedDraws(
  db: Executor,
  filter: { procedureId: number; siteId?: number },
  now: Date,
): Promise<PublishedDraw[]> {
  let query = publishedDraws(db, now).where('draw.procedure_id', '=', filter.procedureId);
  if (filter.siteId !== undefined) {
    const siteId = filter.siteId;
    query = query.where(sql<boolean>`${siteId}::integer = any(draw.site_ids)`);
  }
  const rows = await query.orderBy('draw.window_closes_at', 'desc').orderBy('draw.id', 'desc').execute();
  return rows.map(published);
}

/** One draw as published, or undefined. */
export async function findPublishedDraw(
  db: Executor,
  id: number,
  now: Date,
): Promise<PublishedDraw | undefined> {
  const row = await publishedDraws(db, now).where('draw.id', '=', id).executeTakeFirst();
  return row && published(row);
}

/** A drawn draw's frozen bundle (PRODUCT §5.1), or undefined before the draw. */
export async function findBundle(db: Executor, id: number): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('draw')
    .select('bundle')
    .where('id', '=', id)
    .where('status', '=', 'drawn')
    .executeTakeFirst();
  return row?.bundle ?? undefined;
}

/** The names of offices, by id. */
export async function siteNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('site')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A procedure's title and translations, or undefined. */
export async function findProcedureTitle(db: Executor, id: number) {
  return db.selectFrom('procedure').select(['title', 'translations']).where('id', '=', id).executeTakeFirst();
}

/** The draw offers where `coverage` reaches, with their office's zone: what a one-off draw may be of. */
export async function listManagedOffers(db: Executor, coverage: Coverage) {
  return drawOffers(db)
    .select(['offer.id', 'procedure.title as procedureTitle', 'site.name as siteName', 'department.timezone'])
    .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'site.department_code' }))
    .orderBy('procedure.title')
    .orderBy('site.name')
    .execute();
}

/** The latest draws of the offers where `coverage` reaches. */
export async function listManagedDraws(db: Executor, coverage: Coverage, now: Date, limit = 50) {
  const rows = await publishedDraws(db, now)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('offer')
          .innerJoin('site', 'site.id', 'offer.site_id')
          .select('offer.id')
          .whereRef('offer.id', '=', sql<number>`any(draw.offer_ids)`)
          .where(coverageFilter(coverage, { siteId: 'site.id', departmentCode: 'site.department_code' })),
      ),
    )
    .orderBy('draw.window_closes_at', 'desc')
    .orderBy('draw.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(published);
}
