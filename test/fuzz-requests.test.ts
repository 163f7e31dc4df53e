import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Response } from 'light-my-request';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { HOSTILE, type Hostile, jsonBodyWith, jsonOf, queryWith, segmentWith } from './helpers/hostile.ts';
import {
  createDrawFixture,
  type DrawFixture,
  requestBody,
  requestCounts,
  requestIdOf,
  requestTokenOf,
} from './helpers/requests.ts';

// Issue 6's hostile values in every field of the requests API: never a 5xx; where the route checks the
// field, a 4xx — a 422 names the field — and no request row changed.

let t: TestApp;
let fixture: DrawFixture;
let live: { label: string; token: string };
const outcomes: { what: string; status: number }[] = [];

before(async () => {
  t = await createTestApp();
  fixture = await createDrawFixture(t.database.db);
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/requests', payload: body() });
  assert.equal(created.statusCode, 201, created.body);
  const { label } = created.json() as { label: string };
  live = {
    label,
    token: await requestTokenOf(t.database.db, await requestIdOf(t.database.db, label), t.config.secretKey),
  };
});
after(() => t.close());

function body() {
  return requestBody(fixture, 4242, {
    siteIds: [...fixture.drawSiteIds],
    applicant: {
      ...requestBody(fixture, 4242).applicant,
      phone: '06 12 34 56 78',
      titleExpiry: '2030-03-01',
    },
  });
}

/** What a refused request must leave as it was: the counts, and each request's status and last submission. */
async function state() {
  const rows = await t.database.db
    .selectFrom('request')
    .select(['status', 'updated_at'])
    .orderBy('id')
    .execute();
  return {
    ...(await requestCounts(t.database.db)),
    rows: rows.map((r) => `${r.status}@${r.updated_at.toISOString()}`).join(' '),
  };
}

const json = { 'content-type': 'application/json' };
const post = (url: string, payload: string) =>
  t.app.inject({ method: 'POST', url, headers: json, body: payload });
const valueAt = (values: object, field: string) =>
  String(field.split('.').reduce((value: unknown, part) => (value as Record<string, unknown>)[part], values));

interface Target {
  route: string;
  field: string;
  checked: boolean;
  send(hostile: Hostile): Promise<Response> | undefined;
}

const bodyField = (field: string, checked = true): Target => ({
  route: 'POST /api/v1/requests',
  field,
  checked,
  send: (hostile) =>
    post(
      '/api/v1/requests',
      jsonBodyWith(body() as never, field.split('.'), jsonOf(hostile, valueAt(body(), field))),
    ),
});

const applicantFields = [
  'lastName',
  'firstName',
  'birthDate',
  'email',
  'phone',
  'foreignerNumber',
  'titleExpiry',
  'postalCode',
];

const targets: Target[] = [
  ...[
    'procedureId',
    'siteIds',
    'halfDays',
    'acceptConditions',
    ...applicantFields.map((f) => `applicant.${f}`),
  ].map((f) => bodyField(f)),
  // null is "any date"; with the proof of work off any captcha text passes: these must only not break.
  bodyField('earliest', false),
  bodyField('captcha', false),
  {
    route: 'POST /api/v1/requests/:label/withdraw',
    field: 'token',
    checked: true,
    send: (hostile) =>
      post(
        `/api/v1/requests/${live.label}/withdraw`,
        JSON.stringify({ token: live.token }).replace(
          JSON.stringify(live.token),
          jsonOf(hostile, live.token),
        ),
      ),
  },
  {
    route: 'POST /api/v1/requests/:label/withdraw',
    field: 'label',
    checked: true,
    send: (hostile) => {
      const segment = segmentWith(live.label, hostile);
      return segment === undefined
        ? undefined
        : post(`/api/v1/requests/${segment}/withdraw`, JSON.stringify({ token: live.token }));
    },
  },
  {
    route: 'GET /api/v1/requests/:label',
    field: 'token',
    checked: true,
    send: (hostile) => {
      const query = queryWith({ token: live.token }, 'token', hostile);
      return query === undefined
        ? undefined
        : t.app.inject({ url: `/api/v1/requests/${live.label}?${query}` });
    },
  },
];

for (const target of targets) {
  describe(`${target.route}, ${target.field}`, () => {
    for (const hostile of HOSTILE) {
      test(hostile.name, async (context) => {
        const what = `${target.route} ${target.field} ${hostile.name}`;
        const before = await state();
        const sent = target.send(hostile);
        if (!sent) return context.skip('this value cannot travel there');
        const response = await sent;
        outcomes.push({ what, status: response.statusCode });
        assert.ok(response.statusCode < 500, `${what}: ${response.statusCode} ${response.body}`);
        if (target.route.startsWith('GET')) return;
        if (!target.checked && !hostile.unstorable) return;
        assert.ok(response.statusCode >= 400, `${what} is refused: ${response.statusCode} ${response.body}`);
        if (response.statusCode === 422) {
          const fields = (response.json() as { error: { fields?: { field: string }[] } }).error.fields ?? [];
          assert.ok(
            fields.some((f) => f.field === target.field || f.field.startsWith(`${target.field}.`)),
            `${what} names ${target.field}: ${response.body.slice(0, 500)}`,
          );
        }
        assert.deepEqual(await state(), before, `${what}: nothing is stored`);
      });
    }
  });
}

test('every case ran, and none was answered with a server error', () => {
  assert.ok(outcomes.length > 150, `${outcomes.length} cases`);
  assert.deepEqual(
    outcomes.filter((o) => o.status >= 500),
    [],
  );
});
