import assert from 'node:assert/strict';
import type { Response } from 'light-my-request';
import type { Db } from '../../src/db/database.ts';
import type { Scope } from '../../src/modules/agents/permissions.ts';
import { localDate, localTime } from '../../src/modules/schedule/timezone.ts';
import { bearer, createAgent } from './agents.ts';
import { createTestApp, type TestApp } from './app.ts';
import { applicant, createFixture, type Fixture } from './fixtures.ts';
import { tokensOf } from './invariants.ts';

// What the schedule's configuration tests share: an office in another département, bookings made
// through the public API, the slots and audit entries as the database holds them.

/** An offer of a procedure at a site of Savoie (73): another département than the fixture's 74. */
export async function otherOffice(db: Db): Promise<{ siteId: number; offerId: number; procedureId: number }> {
  await db
    .insertInto('department')
    .values({ code: '73', name: 'Savoie', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const site = await db
    .insertInto('site')
    .values({
      department_code: '73',
      name: `Préfecture de Chambéry ${Math.random().toString(36).slice(2, 8)}`,
      kind: 'prefecture',
      address: 'Château des ducs de Savoie, 73000 Chambéry',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const procedure = await db
    .insertInto('procedure')
    .values({
      code: `titre-${Math.random().toString(36).slice(2, 8)}`,
      title: 'Titre de séjour',
      duration_minutes: 20,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offer = await db
    .insertInto('offer')
    .values({ procedure_id: procedure.id, site_id: site.id, channel: 'booking' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { siteId: site.id, offerId: offer.id, procedureId: procedure.id };
}

/** Books a slot through the public API; answers the reference and the applicant's names. */
export async function book(t: TestApp, slotId: string | number, n?: number) {
  const who = applicant(n);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId: Number(slotId), acceptConditions: true, applicant: who },
  });
  assert.equal(response.statusCode, 201, response.body);
  return { reference: (response.json() as { reference: string }).reference, ...who };
}

/** Books a slot through the public API and confirms it with its token: the booking's id, reference and applicant. */
export async function confirmedBooking(t: TestApp, slotId: number, who = applicant()) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId, acceptConditions: true, applicant: who },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { id, reference } = created.json() as { id: number; reference: string };
  const tokens = await tokensOf(t.database.db, String(id), t.config.secretKey);
  const done = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings/confirm',
    payload: { token: tokens.confirm },
  });
  assert.equal(done.statusCode, 200, done.body);
  return { id: String(id), reference, who };
}

/** An offer's slots as 'YYYY-MM-DD HH:MM capacity/taken' in Paris time, earliest first. */
export async function slotsOf(db: Db, offerId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('slot')
    .select(['starts_at', 'capacity', 'taken'])
    .where('offer_id', '=', offerId)
    .orderBy('starts_at')
    .execute();
  return rows.map(
    (row) =>
      `${localDate(row.starts_at, 'Europe/Paris')} ${localTime(row.starts_at, 'Europe/Paris')} ${row.capacity}/${row.taken}`,
  );
}

/** The id of an offer's slot starting at a Paris wall time ('2030-01-08 09:20'). */
export async function slotAt(db: Db, offerId: number, paris: string): Promise<string> {
  const rows = await db
    .selectFrom('slot')
    .select(['id', 'starts_at'])
    .where('offer_id', '=', offerId)
    .execute();
  const found = rows.find(
    (row) =>
      `${localDate(row.starts_at, 'Europe/Paris')} ${localTime(row.starts_at, 'Europe/Paris')}` === paris,
  );
  assert.ok(found, `a slot at ${paris}`);
  return found.id;
}

/** The audit entries of an action, oldest first. */
export function auditOf(db: Db, action: string) {
  return db
    .selectFrom('audit_entry')
    .select(['agent_id', 'target_type', 'target_id', 'department_code', 'site_id', 'before', 'after'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

/** How many audit entries there are. */
export async function auditCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The start times the public availability API lists for an offer, 'YYYY-MM-DDTHH:MM' local. */
export async function publicStarts(
  t: TestApp,
  procedureId: number,
  siteId: number,
  to?: string,
): Promise<string[]> {
  t.clock.advance(1_001); // past the availability API's one-second cache
  const query = `procedure=${procedureId}&site=${siteId}${to ? `&to=${to}` : ''}`;
  const response = await t.app.inject({ url: `/api/v1/availability?${query}` });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { slots: { start: string }[] }).slots.map((slot) => slot.start.slice(0, 16));
}

/** Monday to Friday, 09:00–10:00, two counters: three slots a day for a 20-minute procedure. */
export const WEEKDAYS_9_TO_10 = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  startsAt: '09:00',
  endsAt: '10:00',
  capacity: 2,
}));

/** The admin API's tests of the schedule: an app on Monday 7 January 2030, 10:00 in Annecy, and agents' tokens. */
export interface ScheduleAdmin {
  t: TestApp;
  /** site_manager of the département 74, national, and of the first fixture's site only. */
  manager: string;
  national: string;
  siteManager: string;
  first: Fixture;
  /** An office of the département 73. */
  other: { siteId: number; offerId: number; procedureId: number };
  call(
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    token: string,
    payload?: object,
  ): Promise<Response>;
}

export async function startScheduleAdmin(): Promise<ScheduleAdmin> {
  const t = await createTestApp({ now: '2030-01-07T09:00:00Z' });
  const db = t.database.db;
  const other = await otherOffice(db);
  const first = await createFixture(db, { slots: 0 });
  const token = async (scope: Scope) =>
    bearer(
      db,
      (await createAgent(db, t.config, { grants: [{ role: 'site_manager', scope }] })).id,
      t.clock.now(),
    );
  return {
    t,
    other,
    first,
    manager: await token({ kind: 'department', departmentCode: '74' }),
    national: await token({ kind: 'national' }),
    siteManager: await token({ kind: 'site', siteId: first.siteId, departmentCode: '74' }),
    call: (method, url, authorization, payload) =>
      t.app.inject({
        method,
        url: `/api/v1/admin${url}`,
        headers: { authorization },
        ...(payload ? { payload } : {}),
      }),
  };
}

/** A new fixture offer published over `days` days, with no rule yet. */
export async function freshOffer(t: TestApp, days = 7): Promise<Fixture> {
  const fixture = await createFixture(t.database.db, { slots: 0 });
  await t.database.db
    .updateTable('offer')
    .set({ publication_days: days })
    .where('id', '=', fixture.offerId)
    .execute();
  return fixture;
}
