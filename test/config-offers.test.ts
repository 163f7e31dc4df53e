import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from './helpers/app.ts';
import {
  api,
  auditCount,
  auditOf,
  type Offices,
  page,
  setUpOffices,
  submit,
} from './helpers/configuration.ts';
import { applicant } from './helpers/fixtures.ts';

// Offers (issue 8, point 4): a procedure at a site with its channel and instructions, through the
// admin API and the pages. A change of channel that would strand bookings is refused, listing them.

let t: TestApp;
let o: Offices;
/** National procedures not yet offered anywhere, and one of département 73. */
let nationalIds: number[];
let savoyardId: number;

async function procedure(code: string, departmentCode: string | null = null): Promise<number> {
  const row = await t.database.db
    .insertInto('procedure')
    .values({ code, title: `Démarche ${code}`, duration_minutes: 20, department_code: departmentCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

before(async () => {
  t = await createTestApp();
  o = await setUpOffices(t);
  nationalIds = [];
  for (const code of ['carte-resident', 'remise-titre', 'aes', 'naturalisation', 'duplicata']) {
    nationalIds.push(await procedure(code));
  }
  savoyardId = await procedure('savoie-seulement', '73');
});
after(() => t.close());

async function offerRow(id: number) {
  return t.database.db.selectFrom('offer').selectAll().where('id', '=', id).executeTakeFirst();
}

async function book(slotId: number) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: { slotId, acceptConditions: true, applicant: applicant() },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as { id: number; reference: string };
}

const postal = {
  channel: 'postal',
  instructions: 'Envoyez votre dossier complet par courrier.',
  postalAddress: 'Préfecture de la Haute-Savoie\nBP 2332 - 74034 Annecy cedex',
};

describe('the admin API of offers', () => {
  test('GET /offers?department= gives exactly §7.1’s {id, procedureId, siteId, channel}, within the agent’s coverage', async () => {
    const response = await api(t, o.admin74, 'GET', '/offers?department=74');
    assert.equal(response.statusCode, 200);
    const offers = response.json() as Record<string, unknown>[];
    assert.deepEqual(offers, [
      {
        id: o.fixture.offerId,
        procedureId: o.fixture.procedureId,
        siteId: o.fixture.siteId,
        channel: 'booking',
      },
    ]);
    assert.deepEqual((await api(t, o.admin74, 'GET', '/offers?department=73')).json(), []);
    const malformed = await api(t, o.admin74, 'GET', '/offers?department=7');
    assert.equal(malformed.statusCode, 422);
    assert.equal(malformed.json().error.fields[0].field, 'department');
    assert.equal((await api(t, o.counterAgent, 'GET', '/offers')).statusCode, 403);
    assert.equal((await api(t, undefined, 'GET', '/offers')).statusCode, 401);
  });

  test('an offer of a national procedure is created at a site the agent configures, audited once', async () => {
    const response = await api(t, o.siteManager, 'POST', '/offers', {
      procedureId: nationalIds[0],
      siteId: o.fixture.siteId,
      ...postal,
    });
    assert.equal(response.statusCode, 201, response.body);
    const offer = response.json();
    assert.equal(offer.updatedOn, '2029-12-20', 'dated in the office’s zone by the clock');
    assert.deepEqual((await api(t, o.siteManager, 'GET', `/offers/${offer.id}`)).json(), offer);
    const entries = await auditOf(t, 'offer.create', offer.id);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.department_code, '74');
    assert.equal(entries[0]?.site_id, o.fixture.siteId);
    assert.deepEqual(entries[0]?.after, offer);
    const again = await api(t, o.siteManager, 'POST', '/offers', {
      procedureId: nationalIds[0],
      siteId: o.fixture.siteId,
      ...postal,
    });
    assert.equal(again.statusCode, 422);
    assert.equal(again.json().error.fields[0].code, 'offer_exists');
  });

  test('another département’s site in the body is refused 403; an unknown one 422; nothing stored', async () => {
    const count = await auditCount(t);
    const body = { procedureId: nationalIds[1], ...postal };
    const tampered = await api(t, o.admin74, 'POST', '/offers', { ...body, siteId: o.otherSiteId });
    assert.equal(tampered.statusCode, 403);
    assert.equal(tampered.json().error.code, 'out_of_scope');
    const unknown = await api(t, o.admin74, 'POST', '/offers', { ...body, siteId: 999_999 });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().error.fields[0].field, 'siteId');
    const stored = await t.database.db
      .selectFrom('offer')
      .select('id')
      .where('procedure_id', '=', nationalIds[1] as number)
      .execute();
    assert.deepEqual(stored, []);
    assert.equal(await auditCount(t), count);
  });

  test('another département’s own procedure cannot be offered here', async () => {
    const response = await api(t, o.admin74, 'POST', '/offers', {
      procedureId: savoyardId,
      siteId: o.fixture.siteId,
      ...postal,
    });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      response.json().error.fields.map((f: { field: string; code: string }) => [f.field, f.code]),
      [['procedureId', 'procedure_unavailable']],
    );
    const allowed = await api(t, o.admin73, 'POST', '/offers', {
      procedureId: savoyardId,
      siteId: o.otherSiteId,
      ...postal,
    });
    assert.equal(allowed.statusCode, 201, 'its own département may');
  });

  test('each channel needs its details: an email address, an https link, a postal address', async () => {
    const count = await auditCount(t);
    const cases = [
      [{ channel: 'email' }, 'contactEmail:channel_needs_email'],
      [{ channel: 'external', url: 'http://www.demarches-simplifiees.fr/x' }, 'url:url_not_https'],
      [{ channel: 'external' }, 'url:channel_needs_url'],
      [{ channel: 'postal' }, 'postalAddress:channel_needs_postal_address'],
      [{ channel: 'pigeon' }, 'channel:not_allowed'],
      [{ channel: 'email', contactEmail: 'pref@' }, 'contactEmail:email_invalid'],
    ] as const;
    for (const [details, expected] of cases) {
      const response = await api(t, o.admin74, 'POST', '/offers', {
        procedureId: nationalIds[2],
        siteId: o.fixture.siteId,
        ...details,
      });
      assert.equal(response.statusCode, 422, JSON.stringify(details));
      const fields = response
        .json()
        .error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
      assert.ok(
        fields.includes(expected) ||
          (expected === 'channel:not_allowed' && fields.some((f: string) => f.startsWith('channel'))),
        `${JSON.stringify(details)} → ${fields}`,
      );
    }
    assert.equal(await auditCount(t), count);
  });

  test('PUT replaces the instructions and dates the offer, with before and after in one entry', async () => {
    const created = (
      await api(t, o.admin74, 'POST', '/offers', {
        procedureId: nationalIds[3],
        siteId: o.fixture.siteId,
        ...postal,
      })
    ).json();
    t.clock.advance(2 * 86_400_000);
    const response = await api(t, o.admin74, 'PUT', `/offers/${created.id}`, {
      channel: 'email',
      contactEmail: 'pref-etrangers@haute-savoie.gouv.fr',
      instructions: 'Écrivez au service en joignant votre titre.',
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().updatedOn, '2029-12-22');
    assert.equal(response.json().postalAddress, null);
    const entries = await auditOf(t, 'offer.update', created.id);
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]?.before, created);
    assert.deepEqual(entries[0]?.after, response.json());
    t.clock.advance(-2 * 86_400_000);
  });

  test('changing the channel of an offer with bookings to come is refused 409, listing them; nothing changes', async () => {
    const booking = await book(o.fixture.slotIds[0] as number);
    const before = await offerRow(o.fixture.offerId);
    const count = await auditCount(t);
    const response = await api(t, o.admin74, 'PUT', `/offers/${o.fixture.offerId}`, postal);
    assert.equal(response.statusCode, 409);
    const error = response.json().error;
    assert.equal(error.code, 'offer_has_bookings');
    assert.equal(error.fields[0].field, 'channel');
    assert.equal(error.fields[0].code, 'has_active_bookings');
    assert.equal(error.fields[0].params.count, 1);
    assert.match(error.fields[0].params.references, new RegExp(booking.reference));
    assert.match(error.message, new RegExp(booking.reference));
    assert.deepEqual(await offerRow(o.fixture.offerId), before);
    assert.equal(await auditCount(t), count);
    const sameChannel = await api(t, o.admin74, 'PUT', `/offers/${o.fixture.offerId}`, {
      channel: 'booking',
      instructions: 'Munissez-vous de votre convocation.',
    });
    assert.equal(sameChannel.statusCode, 200, 'the instructions may change');
  });

  test('the database itself refuses a channel change that strands a booking, and a booking in an offer that takes none', async () => {
    await assert.rejects(
      sql`update offer set channel = 'walk_in' where id = ${o.fixture.offerId}`.execute(t.database.db),
      /offer_channel_keeps_bookings|cannot change/,
    );
    const walkIn = (
      await api(t, o.admin74, 'POST', '/offers', {
        procedureId: nationalIds[4],
        siteId: o.fixture.siteId,
        channel: 'walk_in',
      })
    ).json();
    const slot = await t.database.db
      .insertInto('slot')
      .values({
        offer_id: walkIn.id,
        starts_at: new Date('2030-02-01T08:00:00Z'),
        ends_at: new Date('2030-02-01T08:20:00Z'),
        capacity: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await assert.rejects(
      sql`insert into booking (reference, slot_id, procedure_id, identity_key, email_key, last_name, first_name,
            birth_date, email, hold_expires_at)
          values ('74-WALK-INNN', ${slot.id}, ${nationalIds[4]}, 'F:7400000999', 'w@example.org', 'Diallo',
            'Awa', '1990-01-01', 'w@example.org', now() + interval '1 hour')`.execute(t.database.db),
      /does not take bookings/,
    );
  });

  test('a cancelled booking does not hold the channel back', async () => {
    const created = (
      await api(t, o.admin74, 'POST', '/sites', {
        departmentCode: '74',
        name: 'Antenne de Sallanches',
        kind: 'antenne',
        address: 'Sallanches',
        counters: ['Guichet 1'],
      })
    ).json();
    const offer = (
      await api(t, o.admin74, 'POST', '/offers', {
        procedureId: nationalIds[0],
        siteId: created.id,
        channel: 'booking',
      })
    ).json();
    const slot = await t.database.db
      .insertInto('slot')
      .values({
        offer_id: offer.id,
        starts_at: new Date('2030-03-01T08:00:00Z'),
        ends_at: new Date('2030-03-01T08:20:00Z'),
        capacity: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const booking = await book(Number(slot.id));
    await t.database.db
      .updateTable('booking')
      .set({ status: 'cancelled' })
      .where('id', '=', String(booking.id))
      .execute();
    const response = await api(t, o.admin74, 'PUT', `/offers/${offer.id}`, postal);
    assert.equal(response.statusCode, 200, response.body);
  });

  test('another département’s offer is refused 403 by id, an unknown one 404', async () => {
    const theirs = (await api(t, o.admin73, 'GET', '/offers')).json() as { id: number }[];
    const id = theirs[0]?.id as number;
    assert.equal((await api(t, o.admin74, 'GET', `/offers/${id}`)).statusCode, 403);
    const before = await offerRow(id);
    assert.equal((await api(t, o.admin74, 'PUT', `/offers/${id}`, postal)).statusCode, 403);
    assert.deepEqual(await offerRow(id), before);
    assert.equal((await api(t, o.admin74, 'GET', '/offers/999999')).statusCode, 404);
  });
});

describe('the pages of offers', () => {
  test('the new offer form lists the national procedures and the département’s, never another’s', async () => {
    const response = await page(t, o.siteManager, `/agents/services/${o.fixture.siteId}/offres/nouvelle`);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, new RegExp(`<option value="${nationalIds[1]}"`));
    assert.doesNotMatch(response.body, new RegExp(`<option value="${savoyardId}"`));
    assert.equal(
      (await page(t, o.admin74, `/agents/services/${o.otherSiteId}/offres/nouvelle`)).statusCode,
      403,
    );
  });

  test('an offer created through the form leads to its page, with the link to its hours', async () => {
    const siteUrl = `/agents/services/${o.fixture.siteId}`;
    const response = await submit(t, o.siteManager, `${siteUrl}/offres/nouvelle`, `${siteUrl}/offres`, {
      procedureId: String(nationalIds[1]),
      channel: 'external',
      instructions: 'Déposez votre demande en ligne.',
      contactEmail: '',
      url: 'https://www.demarches-simplifiees.fr/commencer/aes-74',
      postalAddress: '',
    });
    assert.equal(response.statusCode, 303, response.body);
    const location = String(response.headers.location);
    const id = Number(new RegExp(`^${siteUrl}/offres/([0-9]+)\\?enregistre=1$`).exec(location)?.[1]);
    const shown = await page(t, o.siteManager, location);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Les modifications sont enregistrées\./);
    assert.match(shown.body, new RegExp(`href="${siteUrl}/offres/${id}/horaires"`));
    assert.equal((await offerRow(id))?.url, 'https://www.demarches-simplifiees.fr/commencer/aes-74');
    assert.equal((await auditOf(t, 'offer.create', id)).length, 1);
  });

  test('a form with mistakes comes back 422 naming the field, and nothing is stored', async () => {
    const siteUrl = `/agents/services/${o.fixture.siteId}`;
    const count = await auditCount(t);
    const response = await submit(t, o.siteManager, `${siteUrl}/offres/nouvelle`, `${siteUrl}/offres`, {
      procedureId: String(nationalIds[2]),
      channel: 'email',
      instructions: '',
      contactEmail: '',
      url: '',
      postalAddress: '',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /href="#contactEmail"/);
    assert.match(
      response.body,
      /Pour une demande par courriel, indiquez l’adresse électronique du service\./,
    );
    assert.equal(await auditCount(t), count);
  });

  test('posting an offer to another département’s site is refused 403, and nothing is stored', async () => {
    const count = await auditCount(t);
    const ownForm = `/agents/services/${o.fixture.siteId}/offres/nouvelle`;
    const response = await submit(t, o.admin74, ownForm, `/agents/services/${o.otherSiteId}/offres`, {
      procedureId: String(nationalIds[3]),
      ...postal,
    });
    assert.equal(response.statusCode, 403);
    assert.equal(await auditCount(t), count);
  });

  test('an offer’s page under another site’s address is 404; another département’s offer 403', async () => {
    const ours = (await api(t, o.admin74, 'GET', '/offers')).json() as { id: number; siteId: number }[];
    const elsewhere = ours.find((offer) => offer.siteId !== o.fixture.siteId)?.id as number;
    assert.equal(
      (await page(t, o.admin74, `/agents/services/${o.fixture.siteId}/offres/${elsewhere}`)).statusCode,
      404,
      'an offer of another site of the département, under this site',
    );
    const theirs = (await api(t, o.admin73, 'GET', '/offers')).json() as { id: number; siteId: number }[];
    const id = theirs[0]?.id as number;
    assert.equal(
      (await page(t, o.admin74, `/agents/services/${o.fixture.siteId}/offres/${id}`)).statusCode,
      403,
    );
    assert.equal(
      (await page(t, o.admin74, `/agents/services/${o.otherSiteId}/offres/${id}`)).statusCode,
      403,
    );
    const before = await offerRow(id);
    const ownForm = `/agents/services/${o.fixture.siteId}/offres/${o.fixture.offerId}`;
    const tampered = await submit(
      t,
      o.admin74,
      ownForm,
      `/agents/services/${o.fixture.siteId}/offres/${id}`,
      {
        channel: 'walk_in',
      },
    );
    assert.equal(tampered.statusCode, 403);
    assert.deepEqual(await offerRow(id), before);
  });

  test('changing the channel through the form while bookings are to come shows them, and changes nothing', async () => {
    const url = `/agents/services/${o.fixture.siteId}/offres/${o.fixture.offerId}`;
    const booking = await book(o.fixture.slotIds[1] as number);
    const response = await submit(t, o.admin74, url, url, {
      channel: 'walk_in',
      instructions: 'Venez sans rendez-vous.',
    });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /href="#channel"/);
    assert.match(response.body, new RegExp(booking.reference));
    assert.match(response.body, /Le mode de dépôt ne peut pas changer/);
    assert.equal((await offerRow(o.fixture.offerId))?.channel, 'booking');
  });
});
