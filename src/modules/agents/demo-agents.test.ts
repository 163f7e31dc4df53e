import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { parseConfig } from '../../config.ts';
import { createDemoAgents } from './demo-agents.ts';
import { verifyPassword } from './passwords.ts';
import { openTotpSecret, totpCode } from './totp.ts';

// The demo's agents on a real PostgreSQL: one per role on the demo's Haute-Savoie, their secrets
// working, created once, never with a production configuration.

const SECRET_KEY = 'demo-agents-secret-key-demo-agents-secret-key';
const development = parseConfig({ SECRET_KEY, LOG_LEVEL: 'silent' });
const production = parseConfig({
  NODE_ENV: 'production',
  SECRET_KEY,
  PUBLIC_URL: 'https://creneau.example.gouv.fr',
  SMTP_URL: 'smtp://mail.example.gouv.fr',
  DATABASE_URL: 'postgres://creneau@db.example/creneau',
});

let database: TestDatabase;
let siteId: number;

before(async () => {
  database = await createTestDatabase();
  await database.db
    .insertInto('department')
    .values({ code: '74', name: 'Haute-Savoie', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .execute();
  siteId = (
    await database.db
      .insertInto('site')
      .values({
        department_code: '74',
        name: 'Préfecture de la Haute-Savoie',
        kind: 'prefecture',
        address: 'Annecy',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
after(() => database.drop());

describe('the demo agents', () => {
  test('nothing is created with a production configuration', async () => {
    assert.deepEqual(await createDemoAgents(database.db, production, new Date()), []);
    assert.equal((await database.db.selectFrom('agent').select('id').execute()).length, 0);
  });

  test('one agent per role, each with a password and a TOTP secret that work, audited as the demo’s', async () => {
    const now = new Date();
    const agents = await createDemoAgents(database.db, development, now);
    assert.deepEqual(
      agents.map((a) => `${a.role} ${a.scope}`),
      [
        'administrator national',
        `site_manager site:${siteId}`,
        `agent site:${siteId}`,
        'viewer 74',
        'partner 74',
      ],
    );
    for (const agent of agents) {
      const row = await database.db
        .selectFrom('agent')
        .selectAll()
        .where('email', '=', agent.email)
        .executeTakeFirstOrThrow();
      assert.ok(await verifyPassword(row.password_hash ?? '', agent.password), agent.email);
      const secret = openTotpSecret(SECRET_KEY, row.totp_secret ?? Buffer.alloc(0));
      assert.equal(totpCode(secret, now), totpCode(agent.totpSecret, now));
      assert.match(agent.totpUri, /^otpauth:\/\/totp\/Cr%C3%A9neau:.+\?.*secret=/);
    }
    const entries = await database.db.selectFrom('audit_entry').select(['action', 'after']).execute();
    assert.equal(entries.length, 5);
    assert.ok(
      entries.every((e) => e.action === 'agent.create' && (e.after as { via: string }).via === 'demo'),
    );
    assert.doesNotMatch(JSON.stringify(entries), new RegExp(agents.map((a) => a.password).join('|')));
  });

  test('only once: a database with agents gets no more', async () => {
    assert.deepEqual(await createDemoAgents(database.db, development, new Date()), []);
    assert.equal((await database.db.selectFrom('agent').select('id').execute()).length, 5);
  });
});
