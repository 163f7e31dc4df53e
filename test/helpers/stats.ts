import type { Db } from '../../src/db/database.ts';
import type { BookingStatus } from '../../src/db/schema.ts';
import { LOOP_COLUMNS, LOOP_PATHS } from './booking-paths.ts';
import { addSlot } from './fixtures.ts';

// The statistics' fixed data set (test/stats.test.ts): three offices, one procedure, bookings in each
// status inserted directly (then moved along the status table, as the trigger demands), requests.
//
// Annecy (74), ISO week 2030-W02: slots of 4 (Mon 7 Jan) and 6 (Tue 8 Jan) seats; W03: 5 seats.
// Thonon (74), W02: 2 seats, no booking. Chambéry (73), W02: 3 seats, one attended booking.
// The counter's times (minutes waiting / walking / at the counter): Annecy W02's attended visit
// 20 / 2 / 18; Chambéry's 10 / 1 / — (finished by the end-of-day job); Annecy W01: four visits,
// waits 4, 6, 8, 30 (median 7), walks 1, 3, 2, 2 (2), services 10, 20, 40, 25 (22.5).

export interface StatsFixture {
  annecy: number;
  thonon: number;
  chambery: number;
  procedureId: number;
}

let counter = 0;

async function site(db: Db, departmentCode: string, name: string): Promise<number> {
  const row = await db
    .insertInto('site')
    .values({ department_code: departmentCode, name, kind: 'prefecture', address: `${name}, France` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function offer(db: Db, siteId: number, procedureId: number, channel: 'booking' | 'draw') {
  const row = await db
    .insertInto('offer')
    .values({ procedure_id: procedureId, site_id: siteId, channel })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function slot(db: Db, offerId: number, startsAt: string, capacity: number): Promise<string> {
  return String(await addSlot(db, offerId, startsAt, capacity));
}

function person() {
  counter += 1;
  const n = String(counter).padStart(4, '0');
  return {
    identity_key: `N:stats-${n}`,
    email_key: `stats${n}@example.test`,
    email: `stats${n}@example.test`,
    last_name: `Nom${n}`,
    first_name: 'Prénom',
    birth_date: '1990-01-01',
  };
}

/** A booking created at `createdAt`, moved to `status` through the statuses the trigger allows. */
async function booking(
  db: Db,
  slotId: string,
  procedureId: number,
  status: BookingStatus,
  createdAt: string,
  requestId?: string,
): Promise<string> {
  const who = person();
  const row = await db
    .insertInto('booking')
    .values({
      ...who,
      reference: `ST-${String(counter).padStart(4, '0')}-AAAA`,
      slot_id: slotId,
      procedure_id: procedureId,
      hold_expires_at: new Date('2030-12-31T00:00:00Z'),
      created_at: createdAt,
      ...(requestId ? { request_id: requestId } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path: Record<BookingStatus, BookingStatus[]> = {
    pending: [],
    confirmed: ['confirmed'],
    expired: ['expired'],
    cancelled: ['cancelled'],
    revoked: ['confirmed', 'revoked'],
    attended: ['confirmed', 'attended'],
    no_show: ['confirmed', 'no_show'],
    ...LOOP_PATHS,
  };
  for (const next of path[status] ?? []) {
    const confirmed = next === 'confirmed' ? { confirmed_at: new Date(createdAt) } : {};
    await db
      .updateTable('booking')
      .set({ status: next, ...confirmed, ...LOOP_COLUMNS })
      .where('id', '=', row.id)
      .execute();
  }
  return String(row.id);
}

const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);

/**
 * An attended booking's counter times: checked in at `arrival`, called `wait` minutes later, served
 * `walk` after, finished `service` after that — by an agent, or by the end-of-day job (`service` null:
 * its `close_day` event, finished late in the evening).
 */
async function visit(
  db: Db,
  bookingId: string,
  siteId: number,
  times: { arrival: string; wait: number; walk: number; service: number | null },
) {
  const checkedIn = new Date(times.arrival);
  const called = at(checkedIn, times.wait);
  const served = at(called, times.walk);
  const finished = times.service === null ? at(checkedIn, 15 * 60) : at(served, times.service);
  await db
    .updateTable('booking')
    .set({ checked_in_at: checkedIn, called_at: called, served_at: served, finished_at: finished })
    .where('id', '=', bookingId)
    .execute();
  if (times.service !== null) return;
  await db
    .insertInto('counter_event')
    .values({
      booking_id: bookingId,
      site_id: siteId,
      at: finished,
      agent_id: null,
      action: 'close_day',
      from_status: 'served',
      to_status: 'attended',
    })
    .execute();
}

async function request(
  db: Db,
  procedureId: number,
  siteIds: number[],
  createdAt: string,
  enteredBy: number | null,
): Promise<string> {
  const who = person();
  const row = await db
    .insertInto('request')
    .values({
      ...who,
      label: `STATS${String(counter).padStart(5, '0')}`.replace(/[ILOU]/g, 'X'),
      procedure_id: procedureId,
      site_ids: siteIds,
      entered_by: enteredBy,
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/** The booking of a request's win: the request moves to `won` and names it. */
async function requestBooking(
  db: Db,
  slotId: string,
  procedureId: number,
  requestId: string,
  status: BookingStatus,
  createdAt: string,
) {
  const bookingId = await booking(db, slotId, procedureId, status, createdAt, requestId);
  await db
    .updateTable('request')
    .set({ status: 'won', booking_id: bookingId })
    .where('id', '=', requestId)
    .execute();
}

/** The fixed data set, its agents made once its départements exist; `counterAgent` and `partnerAgent` entered the two requests that won seats. */
export async function createStatsFixture(
  db: Db,
  makeAgents: () => Promise<{ counterAgent: number; partnerAgent: number }>,
): Promise<StatsFixture> {
  for (const [code, name] of [
    ['74', 'Haute-Savoie'],
    ['73', 'Savoie'],
  ] as const) {
    await db
      .insertInto('department')
      .values({ code, name, timezone: 'Europe/Paris', holiday_region: 'metropole' })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const agents = await makeAgents();
  const procedure = await db
    .insertInto('procedure')
    .values({ code: 'stats-renouvellement', title: 'Renouvellement', duration_minutes: 20 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = procedure.id;
  const annecy = await site(db, '74', "Préfecture d'Annecy");
  const thonon = await site(db, '74', 'Sous-préfecture de Thonon');
  const chambery = await site(db, '73', 'Préfecture de Chambéry');
  // One offer per procedure and office; a request names offices with a draw offer.
  const annecyDraw = await offer(db, annecy, p, 'draw');
  const thononDraw = await offer(db, thonon, p, 'draw');
  const chamberyBooking = await offer(db, chambery, p, 'booking');

  const monday = await slot(db, annecyDraw, '2030-01-07T08:00:00Z', 4);
  const tuesday = await slot(db, annecyDraw, '2030-01-08T08:00:00Z', 6);
  const nextWeek = await slot(db, annecyDraw, '2030-01-14T08:00:00Z', 5);
  await slot(db, thononDraw, '2030-01-09T08:00:00Z', 2);
  const chamberySlot = await slot(db, chamberyBooking, '2030-01-07T08:00:00Z', 3);

  // Chambéry's first-come offer as the hourly samples saw it in W02 (Annecy and Thonon offer by draw:
  // none): the next free slot 5, 4 and 6 days ahead, then nothing — a median of 5 days, a quarter of
  // the hours without any slot.
  await db
    .insertInto('availability_sample')
    .values([
      { offer_id: chamberyBooking, sampled_at: '2030-01-07T09:00:00Z', next_free_at: '2030-01-12T09:00:00Z' },
      { offer_id: chamberyBooking, sampled_at: '2030-01-08T09:00:00Z', next_free_at: '2030-01-12T09:00:00Z' },
      { offer_id: chamberyBooking, sampled_at: '2030-01-09T09:00:00Z', next_free_at: '2030-01-15T09:00:00Z' },
      { offer_id: chamberyBooking, sampled_at: '2030-01-10T09:00:00Z', next_free_at: null },
    ])
    .execute();
  // Annecy W02: six bookings of seven (the expired one is no appointment).
  const seen = await booking(db, monday, p, 'attended', '2030-01-01T08:00:00Z');
  await visit(db, seen, annecy, { arrival: '2030-01-07T07:50:00Z', wait: 20, walk: 2, service: 18 });
  await booking(db, monday, p, 'no_show', '2029-12-31T08:00:00Z');
  await booking(db, monday, p, 'cancelled', '2030-01-02T08:00:00Z');
  await booking(db, tuesday, p, 'revoked', '2030-01-03T08:00:00Z');
  await booking(db, tuesday, p, 'expired', '2030-01-04T08:00:00Z');
  const atCounter = await request(db, p, [annecy], '2029-12-20T08:00:00Z', agents.counterAgent);
  await requestBooking(db, tuesday, p, atCounter, 'confirmed', '2030-01-06T08:00:00Z');
  const byPartner = await request(db, p, [annecy], '2029-12-20T09:00:00Z', agents.partnerAgent);
  await requestBooking(db, tuesday, p, byPartner, 'pending', '2030-01-05T08:00:00Z');
  // Annecy W03: one online booking.
  await booking(db, nextWeek, p, 'confirmed', '2030-01-04T08:00:00Z');
  // Chambéry W02: one attended.
  const closedByJob = await booking(db, chamberySlot, p, 'attended', '2030-01-02T08:00:00Z');
  await visit(db, closedByJob, chambery, {
    arrival: '2030-01-07T07:55:00Z',
    wait: 10,
    walk: 1,
    service: null,
  });
  // Annecy W01: four visits.
  const firstWeek = await slot(db, annecyDraw, '2030-01-02T08:00:00Z', 4);
  for (const [wait, walk, service] of [
    [4, 1, 10],
    [6, 3, 20],
    [8, 2, 40],
    [30, 2, 25],
  ] as const) {
    const id = await booking(db, firstWeek, p, 'attended', '2029-12-20T08:00:00Z');
    await visit(db, id, annecy, { arrival: '2030-01-02T07:45:00Z', wait, walk, service });
  }

  // Requests of W02: one waiting at Annecy and Thonon, one closed at Annecy without an appointment.
  await request(db, p, [annecy, thonon], '2030-01-08T10:00:00Z', null);
  const unserved = await request(db, p, [annecy], '2030-01-09T10:00:00Z', null);
  await db
    .updateTable('request')
    .set({ status: 'closed', closed_at: new Date('2030-01-10T10:00:00Z') })
    .where('id', '=', unserved)
    .execute();
  return { annecy, thonon, chambery, procedureId: p };
}
