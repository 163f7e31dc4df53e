import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/app.ts';
import {
  api,
  auditCount,
  auditOf,
  mainText,
  type Offices,
  page,
  setUpOffices,
  submit,
} from './helpers/configuration.ts';

// Procedures (issue 8, point 4; decision 0023): the national catalogue is edited with a national scope
// only, a département's own procedures by those covering the whole département; English and Arabic
// texts beside the French reach the public pages, with French for what is not translated.

let t: TestApp;
let o: Offices;
let savoyardId: number;

before(async () => {
  t = await createTestApp();
  o = await setUpOffices(t);
  const row = await t.database.db
    .insertInto('procedure')
    .values({ code: 'savoie-aes', title: 'AES en Savoie', duration_minutes: 30, department_code: '73' })
    .returning('id')
    .executeTakeFirstOrThrow();
  savoyardId = row.id;
});
after(() => t.close());

const newProcedure = (overrides: Record<string, unknown> = {}) => ({
  code: 'premiere-demande-74',
  departmentCode: '74',
  durationMinutes: 30,
  title: 'Première demande de titre de séjour',
  description: 'Dépôt au guichet d’une première demande.',
  audience: 'Personnes domiciliées en Haute-Savoie.',
  documents: ['Passeport', 'Justificatif de domicile'],
  fees: 'Gratuit.',
  arrivalAdvice: { fr: 'Venez avec les originaux.', en: 'Bring the originals.' },
  admissionRule: { fr: '1 rendez-vous = 1 personne = 1 dossier.' },
  requiresForeignerNumber: false,
  requiresTitleExpiry: false,
  requiresPostalCode: true,
  titleExpiryWithinDays: null,
  titleExpiredSinceDays: null,
  translations: {
    en: { title: 'First residence permit application', documents: ['Passport', 'Proof of address'] },
  },
  ...overrides,
});

const update = (overrides: Record<string, unknown> = {}) => {
  const { code: _c, departmentCode: _d, durationMinutes: _m, ...rest } = newProcedure(overrides);
  return rest;
};

async function procedureRow(id: number) {
  return t.database.db.selectFrom('procedure').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('the admin API of procedures', () => {
  test('the list is the national catalogue and the agent’s départements’ procedures, never another’s', async () => {
    const ids = (who: typeof o.admin74) =>
      api(t, who, 'GET', '/procedures').then((r) => (r.json() as { id: number }[]).map((p) => p.id));
    const admin = await ids(o.admin74);
    assert.ok(admin.includes(o.fixture.procedureId), 'the national catalogue');
    assert.ok(!admin.includes(savoyardId));
    assert.ok((await ids(o.admin73)).includes(savoyardId));
    assert.equal((await api(t, o.counterAgent, 'GET', '/procedures')).statusCode, 403);
    assert.equal((await api(t, undefined, 'GET', '/procedures')).statusCode, 401);
  });

  test('a département’s procedure is created by its administrator, with one audit entry placed there', async () => {
    const response = await api(t, o.admin74, 'POST', '/procedures', newProcedure());
    assert.equal(response.statusCode, 201, response.body);
    const procedure = response.json();
    assert.equal(procedure.departmentCode, '74');
    assert.deepEqual(procedure.translations, {
      en: { title: 'First residence permit application', documents: ['Passport', 'Proof of address'] },
    });
    assert.deepEqual((await api(t, o.siteManager, 'GET', `/procedures/${procedure.id}`)).json(), procedure);
    const entries = await auditOf(t, 'procedure.create', procedure.id);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.department_code, '74');
    assert.equal(entries[0]?.site_id, null);
    assert.deepEqual(entries[0]?.after, procedure);
  });

  test('the national catalogue needs a national scope; another département’s, its own; nothing stored', async () => {
    const count = await auditCount(t);
    const national = await api(
      t,
      o.admin74,
      'POST',
      '/procedures',
      newProcedure({ code: 'n1', departmentCode: null }),
    );
    assert.equal(national.statusCode, 403);
    const other = await api(
      t,
      o.admin74,
      'POST',
      '/procedures',
      newProcedure({ code: 'n2', departmentCode: '73' }),
    );
    assert.equal(other.statusCode, 403);
    const site = await api(t, o.siteManager, 'POST', '/procedures', newProcedure({ code: 'n3' }));
    assert.equal(site.statusCode, 403, 'a site scope does not cover its département');
    const stored = await t.database.db
      .selectFrom('procedure')
      .select('id')
      .where('code', 'in', ['n1', 'n2', 'n3'])
      .execute();
    assert.deepEqual(stored, []);
    assert.equal(await auditCount(t), count);
    const allowed = await api(
      t,
      o.national,
      'POST',
      '/procedures',
      newProcedure({ code: 'nationale-x', departmentCode: null }),
    );
    assert.equal(allowed.statusCode, 201);
    const entry = (await auditOf(t, 'procedure.create', allowed.json().id))[0];
    assert.equal(entry?.department_code, null, 'a national procedure’s entry is national');
  });

  test('bad input is refused 422 naming each field, and nothing is stored', async () => {
    const count = await auditCount(t);
    const response = await api(
      t,
      o.admin74,
      'POST',
      '/procedures',
      newProcedure({
        code: 'premiere-demande-74-bis',
        title: ' ',
        titleExpiryWithinDays: 92,
        admissionRule: { fr: '', en: 'Only in English' },
        translations: { ar: { title: 'x'.repeat(301) } },
        documents: ['Passeport', 'Passeport'],
      }),
    );
    assert.equal(response.statusCode, 422);
    const fields = response
      .json()
      .error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
    assert.deepEqual(fields.sort(), [
      'admissionRule.fr:french_required',
      'documents:repeated_item',
      'title:required',
      'titleExpiryWithinDays:window_needs_title_expiry',
      'translations.ar.title:too_long',
    ]);
    const taken = await api(t, o.admin74, 'POST', '/procedures', newProcedure());
    assert.equal(taken.statusCode, 422);
    assert.equal(taken.json().error.fields[0].code, 'code_taken');
    const code = await api(t, o.admin74, 'POST', '/procedures', newProcedure({ code: 'Avec Espaces' }));
    assert.equal(code.statusCode, 422);
    assert.equal(code.json().error.fields[0].field, 'code');
    const duration = await api(
      t,
      o.admin74,
      'POST',
      '/procedures',
      newProcedure({ code: 'duree', durationMinutes: 2 }),
    );
    assert.equal(duration.statusCode, 422);
    assert.equal(duration.json().error.fields[0].field, 'durationMinutes');
    assert.equal(await auditCount(t), count);
  });

  test('PUT replaces a département’s procedure with before and after; the national one needs a national scope', async () => {
    const created = (
      await api(t, o.admin74, 'POST', '/procedures', newProcedure({ code: 'renouvellement-74' }))
    ).json();
    const response = await api(
      t,
      o.admin74,
      'PUT',
      `/procedures/${created.id}`,
      update({
        requiresTitleExpiry: true,
        titleExpiryWithinDays: 92,
        titleExpiredSinceDays: 183,
        translations: { en: { description: 'Apply at the counter.' }, ar: { title: 'تجديد' } },
      }),
    );
    assert.equal(response.statusCode, 200, response.body);
    const row = await procedureRow(created.id);
    assert.equal(row?.title_expiry_within_days, 92);
    assert.deepEqual(row?.translations, {
      en: { description: 'Apply at the counter.' },
      ar: { title: 'تجديد' },
    });
    assert.equal(row?.code, 'renouvellement-74', 'the code stays');
    const entries = await auditOf(t, 'procedure.update', created.id);
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]?.before, created);
    assert.deepEqual(entries[0]?.after, response.json());

    const nationalBefore = await procedureRow(o.fixture.procedureId);
    const refused = await api(t, o.admin74, 'PUT', `/procedures/${o.fixture.procedureId}`, update());
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(await procedureRow(o.fixture.procedureId), nationalBefore);
    const manager = await api(t, o.siteManager, 'PUT', `/procedures/${created.id}`, update());
    assert.equal(manager.statusCode, 403);
  });

  test('another département’s procedure is refused 403 by id, an unknown one 404', async () => {
    const before = await procedureRow(savoyardId);
    assert.equal((await api(t, o.admin74, 'GET', `/procedures/${savoyardId}`)).statusCode, 403);
    assert.equal((await api(t, o.admin74, 'PUT', `/procedures/${savoyardId}`, update())).statusCode, 403);
    assert.deepEqual(await procedureRow(savoyardId), before);
    assert.equal((await api(t, o.admin74, 'GET', '/procedures/999999')).statusCode, 404);
  });
});

describe('the pages of procedures', () => {
  const formFields = (overrides: Record<string, string> = {}) => ({
    code: 'duplicata-74',
    departmentCode: '74',
    durationMinutes: '15',
    title: 'Duplicata de titre de séjour',
    description: 'En cas de perte ou de vol.',
    audience: '',
    documents: 'Déclaration de perte\r\nPasseport\r\n',
    fees: '225 €',
    'arrivalAdvice.fr': '',
    'arrivalAdvice.en': '',
    'arrivalAdvice.ar': '',
    'admissionRule.fr': '',
    'admissionRule.en': '',
    'admissionRule.ar': '',
    requiresForeignerNumber: 'oui',
    requiresPostalCode: 'oui',
    titleExpiryWithinDays: '',
    titleExpiredSinceDays: '',
    'translations.en.title': 'Duplicate residence permit',
    'translations.en.documents': 'Loss report\r\nPassport',
    ...overrides,
  });

  test('the catalogue lists the national procedures to view and the département’s to edit', async () => {
    const response = await page(t, o.admin74, '/agents/demarches');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Catalogue national/);
    assert.match(response.body, new RegExp(`href="/agents/demarches/${o.fixture.procedureId}">Consulter`));
    assert.doesNotMatch(response.body, /AES en Savoie/);
    assert.match(response.body, /href="\/agents\/demarches\/nouvelle"/);
    assert.equal((await page(t, o.counterAgent, '/agents/demarches')).statusCode, 403);
  });

  test('creating a procedure through the form stores its lists and its English texts', async () => {
    const response = await submit(
      t,
      o.admin74,
      '/agents/demarches/nouvelle',
      '/agents/demarches',
      formFields(),
    );
    assert.equal(response.statusCode, 303, response.body);
    const id = Number(
      /^\/agents\/demarches\/([0-9]+)\?enregistre=1$/.exec(String(response.headers.location))?.[1],
    );
    const row = await procedureRow(id);
    assert.deepEqual(row?.documents, ['Déclaration de perte', 'Passeport']);
    assert.equal(row?.requires_foreigner_number, true);
    assert.equal(row?.requires_title_expiry, false);
    assert.equal(row?.duration_minutes, 15);
    assert.deepEqual(row?.translations, {
      en: { title: 'Duplicate residence permit', documents: ['Loss report', 'Passport'] },
    });
    const shown = await page(t, o.admin74, String(response.headers.location));
    assert.match(shown.body, /Les modifications sont enregistrées\./);
    assert.match(shown.body, /lang="en" dir="ltr"[^>]*>Duplicate residence permit<\/textarea>/);
    assert.equal((await auditOf(t, 'procedure.create', id)).length, 1);
  });

  test('a form with mistakes comes back 422 with each field named, and nothing is stored', async () => {
    const count = await auditCount(t);
    const response = await submit(
      t,
      o.admin74,
      '/agents/demarches/nouvelle',
      '/agents/demarches',
      formFields({ code: 'code invalide', durationMinutes: 'vingt', titleExpiryWithinDays: '92' }),
    );
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /href="#code"/);
    assert.match(response.body, /href="#durationMinutes"/);
    assert.match(response.body, /href="#titleExpiryWithinDays"/);
    assert.match(response.body, /Indiquez un nombre entier\./);
    assert.match(response.body, /value="code invalide"/);
    assert.equal(await auditCount(t), count);
  });

  test('a national procedure opens read-only for a département’s administrator, and its POST is refused', async () => {
    const url = `/agents/demarches/${o.fixture.procedureId}`;
    const shown = await page(t, o.admin74, url);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /<fieldset class="fr-fieldset" disabled>/);
    assert.doesNotMatch(shown.body, new RegExp(`action="${url}"`));
    const before = await procedureRow(o.fixture.procedureId);
    const own = (await api(t, o.admin74, 'GET', '/procedures')).json() as {
      id: number;
      departmentCode: string;
    }[];
    const ownUrl = `/agents/demarches/${own.find((p) => p.departmentCode === '74')?.id}`;
    const tampered = await submit(t, o.admin74, ownUrl, url, formFields({ title: 'Détourné' }));
    assert.equal(tampered.statusCode, 403);
    assert.deepEqual(await procedureRow(o.fixture.procedureId), before);
    assert.equal((await page(t, o.admin74, `/agents/demarches/${savoyardId}`)).statusCode, 403);
    assert.equal((await page(t, o.admin74, '/agents/demarches/999999')).statusCode, 404);
  });

  test('editing a département’s procedure through its page is saved and audited', async () => {
    const own = (await api(t, o.admin74, 'GET', '/procedures')).json() as { id: number; code: string }[];
    const id = own.find((p) => p.code === 'duplicata-74')?.id as number;
    const url = `/agents/demarches/${id}`;
    const response = await submit(t, o.admin74, url, url, formFields({ fees: '225 € en timbres fiscaux' }));
    assert.equal(response.statusCode, 303, response.body);
    assert.equal((await procedureRow(id))?.fees, '225 € en timbres fiscaux');
    const entries = await auditOf(t, 'procedure.update', id);
    assert.equal(entries.length, 1);
    assert.equal((entries[0]?.before as { fees?: string } | undefined)?.fees, '225 €');
  });
});

describe('translations on the public pages', () => {
  before(async () => {
    await api(t, o.national, 'PUT', `/procedures/${o.fixture.procedureId}`, {
      title: '3.1 Renouvellement de titre de séjour',
      description: 'Dépôt au guichet de votre demande de renouvellement.',
      audience: 'Titulaires d’un titre expirant dans les trois mois.',
      documents: ['Passeport', 'Titre de séjour'],
      fees: 'Taxe de 225 € à la remise du titre.',
      arrivalAdvice: {
        fr: 'Présentez-vous avec votre convocation imprimée.',
        en: 'Bring your printed appointment letter.',
      },
      requiresForeignerNumber: true,
      requiresTitleExpiry: false,
      requiresPostalCode: true,
      translations: {
        en: {
          title: '3.1 Residence permit renewal',
          description: 'Apply at the counter for your renewal.',
          documents: ['Passport', 'Residence permit'],
        },
      },
    });
  });

  const stepOne = async (query: string) => {
    const code = (
      await t.database.db
        .selectFrom('procedure')
        .select('code')
        .where('id', '=', o.fixture.procedureId)
        .executeTakeFirstOrThrow()
    ).code;
    return t.app.inject({ url: `/departements/74/demarches/${code}${query}` });
  };

  test('step 1 shows the English texts with ?lang=en, French for what is not translated', async () => {
    const response = await stepOne('?lang=en');
    assert.equal(response.statusCode, 200);
    const text = mainText(response.body);
    assert.match(text, /3\.1 Residence permit renewal/);
    assert.match(text, /Apply at the counter for your renewal\./);
    assert.match(text, /Residence permit/);
    assert.match(
      text,
      /Titulaires d’un titre expirant dans les trois mois\./,
      'the audience falls back to French',
    );
    assert.match(text, /Taxe de 225 € à la remise du titre\./);
    assert.match(text, /Bring your printed appointment letter\./);
    assert.doesNotMatch(text, /Dépôt au guichet de votre demande/);
  });

  test('step 1 shows the French texts otherwise', async () => {
    const text = mainText((await stepOne('?lang=fr')).body);
    assert.match(text, /3\.1 Renouvellement de titre de séjour/);
    assert.match(text, /Dépôt au guichet de votre demande de renouvellement\./);
    assert.match(text, /Présentez-vous avec votre convocation imprimée\./);
    assert.doesNotMatch(text, /Residence permit renewal/);
  });

  test('the directory and step 2 title the procedure in the visitor’s language', async () => {
    const directory = await t.app.inject({ url: '/departements/74?lang=en' });
    assert.match(mainText(directory.body), /3\.1 Residence permit renewal/);
    const french = await t.app.inject({ url: '/departements/74?lang=fr' });
    assert.match(mainText(french.body), /3\.1 Renouvellement de titre de séjour/);
  });
});
