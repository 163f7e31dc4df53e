import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RoleName } from '../src/db/schema.ts';
import { bearer, createAgent, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture } from './helpers/fixtures.ts';

// Issue 8: every role × every action × a target in scope and one out of scope, through the admin API
// and the back office's pages. Each role is granted on département 74; the other target is in 84.
// Who may do what is written here by hand, from PRODUCT §4.4, not read from the code's role table.

const ROLES: readonly RoleName[] = ['administrator', 'site_manager', 'agent', 'viewer', 'partner'];

/** Which roles hold each permission the actions below need (PRODUCT §4.4, decision 0020). */
const HOLDERS: Record<string, readonly RoleName[]> = {
  'site.configure': ['administrator', 'site_manager'],
  'agent.manage': ['administrator'],
  'draw.manage': ['administrator', 'site_manager'],
  'agenda.read': ['administrator', 'site_manager', 'agent', 'viewer'],
  'permit.manage': ['administrator', 'site_manager', 'agent'],
  'stats.read': ['administrator', 'site_manager', 'viewer'],
  'booking.revoke': ['administrator', 'site_manager'],
  'fraud.review': ['administrator'],
  'booking.check_in': ['administrator', 'site_manager', 'agent'],
  'booking.correct_identity': ['administrator', 'site_manager'],
};

interface Place {
  departmentCode: string;
  siteId: number;
  offerId: number;
  /** An offer of the place by draw, for its calendar. */
  drawOfferId: number;
  agentId: number;
  /** A confirmed booking of the place, for its revocation. */
  bookingReference: string;
  /** A waiting request of the place's draw offer, for its closure. */
  requestLabel: string;
}

interface Action {
  name: string;
  permission: keyof typeof HOLDERS;
  request: (place: Place, role: RoleName) => Request | Promise<Request>;
}

interface Request {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  body?: unknown;
}

let t: TestApp;
let inScope: Place;
let outOfScope: Place;
let otherProcedureId: number;
const tokens = new Map<RoleName, string>();
const cookies = new Map<RoleName, string>();

async function siteBody(siteId: number) {
  const site = t.database.db.selectFrom('site').selectAll().where('id', '=', siteId);
  const row = await site.executeTakeFirstOrThrow();
  return { name: row.name, kind: row.kind, address: row.address, counters: ['Guichet 1', 'Guichet 2'] };
}

const API: readonly Action[] = [
  {
    name: 'read a site',
    permission: 'site.configure',
    request: (p) => ({ method: 'GET', url: `/api/v1/admin/sites/${p.siteId}` }),
  },
  {
    name: 'update a site (site id in the URL)',
    permission: 'site.configure',
    request: async (p) => ({
      method: 'PUT',
      url: `/api/v1/admin/sites/${p.siteId}`,
      body: await siteBody(p.siteId),
    }),
  },
  {
    name: 'read an offer',
    permission: 'site.configure',
    request: (p) => ({ method: 'GET', url: `/api/v1/admin/offers/${p.offerId}` }),
  },
  {
    name: 'read opening rules',
    permission: 'site.configure',
    request: (p) => ({ method: 'GET', url: `/api/v1/admin/offers/${p.offerId}/opening-rules` }),
  },
  {
    name: 'read closures',
    permission: 'site.configure',
    request: (p) => ({ method: 'GET', url: `/api/v1/admin/sites/${p.siteId}/closures` }),
  },
  {
    name: 'read a publication policy',
    permission: 'site.configure',
    request: (p) => ({ method: 'GET', url: `/api/v1/admin/offers/${p.offerId}/publication` }),
  },
  {
    name: 'add a closure (site id in the URL)',
    permission: 'site.configure',
    request: (p, role) => ({
      method: 'POST',
      url: `/api/v1/admin/sites/${p.siteId}/closures`,
      body: { day: `2031-03-${String(3 + ROLES.indexOf(role)).padStart(2, '0')}`, reason: 'Formation' },
    }),
  },
  {
    name: 'set the holiday region (département code in the URL)',
    permission: 'site.configure',
    request: (p) => ({
      method: 'PUT',
      url: `/api/v1/admin/departments/${p.departmentCode}`,
      body: { holidayRegion: 'metropole' },
    }),
  },
  {
    name: 'create an offer (site id in the JSON body)',
    permission: 'site.configure',
    request: (p) => ({
      method: 'POST',
      url: '/api/v1/admin/offers',
      body: {
        procedureId: otherProcedureId,
        siteId: p.siteId,
        channel: 'walk_in',
        instructions: 'Sans rendez-vous, le matin.',
      },
    }),
  },
  {
    // The matrix's offers are booked first come: in scope the answer is the 422 of offerId, past the guard.
    name: 'create a one-off draw (offer id in the JSON body)',
    permission: 'draw.manage',
    request: (p) => ({
      method: 'POST',
      url: '/api/v1/admin/draws',
      body: {
        offerId: p.offerId,
        windowOpensAt: '2029-12-20T09:00:00+01:00',
        windowClosesAt: '2030-01-05T12:00:00+01:00',
        slotsFrom: '2030-01-07',
        slotsTo: '2030-01-20',
      },
    }),
  },
  {
    name: 'read a draw calendar',
    permission: 'draw.manage',
    request: (p) => ({ method: 'GET', url: `/api/v1/admin/offers/${p.drawOfferId}/draw-calendar` }),
  },
  {
    name: 'set a draw calendar',
    permission: 'draw.manage',
    request: (p) => ({
      method: 'PUT',
      url: `/api/v1/admin/offers/${p.drawOfferId}/draw-calendar`,
      body: {
        firstOpensOn: '2031-03-03',
        opensAt: '09:00',
        windowDays: 2,
        closesAt: '12:00',
        periodDays: 7,
        leadDays: 5,
      },
    }),
  },
  {
    name: 'read a site’s agenda',
    permission: 'agenda.read',
    request: (p) => ({ method: 'GET', url: `/api/v1/admin/sites/${p.siteId}/agenda?date=2030-01-07` }),
  },
  {
    name: 'mark a permit ready (site id in the URL)',
    permission: 'permit.manage',
    request: (p, role) => ({
      method: 'POST',
      url: `/api/v1/admin/sites/${p.siteId}/permits`,
      body: {
        permits: [
          { foreignerNumber: `${p.departmentCode}0000000${ROLES.indexOf(role)}`, phone: '06 12 34 56 78' },
        ],
      },
    }),
  },
  {
    // Allowed: answered 409 (the booking is not confirmed, or revoked by a cell below), never 403/404.
    name: 'check a person in (reference in the JSON body)',
    permission: 'booking.check_in',
    request: (p) => ({
      method: 'POST',
      url: '/api/v1/admin/check-in',
      body: { reference: p.bookingReference },
    }),
  },
  {
    // Allowed: answered 409 wrong_status (the booking is not waiting), never 403/404.
    name: 'call a person to a counter (reference in the URL)',
    permission: 'booking.check_in',
    request: (p) => ({
      method: 'POST',
      url: `/api/v1/admin/bookings/${p.bookingReference}/call`,
      body: { counter: 'Guichet 1' },
    }),
  },
  {
    // Allowed: answered 409 nothing_to_undo.
    name: 'undo a counter step (reference in the URL)',
    permission: 'booking.check_in',
    request: (p) => ({ method: 'POST', url: `/api/v1/admin/bookings/${p.bookingReference}/undo` }),
  },
  {
    // Allowed: answered 409 not_yet (the appointment is in 2031) or wrong_status.
    name: 'mark a person no-show (reference in the URL)',
    permission: 'booking.check_in',
    request: (p) => ({ method: 'POST', url: `/api/v1/admin/bookings/${p.bookingReference}/no-show` }),
  },
  {
    // Allowed: corrected (one spelling per role), or 409 once the booking is revoked below.
    name: 'correct a booking’s identity (reference in the URL)',
    permission: 'booking.correct_identity',
    request: (p, role) => ({
      method: 'POST',
      url: `/api/v1/admin/bookings/${p.bookingReference}/identity`,
      body: { lastName: `Matrice${'abcde'[ROLES.indexOf(role)]}`, reason: 'Nom mal orthographié' },
    }),
  },
  {
    // Allowed: revoked once, then answered the same (nothing more revoked).
    name: 'revoke a booking (reference in the URL)',
    permission: 'booking.revoke',
    request: (p) => ({
      method: 'POST',
      url: `/api/v1/admin/bookings/${p.bookingReference}/revoke`,
      body: { reason: 'Fermeture exceptionnelle' },
    }),
  },
  {
    name: 'revoke a site’s day (site id in the URL)',
    permission: 'booking.revoke',
    request: (p) => ({
      method: 'POST',
      url: `/api/v1/admin/sites/${p.siteId}/revocations`,
      body: { from: '2031-03-03', to: '2031-03-03', reason: 'Grève' },
    }),
  },
  {
    name: 'review suspicious bookings (département code in the query)',
    permission: 'fraud.review',
    request: (p) => ({
      method: 'GET',
      url: `/api/v1/admin/suspicious-bookings?department=${p.departmentCode}`,
    }),
  },
  {
    name: 'revoke selected bookings (references in the JSON body)',
    permission: 'booking.revoke',
    request: (p) => ({
      method: 'POST',
      url: '/api/v1/admin/bookings/revocations',
      body: { references: [p.bookingReference], reason: 'Réservations multiples' },
    }),
  },
  {
    // Allowed: closed once, then answered the same (nothing more closed).
    name: 'close selected requests (labels in the JSON body)',
    permission: 'booking.revoke',
    request: (p) => ({
      method: 'POST',
      url: '/api/v1/admin/bookings/revocations',
      body: { labels: [p.requestLabel], reason: 'Demandes multiples' },
    }),
  },
  {
    name: 'read an agent',
    permission: 'agent.manage',
    request: (p) => ({ method: 'GET', url: `/api/v1/admin/agents/${p.agentId}` }),
  },
  {
    name: 'read a site’s statistics',
    permission: 'stats.read',
    request: (p) => ({ method: 'GET', url: `/api/v1/admin/stats?site=${p.siteId}` }),
  },
];

const PAGES: readonly Action[] = [
  {
    name: 'the site page',
    permission: 'site.configure',
    request: (p) => ({ method: 'GET', url: `/agents/services/${p.siteId}` }),
  },
  {
    name: 'the offer page',
    permission: 'site.configure',
    request: (p) => ({ method: 'GET', url: `/agents/services/${p.siteId}/offres/${p.offerId}` }),
  },
  {
    name: 'the hours page',
    permission: 'site.configure',
    request: (p) => ({ method: 'GET', url: `/agents/services/${p.siteId}/offres/${p.offerId}/horaires` }),
  },
  {
    name: 'the closures page',
    permission: 'site.configure',
    request: (p) => ({ method: 'GET', url: `/agents/services/${p.siteId}/fermetures` }),
  },
  {
    name: 'the draw calendar page',
    permission: 'draw.manage',
    request: (p) => ({ method: 'GET', url: `/agents/services/${p.siteId}/offres/${p.drawOfferId}/tirages` }),
  },
  {
    name: 'the agenda page',
    permission: 'agenda.read',
    request: (p) => ({ method: 'GET', url: `/agents/agenda?site=${p.siteId}&date=2030-01-07` }),
  },
  {
    name: 'the agenda’s JSON twin',
    permission: 'agenda.read',
    request: (p) => ({ method: 'GET', url: `/agents/agenda/donnees?site=${p.siteId}&date=2030-01-07` }),
  },
  {
    name: 'the office’s permits waiting',
    permission: 'permit.manage',
    request: (p) => ({ method: 'GET', url: `/agents/retraits?service=${p.siteId}` }),
  },
  {
    name: 'the revocations page for a site',
    permission: 'booking.revoke',
    request: (p) => ({ method: 'GET', url: `/agents/annulations?service=${p.siteId}` }),
  },
  {
    name: 'the suspicious bookings page',
    permission: 'fraud.review',
    request: (p) => ({ method: 'GET', url: `/agents/signalements?departement=${p.departmentCode}` }),
  },
  {
    name: 'an agent’s page',
    permission: 'agent.manage',
    request: (p) => ({ method: 'GET', url: `/agents/comptes/${p.agentId}` }),
  },
  {
    name: 'a site’s statistics page',
    permission: 'stats.read',
    request: (p) => ({ method: 'GET', url: `/agents/statistiques?site=${p.siteId}` }),
  },
  {
    name: 'a site’s statistics as CSV',
    permission: 'stats.read',
    request: (p) => ({ method: 'GET', url: `/agents/statistiques.csv?site=${p.siteId}` }),
  },
];

/** A confirmed booking in a new slot of the offer, for the revocation cells. */
async function bookingIn(offerId: number, procedureId: number, departmentCode: string): Promise<string> {
  const db = t.database.db;
  const slot = await db
    .insertInto('slot')
    .values({
      offer_id: offerId,
      starts_at: new Date('2031-03-03T09:00:00Z'),
      ends_at: new Date('2031-03-03T09:20:00Z'),
      capacity: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reference = `${departmentCode}-MTRX-0001`;
  await db
    .insertInto('booking')
    .values({
      reference,
      slot_id: slot.id,
      procedure_id: procedureId,
      identity_key: `F:${departmentCode}00000001`,
      email_key: `matrice.${departmentCode}@example.org`,
      last_name: 'Matrice',
      first_name: 'Amina',
      birth_date: '1990-04-12',
      email: `matrice.${departmentCode}@example.org`,
      hold_expires_at: new Date('2031-03-01T00:00:00Z'),
    })
    .execute();
  return reference;
}

async function placeIn(departmentCode: string, name: string): Promise<Place> {
  const db = t.database.db;
  const site = await db
    .insertInto('site')
    .values({
      department_code: departmentCode,
      name,
      kind: 'prefecture',
      address: '1 place de la Préfecture',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const procedure = await db.selectFrom('procedure').select('id').orderBy('id').executeTakeFirstOrThrow();
  const offer = await db
    .insertInto('offer')
    .values({ procedure_id: procedure.id, site_id: site.id, channel: 'booking' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const drawProcedure = await db
    .insertInto('procedure')
    .values({
      code: `tirage-matrice-${departmentCode}`,
      title: 'Renouvellement par tirage',
      duration_minutes: 20,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const drawOffer = await db
    .insertInto('offer')
    .values({ procedure_id: drawProcedure.id, site_id: site.id, channel: 'draw' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const agent = await createAgent(db, t.config, {
    grants: [{ role: 'agent', scope: { kind: 'site', siteId: site.id, departmentCode } }],
  });
  const bookingReference = await bookingIn(offer.id, procedure.id, departmentCode);
  const requestLabel = `${departmentCode}MATR1CE0`;
  await db
    .insertInto('request')
    .values({
      label: requestLabel,
      procedure_id: drawProcedure.id,
      identity_key: `F:${departmentCode}00000002`,
      email_key: `demande.${departmentCode}@example.org`,
      last_name: 'Matrice',
      first_name: 'Awa',
      birth_date: '1991-05-13',
      email: `demande.${departmentCode}@example.org`,
      site_ids: [site.id],
    })
    .execute();
  return {
    departmentCode,
    siteId: site.id,
    offerId: offer.id,
    drawOfferId: drawOffer.id,
    agentId: agent.id,
    bookingReference,
    requestLabel,
  };
}

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await createFixture(db, { slots: 0 });
  await db
    .insertInto('department')
    .values({ code: '84', name: 'Vaucluse', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .execute();
  inScope = await placeIn('74', 'Sous-préfecture de Thonon-les-Bains');
  outOfScope = await placeIn('84', 'Préfecture de Vaucluse');
  const procedure = await db
    .insertInto('procedure')
    .values({ code: 'retrait-titre-matrice', title: 'Retrait de titre de séjour', duration_minutes: 10 })
    .returning('id')
    .executeTakeFirstOrThrow();
  otherProcedureId = procedure.id;
  for (const role of ROLES) {
    const agent = await createAgent(db, t.config, {
      grants: [{ role, scope: { kind: 'department', departmentCode: '74' } }],
    });
    tokens.set(role, await bearer(db, agent.id, t.clock.now()));
    cookies.set(role, await signedInCookie(db, t.config, agent.id, t.clock.now()));
  }
});
after(() => t.close());

const REFUSED = new Set([403, 404]);

function expectation(action: Action, role: RoleName, place: 'in' | 'out'): 'allowed' | 'refused' {
  return HOLDERS[action.permission]?.includes(role) && place === 'in' ? 'allowed' : 'refused';
}

async function outcome(status: number): Promise<'allowed' | 'refused'> {
  assert.ok(status < 500, `answered ${status}`);
  assert.notEqual(status, 401);
  return REFUSED.has(status) ? 'refused' : 'allowed';
}

describe('authorization matrix', () => {
  test('the admin API: 5 roles × every action × in scope and out of scope', async () => {
    const cells: string[] = [];
    for (const action of API) {
      for (const role of ROLES) {
        for (const [where, place] of [
          ['in', inScope],
          ['out', outOfScope],
        ] as const) {
          const request = await action.request(place, role);
          const response = await t.app.inject({
            method: request.method,
            url: request.url,
            headers: { authorization: tokens.get(role) ?? '' },
            ...(request.body === undefined ? {} : { payload: request.body as object }),
          });
          const got = await outcome(response.statusCode);
          const want = expectation(action, role, where);
          if (got !== want)
            cells.push(
              `${action.name} as ${role} ${where} scope: ${response.statusCode} ${response.body.slice(0, 120)}`,
            );
        }
      }
    }
    assert.deepEqual(cells, []);
  });

  test('the back office’s pages: 5 roles × every page × in scope and out of scope', async () => {
    const cells: string[] = [];
    for (const action of PAGES) {
      for (const role of ROLES) {
        for (const [where, place] of [
          ['in', inScope],
          ['out', outOfScope],
        ] as const) {
          const request = await action.request(place, role);
          const response = await t.app.inject({
            method: request.method,
            url: request.url,
            headers: { accept: 'text/html', cookie: cookies.get(role) ?? '' },
          });
          assert.notEqual(response.statusCode, 303, `${request.url}: the session was refused`);
          const got = await outcome(response.statusCode);
          const want = expectation(action, role, where);
          if (got !== want) cells.push(`${action.name} as ${role} ${where} scope: ${response.statusCode}`);
        }
      }
    }
    assert.deepEqual(cells, []);
  });

  test('nothing out of scope was changed by the refused writes', async () => {
    const db = t.database.db;
    const closures = await db
      .selectFrom('closure')
      .select('day')
      .where('site_id', '=', outOfScope.siteId)
      .execute();
    assert.deepEqual(closures, []);
    const offers = await db
      .selectFrom('offer')
      .select('id')
      .where('site_id', '=', outOfScope.siteId)
      .orderBy('id')
      .execute();
    assert.deepEqual(offers, [{ id: outOfScope.offerId }, { id: outOfScope.drawOfferId }]);
    const site = await db
      .selectFrom('site')
      .select('counters')
      .where('id', '=', outOfScope.siteId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(site.counters, ['Guichet 1']);
    const refusedAudit = await db
      .selectFrom('audit_entry')
      .select('action')
      .where('department_code', '=', '84')
      .execute();
    assert.deepEqual(refusedAudit, []);
    const outOfScopeBooking = await db
      .selectFrom('booking')
      .select(['status', 'last_name'])
      .where('reference', '=', outOfScope.bookingReference)
      .executeTakeFirstOrThrow();
    assert.equal(outOfScopeBooking.status, 'pending');
    assert.equal(outOfScopeBooking.last_name, 'Matrice');
    const outOfScopeRequest = await db
      .selectFrom('request')
      .select('status')
      .where('label', '=', outOfScope.requestLabel)
      .executeTakeFirstOrThrow();
    assert.equal(outOfScopeRequest.status, 'waiting');
    const draws = await db.selectFrom('draw').select('id').execute();
    assert.deepEqual(draws, []);
    const permits = await db
      .selectFrom('permit')
      .select('id')
      .where('site_id', '=', outOfScope.siteId)
      .execute();
    assert.deepEqual(permits, []);
    const calendars = await db
      .selectFrom('draw_calendar')
      .select('offer_id')
      .where('offer_id', '=', outOfScope.drawOfferId)
      .execute();
    assert.deepEqual(calendars, []);
  });
});
