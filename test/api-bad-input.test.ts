import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';

// PRODUCT §8: bad input gets a clear 4xx naming the field, never a 500, and stores nothing.

let t: TestApp;
let fixture: Fixture;
let pastSlotId: number;
const statuses: { what: string; status: number }[] = [];

before(async () => {
  t = await createTestApp();
  fixture = await createFixture(t.database.db, { slots: 2, capacity: 1 });
  const past = await createFixture(t.database.db, { slots: 1, firstSlot: '2029-12-01T08:00:00Z' });
  pastSlotId = past.slotIds[0] as number;
});
after(() => t.close());

interface Request {
  method?: 'GET' | 'POST';
  url?: string;
  payload?: unknown;
  body?: string;
  contentType?: string;
}

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}

async function send(what: string, request: Request) {
  const headers: Record<string, string> = {};
  if (request.contentType) headers['content-type'] = request.contentType;
  const response = await t.app.inject({
    method: request.method ?? 'POST',
    url: request.url ?? '/api/v1/bookings',
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
  });
  statuses.push({ what, status: response.statusCode });
  return response;
}

async function counts() {
  const db = t.database.db;
  const count = async (table: 'booking' | 'booking_token' | 'outbox') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const taken = await db
    .selectFrom('slot')
    .select((eb) => eb.fn.sum('taken').as('n'))
    .executeTakeFirstOrThrow();
  return {
    booking: await count('booking'),
    booking_token: await count('booking_token'),
    outbox: await count('outbox'),
    taken: Number(taken.n ?? 0),
  };
}

/** Sends a request and checks its status and error code, and that nothing was stored. */
async function refused(what: string, request: Request, status: number, code: string): Promise<ErrorBody> {
  const before = await counts();
  const response = await send(what, request);
  assert.equal(response.statusCode, status, `${what}: ${response.body}`);
  const body = response.json() as ErrorBody;
  assert.equal(body.error.code, code, `${what}: ${response.body}`);
  assert.equal(typeof body.error.message, 'string');
  assert.deepEqual(await counts(), before, `${what}: nothing is stored`);
  return body;
}

/** Expects a 422 `invalid` naming `field` (with `fieldCode` when given). */
async function invalidField(what: string, request: Request, field: string, fieldCode?: string) {
  const body = await refused(what, request, 422, 'invalid');
  const entry = body.error.fields?.find((f) => f.field === field);
  assert.ok(entry, `${what}: a field error names ${field}, got ${JSON.stringify(body.error.fields)}`);
  if (fieldCode) assert.equal(entry.code, fieldCode, `${what}: ${JSON.stringify(entry)}`);
  assert.ok(entry.message.length > 0);
  return { body, entry };
}

function booking(overrides: Record<string, unknown> = {}, who: Record<string, unknown> = {}) {
  return {
    slotId: fixture.slotIds[0],
    acceptConditions: true,
    applicant: { ...applicant(undefined, who) },
    ...overrides,
  };
}

function without<T extends object>(value: T, key: string): T {
  const copy = { ...value } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}

describe('malformed bodies are refused with 400', () => {
  const json = 'application/json';
  const cases: [string, string][] = [
    ['broken JSON', '{bad'],
    ['truncated JSON', '{"slotId": 1, "applicant": {"lastName": "Du'],
    ['an empty body', ''],
    ['a JSON array', '[1, 2]'],
    ['a JSON string', '"booking"'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
  ];
  for (const [what, body] of cases) {
    test(`${what} is malformed`, async () => {
      await refused(what, { body, contentType: json }, 400, 'malformed');
    });
  }
});

describe('a body that is not JSON is refused with 415', () => {
  const cases: [string, string, () => string][] = [
    ['text/plain', 'text/plain', () => JSON.stringify(booking())],
    ['a form', 'application/x-www-form-urlencoded', () => 'slotId=1&acceptConditions=true'],
    ['XML', 'application/xml', () => '<booking/>'],
  ];
  for (const [what, contentType, body] of cases) {
    test(`${what} on the API is an unsupported media type`, async () => {
      await refused(what, { body: body(), contentType }, 415, 'unsupported_media_type');
    });
  }
});

describe('wrong types are refused with 422 naming the field', () => {
  const cases: [string, () => unknown, string][] = [
    ['slotId as a string', () => booking({ slotId: String(fixture.slotIds[0]) }), 'slotId'],
    ['slotId as a fraction', () => booking({ slotId: 1.5 }), 'slotId'],
    ['acceptConditions as a string', () => booking({ acceptConditions: 'true' }), 'acceptConditions'],
    ['applicant as a string', () => booking({ applicant: 'Amina Dupont' }), 'applicant'],
    ['birthDate as a number', () => booking({}, { birthDate: 19900101 }), 'applicant.birthDate'],
    ['email as a number', () => booking({}, { email: 42 }), 'applicant.email'],
    ['birthDate not a date', () => booking({}, { birthDate: '12/04/1990' }), 'applicant.birthDate'],
  ];
  for (const [what, payload, field] of cases) {
    test(`${what} names ${field}`, async () => {
      await invalidField(what, { payload: payload() }, field);
    });
  }
});

describe('missing fields are refused with 422 naming each', () => {
  const cases: [string, () => unknown, string, string][] = [
    ['no slotId', () => without(booking(), 'slotId'), 'slotId', 'required'],
    ['no applicant', () => without(booking(), 'applicant'), 'applicant', 'required'],
    [
      'no lastName',
      () => booking({ applicant: without(applicant(), 'lastName') }),
      'applicant.lastName',
      'required',
    ],
    ['conditions refused', () => booking({ acceptConditions: false }), 'acceptConditions', 'must_accept'],
    ['no acceptConditions', () => without(booking(), 'acceptConditions'), 'acceptConditions', 'required'],
  ];
  for (const [what, payload, field, code] of cases) {
    test(`${what}: ${field} is ${code}`, async () => {
      await invalidField(what, { payload: payload() }, field, code);
    });
  }

  test('several missing fields are all reported at once', async () => {
    const payload = { acceptConditions: true, applicant: { lastName: 'Dupont' } };
    const body = await refused('several missing', { payload }, 422, 'invalid');
    const named = new Set(body.error.fields?.map((f) => f.field));
    for (const field of ['slotId', 'applicant.firstName', 'applicant.birthDate', 'applicant.email']) {
      assert.ok(named.has(field), `${field} is reported in ${JSON.stringify(body.error.fields)}`);
    }
  });
});

describe('unknown fields are reported, not ignored', () => {
  test('a top-level admin flag is an unknown field', async () => {
    await invalidField('admin', { payload: booking({ admin: true }) }, 'admin', 'unknown_field');
  });
  test('an applicant nationality is an unknown field', async () => {
    await invalidField(
      'nationality',
      { payload: booking({}, { nationality: 'FR' }) },
      'applicant.nationality',
      'unknown_field',
    );
  });
});

describe('an oversized body is refused with 413', () => {
  test('a 100 KB last name is too large', async () => {
    await refused('100 KB', { payload: booking({}, { lastName: 'A'.repeat(100_000) }) }, 413, 'too_large');
  });
  test('a body just over 16 KiB is too large', async () => {
    const body = JSON.stringify(booking({}, { lastName: 'A'.repeat(16 * 1024) }));
    await refused('16 KiB', { body, contentType: 'application/json' }, 413, 'too_large');
  });
});

describe('injection strings are refused as invalid values, and the database still works', () => {
  const strings = [
    "'; drop table booking; --",
    '<script>alert(1)</script>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
    '${7*7}',
    '{{7*7}}',
    'Dupont\u0000',
    '\u0000',
    'Dupont\u202e',
    'Du\u200bpont',
    'Du\ud800pont',
    'Ω'.repeat(90),
    '😀'.repeat(60),
  ];
  for (const value of strings) {
    for (const field of ['lastName', 'firstName', 'email'] as const) {
      test(`${JSON.stringify(value).slice(0, 40)} in ${field} is refused`, async () => {
        await invalidField(
          `${field} ${value}`,
          { payload: booking({}, { [field]: value }) },
          `applicant.${field}`,
        );
      });
    }
  }
  const emails = [
    "x'; drop table booking; --@example.org",
    '<script>alert(1)</script>@example.org',
    'amina\u0000@example.org',
    'amina@exam\u0000ple.org',
    `${'é'.repeat(70)}@example.org`,
    // Issue 6: a zero-width address was booked, then refused by SMTP.
    'ami\u200bna@example.org',
    'amina@example.org\u202e',
    'amina😀@example.org',
    'amina@exa\u00admple.org',
  ];
  test('a NUL character is reported as an invisible character of that field', async () => {
    const payload = booking({}, { email: 'amina\u0000@example.org' });
    await invalidField('NUL email', { payload }, 'applicant.email', 'invisible_character');
  });
  test('a lone surrogate (not encodable as UTF-8) is reported as a broken character', async () => {
    const payload = booking({}, { lastName: 'Du\ud800pont' });
    await invalidField('lone surrogate', { payload }, 'applicant.lastName', 'invalid_character');
  });
  test('a zero-width space in the address is refused, saying how to fix it', async () => {
    const payload = booking({}, { email: 'ami\u200bna@example.org' });
    const { entry } = await invalidField('ZWSP', { payload }, 'applicant.email', 'email_invisible_character');
    assert.match(entry.message, /caractère invisible.*retapez-la/);
  });
  for (const email of emails) {
    test(`the address ${JSON.stringify(email).slice(0, 40)} is refused`, async () => {
      await invalidField(`email ${email}`, { payload: booking({}, { email }) }, 'applicant.email');
    });
  }

  test('a very long unicode name within the size limit is refused as too long', async () => {
    await invalidField(
      'long name',
      { payload: booking({}, { lastName: 'é'.repeat(2000) }) },
      'applicant.lastName',
    );
  });

  test('after all of them, a valid booking is still accepted', async () => {
    const response = await send('valid after injections', { payload: booking() });
    assert.equal(response.statusCode, 201, response.body);
    const rows = await t.database.db.selectFrom('booking').select('id').execute();
    assert.equal(rows.length, 1);
  });
});

describe('domain rules name the field with a code and a fix', () => {
  test('a 9-digit foreigner number is refused with the corrected number', async () => {
    const { entry } = await invalidField(
      '9 digits',
      { payload: booking({}, { foreignerNumber: '208006503' }) },
      'applicant.foreignerNumber',
      'foreigner_number_9_digits',
    );
    assert.match(entry.message, /2008006503/);
  });
  test('a postal code of another département is refused', async () => {
    await invalidField(
      'postal code',
      { payload: booking({}, { postalCode: '75001' }) },
      'applicant.postalCode',
      'postal_code_outside_department',
    );
  });
  test('a birth date in the future is refused', async () => {
    await invalidField(
      'future birth',
      { payload: booking({}, { birthDate: '2031-01-01' }) },
      'applicant.birthDate',
      'birth_date_future',
    );
  });
  test('an unknown slot is refused naming slotId', async () => {
    await invalidField('unknown slot', { payload: booking({ slotId: 999_999 }) }, 'slotId', 'not_found');
  });
  test('a slot in the past is refused naming slotId', async () => {
    await invalidField('past slot', { payload: booking({ slotId: pastSlotId }) }, 'slotId', 'past');
  });
  test('slot ids beyond what an integer can hold exactly are refused naming slotId', async () => {
    await invalidField('huge slot', { payload: booking({ slotId: 2 ** 63 }) }, 'slotId', 'out_of_range');
    await invalidField(
      '1e300 slot',
      { body: `{"slotId":1e300,"acceptConditions":true}`, contentType: 'application/json' },
      'slotId',
    );
  });
});

describe('query strings are validated and name the parameter', () => {
  const availability = (query: string) => `/api/v1/availability?${query}`;
  const cases: [string, () => string, string][] = [
    ['availability without procedure', () => availability(`site=${fixture.siteId}`), 'procedure'],
    [
      'availability with procedure=abc',
      () => availability(`procedure=abc&site=${fixture.siteId}`),
      'procedure',
    ],
    [
      'availability with an impossible date',
      () => availability(`procedure=${fixture.procedureId}&site=${fixture.siteId}&from=2030-13-45`),
      'from',
    ],
    [
      'availability with to before from',
      () =>
        availability(`procedure=${fixture.procedureId}&site=${fixture.siteId}&from=2030-02-01&to=2030-01-01`),
      'to',
    ],
    [
      'availability with a huge procedure id',
      () => availability(`procedure=99999999999&site=${fixture.siteId}`),
      'procedure',
    ],
    [
      'availability with a huge site id',
      () => availability(`procedure=${fixture.procedureId}&site=4294967296`),
      'site',
    ],
    [
      'availability at an unknown site',
      () => availability(`procedure=${fixture.procedureId}&site=999999`),
      'site',
    ],
    ['availability with an unknown parameter', () => availability(`procedure=1&site=1&admin=1`), 'admin'],
    ['procedures of département 999', () => '/api/v1/procedures?department=999', 'department'],
    ['procedures of département 00', () => '/api/v1/procedures?department=00', 'department'],
    ['procedures of an unserved département', () => '/api/v1/procedures?department=2A', 'department'],
    ['procedures without a département', () => '/api/v1/procedures', 'department'],
    ['a booking without token', () => '/api/v1/bookings/74-AAAA-AAAA', 'token'],
    ['a booking with an empty token', () => '/api/v1/bookings/74-AAAA-AAAA?token=', 'token'],
  ];
  for (const [what, url, field] of cases) {
    test(`${what} names ${field}`, async () => {
      await invalidField(what, { method: 'GET', url: url() }, field);
    });
  }
});

describe('confirming needs a token', () => {
  const url = '/api/v1/bookings/confirm';
  const cases: [string, unknown, string][] = [
    ['an empty object', {}, 'required'],
    ['a numeric token', { token: 5 }, 'type'],
    ['an empty token', { token: '' }, 'too_short'],
  ];
  for (const [what, payload, code] of cases) {
    test(`${what} is refused naming token`, async () => {
      await invalidField(what, { url, payload }, 'token', code);
    });
  }
  test('an unknown token is token_invalid', async () => {
    await refused('unknown token', { url, payload: { token: 'A'.repeat(43) } }, 404, 'token_invalid');
  });
  test('a token with a NUL character is refused naming token', async () => {
    await invalidField('NUL token', { url, payload: { token: 'A\u0000B' } }, 'token', 'invisible_character');
  });
  test('cancelling with an unknown token is token_invalid', async () => {
    await refused(
      'cancel unknown',
      { url: '/api/v1/bookings/74-AAAA-AAAA/cancel', payload: { token: 'A'.repeat(43) } },
      404,
      'token_invalid',
    );
  });
});

test('no bad input ever produced a server error', () => {
  assert.ok(statuses.length > 50, `all cases ran before this check (${statuses.length})`);
  const faults = statuses.filter((s) => s.status >= 500);
  assert.deepEqual(faults, []);
});
