import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../src/db/database.ts';
import { insertDraw } from '../../src/modules/draw/draws.repository.ts';
import type { TestApp } from './app.ts';
import { addSlot, type applicant, createFixture } from './fixtures.ts';
import { createDrawFixture, type DrawFixture, requestBody } from './requests.ts';

// What the tests of running draws share: the draw fixture's offers with slots in the week of Monday
// 14 January 2030, requests made through the public API, a draw over that week whose window closes
// on 20 December 2029 at 12:00 in Annecy, and a local beacon in drand's HTTP format.

export const WINDOW_CLOSES_AT = new Date('2029-12-20T11:00:00Z');

export interface DrawScenario {
  fixture: DrawFixture;
  /** The draw offers of Thonon and Bonneville. */
  offerIds: [number, number];
}

/** The draw offer of a site. */
async function drawOfferOf(db: Db, siteId: number): Promise<number> {
  const row = await db
    .selectFrom('offer')
    .select('id')
    .where('site_id', '=', siteId)
    .where('channel', '=', 'draw')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The draw fixture of requests.ts, once per database; the next ones (several draws in one test file)
 * get their own offices of the same names with a suffix.
 */
async function freshDrawFixture(db: Db): Promise<DrawFixture> {
  const taken = await db
    .selectFrom('site')
    .select('id')
    .where('name', '=', 'Sous-préfecture de Thonon-les-Bains')
    .executeTakeFirst();
  if (!taken) return createDrawFixture(db);
  const fixture = await createFixture(db, { slots: 2, capacity: 5 });
  const suffix = Math.random().toString(36).slice(2, 8);
  const site = async (departmentCode: string, name: string) => {
    const row = await db
      .insertInto('site')
      .values({
        department_code: departmentCode,
        name: `${name} ${suffix}`,
        kind: 'sous_prefecture',
        address: name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('offer')
      .values({ procedure_id: fixture.procedureId, site_id: row.id, channel: 'draw' })
      .execute();
    return row.id;
  };
  const procedure = await db
    .selectFrom('procedure')
    .select('code')
    .where('id', '=', fixture.procedureId)
    .executeTakeFirstOrThrow();
  return {
    ...fixture,
    procedureCode: procedure.code,
    drawSiteIds: [
      await site('74', 'Sous-préfecture de Thonon-les-Bains'),
      await site('74', 'Sous-préfecture de Bonneville'),
    ],
    otherDepartmentSiteId: await site('73', 'Sous-préfecture d’Albertville'),
  };
}

/**
 * The draw fixture with draw slots: at Thonon Monday 14 at 09:00 (2 seats) and Tuesday 15 at 14:00
 * (1 seat), at Bonneville Monday 14 at 10:00 (1 seat); and at Thonon Monday 21, out of the period.
 */
export async function createDrawScenario(db: Db): Promise<DrawScenario> {
  const fixture = await freshDrawFixture(db);
  const offerIds: [number, number] = [
    await drawOfferOf(db, fixture.drawSiteIds[0]),
    await drawOfferOf(db, fixture.drawSiteIds[1]),
  ];
  await addSlot(db, offerIds[0], '2030-01-14T08:00:00Z', 2);
  await addSlot(db, offerIds[0], '2030-01-15T13:00:00Z', 1);
  await addSlot(db, offerIds[1], '2030-01-14T09:00:00Z', 1);
  await addSlot(db, offerIds[0], '2030-01-21T08:00:00Z', 4);
  return { fixture, offerIds };
}

/** A one-off draw over the week of 14 January 2030 at both offices, window closing at WINDOW_CLOSES_AT. */
export async function createWeekDraw(
  db: Db,
  scenario: DrawScenario,
  options: { beaconRound?: number; closesAt?: Date } = {},
): Promise<number> {
  const created = await insertDraw(db, {
    procedureId: scenario.fixture.procedureId,
    departmentCode: '74',
    kind: 'main',
    origin: 'one_off',
    offerIds: scenario.offerIds,
    siteIds: [...scenario.fixture.drawSiteIds],
    windowOpensAt: new Date('2029-12-10T08:00:00Z'),
    windowClosesAt: options.closesAt ?? WINDOW_CLOSES_AT,
    slotsFrom: '2030-01-14',
    slotsTo: '2030-01-18',
    beaconRound: options.beaconRound ?? null,
    createdBy: null,
  });
  assert.ok(created);
  return created.id;
}

/** Submits a request through the public API; answers its id, label and applicant. */
export async function submit(
  t: TestApp,
  fixture: DrawFixture,
  n: number,
  overrides: Record<string, unknown> = {},
) {
  const body = requestBody(fixture, n, overrides);
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/requests', payload: body });
  assert.equal(response.statusCode, 201, response.body);
  const { label } = response.json() as { label: string };
  const row = await t.database.db
    .selectFrom('request')
    .select('id')
    .where('label', '=', label)
    .executeTakeFirstOrThrow();
  return { id: row.id, label, applicant: body.applicant as ReturnType<typeof applicant> };
}

/** A beacon in drand's HTTP format on 127.0.0.1, publishing the rounds the test releases. */
export interface LocalBeacon {
  url: string;
  publish(round: number, randomness: string): void;
  /** Answers 500 to every request while false. */
  setUp(up: boolean): void;
  close(): Promise<void>;
}

export async function startLocalBeacon(): Promise<LocalBeacon> {
  const rounds = new Map<number, string>();
  let up = true;
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (!up) return send(500, { error: 'down' });
    if (request.url === '/info') return send(200, { period: 30, genesis_time: 1_900_000_000 });
    const round = /^\/public\/(\d+)$/.exec(request.url ?? '')?.[1];
    const randomness = round ? rounds.get(Number(round)) : undefined;
    if (!round || !randomness) return send(404, { error: 'not yet' });
    return send(200, { round: Number(round), randomness, signature: '00' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    publish: (round, randomness) => rounds.set(round, randomness),
    setUp: (value) => {
      up = value;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
