import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyPassword } from '../src/modules/agents/passwords.ts';
import { bearer, createAgent, scope, signedInCookie, type TestAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';

// The admin API's agents (issue 8, points 1 and 3): what a national and a département administrator
// see and change, ids tampered in paths and bodies, the database's last-administrator rule, and one
// audit entry per change.

let t: TestApp;
let f74: Fixture;
let site34: number;
let national: TestAgent;
let admin74: TestAgent;
let admin34: TestAgent;
let agent74: TestAgent;
let agent34: TestAgent;
const auth: Record<string, string> = {};

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  f74 = await createFixture(db);
  await db
    .insertInto('department')
    .values({ code: '34', name: 'Hérault', timezone: 'Europe/Paris', holiday_region: 'metropole' })
    .execute();
  site34 = (
    await db
      .insertInto('site')
      .values({
        department_code: '34',
        name: 'Préfecture de l’Hérault',
        kind: 'prefecture',
        address: 'Montpellier',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const make = (name: string, grants: NonNullable<Parameters<typeof createAgent>[2]>['grants']) =>
    createAgent(db, t.config, { name, grants });
  national = await make('Nadia National', [{ role: 'administrator', scope: scope('national') }]);
  admin74 = await make('Anne Admin74', [{ role: 'administrator', scope: scope('74') }]);
  admin34 = await make('Alain Admin34', [{ role: 'administrator', scope: scope('34') }]);
  agent74 = await make('Xavier Agent74', [{ role: 'agent', scope: scope(`site:${f74.siteId}`) }]);
  agent34 = await make('Yasmine Agent34', [{ role: 'agent', scope: scope(`site:${site34}`, '34') }]);
  for (const [key, agent] of Object.entries({ national, admin74, admin34, agent74, agent34 })) {
    auth[key] = await bearer(db, agent.id, t.clock.now());
  }
});
after(() => t.close());

function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1/admin${url}`,
    headers: { authorization: auth[who] ?? '' },
    ...(payload ? { payload } : {}),
  });
}

const auditCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from audit_entry`.execute(t.database.db)).rows[0]?.n);
const agentCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from agent`.execute(t.database.db)).rows[0]?.n);
const lastEntry = () =>
  t.database.db
    .selectFrom('audit_entry')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();

describe('listing and reading agents', () => {
  test('a département administrator lists only the agents with a role in their département', async () => {
    const response = await api('GET', '/agents', 'admin74');
    assert.equal(response.statusCode, 200);
    const emails = (response.json() as { email: string }[]).map((a) => a.email);
    assert.ok(emails.includes(admin74.email) && emails.includes(agent74.email));
    for (const other of [national, admin34, agent34]) assert.ok(!emails.includes(other.email), other.email);
  });

  test('a national administrator lists every agent, grants in the §7.1 scope syntax', async () => {
    const response = await api('GET', '/agents', 'national');
    const agents = response.json() as { email: string; grants: { role: string; scope: string }[] }[];
    assert.equal(agents.length, await agentCount());
    const y = agents.find((a) => a.email === agent34.email);
    assert.deepEqual(
      y?.grants.map(({ role, scope }) => ({ role, scope })),
      [{ role: 'agent', scope: `site:${site34}` }],
    );
  });

  test('another département’s agent is unknown (404), one’s own is read', async () => {
    assert.equal((await api('GET', `/agents/${agent34.id}`, 'admin74')).statusCode, 404);
    assert.equal((await api('GET', `/agents/${national.id}`, 'admin74')).statusCode, 404);
    const own = await api('GET', `/agents/${agent74.id}`, 'admin74');
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().email, agent74.email);
    assert.equal(own.json().totpEnrolled, false);
  });

  test('an agent without agent.manage is refused the list (403 not_permitted); no token is a 401', async () => {
    const refused = await api('GET', '/agents', 'agent74');
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'not_permitted');
    assert.equal((await api('GET', '/agents', 'nobody')).statusCode, 401);
  });
});

describe('creating agents', () => {
  test('a département administrator creates an agent on their site: password shown once, TOTP secret sealed, one entry', async () => {
    const entries = await auditCount();
    const response = await api('POST', '/agents', 'admin74', {
      email: 'Camille.Durand@Interieur.gouv.fr',
      name: 'Camille Durand',
      grants: [{ role: 'agent', scope: `site:${f74.siteId}` }],
    });
    assert.equal(response.statusCode, 201, response.body);
    const created = response.json();
    assert.equal(created.email, 'camille.durand@interieur.gouv.fr');
    assert.ok(created.password.length >= 12);
    assert.deepEqual(
      created.grants.map((g: { scope: string }) => g.scope),
      [`site:${f74.siteId}`],
    );
    assert.equal(response.headers['cache-control'], 'no-store');
    const row = await t.database.db
      .selectFrom('agent')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash ?? '', /^\$argon2id\$/);
    assert.ok(await verifyPassword(row.password_hash ?? '', created.password));
    assert.ok(row.totp_secret && row.totp_enrolled_at === null);
    assert.equal(await auditCount(), entries + 1);
    const entry = await lastEntry();
    assert.equal(entry.action, 'agent.create');
    assert.equal(entry.agent_id, admin74.id);
    assert.equal(entry.target_id, String(created.id));
    assert.equal(entry.department_code, '74');
    assert.equal(entry.site_id, f74.siteId);
    assert.deepEqual(entry.after, {
      email: 'camille.durand@interieur.gouv.fr',
      name: 'Camille Durand',
      federationOnly: false,
      grants: [{ role: 'agent', scope: `site:${f74.siteId}` }],
    });
    assert.doesNotMatch(JSON.stringify(entry), new RegExp(created.password));
  });

  test('a federation-only agent gets no password', async () => {
    const response = await api('POST', '/agents', 'admin74', {
      email: 'proconnect.only@interieur.gouv.fr',
      name: 'Paul Federation',
      grants: [{ role: 'viewer', scope: '74' }],
      federationOnly: true,
    });
    assert.equal(response.statusCode, 201);
    assert.equal(response.json().password, undefined);
    assert.equal(response.json().federationOnly, true);
  });

  const outOfScope: [string, () => { role: string; scope: string }][] = [
    ['a national role', () => ({ role: 'viewer', scope: 'national' })],
    ['a role on another département', () => ({ role: 'administrator', scope: '34' })],
    ['a role on another département’s site', () => ({ role: 'agent', scope: `site:${site34}` })],
  ];
  for (const [what, grant] of outOfScope) {
    test(`a département administrator cannot grant ${what}: refused, nothing stored`, async () => {
      const before = { agents: await agentCount(), entries: await auditCount() };
      const response = await api('POST', '/agents', 'admin74', {
        email: `refused-${Math.random().toString(36).slice(2)}@interieur.gouv.fr`,
        name: 'Refusé',
        grants: [grant()],
      });
      assert.equal(response.statusCode, 403, response.body);
      assert.equal(response.json().error.code, 'out_of_scope');
      assert.deepEqual({ agents: await agentCount(), entries: await auditCount() }, before);
    });
  }

  test('bad input is a 422 naming each field, nothing stored', async () => {
    const before = await agentCount();
    const response = await api('POST', '/agents', 'national', {
      email: 'not an email',
      name: '   ',
      grants: [
        { role: 'agent', scope: 'site:999999' },
        { role: 'agent', scope: 'everywhere' },
      ],
    });
    assert.equal(response.statusCode, 422);
    const fields = (response.json().error.fields as { field: string; code: string }[]).map(
      (x) => `${x.field}:${x.code}`,
    );
    assert.deepEqual(fields.sort(), [
      'email:format',
      'grants.0.scope:unknown_scope',
      'grants.1.scope:format',
      'name:required',
    ]);
    const role = await api('POST', '/agents', 'national', {
      email: 'a@b.fr',
      name: 'A',
      grants: [{ role: 'superuser', scope: '74' }],
    });
    assert.equal(role.statusCode, 422);
    assert.equal(role.json().error.fields[0].field, 'grants.0.role');
    assert.equal(await agentCount(), before);
  });

  test('an email already used is a 409', async () => {
    const response = await api('POST', '/agents', 'national', {
      email: agent34.email,
      name: 'Doublon',
      grants: [{ role: 'viewer', scope: '34' }],
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.code, 'email_taken');
  });
});

describe('editing agents and their grants', () => {
  test('a département administrator renames their agent: one agent.update entry with before and after', async () => {
    const entries = await auditCount();
    const response = await api('PATCH', `/agents/${agent74.id}`, 'admin74', { name: 'Xavier Renommé' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().name, 'Xavier Renommé');
    assert.equal(await auditCount(), entries + 1);
    const entry = await lastEntry();
    assert.equal(entry.action, 'agent.update');
    assert.deepEqual([entry.before, entry.after], [{ name: 'Xavier Agent74' }, { name: 'Xavier Renommé' }]);
  });

  test('ids tampered in the path never reach another département’s agent: 404, nothing changed', async () => {
    const entries = await auditCount();
    const patch = await api('PATCH', `/agents/${agent34.id}`, 'admin74', { name: 'Piraté', active: false });
    assert.equal(patch.statusCode, 404);
    const grant = await api('POST', `/agents/${agent34.id}/grants`, 'admin74', {
      role: 'agent',
      scope: '74',
    });
    assert.equal(grant.statusCode, 404);
    const removal = await api(
      'DELETE',
      `/agents/${agent34.id}/grants?role=agent&scope=site:${site34}`,
      'admin74',
    );
    assert.equal(removal.statusCode, 404);
    const row = await t.database.db
      .selectFrom('agent')
      .select(['name', 'active'])
      .where('id', '=', agent34.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'Yasmine Agent34', active: true });
    assert.equal(await auditCount(), entries);
  });

  test('a scope tampered in the body is refused: no role on another département’s site (403)', async () => {
    const response = await api('POST', `/agents/${agent74.id}/grants`, 'admin74', {
      role: 'site_manager',
      scope: `site:${site34}`,
    });
    assert.equal(response.statusCode, 403);
    const grants = await t.database.db
      .selectFrom('role_grant')
      .selectAll()
      .where('agent_id', '=', agent74.id)
      .execute();
    assert.equal(grants.length, 1);
  });

  test('a role is granted then withdrawn, each with its entry; the same grant twice is a 409', async () => {
    const added = await api('POST', `/agents/${agent74.id}/grants`, 'admin74', {
      role: 'viewer',
      scope: '74',
    });
    assert.equal(added.statusCode, 201);
    assert.deepEqual({ ...(added.json() as object), id: 0 }, { id: 0, role: 'viewer', scope: '74' });
    let entry = await lastEntry();
    assert.deepEqual(
      [entry.action, entry.after, entry.department_code],
      ['grant.add', { role: 'viewer', scope: '74' }, '74'],
    );
    const again = await api('POST', `/agents/${agent74.id}/grants`, 'admin74', {
      role: 'viewer',
      scope: '74',
    });
    assert.equal(again.statusCode, 409);
    const removed = await api('DELETE', `/agents/${agent74.id}/grants?role=viewer&scope=74`, 'admin74');
    assert.equal(removed.statusCode, 204);
    entry = await lastEntry();
    assert.deepEqual(
      [entry.action, entry.before, entry.after],
      ['grant.remove', { role: 'viewer', scope: '74' }, null],
    );
    const gone = await api('DELETE', `/agents/${agent74.id}/grants?role=viewer&scope=74`, 'admin74');
    assert.equal(gone.statusCode, 404);
  });

  test('an agent’s last role cannot be withdrawn (409): deactivate the account instead', async () => {
    const response = await api(
      'DELETE',
      `/agents/${agent74.id}/grants?role=agent&scope=site:${f74.siteId}`,
      'admin74',
    );
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.code, 'last_grant');
  });

  test('the last administrator of a département can be neither withdrawn nor deactivated (409), nothing changed', async () => {
    const db = t.database.db;
    const added = await api('POST', `/agents/${admin34.id}/grants`, 'national', {
      role: 'viewer',
      scope: '34',
    });
    assert.equal(added.statusCode, 201);
    const entries = await auditCount();
    const removal = await api(
      'DELETE',
      `/agents/${admin34.id}/grants?role=administrator&scope=34`,
      'national',
    );
    assert.equal(removal.statusCode, 409);
    assert.equal(removal.json().error.code, 'last_administrator');
    assert.match(removal.json().error.message, /34/);
    const deactivation = await api('PATCH', `/agents/${admin34.id}`, 'national', { active: false });
    assert.equal(deactivation.statusCode, 409);
    assert.equal(deactivation.json().error.code, 'last_administrator');
    const row = await db
      .selectFrom('agent')
      .select('active')
      .where('id', '=', admin34.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.active, true);
    assert.equal(await auditCount(), entries);
    assert.equal((await api('GET', '/agents', 'admin34')).statusCode, 200);
  });

  test('two administrators withdrawn or deactivated at once: one change passes, the other is a 409', async () => {
    const db = t.database.db;
    for (const [code, how] of [
      ['01', 'withdraw'],
      ['03', 'deactivate'],
      ['07', 'withdraw'],
      ['15', 'deactivate'],
    ] as const) {
      await db
        .insertInto('department')
        .values({ code, name: `Département ${code}`, timezone: 'Europe/Paris', holiday_region: 'metropole' })
        .execute();
      const grants = [
        { role: 'administrator' as const, scope: scope(code) },
        { role: 'viewer' as const, scope: scope(code) },
      ];
      const pair = [await createAgent(db, t.config, { grants }), await createAgent(db, t.config, { grants })];
      const responses = await Promise.all(
        pair.map((admin) =>
          how === 'withdraw'
            ? api('DELETE', `/agents/${admin.id}/grants?role=administrator&scope=${code}`, 'national')
            : api('PATCH', `/agents/${admin.id}`, 'national', { active: false }),
        ),
      );
      assert.deepEqual(
        responses.map((r) => r.statusCode).sort(),
        how === 'withdraw' ? [204, 409] : [200, 409],
        code,
      );
      const left = await db
        .selectFrom('role_grant')
        .innerJoin('agent', 'agent.id', 'role_grant.agent_id')
        .select('agent.id')
        .where('role_grant.role', '=', 'administrator')
        .where('role_grant.department_code', '=', code)
        .where('agent.active', '=', true)
        .execute();
      assert.equal(left.length, 1, code);
    }
  });

  test('account changes need every grant of the agent in scope: a shared agent is refused (403)', async () => {
    const shared = await createAgent(t.database.db, t.config, {
      grants: [
        { role: 'agent', scope: scope('74') },
        { role: 'agent', scope: scope('34') },
      ],
    });
    const seen = await api('GET', `/agents/${shared.id}`, 'admin74');
    assert.deepEqual(
      seen.json().grants.map((g: { scope: string }) => g.scope),
      ['74'],
    );
    const refused = await api('PATCH', `/agents/${shared.id}`, 'admin74', { active: false });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'out_of_scope');
  });

  test('bad PATCH bodies are 422 naming the field', async () => {
    const empty = await api('PATCH', `/agents/${agent74.id}`, 'admin74', {});
    assert.equal(empty.statusCode, 422);
    const typed = await api('PATCH', `/agents/${agent74.id}`, 'admin74', { active: 'no' });
    assert.equal(typed.json().error.fields[0].field, 'active');
    const blank = await api('PATCH', `/agents/${agent74.id}`, 'admin74', { name: '' });
    assert.equal(blank.json().error.fields[0].field, 'name');
  });
});

describe('deactivation and federation-only', () => {
  test('deactivation ends every session and revokes every token; reactivation does not revive them', async () => {
    const db = t.database.db;
    const z = await createAgent(db, t.config, { grants: [{ role: 'viewer', scope: scope('74') }] });
    const cookie = await signedInCookie(db, t.config, z.id, t.clock.now());
    const token = await bearer(db, z.id, t.clock.now());
    assert.equal((await t.app.inject({ url: '/agents', headers: { cookie } })).statusCode, 200);
    const response = await api('PATCH', `/agents/${z.id}`, 'admin74', { active: false });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().active, false);
    const entry = await lastEntry();
    assert.equal(entry.action, 'agent.deactivate');
    assert.deepEqual(
      [entry.before, entry.after],
      [{ active: true }, { active: false, sessionsEnded: 1, apiAccessRevoked: 1 }],
    );
    const page = await t.app.inject({ url: '/agents', headers: { cookie, accept: 'text/html' } });
    assert.equal(page.statusCode, 303);
    const call = await t.app.inject({ url: '/api/v1/admin/tokens', headers: { authorization: token } });
    assert.equal(call.statusCode, 401);
    const back = await api('PATCH', `/agents/${z.id}`, 'admin74', { active: true });
    assert.equal(back.statusCode, 200);
    assert.equal((await lastEntry()).action, 'agent.reactivate');
    assert.equal(
      (await t.app.inject({ url: '/api/v1/admin/tokens', headers: { authorization: token } })).statusCode,
      401,
    );
    assert.equal((await t.app.inject({ url: '/agents', headers: { cookie } })).statusCode, 303);
  });

  test('federation-only on removes the password; off hands out a new one, shown once', async () => {
    const db = t.database.db;
    const w = await createAgent(db, t.config, { grants: [{ role: 'viewer', scope: scope('74') }] });
    const on = await api('PATCH', `/agents/${w.id}`, 'admin74', { federationOnly: true });
    assert.equal(on.statusCode, 200);
    assert.equal(on.json().password, undefined);
    const hash = async () =>
      (await db.selectFrom('agent').select('password_hash').where('id', '=', w.id).executeTakeFirstOrThrow())
        .password_hash;
    assert.equal(await hash(), null);
    const off = await api('PATCH', `/agents/${w.id}`, 'admin74', { federationOnly: false });
    assert.equal(off.statusCode, 200);
    const password = off.json().password as string;
    assert.ok(password.length >= 12);
    assert.ok(await verifyPassword((await hash()) ?? '', password));
    const entry = await lastEntry();
    assert.deepEqual(
      [entry.action, entry.before, entry.after],
      ['agent.update', { federationOnly: true }, { federationOnly: false }],
    );
  });
});

describe('the OpenAPI document', () => {
  test('declares the bearer scheme once and every admin route requires it', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const { type, scheme } = doc.components.securitySchemes.bearerAuth;
    assert.deepEqual({ type, scheme }, { type: 'http', scheme: 'bearer' });
    const adminPaths = Object.entries(
      doc.paths as Record<string, Record<string, { security?: unknown }>>,
    ).filter(([path]) => path.startsWith('/api/v1/admin/'));
    const operations = adminPaths.flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    assert.ok(operations.length >= 10, `only ${operations.length} admin operations`);
    for (const { path, method, op } of operations) {
      assert.deepEqual(op.security, [{ bearerAuth: [] }], `${method} ${path}`);
    }
  });
});
