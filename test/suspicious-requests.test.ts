import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, createAgent, newAgentCookie, scope } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createDrawScenario, type DrawScenario, submit } from './helpers/draws.ts';
import { applicant } from './helpers/fixtures.ts';

// Decision 0048: waiting requests join the suspicious review, grouped with the bookings by the same
// keys; the office closes them in bulk with a reason (booking.revoke on every office of each), all or
// none with the bookings of the same call: status closed with the reason, one `request.close` audit
// entry and one notice (email, and SMS when a phone is known) each.

let t: TestApp;
let scenario: DrawScenario;
const tokens: Record<string, string> = {};

interface Row {
  kind: string;
  reference?: string;
  label?: string;
  procedure?: string;
  offices?: string[];
  createdAt?: string;
  reasons: { kind: string; group: string }[];
}
interface Group {
  reason: string;
  group: string;
  bookings: Row[];
  requests: Row[];
}

before(async () => {
  t = await createTestApp({ now: '2029-12-20T10:00:00Z' });
  scenario = await createDrawScenario(t.database.db);
  const token = async (name: string, role: 'administrator' | 'site_manager', where: string) => {
    const agent = await createAgent(t.database.db, t.config, { grants: [{ role, scope: scope(where) }] });
    tokens[name] = await bearer(t.database.db, agent.id, t.clock.now());
    return agent.id;
  };
  tokens.adminId = String(await token('admin', 'administrator', '74'));
  await token('savoie', 'administrator', '73');
  await token('thonon', 'site_manager', `site:${scenario.fixture.drawSiteIds[0]}`);
});
after(() => t.close());

/** A booking at Annecy (first come), its reference. */
async function book(n: number, overrides: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: {
      slotId: scenario.fixture.slotIds[0],
      acceptConditions: true,
      applicant: applicant(n, overrides),
    },
  });
  assert.equal(response.statusCode, 201, response.body);
  return (response.json() as { reference: string }).reference;
}

/** A request for the draw at Thonon (or the offices given), its id and label. */
const ask = (n: number, overrides: Record<string, unknown>, siteIds?: number[]) =>
  submit(t, scenario.fixture, n, {
    applicant: applicant(n, overrides),
    ...(siteIds ? { siteIds, halfDays: [] } : {}),
  });

const review = async (authorization = tokens.admin) => {
  const response = await t.app.inject({
    url: '/api/v1/admin/suspicious-bookings',
    headers: { authorization },
  });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { groups: Group[] }).groups;
};

const act = (payload: object, authorization = tokens.admin) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/bookings/revocations',
    headers: { authorization },
    payload,
  });

const requestRow = (id: string) =>
  t.database.db.selectFrom('request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The review page as a new administrator of the 74 opens it, and the sending of its form from it. */
async function openReview() {
  const cookie = await newAgentCookie(t, 'administrator');
  const page = await t.app.inject({ url: '/agents/signalements', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const csrfCookie = page.cookies.find((c) => c.name === 'csrf')?.value ?? '';
  const send = (url: string, fields: [string, string][]) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: `${cookie}; csrf=${csrfCookie}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams([['_csrf', csrf], ...fields]).toString(),
    });
  return { page, send };
}

describe('requests in the suspicious review', () => {
  test('a booking and a request with one phone, or one mailbox, are one group; each row says its kind', async () => {
    const booked = await book(701, { phone: '+33612345678', lastName: 'Kone', firstName: 'Moussa' });
    const asked = await ask(702, { phone: '+33612345678', lastName: 'Traore', firstName: 'Awa' });
    const mailbox = await book(703, {
      email: 'revendeur+1@gmail.com',
      lastName: 'Sow',
      firstName: 'Ibrahima',
    });
    const both = [scenario.fixture.drawSiteIds[0], scenario.fixture.drawSiteIds[1]];
    const variant = await ask(
      704,
      { email: 're.vendeur+2@gmail.com', lastName: 'Camara', firstName: 'Mariama' },
      both,
    );
    await ask(705, { lastName: 'Martin', firstName: 'Lucie' });

    const groups = await review();
    const summary = groups.map((g) => [
      g.reason,
      g.bookings.map((b) => [b.kind, b.reference]),
      g.requests.map((r) => [r.kind, r.label]),
    ]);
    assert.deepEqual(summary, [
      ['email', [['booking', mailbox]], [['request', variant.label]]],
      ['phone', [['booking', booked]], [['request', asked.label]]],
    ]);
    const [request] = groups[0]?.requests ?? [];
    assert.equal(request?.procedure, '3.1 Renouvellement de visa de long séjour valant titre de séjour');
    assert.deepEqual(request?.offices, [
      'Sous-préfecture de Bonneville',
      'Sous-préfecture de Thonon-les-Bains',
    ]);
    assert.equal(request?.createdAt, '2029-12-20T10:00:00.000Z');
    assert.deepEqual(request?.reasons, [{ kind: 'email', group: 'email-1' }]);
    assert.deepEqual(await review(tokens.savoie), [], 'another département’s administrator sees none');
  });

  test('the page lists the request beside the booking, with its procedure and offices', async () => {
    const { page } = await openReview();
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Même téléphone — 1 rendez-vous, 1 demande/);
    assert.match(
      page.body,
      /Demande de tirage : 3\.1 Renouvellement[^<]*\(Sous-préfecture de Thonon-les-Bains\)/,
    );
    assert.match(page.body, /name="req-[0-9A-Z]{10}"/);
    assert.match(page.body, /Déposée le 2029-12-20 11:00/);
  });

  test('closing a request and revoking a booking in one call: status, reason, audit, one email and SMS each', async () => {
    const phone = (await review()).find((g) => g.reason === 'phone');
    const reference = phone?.bookings[0]?.reference ?? '';
    const label = phone?.requests[0]?.label ?? '';
    const id = (
      await t.database.db
        .selectFrom('request')
        .select('id')
        .where('label', '=', label)
        .executeTakeFirstOrThrow()
    ).id;
    const mailsBefore = t.mail.messages().length;
    const smsBefore = t.sms.messages().length;
    const reason = 'Même téléphone pour plusieurs identités';

    const done = await act({ references: [reference], labels: [label.toLowerCase()], reason });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), { revoked: 1, closed: 1 });
    const row = await requestRow(id);
    assert.deepEqual(
      [row.status, row.closed_reason, row.closed_by],
      ['closed', reason, Number(tokens.adminId)],
    );
    assert.deepEqual(row.closed_at, t.clock.now());
    const audit = await t.database.db
      .selectFrom('audit_entry')
      .select(['target_id', 'after'])
      .where('action', '=', 'request.close')
      .execute();
    assert.deepEqual(audit, [{ target_id: label, after: { status: 'closed', reason } }]);

    await t.deliverMail();
    await t.deliverSms();
    const mails = t.mail
      .messages()
      .slice(mailsBefore)
      .filter((m) => m.subject.includes(label));
    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0]?.to, [applicant(702).email]);
    assert.match(mails[0]?.subject ?? '', /Votre demande de rendez-vous est close par la préfecture/);
    assert.ok(mails[0]?.text.includes(`Motif : ${reason}`));
    const sms = t.sms.messages().slice(smsBefore);
    assert.deepEqual(
      sms.map((m) => m.to),
      ['+33612345678', '+33612345678'],
      'one SMS for the booking, one for the request',
    );
    assert.ok(sms.some((m) => m.text.includes(`demande de RDV ${label}`)));

    const retry = await act({ references: [reference], labels: [label], reason });
    assert.deepEqual(retry.json(), { revoked: 0, closed: 0 }, 'a retry closes and tells nobody again');
    const notices = await t.database.db
      .selectFrom('outbox')
      .select('channel')
      .where('event', '=', 'request.closed')
      .where('request_id', '=', id)
      .orderBy('channel')
      .execute();
    assert.deepEqual(
      notices.map((n) => n.channel),
      ['email', 'sms'],
    );
    assert.equal(
      (await review()).find((g) => g.reason === 'phone'),
      undefined,
    );
  });

  test('a request that left the queue otherwise is refused with 409 naming it, and nothing is done', async () => {
    const withdrawn = await ask(710, { lastName: 'Haddad', firstName: 'Karim' });
    await t.database.db
      .updateTable('request')
      .set({ status: 'withdrawn', closed_at: t.clock.now() })
      .where('id', '=', withdrawn.id)
      .execute();
    const waiting = await ask(711, { lastName: 'Benali', firstName: 'Nadia' });
    const booked = await book(712, { lastName: 'Diop', firstName: 'Aminata' });
    const refused = await act({
      references: [booked],
      labels: [waiting.label, withdrawn.label],
      reason: 'Réservations multiples',
    });
    assert.equal(refused.statusCode, 409, refused.body);
    const error = refused.json().error as { code: string; message: string; fields: { field: string }[] };
    assert.equal(error.code, 'request_not_waiting');
    assert.ok(error.message.includes(withdrawn.label) && !error.message.includes(waiting.label));
    assert.equal(error.fields[0]?.field, 'labels');
    assert.equal((await requestRow(waiting.id)).status, 'waiting', 'all or none');
    const booking = await t.database.db
      .selectFrom('booking')
      .select('status')
      .where('reference', '=', booked)
      .executeTakeFirstOrThrow();
    assert.equal(booking.status, 'pending', 'the booking of the refused call is not revoked');
  });

  test('out of scope reads as unknown (404): another département, or an office of the request not covered', async () => {
    const thononOnly = await ask(720, { lastName: 'Ndiaye', firstName: 'Fatou' });
    const both = await ask(721, { lastName: 'Faye', firstName: 'Ousmane' }, [
      ...scenario.fixture.drawSiteIds,
    ]);
    const body = (labels: string[]) => ({ labels, reason: 'Réservations multiples' });
    assert.equal((await act(body([thononOnly.label]), tokens.savoie)).statusCode, 404);
    assert.equal((await act(body([both.label]), tokens.thonon)).statusCode, 404);
    assert.equal((await act(body(['0000000000']))).statusCode, 404);
    assert.equal((await requestRow(both.id)).status, 'waiting');
    const allowed = await act(body([thononOnly.label]), tokens.thonon);
    assert.deepEqual(allowed.json(), { revoked: 0, closed: 1 });
    assert.equal((await act({ labels: [], reason: 'Réservations multiples' })).statusCode, 422);
  });
});

describe('the review page with requests', () => {
  test('a ticked request box and a reason close the request; the page says how many', async () => {
    const a = await ask(730, { phone: '+33699887766', lastName: 'Sylla', firstName: 'Mamadou' });
    const b = await ask(731, { phone: '+33699887766', lastName: 'Keita', firstName: 'Salif' });
    const { page, send } = await openReview();
    assert.match(page.body, /Même téléphone — 0 rendez-vous, 2 demandes/);
    const done = await send('/agents/signalements', [
      [`req-${a.label}`, '1'],
      ['reason', 'Même téléphone pour deux identités'],
    ]);
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, />1 demande close ; chaque personne est prévenue/);
    assert.equal((await requestRow(a.id)).status, 'closed');
    assert.equal((await requestRow(b.id)).status, 'waiting');
  });
});

describe('the review page refusing a request no longer waiting', () => {
  test('409 in the page’s language, naming the request, linked from the error summary', async () => {
    const a = await ask(740, { phone: '+33655554444', lastName: 'Mensah', firstName: 'Kofi' });
    await ask(741, { phone: '+33655554444', lastName: 'Adjei', firstName: 'Ama' });
    const { send } = await openReview();
    // Withdrawn by the person while the page was open.
    await t.database.db
      .updateTable('request')
      .set({ status: 'withdrawn', closed_at: t.clock.now() })
      .where('id', '=', a.id)
      .execute();
    const refused = await send('/agents/signalements?lang=en', [
      [`req-${a.label}`, '1'],
      ['reason', 'Same phone for two identities'],
    ]);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.ok(refused.body.includes(`These requests are no longer waiting: ${a.label}. Untick them.`));
    assert.match(refused.body, /href="#labels"/);
    assert.match(refused.body, /id="labels"/);
  });
});
