import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Response } from 'light-my-request';
import { fieldId } from '../src/modules/web/components.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';
import {
  HOSTILE,
  type Hostile,
  jsonBodyWith,
  jsonOf,
  queryWith,
  rowCounts,
  segmentWith,
} from './helpers/hostile.ts';
import { tokensOf } from './helpers/invariants.ts';

// Issue 6: every field of every page, forms (with their anti-forgery field, so that the request reaches
// the handler) and links, against every hostile value. Never a 5xx. What cannot be stored (NUL, a lone
// surrogate, deep nesting) gets a 400 page naming the field; a hostile value in a field the page checks
// gets a 4xx — a 422 form links to the field — and a refused request changes no row.

let t: TestApp;
let fixture: Fixture;
let procedureCode: string;
let session: { cookies: Record<string, string>; csrf: string };
let shared: Booking;
const outcomes: { what: string; status: number }[] = [];

interface Booking {
  reference: string;
  confirm: string;
  manage: string;
  email: string;
}

before(async () => {
  t = await createTestApp();
  fixture = await createFixture(t.database.db, { slots: 3, capacity: 500 });
  const procedure = await t.database.db
    .selectFrom('procedure')
    .select('code')
    .where('id', '=', fixture.procedureId)
    .executeTakeFirstOrThrow();
  procedureCode = procedure.code;
  const form = await t.app.inject({ url: '/rendez-vous/gerer' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  assert.ok(csrf);
  session = { cookies: Object.fromEntries(form.cookies.map((c) => [c.name, c.value])), csrf };
  shared = await book(true);
});
after(() => t.close());

/** A booking made through the API, confirmed or not, with its tokens. */
async function book(confirm: boolean): Promise<Booking> {
  const who = applicant();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: who },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { id, reference } = created.json() as { id: number; reference: string };
  const tokens = await tokensOf(t.database.db, String(id), t.config.secretKey);
  if (confirm) {
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings/confirm',
      payload: { token: tokens.confirm },
    });
    assert.equal(answer.statusCode, 200, answer.body);
  }
  return { reference, ...tokens, email: who.email };
}

/** Step 4's fields for a new applicant of the fixture's procedure. */
function applicantForm(): Record<string, string> {
  const who = { ...applicant(), phone: '06 12 34 56 78', titleExpiry: '2030-03-01' };
  return Object.fromEntries(Object.entries(who).map(([key, value]) => [`applicant.${key}`, String(value)]));
}

type Channel = 'form' | 'query' | 'path';
/** all: any hostile value is refused; text: one sent as text is (another type counts as absent). */
type Check = 'all' | 'text' | 'none';

interface Target {
  route: string;
  field: string;
  channel: Channel;
  check: Check;
  /** The valid values of the request, made before the rows are counted (a fresh booking, say). */
  prepare(): Promise<Record<string, string>> | Record<string, string>;
  send(hostile: Hostile, values: Record<string, string>): Promise<Response>;
}

function carries(channel: Channel, hostile: Hostile): boolean {
  if (channel === 'form') return true;
  if (channel === 'path') return segmentWith('x', hostile) !== undefined;
  return queryWith({ f: 'x' }, 'f', hostile) !== undefined;
}

/** Whether the value reaches the page as a string, rather than as another type or a list. */
function asText(channel: Channel, hostile: Hostile): boolean {
  return channel === 'form' ? hostile.text !== undefined : !hostile.repeat;
}

/** Whether the value reaches the page intact and unstorable (a URL turns a lone surrogate into bytes). */
function unstorable(channel: Channel, hostile: Hostile): boolean {
  return hostile.unstorable === true && (channel === 'form' || !hostile.jsonOnly);
}

/** POSTs a form as a browser would, or as JSON when a form cannot carry the value. */
function formTarget(
  route: string,
  values: () => Promise<Record<string, string>> | Record<string, string>,
  field: string,
  check: Check,
): Target {
  return {
    route,
    field,
    channel: 'form',
    check,
    prepare: values,
    send: async (hostile, values) => {
      const base: Record<string, string> = { ...values, _csrf: session.csrf };
      const request = { method: 'POST' as const, url: route, cookies: session.cookies };
      if (hostile.text && !hostile.jsonOnly) {
        const payload = new URLSearchParams({ ...base, [field]: hostile.text(base[field] ?? '') }).toString();
        const headers = { 'content-type': 'application/x-www-form-urlencoded' };
        return t.app.inject({ ...request, headers, payload });
      }
      const body = jsonBodyWith(base, [field], jsonOf(hostile, base[field] ?? ''));
      return t.app.inject({ ...request, headers: { 'content-type': 'application/json' }, body });
    },
  };
}

function queryTarget(
  path: string | (() => string),
  values: () => Record<string, string>,
  field: string,
  check: Check,
): Target {
  const at = () => (typeof path === 'string' ? path : path());
  return {
    route: `GET ${typeof path === 'string' ? path : '/departements/74/demarches/:procedureCode/plage'}`,
    field,
    channel: 'query',
    check,
    prepare: values,
    send: (hostile, values) => t.app.inject({ url: `${at()}?${queryWith(values, field, hostile)}` }),
  };
}

function pathTarget(
  route: string,
  url: (segment: (base: string) => string) => string,
  field: string,
): Target {
  return {
    route: `GET ${route}`,
    field,
    channel: 'path',
    check: 'all',
    prepare: () => ({}),
    send: (hostile) => t.app.inject({ url: url((base) => segmentWith(base, hostile) ?? base) }),
  };
}

const journeyFields = ['lastName', 'firstName', 'birthDate', 'email', 'foreignerNumber', 'postalCode'];
const step4 = () => ({ slotId: String(fixture.slotIds[0]), action: 'verifier', ...applicantForm() });
const step5 = () => ({ slotId: String(fixture.slotIds[0]), ...applicantForm() });
const fresh = async () => {
  const booking = await book(true);
  return { token: booking.manage, reference: booking.reference, slotId: String(fixture.slotIds[1]) };
};
const manageLink = () => ({ token: shared.manage, reference: shared.reference });
const move = () => ({ ...manageLink(), site: String(fixture.siteId), semaine: '2030-01-07' });
const plage = () => ({
  conditions: 'acceptees',
  site: String(fixture.siteId),
  semaine: '2030-01-07',
  erreur: 'prise',
});
const plagePath = () => `/departements/74/demarches/${procedureCode}/plage`;

const targets: Target[] = [
  formTarget('/rendez-vous/securite', () => ({ slotId: String(fixture.slotIds[0]) }), 'slotId', 'all'),
  ...[step4, step5].flatMap((values) => {
    const route = values === step4 ? '/rendez-vous/coordonnees' : '/rendez-vous/valider';
    return [
      formTarget(route, values, 'slotId', 'all'),
      ...journeyFields.map((name) => formTarget(route, values, `applicant.${name}`, 'all')),
      ...['phone', 'titleExpiry'].map((name) => formTarget(route, values, `applicant.${name}`, 'text')),
      formTarget(route, values, 'altcha', 'none'),
    ];
  }),
  formTarget('/rendez-vous/coordonnees', step4, 'action', 'none'),
  formTarget('/rendez-vous/confirmer', async () => ({ token: (await book(false)).confirm }), 'token', 'all'),
  formTarget('/rendez-vous/gerer', () => ({ email: shared.email, altcha: '' }), 'email', 'all'),
  formTarget('/rendez-vous/gerer', () => ({ email: shared.email, altcha: '' }), 'altcha', 'none'),
  ...['token', 'reference'].map((field) =>
    formTarget('/rendez-vous/supprimer', fresh, field, field === 'token' ? 'all' : 'text'),
  ),
  ...['token', 'reference', 'slotId'].map((field) =>
    formTarget('/rendez-vous/changer', fresh, field, field === 'reference' ? 'text' : 'all'),
  ),
  queryTarget('/rendez-vous/confirmer', () => ({ token: shared.confirm }), 'token', 'all'),
  queryTarget('/rendez-vous/gerer', manageLink, 'token', 'text'),
  ...[
    '/rendez-vous/gerer',
    '/rendez-vous/supprimer',
    '/rendez-vous/convocation.pdf',
    '/rendez-vous/convocation.ics',
  ].flatMap((path) => [
    ...(path === '/rendez-vous/gerer' ? [] : [queryTarget(path, manageLink, 'token', 'all')]),
    queryTarget(path, manageLink, 'reference', 'text'),
  ]),
  queryTarget('/rendez-vous/changer', move, 'token', 'all'),
  queryTarget('/rendez-vous/changer', move, 'reference', 'text'),
  ...['site', 'semaine'].map((field) => queryTarget('/rendez-vous/changer', move, field, 'none')),
  queryTarget('/verifier', () => ({ code: 'CRN1.abc' }), 'code', 'none'),
  queryTarget('/recherche', () => ({ q: 'Annecy' }), 'q', 'none'),
  ...['/', '/aide', '/donnees-personnelles'].map((path) =>
    queryTarget(path, () => ({ lang: 'en' }), 'lang', 'none'),
  ),
  pathTarget('/departements/:code', (segment) => `/departements/${segment('74')}`, 'code'),
  pathTarget(
    '/departements/:code/demarches/:procedureCode',
    (segment) => `/departements/${segment('74')}/demarches/${procedureCode}`,
    'code',
  ),
  pathTarget(
    '/departements/:code/demarches/:procedureCode',
    (segment) => `/departements/74/demarches/${segment(procedureCode)}`,
    'procedureCode',
  ),
  pathTarget(
    '/departements/:code/demarches/:procedureCode/plage',
    (segment) => `/departements/${segment('74')}/demarches/${procedureCode}/plage?conditions=acceptees`,
    'code',
  ),
  pathTarget(
    '/departements/:code/demarches/:procedureCode/plage',
    (segment) => `/departements/74/demarches/${segment(procedureCode)}/plage?conditions=acceptees`,
    'procedureCode',
  ),
  ...['conditions', 'site', 'semaine', 'erreur'].map((field) => queryTarget(plagePath, plage, field, 'none')),
];

for (const target of targets) {
  describe(`${target.route}, ${target.field} (${target.channel})`, () => {
    for (const hostile of HOSTILE.filter((h) => carries(target.channel, h))) {
      test(hostile.name, async () => {
        const what = `${target.route} ${target.field} ${hostile.name}`;
        const values = await target.prepare();
        const rows = await rowCounts(t.database.db);
        const response = await target.send(hostile, values);
        const { statusCode: status, body } = response;
        outcomes.push({ what, status });
        assert.ok(status < 500, `${what}: ${status} ${body.slice(0, 300)}`);
        const isGet = target.channel !== 'form';
        if (unstorable(target.channel, hostile)) {
          assert.equal(status, 400, `${what}: ${body.slice(0, 300)}`);
          assert.ok(body.includes(`« ${target.field} »`), `${what}: the page names ${target.field}`);
        } else if (target.check === 'all' || (target.check === 'text' && asText(target.channel, hostile))) {
          assert.ok(status >= 400 && status < 500, `${what} is refused: ${status}`);
          if (status === 422) {
            assert.ok(
              body.includes(`href="#${fieldId(target.field)}"`),
              `${what}: the error links to the field`,
            );
          }
        } else if (!isGet) {
          return;
        }
        assert.deepEqual(await rowCounts(t.database.db), rows, `${what}: nothing is stored`);
      });
    }
  });
}

test('every case ran, and none was answered with a server error', () => {
  assert.ok(outcomes.length > 400, `${outcomes.length} cases`);
  assert.deepEqual(
    outcomes.filter((o) => o.status >= 500),
    [],
  );
});
