import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { fixedClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import { createDatabase, type Db } from '../src/db/database.ts';
import { createCaptcha, solveForTest } from '../src/modules/protection/captcha.ts';
import { createTestApp, type TestApp, tokenFrom } from './helpers/app.ts';
import { applicant, createFixture, createNameIdentityProcedure, type Fixture } from './helpers/fixtures.ts';

// The public API of PRODUCT §7, as a client sees it: paths, shapes, codes.

let t: TestApp;
let fixture: Fixture;
/** Two capacity-1 slots either side of midnight in Paris: 2030-01-07 23:30 and 2030-01-08 00:30. */
let midnight: Fixture;
/** One capacity-1 slot in summer time. */
let summer: Fixture;
const errorBodies: string[] = [];

before(async () => {
  t = await createTestApp();
  fixture = await createFixture(t.database.db, { slots: 6, capacity: 3 });
  midnight = await createFixture(t.database.db, { slots: 2, capacity: 1, firstSlot: '2030-01-07T22:30:00Z' });
  summer = await createFixture(t.database.db, { slots: 1, capacity: 1, firstSlot: '2030-07-01T07:00:00Z' });
});
after(() => t.close());

function sortedKeys(value: object): string[] {
  return Object.keys(value).sort();
}

async function book(slotId: number, who: Record<string, unknown> = applicant(), extra: object = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId, acceptConditions: true, applicant: who, ...extra },
  });
  if (response.statusCode >= 400) errorBodies.push(response.body);
  return response;
}

async function availability(f: Fixture, range = '') {
  const response = await t.app.inject({
    url: `/api/v1/availability?procedure=${f.procedureId}&site=${f.siteId}${range}`,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { slots: { id: number; start: string; end: string; remaining: number }[] };
}

/** Availability answers are cached for one second of the app's clock: move it past to see a change. */
function pastAvailabilityCache() {
  t.clock.advance(1_001);
}

describe('health', () => {
  test('GET /health answers ok when the database answers', async () => {
    const response = await t.app.inject({ url: '/health' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  test('GET /health answers 503 when the database is unreachable', async () => {
    const db = createDatabase({ url: 'postgres://x:y@127.0.0.1:1/none', maxActivePerEmail: 3 });
    const app = await appOn(db);
    try {
      const response = await app.inject({ url: '/health' });
      assert.equal(response.statusCode, 503);
      assert.notEqual(response.json().status, 'ok');
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});

/** An application on `db` without mail or outbox, optionally writing its log to `logStream`. */
async function appOn(db: Db, options: { logLevel?: string; logStream?: { write(line: string): void } } = {}) {
  const config = parseConfig({
    CAPTCHA: 'off',
    RATE_LIMIT: 'off',
    LOG_LEVEL: options.logLevel ?? 'silent',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    PUBLIC_URL: 'http://creneau.test',
  });
  const clock = fixedClock('2029-12-20T10:00:00Z');
  const captcha = createCaptcha({ db, secretKey: config.secretKey, clock, enabled: false, cost: 10 });
  return buildApp({
    config,
    db,
    clock,
    captcha,
    mailCapture: undefined,
    wakeOutbox: () => {},
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
}

describe('directory', () => {
  test('GET /api/v1/departments lists départements with their sites, exactly the documented keys', async () => {
    const response = await t.app.inject({ url: '/api/v1/departments' });
    assert.equal(response.statusCode, 200);
    const departments = response.json();
    assert.ok(Array.isArray(departments) && departments.length >= 1);
    const haute = departments.find((d: { code: string }) => d.code === '74');
    assert.ok(haute);
    assert.deepEqual(sortedKeys(haute), ['code', 'name', 'sites', 'timezone']);
    assert.equal(haute.timezone, 'Europe/Paris');
    assert.ok(haute.sites.some((s: { id: number }) => s.id === fixture.siteId));
    for (const site of haute.sites) {
      assert.deepEqual(sortedKeys(site), ['address', 'id', 'kind', 'name']);
      assert.equal(typeof site.id, 'number');
    }
  });

  test('GET /api/v1/procedures?department=74 lists procedures, exactly the documented keys', async () => {
    const response = await t.app.inject({ url: '/api/v1/procedures?department=74' });
    assert.equal(response.statusCode, 200);
    const procedures = response.json();
    const renewal = procedures.find((p: { id: number }) => p.id === fixture.procedureId);
    assert.ok(renewal, response.body);
    for (const procedure of procedures) {
      assert.deepEqual(sortedKeys(procedure), [
        'channel',
        'code',
        'durationMinutes',
        'id',
        'siteIds',
        'title',
      ]);
    }
    assert.equal(renewal.durationMinutes, 20);
    assert.equal(renewal.channel, 'booking');
    assert.deepEqual(renewal.siteIds, [fixture.siteId]);
  });
});

describe('availability', () => {
  test('slots carry exactly id, start, end, remaining, with the office’s offset', async () => {
    const { slots } = await availability(fixture, '&from=2030-01-07&to=2030-01-07');
    assert.equal(slots.length, 6);
    const first = slots[0];
    assert.ok(first);
    assert.deepEqual(sortedKeys(first), ['end', 'id', 'remaining', 'start']);
    assert.deepEqual(first, {
      id: fixture.slotIds[0],
      start: '2030-01-07T09:00:00+01:00',
      end: '2030-01-07T09:20:00+01:00',
      remaining: 3,
    });
    const july = await availability(summer, '&from=2030-07-01&to=2030-07-01');
    assert.equal(july.slots[0]?.start, '2030-07-01T09:00:00+02:00', 'summer time is +02:00');
  });

  test('from and to are days in the office’s zone, both included', async () => {
    const [lateEvening, afterMidnight] = midnight.slotIds;
    const ids = async (range: string) => (await availability(midnight, range)).slots.map((s) => s.id);
    assert.deepEqual(await ids('&from=2030-01-07&to=2030-01-07'), [lateEvening]);
    assert.deepEqual(await ids('&from=2030-01-08&to=2030-01-08'), [afterMidnight]);
    assert.deepEqual(await ids('&from=2030-01-07&to=2030-01-08'), [lateEvening, afterMidnight]);
    assert.deepEqual(await ids('&from=2030-01-09&to=2030-01-20'), []);
  });

  test('a slot without seats left disappears once the cache has expired', async () => {
    const slotId = summer.slotIds[0] as number;
    const range = '&from=2030-06-01&to=2030-07-31';
    assert.deepEqual(
      (await availability(summer, range)).slots.map((s) => s.id),
      [slotId],
    );
    assert.equal((await book(slotId)).statusCode, 201);
    pastAvailabilityCache();
    assert.deepEqual((await availability(summer, range)).slots, []);
  });
});

describe('booking', () => {
  test('a booking answers 201 with exactly id, reference, status and holdExpiresAt', async () => {
    const response = await book(fixture.slotIds[0] as number);
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.deepEqual(sortedKeys(body), ['holdExpiresAt', 'id', 'reference', 'status']);
    assert.equal(body.status, 'pending');
    assert.equal(typeof body.id, 'number');
    assert.match(body.reference, /^74-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // HOLD_MINUTES (30) after the app's clock, which the availability tests move on by seconds.
    assert.equal(body.holdExpiresAt, new Date(t.clock.now().getTime() + 30 * 60_000).toISOString());
  });

  test('a full slot answers 409 slot_full', async () => {
    const slotId = midnight.slotIds[0] as number;
    assert.equal((await book(slotId)).statusCode, 201);
    const second = await book(slotId);
    assert.equal(second.statusCode, 409, second.body);
    assert.equal(second.json().error.code, 'slot_full');
  });

  test('the same foreigner number with another email is already_booked on another slot', async () => {
    const person = applicant();
    assert.equal((await book(fixture.slotIds[1] as number, person)).statusCode, 201);
    const again = await book(fixture.slotIds[2] as number, {
      ...applicant(),
      foreignerNumber: person.foreignerNumber,
    });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error.code, 'already_booked');
  });

  test('without a foreigner number, Müller and MULLER born the same day are the same person', async () => {
    const db = t.database.db;
    const { slotIds: slots } = await createNameIdentityProcedure(db, {
      siteId: fixture.siteId,
      starts: ['2030-01-14T08:00:00Z', '2030-01-14T09:00:00Z'],
      capacity: 2,
    });
    const person = (lastName: string, email: string) => ({
      lastName,
      firstName: 'Jürgen',
      birthDate: '1985-02-03',
      email,
    });
    const first = await book(Number(slots[0]), person('Müller', 'juergen.1@example.org'));
    assert.equal(first.statusCode, 201, first.body);
    const second = await book(Number(slots[1]), person('MULLER', 'juergen.2@example.org'));
    assert.equal(second.statusCode, 409, second.body);
    assert.equal(second.json().error.code, 'already_booked');
    const other = await book(Number(slots[1]), {
      ...person('MULLER', 'juergen.3@example.org'),
      birthDate: '1985-02-04',
    });
    assert.equal(other.statusCode, 201, 'another birth date is another person');
  });

  test('a 4th active booking for one address is email_limit, and cancelling one makes room', async () => {
    const email = 'Famille.Limite@example.org';
    const references: string[] = [];
    for (const slotId of fixture.slotIds.slice(3, 6)) {
      const response = await book(slotId, applicant(undefined, { email }));
      assert.equal(response.statusCode, 201, response.body);
      references.push(response.json().reference);
    }
    const fourth = await book(
      fixture.slotIds[3] as number,
      applicant(undefined, { email: email.toLowerCase() }),
    );
    assert.equal(fourth.statusCode, 409, fourth.body);
    assert.equal(fourth.json().error.code, 'email_limit');

    await t.deliverMail();
    const reference = references[0] as string;
    const message = await t.mail.waitFor((m) => m.subject.includes(reference), 5000);
    const token = tokenFrom(message.text, 'http://creneau.test/rendez-vous/gerer');
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${reference}/cancel`,
      payload: { token },
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    const fifth = await book(fixture.slotIds[4] as number, applicant(undefined, { email }));
    assert.equal(fifth.statusCode, 201, fifth.body);
  });
});

describe('with the captcha on', () => {
  let c: TestApp;
  let f: Fixture;
  before(async () => {
    c = await createTestApp({ env: { CAPTCHA: 'on' } });
    f = await createFixture(c.database.db, { slots: 1, capacity: 5 });
  });
  after(() => c.close());

  const post = (captcha?: string) =>
    c.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: {
        slotId: f.slotIds[0],
        acceptConditions: true,
        applicant: applicant(),
        ...(captcha ? { captcha } : {}),
      },
    });

  test('a booking without a solved challenge is captcha_failed', async () => {
    const response = await post();
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error.code, 'captcha_failed');
    const forged = await post(Buffer.from('{"challenge":{},"solution":{}}').toString('base64'));
    assert.equal(forged.statusCode, 403);
  });

  test('a solved challenge books once; replaying the same solution is refused', async () => {
    const challenge = await c.app.inject({ url: '/api/v1/captcha' });
    assert.equal(challenge.statusCode, 200);
    assert.equal(challenge.headers['cache-control'], 'no-store');
    const solution = await solveForTest(challenge.json());
    const first = await post(solution);
    assert.equal(first.statusCode, 201, first.body);
    const replay = await post(solution);
    assert.equal(replay.statusCode, 403);
    assert.equal(replay.json().error.code, 'captcha_failed');
  });
});

describe('with rate limits on', () => {
  let r: TestApp;
  before(async () => {
    r = await createTestApp({ env: { RATE_LIMIT: 'on' } });
  });
  after(() => r.close());

  test('the 11th booking attempt in a minute from one address is rate_limited', async () => {
    const attempt = (remoteAddress: string) =>
      r.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        remoteAddress,
        payload: { slotId: 999_999, acceptConditions: true, applicant: applicant() },
      });
    for (let i = 1; i <= 10; i++) {
      const response = await attempt('192.0.2.1');
      assert.equal(response.statusCode, 422, `attempt ${i} is let through: ${response.body}`);
    }
    const eleventh = await attempt('192.0.2.1');
    assert.equal(eleventh.statusCode, 429);
    assert.equal(eleventh.json().error.code, 'rate_limited');
    assert.equal((await attempt('192.0.2.2')).statusCode, 422, 'another address is not limited');
  });
});

describe('OpenAPI', () => {
  test('/api/openapi.json documents exactly the §7 public paths, from the validating schemas', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json();
    assert.match(document.openapi, /^3\./);
    // The admin API (§7.1) is documented beside it, each route behind the bearer scheme (api-admin-*.test.ts).
    const publicPaths = Object.keys(document.paths).filter((path) => !path.startsWith('/api/v1/admin/'));
    assert.deepEqual(publicPaths.sort(), [
      '/api/v1/availability',
      '/api/v1/bookings',
      '/api/v1/bookings/confirm',
      '/api/v1/bookings/priority',
      '/api/v1/bookings/{reference}',
      '/api/v1/bookings/{reference}/cancel',
      '/api/v1/bookings/{reference}/earlier-slot',
      '/api/v1/captcha',
      '/api/v1/departments',
      '/api/v1/draws',
      '/api/v1/draws/{id}',
      '/api/v1/procedures',
      '/api/v1/requests',
      '/api/v1/requests/{label}',
      '/api/v1/requests/{label}/withdraw',
      '/api/v1/sites/{id}/calls',
    ]);
    const body = document.paths['/api/v1/bookings'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(sortedKeys(body.properties), ['acceptConditions', 'applicant', 'captcha', 'slotId']);
    assert.deepEqual([...body.required].sort(), ['acceptConditions', 'applicant', 'slotId']);
    assert.equal(body.additionalProperties, false);
    assert.ok(body.properties.applicant.properties.foreignerNumber);
    const parameters = document.paths['/api/v1/availability'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    assert.deepEqual(parameters.sort(), ['from', 'procedure', 'site', 'to']);
  });
});

describe('privacy', () => {
  test('no error body repeats the submitted email or token', async () => {
    const email = 'secret.person@example.org';
    const token = 'SECRETTOKEN0123456789abcdefghijklmnopqrstu';
    const responses = [
      await book(999_999, applicant(undefined, { email })),
      await book(fixture.slotIds[0] as number, applicant(undefined, { email, postalCode: '75001' })),
      await book(fixture.slotIds[0] as number, applicant(undefined, { email: `${email}@` })),
      await book(fixture.slotIds[0] as number, { ...applicant(undefined, { email }), extra: 1 }),
      await t.app.inject({ method: 'POST', url: '/api/v1/bookings/confirm', payload: { token } }),
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings/confirm',
        payload: { token: `${token}!`.repeat(6) },
      }),
      await t.app.inject({ url: `/api/v1/bookings/74-AAAA-AAAA?token=${token}` }),
      await t.app.inject({ method: 'POST', url: '/api/v1/bookings/74-AAAA-AAAA/cancel', payload: { token } }),
    ];
    for (const response of responses) {
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, response.body);
      errorBodies.push(response.body);
    }
    assert.ok(errorBodies.length >= 12);
    for (const body of errorBodies) {
      assert.ok(!body.includes('@example.org'), `no email in ${body}`);
      assert.ok(!body.includes('SECRETTOKEN'), `no token in ${body}`);
    }
  });

  test('the log never holds the token of a query string', async () => {
    const lines: string[] = [];
    const app = await appOn(t.database.db, {
      logLevel: 'trace',
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      const secret = 'SECRET0123456789abcdefghijklmnopqrstuvwxyzA';
      const consult = await app.inject({ url: `/api/v1/bookings/74-AAAA-AAAA?token=${secret}` });
      assert.equal(consult.statusCode, 404);
      const invalid = await app.inject({ url: `/api/v1/bookings/74-AAAA-AAAA?token=${secret}&x=${secret}` });
      assert.equal(invalid.statusCode, 422);
      const page = await app.inject({ url: `/rendez-vous/gerer?token=${secret}` });
      assert.ok(page.statusCode < 500);
      const missing = await app.inject({ url: `/nowhere?token=${secret}` });
      assert.equal(missing.statusCode, 404);
      const log = lines.join('');
      assert.match(log, /\/api\/v1\/bookings\/74-AAAA-AAAA/, 'requests are logged');
      assert.ok(!log.includes('SECRET'), `no token in the log:\n${log}`);
    } finally {
      await app.close();
    }
  });
});
