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
      .select(['email_key', 'status', 'locale', 'booking_id'])
      .select((eb) => eb('sealed_tokens', 'is not', null).as('sealed'))
      .where('event', '=', 'manage.link_requested')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      queued,
      [knownEmail.toLowerCase(), unknownEmail].map((emailKey) => ({
        email_key: emailKey,
        status: 'pending',
        locale: 'fr',
        booking_id: null,
        sealed: true,
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
      .select(['email_key', 'status', 'sealed_tokens'])
      .where('event', '=', 'manage.link_requested')
      .orderBy('id')
      .execute();
    assert.deepEqual(rows, [
      { email_key: knownEmail.toLowerCase(), status: 'sent', sealed_tokens: null },
      { email_key: null, status: 'skipped', sealed_tokens: null },
    ]);
    const links = await t.database.db.selectFrom('access_token').select('email_key').execute();
    assert.deepEqual(links, [{ email_key: knownEmail.toLowerCase() }]);
  });
});
