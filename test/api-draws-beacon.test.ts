import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { bearer, createAgent, scope } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createDrawFixture, type DrawFixture } from './helpers/requests.ts';

// A one-off draw with a public beacon (DRAW_BEACON_URL, drand's HTTP format): the round pinned at its
// creation is published after its window closes, so that nobody knows the draw's key while requests
// can still be made (PRODUCT §5.1 "Public beacon"). A local beacon serves the chain's /info.

const PERIOD = 30;
const GENESIS = Date.parse('2029-01-01T00:00:00Z') / 1000;
const CLOSES = '2030-01-05T12:00:00+01:00';
/** The first round published strictly after the window closes: genesis + (r − 1) × period > close. */
const FIRST_AFTER = Math.floor((Date.parse(CLOSES) / 1000 - GENESIS) / PERIOD) + 2;

let beacon: Server;
let beaconUp = true;
let t: TestApp;
let fixture: DrawFixture;
let manager: string;
let offerId: number;

before(async () => {
  beacon = createServer((request, response) => {
    if (!beaconUp || request.url !== '/info') {
      response.writeHead(beaconUp ? 404 : 500).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ period: PERIOD, genesis_time: GENESIS, hash: 'ab'.repeat(32) }));
  });
  await new Promise<void>((resolve) => beacon.listen(0, '127.0.0.1', resolve));
  const { port } = beacon.address() as AddressInfo;
  t = await createTestApp({ env: { DRAW_BEACON_URL: `http://127.0.0.1:${port}` } });
  fixture = await createDrawFixture(t.database.db);
  const offer = await t.database.db
    .selectFrom('offer')
    .select('id')
    .where('site_id', '=', fixture.drawSiteIds[0])
    .executeTakeFirstOrThrow();
  offerId = offer.id;
  const agent = await createAgent(t.database.db, t.config, {
    grants: [{ role: 'administrator', scope: scope('74') }],
  });
  manager = await bearer(t.database.db, agent.id, t.clock.now());
});
after(async () => {
  await t.close();
  await new Promise((resolve) => beacon.close(resolve));
});

function create(extra: Record<string, unknown> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/draws',
    headers: { authorization: manager },
    payload: {
      offerId,
      windowOpensAt: '2029-12-20T09:00:00+01:00',
      windowClosesAt: CLOSES,
      slotsFrom: '2030-01-07',
      slotsTo: '2030-01-20',
      ...extra,
    },
  });
}

async function roundOf(id: number): Promise<string | null> {
  const row = await t.database.db
    .selectFrom('draw')
    .select('beacon_round')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.beacon_round;
}

async function drawCount(): Promise<number> {
  return (await t.database.db.selectFrom('draw').select('id').execute()).length;
}

describe('one-off draws with a public beacon', () => {
  test('without a round given, the first round published after the window closes is pinned', async () => {
    const response = await create();
    assert.equal(response.statusCode, 201, response.body);
    const { id } = response.json() as { id: number };
    assert.equal(await roundOf(id), String(FIRST_AFTER));
    const detail = (await t.app.inject({ url: `/api/v1/draws/${id}` })).json();
    assert.equal(detail.beaconRound, FIRST_AFTER);
  });

  test('a later round is kept; a round published before the close is refused, naming beaconRound', async () => {
    const later = await create({ beaconRound: FIRST_AFTER + 10 });
    assert.equal(later.statusCode, 201, later.body);
    assert.equal(await roundOf(later.json().id), String(FIRST_AFTER + 10));
    const count = await drawCount();
    const early = await create({ beaconRound: FIRST_AFTER - 1 });
    assert.equal(early.statusCode, 422, early.body);
    const [field] = early.json().error.fields;
    assert.deepEqual(
      [field.field, field.code, field.params],
      ['beaconRound', 'before_closing', { minimum: FIRST_AFTER }],
    );
    assert.equal(await drawCount(), count);
  });

  test('a beacon that does not answer: 503, nothing stored', async () => {
    // The chain's /info is read once per process: a fresh app asks the beacon again.
    const count = await drawCount();
    beaconUp = false;
    const { port } = beacon.address() as AddressInfo;
    const other = await createTestApp({ env: { DRAW_BEACON_URL: `http://127.0.0.1:${port}` } });
    try {
      const otherFixture = await createDrawFixture(other.database.db);
      const offer = await other.database.db
        .selectFrom('offer')
        .select('id')
        .where('site_id', '=', otherFixture.drawSiteIds[0])
        .executeTakeFirstOrThrow();
      const agent = await createAgent(other.database.db, other.config, {
        grants: [{ role: 'administrator', scope: scope('74') }],
      });
      const response = await other.app.inject({
        method: 'POST',
        url: '/api/v1/admin/draws',
        headers: { authorization: await bearer(other.database.db, agent.id, other.clock.now()) },
        payload: {
          offerId: offer.id,
          windowOpensAt: '2029-12-20T09:00:00+01:00',
          windowClosesAt: CLOSES,
          slotsFrom: '2030-01-07',
          slotsTo: '2030-01-20',
        },
      });
      assert.equal(response.statusCode, 503, response.body);
      assert.equal(response.json().error.code, 'beacon_unavailable');
      assert.equal((await other.database.db.selectFrom('draw').select('id').execute()).length, 0);
    } finally {
      beaconUp = true;
      await other.close();
    }
    assert.equal(await drawCount(), count);
  });
});
