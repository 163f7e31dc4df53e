import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { allocate, DRAW_VERSION } from '../src/modules/draw/allocation.ts';
import { formatInZone } from '../src/modules/schedule/timezone.ts';
import { bearer, createAgent, scope } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createDrawFixture, type DrawFixture } from './helpers/requests.ts';

// One-off draws (POST /api/v1/admin/draws, PRODUCT §7.1) and the public draws (§7 "Draws", §5.1):
// list, detail, the seed only once drawn, the bundle recomputed by `npm run draw:verify` over HTTP.

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

let t: TestApp;
let fixture: DrawFixture;
let manager: string;
let thononOffer: number;
let albertvilleOffer: number;
let slotIds: number[];

// The test clock says 2029-12-20T10:00:00Z.
const body = (overrides: Record<string, unknown> = {}) => ({
  offerId: thononOffer,
  windowOpensAt: '2029-12-20T09:00:00+01:00',
  windowClosesAt: '2030-01-05T12:00:00+01:00',
  slotsFrom: '2030-01-07',
  slotsTo: '2030-01-20',
  ...overrides,
});

async function offerAt(siteId: number): Promise<number> {
  const row = await t.database.db
    .selectFrom('offer')
    .select('id')
    .where('site_id', '=', siteId)
    .where('channel', '=', 'draw')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function slots(offerId: number, starts: string[], capacity: number): Promise<number[]> {
  const rows = await t.database.db
    .insertInto('slot')
    .values(
      starts.map((start) => ({
        offer_id: offerId,
        starts_at: new Date(start),
        ends_at: new Date(new Date(start).getTime() + 20 * 60_000),
        capacity,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

function create(payload: unknown, authorization: string | undefined = manager) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/draws',
    headers: authorization ? { authorization } : {},
    payload: payload as object,
  });
}

async function counts() {
  const db = t.database.db;
  const draws = await db
    .selectFrom('draw')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const audit = await db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { draws: Number(draws.n), audit: Number(audit.n) };
}

before(async () => {
  t = await createTestApp();
  fixture = await createDrawFixture(t.database.db);
  thononOffer = await offerAt(fixture.drawSiteIds[0]);
  albertvilleOffer = await offerAt(fixture.otherDepartmentSiteId);
  const agent = await createAgent(t.database.db, t.config, {
    grants: [{ role: 'site_manager', scope: scope('74') }],
  });
  manager = await bearer(t.database.db, agent.id, t.clock.now());
  // Two slots of 2 seats and one of 1 in the period; one the day after it, one before it.
  slotIds = await slots(
    thononOffer,
    [
      '2030-01-07T08:00:00Z',
      '2030-01-07T08:20:00Z',
      '2030-01-08T13:00:00Z',
      '2030-01-21T08:00:00Z',
      '2030-01-06T08:00:00Z',
    ],
    2,
  );
  await t.database.db.updateTable('slot').set({ capacity: 1 }).where('id', '=', String(slotIds[2])).execute();
});
after(() => t.close());

describe('POST /api/v1/admin/draws', () => {
  test('a site manager creates a one-off draw: 201 {id, commitment}, the commitment is the seed’s SHA-256', async () => {
    const before = await counts();
    const response = await create(body());
    assert.equal(response.statusCode, 201, response.body);
    const created = response.json() as { id: number; commitment: string };
    assert.deepEqual(Object.keys(created).sort(), ['commitment', 'id']);
    const row = await t.database.db
      .selectFrom('draw')
      .select([
        'seed',
        'commitment',
        'kind',
        'origin',
        'offer_ids',
        'site_ids',
        'department_code',
        'procedure_id',
        'status',
        'beacon_round',
        sql<string>`to_char(slots_from, 'YYYY-MM-DD')`.as('from'),
      ])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    assert.equal(created.commitment, createHash('sha256').update(row.seed).digest('hex'));
    assert.equal(row.commitment, created.commitment);
    assert.deepEqual(
      [row.kind, row.origin, row.offer_ids, row.site_ids, row.department_code, row.procedure_id, row.status],
      ['main', 'one_off', [thononOffer], [fixture.drawSiteIds[0]], '74', fixture.procedureId, 'open'],
    );
    assert.equal(row.beacon_round, null);
    assert.equal(row.from, '2030-01-07');
    const after = await counts();
    assert.deepEqual(after, { draws: before.draws + 1, audit: before.audit + 1 });
    const entry = await t.database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'draw.create')
      .where('target_id', '=', String(created.id))
      .executeTakeFirstOrThrow();
    assert.equal(entry.department_code, '74');
    assert.equal(entry.site_id, fixture.drawSiteIds[0]);
    assert.ok(!JSON.stringify(entry.after).includes(row.seed.toString('hex')), 'the seed is not audited');
  });

  const refusals: [string, Record<string, unknown>, string, string][] = [
    ['an offer booked first come', { offerId: -1 }, 'offerId', 'offer_not_draw'],
    [
      'a window closing before it opens',
      { windowClosesAt: '2029-12-20T08:00:00+01:00' },
      'windowClosesAt',
      'not_after_opening',
    ],
    [
      'a window already closed',
      { windowOpensAt: '2029-12-01T09:00:00Z', windowClosesAt: '2029-12-19T09:00:00Z' },
      'windowClosesAt',
      'past',
    ],
    [
      'a window of more than 60 days',
      { windowClosesAt: '2030-03-01T12:00:00+01:00', slotsFrom: '2030-03-02', slotsTo: '2030-03-10' },
      'windowClosesAt',
      'window_too_long',
    ],
    ['a period starting on the closing day', { slotsFrom: '2030-01-05' }, 'slotsFrom', 'not_after_closing'],
    [
      'a period starting 200 days after',
      { slotsFrom: '2030-07-25', slotsTo: '2030-07-30' },
      'slotsFrom',
      'too_far',
    ],
    ['a period ending before it starts', { slotsTo: '2030-01-06' }, 'slotsTo', 'before_from'],
    ['a period of 93 days', { slotsTo: '2030-04-09' }, 'slotsTo', 'period_too_long'],
    ['a beacon round without a beacon', { beaconRound: 12 }, 'beaconRound', 'no_beacon'],
    ['a time without its offset', { windowOpensAt: '2029-12-20T09:00:00' }, 'windowOpensAt', 'format'],
    ['a date that does not exist', { slotsTo: '2030-02-30' }, 'slotsTo', 'format'],
    ['an unknown field', { seed: '00'.repeat(32) }, 'seed', 'unknown_field'],
  ];
  for (const [name, overrides, field, code] of refusals) {
    test(`${name} is refused: 422 naming ${field}, nothing stored`, async () => {
      const before = await counts();
      const payload = body(overrides.offerId === -1 ? { offerId: fixture.offerId } : overrides);
      const response = await create(payload);
      assert.equal(response.statusCode, 422, response.body);
      const fields = (
        response.json() as { error: { fields: { field: string; code: string; message: string }[] } }
      ).error.fields;
      const found = fields.find((f) => f.field === field);
      assert.ok(found, response.body);
      if (code !== 'format') assert.equal(found.code, code, response.body);
      assert.ok(found.message.length > 10, 'a message in words');
      assert.deepEqual(await counts(), before);
    });
  }

  test('without a token 401; a role without draw.manage 403; an office out of scope or unknown 404', async () => {
    const before = await counts();
    assert.equal((await create(body(), '')).statusCode, 401);
    const clerk = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'agent', scope: scope('74') }],
    });
    const refused = await create(body(), await bearer(t.database.db, clerk.id, t.clock.now()));
    assert.equal(refused.statusCode, 403, refused.body);
    const outside = await create(body({ offerId: albertvilleOffer }));
    assert.equal(outside.statusCode, 404, outside.body);
    const unknown = await create(body({ offerId: 2_000_000_000 }));
    assert.equal(unknown.statusCode, 404);
    assert.equal(outside.json().error.code, unknown.json().error.code, 'out of scope answers as unknown');
    assert.deepEqual(await counts(), before);
  });

  test('the route is in /api/openapi.json behind the bearer scheme, with the public draws beside it', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const post = document.paths['/api/v1/admin/draws'].post;
    assert.deepEqual(post.security, [{ bearerAuth: [] }]);
    const schema = post.requestBody.content['application/json'].schema;
    assert.deepEqual(Object.keys(schema.properties).sort(), [
      'beaconRound',
      'offerId',
      'slotsFrom',
      'slotsTo',
      'windowClosesAt',
      'windowOpensAt',
    ]);
    assert.ok(document.paths['/api/v1/draws'].get);
    assert.ok(document.paths['/api/v1/draws/{id}'].get.responses['200']);
  });
});

const SUMMARY_KEYS = [
  'commitment',
  'id',
  'kind',
  'procedureId',
  'seats',
  'siteIds',
  'slotsFrom',
  'slotsTo',
  'status',
  'windowClosesAt',
  'windowOpensAt',
];

async function newDraw(overrides: Record<string, unknown> = {}): Promise<{ id: number; commitment: string }> {
  const response = await create(body(overrides));
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

describe('GET /api/v1/draws', () => {
  test('lists a procedure’s draws with exactly the documented keys, seats of the period only', async () => {
    const draw = await newDraw();
    const response = await t.app.inject({ url: `/api/v1/draws?procedure=${fixture.procedureId}` });
    assert.equal(response.statusCode, 200, response.body);
    const list = response.json() as Record<string, unknown>[];
    const item = list.find((d) => d.id === draw.id);
    assert.ok(item, response.body);
    assert.deepEqual(Object.keys(item).sort(), SUMMARY_KEYS);
    assert.deepEqual(item, {
      id: draw.id,
      procedureId: fixture.procedureId,
      siteIds: [fixture.drawSiteIds[0]],
      kind: 'main',
      status: 'open',
      windowOpensAt: '2029-12-20T09:00:00+01:00',
      windowClosesAt: '2030-01-05T12:00:00+01:00',
      slotsFrom: '2030-01-07',
      slotsTo: '2030-01-20',
      // 2 + 2 + 1: the slots of 2030-01-06 and 2030-01-21 are outside the period.
      seats: 5,
      commitment: draw.commitment,
    });
    assert.ok(!response.body.includes('seed'));
  });

  test('filters by office, answers [] for an office without draws, 422 naming a malformed parameter', async () => {
    const draw = await newDraw();
    const at = (site: number) =>
      t.app.inject({ url: `/api/v1/draws?procedure=${fixture.procedureId}&site=${site}` });
    const here = (await at(fixture.drawSiteIds[0])).json() as { id: number }[];
    assert.ok(here.some((d) => d.id === draw.id));
    assert.deepEqual((await at(fixture.drawSiteIds[1])).json(), []);
    for (const [query, field] of [
      ['', 'procedure'],
      ['procedure=abc', 'procedure'],
      [`procedure=${fixture.procedureId}&site=0`, 'site'],
      [`procedure=${fixture.procedureId}&colour=blue`, 'colour'],
    ] as const) {
      const response = await t.app.inject({ url: `/api/v1/draws?${query}` });
      assert.equal(response.statusCode, 422, `${query}: ${response.body}`);
      assert.ok(
        response.json().error.fields.some((f: { field: string }) => f.field === field),
        `${query}: ${response.body}`,
      );
    }
  });
});

describe('GET /api/v1/draws/:id', () => {
  test('before the draw: the list’s object with its beacon round, no seed; closed once its window has closed', async () => {
    const draw = await newDraw();
    const response = await t.app.inject({ url: `/api/v1/draws/${draw.id}` });
    assert.equal(response.statusCode, 200, response.body);
    const detail = response.json();
    assert.deepEqual(Object.keys(detail).sort(), [...SUMMARY_KEYS, 'beaconRound'].sort());
    assert.equal(detail.status, 'open');
    const seed = await seedOf(draw.id);
    assert.ok(!response.body.includes(seed), 'the seed is not served before the draw');
    const later = await createTestAppAt(draw.id);
    assert.equal(later.status, 'closed');
    assert.equal((await t.app.inject({ url: '/api/v1/draws/2000000000' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/api/v1/draws/abc' })).statusCode, 422);
  });

  test('once drawn: the bundle of §5.1, which npm run draw:verify recomputes over HTTP; a tampered copy is refused', async () => {
    const draw = await newDraw();
    const bundle = await drawIt(draw.id);
    const response = await t.app.inject({ url: `/api/v1/draws/${draw.id}` });
    assert.equal(response.statusCode, 200, response.body);
    const detail = response.json();
    assert.equal(detail.status, 'drawn');
    assert.equal(detail.seed, bundle.seed);
    assert.equal(detail.version, DRAW_VERSION);
    assert.deepEqual(detail.allocation, bundle.allocation);
    assert.deepEqual(detail.requests, bundle.requests);
    assert.equal(detail.seats, 5, 'the seats drawn');

    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const verified = await verify(`http://127.0.0.1:${port}/api/v1/draws/${draw.id}`);
    assert.equal(verified.code, 0, verified.output);
    assert.deepEqual(JSON.parse(verified.output.trim().split('\n').at(-1) ?? '').ok, true);

    const dir = await mkdtemp(path.join(tmpdir(), 'creneau-draw-'));
    try {
      const allocation = detail.allocation as { label: string; slotId: number }[];
      const first = allocation[0];
      const second = allocation.find((a) => a.slotId !== first?.slotId);
      assert.ok(first && second);
      // Two requests swap their slots: the same seats taken, not the draw's allocation.
      const swapped = {
        ...detail,
        allocation: allocation.map((a) =>
          a === first ? { ...a, slotId: second.slotId } : a === second ? { ...a, slotId: first.slotId } : a,
        ),
      };
      const file = path.join(dir, 'tampered.json');
      await writeFile(file, JSON.stringify(swapped));
      const refused = await verify(file);
      assert.equal(refused.code, 1, refused.output);
      const otherSeed = path.join(dir, 'seed.json');
      await writeFile(otherSeed, JSON.stringify({ ...detail, seed: 'ab'.repeat(32) }));
      assert.equal((await verify(otherSeed)).code, 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the public draw pages', () => {
  test('/tirages/ID shows the commitment before the draw, then the seed, counts by tier and the allocation', async () => {
    const draw = await newDraw();
    const page = async () => {
      const response = await t.app.inject({ url: `/tirages/${draw.id}`, headers: { accept: 'text/html' } });
      assert.equal(response.statusCode, 200, response.body);
      return response.body;
    };
    const seed = await seedOf(draw.id);
    const before = await page();
    assert.ok(before.includes(draw.commitment));
    assert.ok(before.includes('Demandes ouvertes'));
    assert.ok(!before.includes(seed));
    const bundle = await drawIt(draw.id);
    const after = await page();
    assert.ok(after.includes(seed), 'the seed once drawn');
    assert.ok(after.includes(draw.commitment));
    assert.ok(after.includes(`npm run draw:verify -- http://creneau.test/api/v1/draws/${draw.id}`));
    const [won] = bundle.allocation;
    assert.ok(won && after.includes(won.label));
    // Tier 0: one request, one winner; tier 2: five requests, four winners (5 seats, 6 requests).
    assert.match(after, /<td>0 \(la plus urgente\)<\/td><td>1<\/td><td>1<\/td>/);
    assert.match(after, /<td>2<\/td><td>5<\/td><td>4<\/td>/);
    assert.ok(!after.includes('@example.org'));
    const english = await t.app.inject({ url: `/tirages/${draw.id}?lang=en` });
    assert.ok(english.body.includes('Seed'));
  });

  test('/tirages?procedure=ID lists the draws with links; unknown ids are 404 pages', async () => {
    const draw = await newDraw();
    const list = await t.app.inject({
      url: `/tirages?procedure=${fixture.procedureId}`,
      headers: { accept: 'text/html' },
    });
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`href="/tirages/${draw.id}"`));
    for (const url of ['/tirages/2000000000', '/tirages/abc', '/tirages?procedure=2000000000', '/tirages']) {
      const response = await t.app.inject({ url, headers: { accept: 'text/html' } });
      assert.equal(response.statusCode, 404, url);
      assert.match(String(response.headers['content-type']), /text\/html/);
    }
  });
});

async function seedOf(id: number): Promise<string> {
  const row = await t.database.db
    .selectFrom('draw')
    .select('seed')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.seed.toString('hex');
}

/** The draw's detail as the API shows it 17 days later, when its window has closed. */
async function createTestAppAt(id: number) {
  t.clock.advance(17 * 86_400_000);
  try {
    return (await t.app.inject({ url: `/api/v1/draws/${id}` })).json();
  } finally {
    t.clock.advance(-17 * 86_400_000);
  }
}

/**
 * Draws a draw as the draw job would publish it (until drawrun's runDraw is on main): its slots and
 * six requests, allocated by `allocate` with its real seed, frozen into the row.
 */
async function drawIt(id: number) {
  const seed = await seedOf(id);
  const zone = 'Europe/Paris';
  const rows = await t.database.db
    .selectFrom('slot')
    .select(['id', 'starts_at', 'capacity'])
    .where('id', 'in', slotIds.slice(0, 3).map(String))
    .orderBy('id')
    .execute();
  const site = fixture.drawSiteIds[0];
  const drawSlots = rows.map((s) => ({
    id: Number(s.id),
    siteId: site,
    start: formatInZone(s.starts_at, zone),
    seats: s.capacity,
  }));
  const requests = ['0URGENT001', '1AAAAAAAA1', '1AAAAAAAA2', '1AAAAAAAA3', '1AAAAAAAA4', '1AAAAAAAA5'].map(
    (label, i) => ({
      label,
      tier: i === 0 ? 0 : 2,
      lost: i % 2,
      siteIds: [site],
      halfDays: [],
      earliest: null,
    }),
  );
  const input = { id, version: DRAW_VERSION, seed, beacon: '', slots: drawSlots, requests };
  const { allocation } = allocate(input);
  const bundle = {
    id,
    version: DRAW_VERSION,
    commitment: await commitmentOf(id),
    seed,
    beacon: '',
    slots: drawSlots,
    requests,
    allocation,
  };
  await t.database.db
    .updateTable('draw')
    .set({ status: 'drawn', drawn_at: t.clock.now(), beacon: '', bundle: JSON.stringify(bundle) })
    .where('id', '=', id)
    .execute();
  return bundle;
}

async function commitmentOf(id: number): Promise<string> {
  const row = await t.database.db
    .selectFrom('draw')
    .select('commitment')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.commitment;
}

/** `npm run draw:verify -- SOURCE` as a child process: its exit code and output. */
async function verify(source: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--experimental-strip-types', 'src/cli/draw-verify.ts', source],
      {
        cwd: ROOT,
        timeout: 60_000,
      },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
