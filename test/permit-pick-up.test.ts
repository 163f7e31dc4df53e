import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { bearer, createAgent, scope, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture, type Fixture } from './helpers/fixtures.ts';

// Permit pick-up (issue 10 point 6, seeds/003): permits marked ready one by one or from a CSV (all
// lines or none), each holder told once by SMS and email with a reference, and the desk that checks it.

let t: TestApp;
let fixture: Fixture;
let otherSiteId: number;
let authorization: string;
let cookie: string;
let agentId: number;
/** A holder known from a booking at the fixture's office: the import finds their contact. */
const known = applicant(901, { phone: '06 12 34 56 78', email: 'known.holder@example.org' });

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  fixture = await createFixture(db, { slots: 2 });
  await db
    .insertInto('department')
    .values({ code: '84', name: 'Vaucluse', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .execute();
  const other = await db
    .insertInto('site')
    .values({ department_code: '84', name: 'Préfecture de Vaucluse', kind: 'prefecture', address: 'Avignon' })
    .returning('id')
    .executeTakeFirstOrThrow();
  otherSiteId = other.id;
  await db
    .updateTable('site')
    .set({
      arrival_advice: { fr: 'Remise des titres du lundi au vendredi de 9 h à 12 h.' },
      contact_phone: '04 50 33 60 00',
    })
    .where('id', '=', fixture.siteId)
    .execute();
  const booked = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId: fixture.slotIds[0], acceptConditions: true, applicant: known },
  });
  assert.equal(booked.statusCode, 201, booked.body);
  const agent = await createAgent(db, t.config, { grants: [{ role: 'agent', scope: scope('74') }] });
  agentId = agent.id;
  authorization = await bearer(db, agent.id, t.clock.now());
  cookie = await signedInCookie(db, t.config, agent.id, t.clock.now());
});
after(() => t.close());
beforeEach(() => {
  t.sms.clear();
  t.mail.clear();
});

function importCsv(csv: string, siteId = fixture.siteId) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/sites/${siteId}/permits.csv`,
    headers: { authorization, 'content-type': 'text/csv' },
    payload: csv,
  });
}

const permitCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('permit')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const permitNotices = async () =>
  t.database.db
    .selectFrom('outbox')
    .select(['channel', 'params'])
    .where('event', '=', 'permit.ready')
    .execute();

async function formOf(url: string) {
  const page = await t.app.inject({ url, headers: { cookie } });
  assert.equal(page.statusCode, 200, page.body);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const csrfCookie = page.cookies.find((c) => c.name === 'csrf')?.value;
  assert.ok(csrf && csrfCookie);
  return { page, csrf, csrfCookie };
}

async function postForm(formUrl: string, action: string, fields: Record<string, string>) {
  const { csrf, csrfCookie } = await formOf(formUrl);
  return t.app.inject({
    method: 'POST',
    url: action,
    headers: { cookie: `${cookie}; csrf=${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
}

describe('marking permits ready from a CSV', () => {
  test('a CSV with good and bad lines imports nothing and lists each bad line with its reason', async () => {
    const csv = [
      'numero_etranger;telephone;courriel',
      `${known.foreignerNumber}`,
      '12345',
      '740000001',
      '7400000777',
      '7400000778;not a phone',
    ].join('\n');
    const response = await importCsv(csv);
    assert.equal(response.statusCode, 422, response.body);
    const fields = (
      response.json() as { error: { fields: { field: string; code: string; message: string }[] } }
    ).error.fields;
    assert.deepEqual(
      fields.map((f) => [f.field, f.code]),
      [
        ['lines[3].foreignerNumber', 'foreigner_number_invalid'],
        ['lines[4].foreignerNumber', 'foreigner_number_9_digits'],
        ['lines[5].foreignerNumber', 'no_contact'],
        ['lines[6].phone', 'phone_invalid'],
      ],
    );
    assert.match(fields[1]?.message ?? '', /^Ligne 4 : .*7400000001/);
    assert.equal(await permitCount(), 0, 'the good line was not imported either');
    assert.deepEqual(await permitNotices(), []);
  });

  test('a number twice in one CSV is refused on its second line, naming the first; nothing imported', async () => {
    const response = await importCsv(
      `7400000901;06 11 22 33 44\n7400000902;06 11 22 33 45\n7400000901;06 11 22 33 44\n`,
    );
    assert.equal(response.statusCode, 422, response.body);
    const [field, ...rest] = response.json().error.fields;
    assert.deepEqual(rest, []);
    assert.equal(field.field, 'lines[3].foreignerNumber');
    assert.equal(field.code, 'duplicate');
    assert.equal(field.params.first, 1);
    assert.equal(await permitCount(), 0);
  });

  test('a good CSV imports every line and tells each holder once, by SMS and email, with the reference', async () => {
    const csv = `${known.foreignerNumber}\n7400000333;+33 6 71 22 33 44;typed.holder@example.org;Martin;Léa\n`;
    const response = await importCsv(csv);
    assert.equal(response.statusCode, 201, response.body);
    const { imported, permits } = response.json() as {
      imported: number;
      permits: { foreignerNumber: string; reference: string }[];
    };
    assert.equal(imported, 2);
    const notices = await permitNotices();
    assert.deepEqual(notices.map((n) => n.channel).sort(), ['email', 'email', 'sms', 'sms']);

    await t.deliverMail();
    await t.deliverSms();
    await t.deliverMail();
    await t.deliverSms();
    for (const [number, email, phone] of [
      [known.foreignerNumber, 'known.holder@example.org', '+33612345678'],
      ['7400000333', 'typed.holder@example.org', '+33671223344'],
    ]) {
      const reference = permits.find((p) => p.foreignerNumber === number)?.reference ?? '';
      assert.match(reference, /^[0-9A-HJKMNP-TV-Z]{6}$/);
      const mails = t.mail
        .messages()
        .filter((m) => m.to.includes(email ?? '') && m.subject.startsWith('Votre titre de séjour est prêt'));
      assert.equal(mails.length, 1, `one email to ${email}`);
      assert.match(mails[0]?.subject ?? '', new RegExp(reference));
      assert.match(mails[0]?.text ?? '', /du lundi au vendredi de 9 h à 12 h/);
      assert.match(mails[0]?.text ?? '', /04 50 33 60 00/);
      const texts = t.sms.messages().filter((s) => s.to === phone);
      assert.equal(texts.length, 1, `one SMS to ${phone}`);
      assert.match(texts[0]?.text ?? '', new RegExp(`Code : ${reference}`));
    }
    assert.match(
      t.mail.messages().find((m) => m.to.includes('known.holder@example.org'))?.text ?? '',
      /Bonjour Amina/,
    );

    const again = await importCsv(`${known.foreignerNumber}\n`);
    assert.equal(again.statusCode, 422);
    assert.equal(again.json().error.fields[0].code, 'already_ready');
    assert.equal((await permitNotices()).length, 4, 'nobody is told twice');
    const audit = await t.database.db
      .selectFrom('audit_entry')
      .select(['agent_id', 'personal'])
      .where('action', '=', 'permit.mark_ready')
      .execute();
    assert.deepEqual(audit, [{ agent_id: agentId, personal: true }]);
  });

  test('the JSON twin marks one ready; an office outside the agent’s scope is refused and stores nothing', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/sites/${fixture.siteId}/permits`,
      headers: { authorization },
      payload: { permits: [{ foreignerNumber: '7400 000 444', email: 'json.holder@example.org' }] },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().permits[0].foreignerNumber, '7400000444');
    const before = await permitCount();
    const outside = await importCsv('8400000001;06 11 22 33 44\n', otherSiteId);
    assert.equal(outside.statusCode, 403);
    assert.equal(await permitCount(), before);
  });
});

describe('the pick-up desk', () => {
  async function readyPermit(number: string, siteId = fixture.siteId) {
    const response = await importCsv(
      `${number};06 22 33 44 55;desk.${number}@example.org;Diallo;Awa\n`,
      siteId,
    );
    assert.equal(response.statusCode, 201, response.body);
    return response.json().permits[0] as { id: string; reference: string };
  }

  test('the SMS reference shows the holder’s name; handing over marks it collected, audited, once', async () => {
    const permit = await readyPermit('7400000555');
    const found = await postForm('/agents/retraits/guichet', '/agents/retraits/guichet', {
      code: permit.reference.toLowerCase(),
    });
    assert.equal(found.statusCode, 200, found.body);
    assert.match(found.body, /DIALLO Awa/);
    assert.match(found.body, new RegExp(`/agents/retraits/titres/${permit.id}/remise`));
    const handed = await postForm(
      '/agents/retraits/guichet',
      `/agents/retraits/titres/${permit.id}/remise`,
      {},
    );
    assert.equal(handed.statusCode, 200, handed.body);
    assert.match(handed.body, /Titre remis à DIALLO Awa/);
    const row = await t.database.db
      .selectFrom('permit')
      .select(['status', 'collected_by'])
      .where('id', '=', permit.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'collected', collected_by: agentId });
    const audit = await t.database.db
      .selectFrom('audit_entry')
      .select(['agent_id', 'target_id'])
      .where('action', '=', 'permit.collect')
      .execute();
    assert.deepEqual(audit, [{ agent_id: agentId, target_id: permit.id }]);
    const twice = await postForm(
      '/agents/retraits/guichet',
      `/agents/retraits/titres/${permit.id}/remise`,
      {},
    );
    assert.equal(twice.statusCode, 409);
    // Collected permits are announced no more: the message decided at send time is skipped.
    await t.deliverSms();
    assert.deepEqual(t.sms.messages(), []);
  });

  test('the foreigner number finds the permit waiting too', async () => {
    await readyPermit('7400000556');
    const found = await postForm('/agents/retraits/guichet', '/agents/retraits/guichet', {
      code: '7400 000 556',
    });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /7400000556/);
  });

  test('a permit of another office is not found at the desk (404) and cannot be handed over', async () => {
    const manager = await createAgent(t.database.db, t.config, {
      grants: [{ role: 'agent', scope: scope('84') }],
    });
    const theirs = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/sites/${otherSiteId}/permits`,
      headers: { authorization: await bearer(t.database.db, manager.id, t.clock.now()) },
      payload: { permits: [{ foreignerNumber: '8400000002', phone: '06 99 88 77 66' }] },
    });
    assert.equal(theirs.statusCode, 201, theirs.body);
    const permit = theirs.json().permits[0] as { id: string; reference: string };
    const search = await postForm('/agents/retraits/guichet', '/agents/retraits/guichet', {
      code: permit.reference,
    });
    assert.equal(search.statusCode, 404);
    assert.doesNotMatch(search.body, /8400000002/);
    const handOver = await postForm(
      '/agents/retraits/guichet',
      `/agents/retraits/titres/${permit.id}/remise`,
      {},
    );
    assert.equal(handOver.statusCode, 404);
    const row = await t.database.db
      .selectFrom('permit')
      .select('status')
      .where('id', '=', permit.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'ready');
  });

  test('the database refuses a collected permit going back to ready', async () => {
    const permit = await readyPermit('7400000557');
    await t.database.db
      .updateTable('permit')
      .set({ status: 'collected', collected_at: t.clock.now() })
      .where('id', '=', permit.id)
      .execute();
    await assert.rejects(
      t.database.db
        .updateTable('permit')
        .set({ status: 'ready', collected_at: null })
        .where('id', '=', permit.id)
        .execute(),
      /permit_status_transition|cannot go from collected to ready/,
    );
  });
});

describe('the office’s page', () => {
  test('a pasted CSV with a bad line shows it by line number and imports nothing; a good one is listed', async () => {
    const page = `/agents/retraits?service=${fixture.siteId}`;
    const before = await permitCount();
    const refused = await postForm(page, `/agents/retraits/${fixture.siteId}/import`, {
      csv: '7400000601;06 12 12 12 12\nabc\n',
    });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.body, /Ligne 2 : le numéro étranger doit compter 10 chiffres/);
    assert.equal(await permitCount(), before);
    const done = await postForm(page, `/agents/retraits/${fixture.siteId}/import`, {
      csv: '7400000601;06 12 12 12 12;;Nguyen;Minh\n',
    });
    assert.equal(done.statusCode, 303);
    const after = await t.app.inject({ url: done.headers.location as string, headers: { cookie } });
    assert.match(after.body, /1 titre marqué comme prêt/);
    assert.match(after.body, /NGUYEN Minh/);
  });

  test('an office offering pick-up slots says so, with the link to book one, in the email and the SMS', async () => {
    const db = t.database.db;
    const procedure = await db
      .insertInto('procedure')
      .values({ code: 'remise-titre', title: 'Remise de titre de séjour', duration_minutes: 10 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('offer')
      .values({ procedure_id: procedure.id, site_id: fixture.siteId, channel: 'booking' })
      .execute();
    const response = await importCsv('7400000701;06 55 44 33 22;slots.holder@example.org\n');
    assert.equal(response.statusCode, 201, response.body);
    await t.deliverMail();
    await t.deliverSms();
    const link = 'http://creneau.test/departements/74/demarches/remise-titre';
    const mail = await t.mail.waitFor((m) => m.to.includes('slots.holder@example.org'));
    assert.match(mail.text, /sur rendez-vous/);
    assert.ok(mail.text.includes(link));
    const [sms] = t.sms.messages().filter((s) => s.to === '+33655443322');
    assert.ok(sms?.text.includes(link), sms?.text);
  });
});

describe('bad input', () => {
  test('a site id that is no number is a 404 page, never a server error', async () => {
    const response = await postForm('/agents/retraits/guichet', '/agents/retraits/abc/titres', {
      foreignerNumber: '7400000801',
    });
    assert.equal(response.statusCode, 404);
  });

  test('a NUL in the JSON is a 422 naming its field; in a CSV name it is dropped, never a server error', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/sites/${fixture.siteId}/permits`,
      headers: { authorization },
      payload: {
        permits: [{ foreignerNumber: '7400000802', phone: '06 12 34 56 70', lastName: 'Ba\u0000ri' }],
      },
    });
    assert.equal(json.statusCode, 422, json.body);
    assert.equal(json.json().error.fields[0].field, 'permits.0.lastName');
    const csv = await importCsv('7400000802;06 12 34 56 70;;Ba\u0000ri\n');
    assert.equal(csv.statusCode, 201, csv.body);
    const row = await t.database.db
      .selectFrom('permit')
      .select('last_name')
      .where('foreigner_number', '=', '7400000802')
      .executeTakeFirstOrThrow();
    assert.equal(row.last_name, 'Ba ri');
  });

  test('a JSON list with a wrong type names the field (4xx); an empty list and an empty CSV are refused', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/sites/${fixture.siteId}/permits`,
      headers: { authorization },
      payload: { permits: [{ foreignerNumber: 7400000803 }] },
    });
    assert.ok(wrong.statusCode >= 400 && wrong.statusCode < 500, wrong.body);
    assert.match(wrong.body, /foreignerNumber/);
    const empty = await importCsv('\n\n');
    assert.equal(empty.statusCode, 422);
    assert.equal(empty.json().error.fields[0].code, 'empty');
  });

  test('a desk code that is neither a reference nor a number is a 422 naming the field', async () => {
    const response = await postForm('/agents/retraits/guichet', '/agents/retraits/guichet', { code: '??' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /code de 6 caractères/);
  });
});
