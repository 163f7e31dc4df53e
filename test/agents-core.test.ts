import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { recordAudit } from '../src/modules/audit/audit.ts';
import { createAgent, signedInCookie } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture } from './helpers/fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  await createFixture(t.database.db);
});
after(() => t.close());

const actor = { agentId: null, addressHash: 'h' };

describe('the audit log is append-only', () => {
  test('UPDATE, DELETE and TRUNCATE of a recent entry are refused by the database', async () => {
    const db = t.database.db;
    await recordAudit(
      db,
      actor,
      { action: 'site.update', target: { type: 'site', id: 1 }, before: { a: 1 }, after: { a: 2 } },
      t.clock.now(),
    );
    await assert.rejects(sql`update audit_entry set action = 'site.delete'`.execute(db), /append-only/);
    await assert.rejects(sql`delete from audit_entry`.execute(db), /append-only/);
    await assert.rejects(sql`truncate audit_entry`.execute(db), /append-only/);
    const rows = await db.selectFrom('audit_entry').select(['action', 'after']).execute();
    assert.deepEqual(rows, [{ action: 'site.update', after: { a: 2 } }]);
  });

  test('the retention may blank an old entry’s personal values and remove entries past five years, nothing else', async () => {
    const db = t.database.db;
    const old = new Date(Date.now() - 400 * 86_400_000);
    await recordAudit(
      db,
      actor,
      {
        action: 'booking.correct_identity',
        target: { type: 'booking', id: 9 },
        before: { lastName: 'DUPONT' },
        personal: true,
      },
      old,
    );
    await assert.rejects(
      sql`update audit_entry set action = 'x.y' where target_id = '9'`.execute(db),
      /append-only/,
    );
    await sql`update audit_entry set before = null, after = null, address_hash = null where target_id = '9'`.execute(
      db,
    );
    await assert.rejects(sql`delete from audit_entry where target_id = '9'`.execute(db), /append-only/);
    const ancient = new Date(Date.now() - 6 * 366 * 86_400_000);
    await recordAudit(db, actor, { action: 'site.update', target: { type: 'site', id: 77 } }, ancient);
    await sql`delete from audit_entry where target_id = '77'`.execute(db);
  });

  test('secrets never reach an entry', async () => {
    const db = t.database.db;
    await recordAudit(
      db,
      actor,
      {
        action: 'agent.create',
        target: { type: 'agent', id: 5 },
        after: { email: 'a@b.fr', password: 'x', totpSecret: 'y', nested: { tokenHash: 'z', ok: 1 } },
      },
      t.clock.now(),
    );
    const row = await db
      .selectFrom('audit_entry')
      .select('after')
      .where('target_id', '=', '5')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.after, { email: 'a@b.fr', nested: { ok: 1 } });
  });
});

describe('a département keeps an administrator', () => {
  test('the last administrator’s grant cannot be removed nor the agent deactivated; a handover can', async () => {
    const db = t.database.db;
    const first = await createAgent(db, t.config, {
      grants: [{ role: 'administrator', scope: { kind: 'department', departmentCode: '74' } }],
    });
    await assert.rejects(
      db.deleteFrom('role_grant').where('agent_id', '=', first.id).execute(),
      /at least one administrator/,
    );
    await assert.rejects(
      db.updateTable('agent').set({ active: false }).where('id', '=', first.id).execute(),
      /at least one administrator/,
    );
    const second = await createAgent(db, t.config);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('role_grant')
        .values({
          agent_id: second.id,
          role: 'administrator',
          scope_kind: 'department',
          department_code: '74',
          site_id: null,
        })
        .execute();
      await trx.deleteFrom('role_grant').where('agent_id', '=', first.id).execute();
    });
    const left = await db
      .selectFrom('role_grant')
      .select('agent_id')
      .where('role', '=', 'administrator')
      .execute();
    assert.deepEqual(left, [{ agent_id: second.id }]);
  });
});

describe('the back office’s guard', () => {
  test('without a session the back office sends the browser to the sign-in page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/agents', headers: { accept: 'text/html' } });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/agents/connexion');
  });

  test('a complete session opens the home page with the agent’s name and roles', async () => {
    const agent = await createAgent(t.database.db, t.config, {
      name: 'Camille Martin',
      grants: [{ role: 'viewer', scope: { kind: 'department', departmentCode: '74' } }],
    });
    const cookie = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
    const response = await t.app.inject({ method: 'GET', url: '/agents', headers: { cookie } });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Camille Martin/);
    assert.match(response.body, /Consultation/);
  });

  test('a session idle for longer than the setting is over', async () => {
    const agent = await createAgent(t.database.db, t.config);
    const cookie = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
    t.clock.advance(31 * 60_000);
    const response = await t.app.inject({ method: 'GET', url: '/agents', headers: { cookie } });
    assert.equal(response.statusCode, 303);
  });
});
