import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { fixedClock } from '../../clock.ts';
import { captchaRoutes } from './captcha.routes.ts';
import { type Captcha, createCaptcha, purgeSpentChallenges, solveForTest } from './captcha.ts';

const SECRET = 'test-secret-key-for-the-captcha';
const MINUTE = 60 * 1_000;

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const decode = (payload: string) => JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));

describe('proof-of-work captcha', () => {
  let database: TestDatabase;
  // The library also checks expiry against the system time, so the test clock starts at the present.
  const clock = fixedClock(new Date());
  let captcha: Captcha;

  before(async () => {
    database = await createTestDatabase();
    captcha = createCaptcha({ db: database.db, secretKey: SECRET, clock, enabled: true, cost: 1 });
  });
  after(async () => {
    await database.drop();
  });

  test('a solved challenge verifies', async () => {
    const payload = await solveForTest(await captcha.challenge('booking'));
    assert.equal(await captcha.verify(payload, 'booking'), true);
  });

  test('a challenge is signed for one action: every other action refuses it, and it stays unspent', async () => {
    const forRequest = await captcha.challenge('request');
    assert.deepEqual((forRequest as { parameters: { data: unknown } }).parameters.data, {
      action: 'request',
    });
    const payload = await solveForTest(forRequest);
    assert.equal(await captcha.verify(payload, 'booking'), false);
    assert.equal(await captcha.verify(payload, 'manage_link'), false);
    assert.equal(
      await captcha.verify(payload, 'request'),
      true,
      'a refusal for another action spent nothing',
    );
    const forBooking = await solveForTest(await captcha.challenge('booking'));
    assert.equal(await captcha.verify(forBooking, 'request'), false);
  });

  test('an action rewritten in a solved challenge breaks its signature; one without an action is refused', async () => {
    const genuine = decode(await solveForTest(await captcha.challenge('manage_link')));
    const moved = structuredClone(genuine);
    moved.challenge.parameters.data = { action: 'request' };
    assert.equal(await captcha.verify(base64(moved), 'request'), false);
    const bare = structuredClone(genuine);
    delete bare.challenge.parameters.data;
    assert.equal(await captcha.verify(base64(bare), 'manage_link'), false);
    assert.equal(await captcha.verify(base64(genuine), 'manage_link'), true);
  });

  test('the same payload a second time is refused as a replay', async () => {
    const payload = await solveForTest(await captcha.challenge('booking'));
    assert.equal(await captcha.verify(payload, 'booking'), true);
    assert.equal(await captcha.verify(payload, 'booking'), false);
  });

  test('the same payload sent twice at once is accepted exactly once', async () => {
    const payload = await solveForTest(await captcha.challenge('booking'));
    const results = await Promise.all([
      captcha.verify(payload, 'booking'),
      captcha.verify(payload, 'booking'),
      captcha.verify(payload, 'booking'),
    ]);
    assert.deepEqual(results.filter(Boolean).length, 1);
  });

  test('a challenge signed with another key is refused', async () => {
    const other = createCaptcha({ db: database.db, secretKey: 'another-key', clock, enabled: true, cost: 1 });
    const payload = await solveForTest(await other.challenge('booking'));
    assert.equal(await captcha.verify(payload, 'booking'), false);
    assert.equal(await other.verify(payload, 'booking'), true);
  });

  test('a challenge is refused once expired, and accepted just before', async () => {
    const clockOfItsOwn = fixedClock(new Date());
    const shortLived = createCaptcha({
      db: database.db,
      secretKey: SECRET,
      clock: clockOfItsOwn,
      enabled: true,
      cost: 1,
    });
    const late = await solveForTest(await shortLived.challenge('booking'));
    const inTime = await solveForTest(await shortLived.challenge('booking'));
    clockOfItsOwn.advance(9 * MINUTE);
    assert.equal(await shortLived.verify(inTime, 'booking'), true);
    clockOfItsOwn.advance(2 * MINUTE);
    assert.equal(await shortLived.verify(late, 'booking'), false);
  });

  test('a challenge expires after expiresInSeconds', async () => {
    const clockOfItsOwn = fixedClock(new Date());
    const quick = createCaptcha({
      db: database.db,
      secretKey: SECRET,
      clock: clockOfItsOwn,
      enabled: true,
      cost: 1,
      expiresInSeconds: 30,
    });
    const payload = await solveForTest(await quick.challenge('booking'));
    clockOfItsOwn.advance(31 * 1_000);
    assert.equal(await quick.verify(payload, 'booking'), false);
  });

  test('a tampered solution or challenge is refused, and the genuine payload still verifies after', async () => {
    const payload = await solveForTest(await captcha.challenge('booking'));
    const genuine = decode(payload);

    const otherCounter = structuredClone(genuine);
    otherCounter.solution.counter += 1;
    assert.equal(await captcha.verify(base64(otherCounter), 'booking'), false);

    const otherKey = structuredClone(genuine);
    const key: string = otherKey.solution.derivedKey;
    otherKey.solution.derivedKey = `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`;
    assert.equal(await captcha.verify(base64(otherKey), 'booking'), false);

    const longer = structuredClone(genuine);
    longer.challenge.parameters.expiresAt += 3_600;
    assert.equal(await captcha.verify(base64(longer), 'booking'), false);

    const easier = structuredClone(genuine);
    easier.challenge.parameters.keyPrefix = '00';
    assert.equal(await captcha.verify(base64(easier), 'booking'), false);

    assert.equal(await captcha.verify(payload, 'booking'), true);
  });

  test('garbage is refused without throwing', async () => {
    const garbage = [
      '',
      'abc',
      'not base64 at all!',
      base64({}),
      base64(null),
      base64([]),
      base64('a string'),
      Buffer.from('{not json').toString('base64'),
      base64({ challenge: null, solution: null, test: true }),
      base64({ challenge: { parameters: 'x', signature: 1 }, solution: { counter: '1', derivedKey: 2 } }),
      base64({ challenge: { parameters: {}, signature: 'ab' }, solution: { counter: 1, derivedKey: 'ab' } }),
      base64({ algorithm: 'SHA-256', challenge: 'ab', number: 1, salt: 'x', signature: 'ab', took: 1 }),
      'A'.repeat(100_000),
    ];
    for (const payload of garbage) {
      assert.equal(await captcha.verify(payload, 'booking'), false, `accepted ${payload.slice(0, 40)}`);
    }
    assert.equal(await captcha.verify(undefined, 'booking'), false);
  });

  test('fields of the right name but the wrong type are refused without throwing', async () => {
    const genuine = decode(await solveForTest(await captcha.challenge('booking')));
    const mutations: ((payload: typeof genuine) => void)[] = [
      (p) => {
        p.solution.counter = -1;
      },
      (p) => {
        p.solution.counter = 1.5;
      },
      (p) => {
        p.solution.derivedKey = 'zz';
      },
      (p) => {
        p.challenge.parameters.nonce = 42;
      },
      (p) => {
        p.challenge.parameters.algorithm = 'md5';
      },
      (p) => {
        p.challenge.signature = { toString: 1 };
      },
    ];
    for (const mutate of mutations) {
      const tampered = structuredClone(genuine);
      mutate(tampered);
      assert.equal(await captcha.verify(base64(tampered), 'booking'), false);
    }
  });

  test('the counter to find is drawn between 500 and 1,500, so every applicant does similar work', async () => {
    for (let i = 0; i < 3; i++) {
      const { solution } = decode(await solveForTest(await captcha.challenge('booking')));
      assert.ok(solution.counter >= 500 && solution.counter <= 1_500, `counter ${solution.counter}`);
    }
  });

  test('a challenge has the shape the ALTCHA 3.x widget solves, with the default cost', async () => {
    const withDefaults = createCaptcha({ db: database.db, secretKey: SECRET, clock, enabled: true });
    const challenge = (await withDefaults.challenge('booking')) as {
      parameters: Record<string, unknown>;
      signature: string;
    };
    assert.equal(challenge.parameters.algorithm, 'PBKDF2/SHA-256');
    assert.equal(challenge.parameters.cost, 2_000);
    assert.equal(challenge.parameters.keyLength, 32);
    assert.match(String(challenge.parameters.keyPrefix), /^[0-9a-f]{32}$/);
    assert.equal(challenge.parameters.expiresAt, Math.floor(clock.now().getTime() / 1_000) + 600);
    assert.match(challenge.signature, /^[0-9a-f]{64}$/);
  });

  test('a disabled captcha accepts a missing or wrong payload', async () => {
    const off = createCaptcha({ db: database.db, secretKey: SECRET, clock, enabled: false, cost: 1 });
    assert.equal(off.enabled, false);
    assert.equal(await off.verify(undefined, 'booking'), true);
    assert.equal(await off.verify('abc', 'booking'), true);
  });

  test('purgeSpentChallenges deletes only rows well past their expiry', async () => {
    // The present, so that the rows spent by the tests above (expiring in ten minutes) are not touched.
    const now = clock.now();
    await database.db
      .insertInto('captcha_use')
      .values([
        { signature: 'purge-long-expired', expires_at: new Date(now.getTime() - 60 * MINUTE) },
        { signature: 'purge-just-expired', expires_at: new Date(now.getTime() - MINUTE) },
        { signature: 'purge-still-valid', expires_at: new Date(now.getTime() + 5 * MINUTE) },
      ])
      .execute();
    assert.equal(await purgeSpentChallenges(database.db, now), 1);
    const left = await database.db
      .selectFrom('captcha_use')
      .select('signature')
      .where('signature', 'like', 'purge-%')
      .orderBy('signature')
      .execute();
    assert.deepEqual(
      left.map((row) => row.signature),
      ['purge-just-expired', 'purge-still-valid'],
    );
  });

  test('GET /api/v1/captcha serves an uncached challenge that solves and verifies', async () => {
    const app = Fastify();
    await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 'test', version: '1' } } });
    captchaRoutes(app, captcha);
    await app.ready();
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/captcha' });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.match(String(response.headers['content-type']), /application\/json/);
      const payload = await solveForTest(response.json());
      assert.equal(await captcha.verify(payload, 'booking'), true, 'without an action: a booking’s');
      const forRequest = await app.inject({ method: 'GET', url: '/api/v1/captcha?action=request' });
      assert.equal(await captcha.verify(await solveForTest(forRequest.json()), 'request'), true);
      const unknown = await app.inject({ method: 'GET', url: '/api/v1/captcha?action=withdraw' });
      assert.equal(unknown.statusCode, 400);
      const spec = app.swagger() as { paths: Record<string, { get: { tags: string[] } }> };
      assert.deepEqual(spec.paths['/api/v1/captcha']?.get.tags, ['protection']);
    } finally {
      await app.close();
    }
  });
});
