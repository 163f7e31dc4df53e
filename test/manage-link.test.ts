import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type KyselyPlugin, PostgresQueryCompiler } from 'kysely';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicant, createFixture } from './helpers/fixtures.ts';

// Every statement the routes send to PostgreSQL, as SQL text (the values are parameters, left out).
const statements: string[] = [];
const compiler = new PostgresQueryCompiler();
const recorder: KyselyPlugin = {
  transformQuery: ({ node, queryId }) => {
    statements.push(compiler.compileQuery(node, queryId).sql);
    return node;
  },
  transformResult: async ({ result }) => result,
};

let t: TestApp;
const knownEmail = 'Amina.Diallo@example.org';
const unknownEmail = 'personne.inconnue@example.org';

before(async () => {
  t = await createTestApp({ routesDb: (db) => db.withPlugin(recorder) });
  const fixture = await createFixture(t.database.db, { slots: 2, capacity: 1 });
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: {
      slotId: fixture.slotIds[0],
      acceptConditions: true,
      applicant: applicant(undefined, { email: knownEmail }),
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  await t.deliverMail();
  t.mail.clear();
});
after(() => t.close());

/** Asks for the manage link through the page's form, as a browser does, and returns what the route ran. */
async function askForLink(email: string) {
  const form = await t.app.inject({ url: '/rendez-vous/gerer' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  statements.length = 0;
  const answer = await t.app.inject({
    method: 'POST',
    url: '/rendez-vous/gerer',
    cookies: Object.fromEntries(form.cookies.map((c) => [c.name, c.value])),
    payload: { email, altcha: '', _csrf: csrf },
  });
  return { answer, ran: [...statements] };
}

describe('asking for the manage link tells nothing by its timing', () => {
  test('a known and an unknown address take the same path: the same statements, one queued request each', async () => {
    const known = await askForLink(knownEmail.toUpperCase());
    const unknown = await askForLink(unknownEmail);

    assert.equal(known.answer.statusCode, 200);
    assert.equal(unknown.answer.statusCode, 200);
    assert.deepEqual(unknown.ran, known.ran);
    assert.equal(known.ran.length, 1, known.ran.join('\n'));
    assert.match(known.ran[0] ?? '', /^insert into "outbox"/);
    assert.doesNotMatch(known.ran.join('\n'), /"booking"|"access_token"/, 'nothing looked up on the way');

    const queued = await t.database.db
      .selectFrom('outbox')
      .select(['recipient', 'subject', 'body_text', 'status', 'locale'])
      .where('kind', '=', 'manage_link')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      queued.map((row) => ({ ...row, recipient: row.recipient.toLowerCase() })),
      [knownEmail.toLowerCase(), unknownEmail].map((recipient) => ({
        recipient,
        subject: '',
        body_text: null,
        status: 'pending',
        locale: 'fr',
      })),
    );
  });

  test('the worker decides: the known address gets its link, the unknown one nothing, and is not kept', async () => {
    await t.deliverMail();

    const sent = t.mail.messages();
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]?.to, [knownEmail], 'written to the address as booked, not as typed');
    assert.match(sent[0]?.text ?? '', /rendez-vous\/gerer\?token=/);
    const rows = await t.database.db
      .selectFrom('outbox')
      .select(['recipient', 'status', 'body_text'])
      .where('kind', '=', 'manage_link')
      .orderBy('id')
      .execute();
    assert.deepEqual(rows, [
      { recipient: knownEmail, status: 'sent', body_text: null },
      { recipient: '', status: 'skipped', body_text: null },
    ]);
    const links = await t.database.db.selectFrom('access_token').select('email_key').execute();
    assert.deepEqual(links, [{ email_key: knownEmail.toLowerCase() }]);
  });
});
