import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { drawOffers } from '../schedule/offers.repository.ts';
import type { DrawCalendarRule } from './calendar.ts';

// The SQL of draw calendars: the calendars themselves (one per draw offer), the calendar draws the
// windows job creates or extends, and the draw a procedure's page announces.

/** A draw offer's calendar as the configuration reads and writes it. */
export interface StoredCalendar extends DrawCalendarRule {
  offerId: number;
  active: boolean;
}

/** An active calendar of a draw offer, with what the windows job groups it by. */
export interface ActiveCalendar extends DrawCalendarRule {
  offerId: number;
  siteId: number;
  procedureId: number;
  departmentCode: string;
  zone: string;
}

const CALENDAR_COLUMNS = [
  'draw_calendar.offer_id as offerId',
  'draw_calendar.first_opens_on as firstOpensOn',
  sql<string>`to_char(draw_calendar.opens_at, 'HH24:MI')`.as('opensAt'),
  'draw_calendar.window_days as windowDays',
  sql<string>`to_char(draw_calendar.closes_at, 'HH24:MI')`.as('closesAt'),
  'draw_calendar.period_days as periodDays',
  'draw_calendar.lead_days as leadDays',
] as const;

/** The calendars the windows job follows: active, of offers that are still draw offers. */
export async function listActiveCalendars(db: Executor): Promise<ActiveCalendar[]> {
  return drawOffers(db)
    .innerJoin('draw_calendar', 'draw_calendar.offer_id', 'offer.id')
    .select([
      ...CALENDAR_COLUMNS,
      'site.id as siteId',
      'procedure.id as procedureId',
      'department.code as departmentCode',
      'department.timezone as zone',
    ])
    .where('draw_calendar.active', '=', true)
    .orderBy('offer.id')
    .execute();
}

/** An offer's calendar, if it has one. */
export async function findCalendar(db: Executor, offerId: number): Promise<StoredCalendar | undefined> {
  return db
    .selectFrom('draw_calendar')
    .select([...CALENDAR_COLUMNS, 'draw_calendar.active'])
    .where('offer_id', '=', offerId)
    .executeTakeFirst();
}

/** Creates or replaces an offer's calendar. */
export async function saveCalendar(trx: Executor, calendar: StoredCalendar, now: Date): Promise<void> {
  const values = {
    first_opens_on: calendar.firstOpensOn,
    opens_at: calendar.opensAt,
    window_days: calendar.windowDays,
    closes_at: calendar.closesAt,
    period_days: calendar.periodDays,
    lead_days: calendar.leadDays,
    active: calendar.active,
    updated_at: now,
  };
  await trx
    .insertInto('draw_calendar')
    .values({ offer_id: calendar.offerId, ...values })
    .onConflict((oc) => oc.column('offer_id').doUpdateSet(values))
    .execute();
}

/** What identifies a calendar draw (the unique index draw_calendar_window_once). */
export interface CalendarDrawKey {
  procedureId: number;
  departmentCode: string;
  windowOpensAt: Date;
  windowClosesAt: Date;
  slotsFrom: string;
  slotsTo: string;
}

/** The calendar draw of a window, if it exists. */
export async function findCalendarDraw(db: Executor, key: CalendarDrawKey) {
  return db
    .selectFrom('draw')
    .select(['id', 'department_code as departmentCode', 'status', 'offer_ids as offerIds'])
    .where('origin', '=', 'calendar')
    .where('procedure_id', '=', key.procedureId)
    .where('department_code', '=', key.departmentCode)
    .where('window_opens_at', '=', key.windowOpensAt)
    .where('window_closes_at', '=', key.windowClosesAt)
    .where('slots_from', '=', key.slotsFrom)
    .where('slots_to', '=', key.slotsTo)
    .executeTakeFirst();
}

/**
 * Adds offers (and their sites) to a calendar draw still collecting requests; in one statement, so
 * that two runs adding at once both count. Returns whether the draw took them.
 */
export async function addOffersToDraw(
  trx: Executor,
  drawId: number,
  add: { offerIds: number[]; siteIds: number[] },
  now: Date,
): Promise<boolean> {
  const union = (column: 'offer_ids' | 'site_ids', ids: number[]) =>
    sql<
      number[]
    >`(select array_agg(distinct id order by id) from unnest(${sql.ref(column)} || ${ids}::integer[]) as id)`;
  const result = await trx
    .updateTable('draw')
    .set({ offer_ids: union('offer_ids', add.offerIds), site_ids: union('site_ids', add.siteIds) })
    .where('id', '=', drawId)
    .where('status', '=', 'open')
    .where('window_closes_at', '>', now)
    .where((eb) =>
      eb.or([
        eb.not(eb('offer_ids', '@>', sql<number[]>`${add.offerIds}::integer[]`)),
        eb.not(eb('site_ids', '@>', sql<number[]>`${add.siteIds}::integer[]`)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The draw a procedure's pages announce: a main draw of the département still to close, earliest first. */
export async function findAnnouncedDraw(
  db: Executor,
  filter: { procedureId: number; departmentCode: string },
  now: Date,
) {
  return db
    .selectFrom('draw')
    .innerJoin('department', 'department.code', 'draw.department_code')
    .select((eb) => [
      'draw.id',
      'draw.window_opens_at as opensAt',
      'draw.window_closes_at as closesAt',
      'draw.slots_from as slotsFrom',
      'draw.slots_to as slotsTo',
      'draw.commitment',
      eb
        .selectFrom('slot')
        .select(sql<string>`coalesce(sum(slot.capacity - slot.taken), 0)`.as('seats'))
        .where('slot.offer_id', '=', sql<number>`any(draw.offer_ids)`)
        .where('slot.starts_at', '>', now)
        .whereRef('slot.taken', '<', 'slot.capacity')
        .where(sql<boolean>`(slot.starts_at at time zone department.timezone)::date
          between draw.slots_from and draw.slots_to`)
        .as('seats'),
    ])
    .where('draw.procedure_id', '=', filter.procedureId)
    .where('draw.department_code', '=', filter.departmentCode)
    .where('draw.kind', '=', 'main')
    .where('draw.status', '=', 'open')
    .where('draw.window_closes_at', '>', now)
    .orderBy('draw.window_opens_at')
    .orderBy('draw.id')
    .limit(1)
    .executeTakeFirst();
}
