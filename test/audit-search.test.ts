import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { purgeAuditJob } from '../src/jobs/definitions.ts';
import { type AuditRecord, recordAudit } from '../src/modules/audit/audit.ts';
import { purgeAuditEntries } from '../src/modules/audit/audit-retention.ts';
import { bearer, createAgent, scope, signedInCookie, type TestAgent } from './helpers/agents.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';

// Searching the audit log (issue 8, point 5) through GET /api/v1/admin/audit and /agents/journal: the
// reader's audit.read coverage over each entry's place, the filters, §7.1's exact shape; and the
// retention tiers the daily job applies.

let t: TestApp;
let f74: Fixture;
let site34: number;
let national: TestAgent;
let admin74: TestAgent;
let siteAdmin: TestAgent;
let manager: TestAgent;
const auth: Record<string, string> = {};

// The test clock is 2029-12-20T10:00Z; entries are dated around it.
const at = (iso: string) => new Date(iso);

async function entry(agentId: number | null, record: AuditRecord, when: string) {
  await recordAudit(t.database.db, { agentId, addressHash: 'h' }, record, at(when));
}

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
      .values({ department_code: '34', name: 'Béziers', kind: 'sous_prefecture', address: 'Béziers' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  national = await createAgent(db, t.config, {
    grants: [{ role: 'administrator', scope: scope('national') }],
  });
  admin74 = await createAgent(db, t.config, { grants: [{ role: 'administrator', scope: scope('74') }] });
  siteAdmin = await createAgent(db, t.config, {
    grants: [{ role: 'administrator', scope: scope(`site:${f74.siteId}`) }],
  });
  manager = await createAgent(db, t.config, { grants: [{ role: 'site_manager', scope: scope('74') }] });
  for (const [key, agent] of Object.entries({ national, admin74, siteAdmin, manager })) {
    auth[key] = await bearer(db, agent.id, t.clock.now());
  }
  const site74 = { departmentCode: '74', siteId: f74.siteId };
  await entry(
    manager.id,
    {
      action: 'site.update',
      target: { type: 'site', id: f74.siteId },
      place: site74,
      before: { name: 'A' },
      after: { name: 'B' },
    },
    '2029-12-18T09:00:00Z',
  );
  await entry(
    null,
    {
      action: 'site.update',
      target: { type: 'site', id: site34 },
      place: { departmentCode: '34', siteId: site34 },
    },
    '2029-12-19T09:00:00Z',
  );
  await entry(null, { action: 'agent.sign_in_failed', target: { type: 'agent' } }, '2029-12-20T08:00:00Z');
  await entry(
    admin74.id,
    {
      action: 'grant.add',
      target: { type: 'agent', id: 42 },
      place: { departmentCode: '74' },
      after: { role: 'agent', scope: '74' },
    },
    '2029-12-20T09:00:00Z',
  );
});
after(() => t.close());

type Entry = {
  at: string;
  agent: string | null;
  action: string;
  target: { type: string; id: string | null };
};

async function search(who: string, query = '') {
  const response = await t.app.inject({
    url: `/api/v1/admin/audit${query}`,
    headers: { authorization: auth[who] ?? '' },
  });
  return { response, entries: response.statusCode === 200 ? (response.json() as Entry[]) : [] };
}

/** The entries of the fixture, recognised by action and target (the tokens' creations aside). */
const fixtureOnly = (entries: Entry[]) =>
  entries
    .filter((e) => e.action !== 'token.create')
    .map((e) => `${e.action}:${e.target.type}:${e.target.id}`);

describe('who reads which entries', () => {
  test('a national administrator reads every entry, national ones included, newest first', async () => {
    const { entries } = await search('national');
    assert.deepEqual(fixtureOnly(entries), [
      'grant.add:agent:42',
      'agent.sign_in_failed:agent:null',
      `site.update:site:${site34}`,
      `site.update:site:${f74.siteId}`,
    ]);
  });

  test('a département administrator reads their département’s entries only, none national', async () => {
    const { entries } = await search('admin74');
    assert.deepEqual(fixtureOnly(entries), ['grant.add:agent:42', `site.update:site:${f74.siteId}`]);
  });

  test('a site’s administrator reads that site’s entries, not the département’s', async () => {
    const { entries } = await search('siteAdmin');
    assert.deepEqual(fixtureOnly(entries), [`site.update:site:${f74.siteId}`]);
  });

  test('a site manager has no audit.read: 403 not_permitted', async () => {
    const { response } = await search('manager');
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error.code, 'not_permitted');
  });
});

describe('the search', () => {
  test('each entry has exactly §7.1’s shape {at, agent, action, target, before, after}', async () => {
    const { entries } = await search('national', `?action=site.update&targetId=${f74.siteId}`);
    assert.deepEqual(entries, [
      {
        at: '2029-12-18T09:00:00.000Z',
        agent: manager.email,
        action: 'site.update',
        target: { type: 'site', id: String(f74.siteId) },
        before: { name: 'A' },
        after: { name: 'B' },
      },
    ]);
    const nobody = await search('national', '?action=agent.sign_in_failed');
    assert.equal(nobody.entries[0]?.agent, null);
  });

  test('by agent, by target type and id, by action', async () => {
    assert.deepEqual(
      fixtureOnly(
        (await search('national', `?agent=${encodeURIComponent(admin74.email.toUpperCase())}`)).entries,
      ),
      ['grant.add:agent:42'],
    );
    assert.deepEqual(fixtureOnly((await search('national', '?targetType=agent&targetId=42')).entries), [
      'grant.add:agent:42',
    ]);
    assert.equal((await search('national', '?action=nothing.like_this')).entries.length, 0);
  });

  test('by period: days in Paris time, the end day included, or instants', async () => {
    const day = await search('national', '?from=2029-12-19&to=2029-12-19');
    assert.deepEqual(fixtureOnly(day.entries), [`site.update:site:${site34}`]);
    const since = await search('national', `?from=${encodeURIComponent('2029-12-20T08:30:00+00:00')}`);
    assert.ok(fixtureOnly(since.entries).every((e) => e === 'grant.add:agent:42'));
  });

  test('invalid dates are a 422 naming the field; an end before the start too', async () => {
    for (const [query, fieldName] of [
      ['?from=2029-02-30', 'from'],
      ['?to=hier', 'to'],
      ['?from=2029-12-20&to=2029-12-19', 'to'],
    ]) {
      const { response } = await search('national', query);
      assert.equal(response.statusCode, 422, query);
      assert.equal(response.json().error.fields[0].field, fieldName, query);
    }
    const { response } = await search('national', '?limit=0');
    assert.equal(response.json().error.fields[0].field, 'limit');
  });
});

describe('the journal’s screen', () => {
  const page = async (agent: TestAgent, query = '') => {
    const cookie = await signedInCookie(t.database.db, t.config, agent.id, t.clock.now());
    return t.app.inject({ url: `/agents/journal${query}`, headers: { cookie, accept: 'text/html' } });
  };

  test('shows the entries the reader may read, with the search form', async () => {
    const response = await page(admin74);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<code>grant\.add<\/code>/);
    assert.doesNotMatch(response.body, /agent\.sign_in_failed/);
    assert.match(response.body, /<form method="get" action="\/agents\/journal"/);
    assert.match(response.body, /aria-current="page">Journal</);
  });

  test('filters by the query string and says when nothing matches', async () => {
    const response = await page(national, '?action=grant.add');
    assert.match(response.body, /grant\.add/);
    assert.doesNotMatch(response.body, /<code>site\.update<\/code>/);
    const none = await page(national, '?targetType=nothing');
    assert.match(none.body, /Aucune entrée ne correspond/);
  });

  test('an invalid date is shown in error, naming the field, status 422', async () => {
    const response = await page(national, '?from=2029-13-01');
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /href="#from">Du : Date attendue au format AAAA-MM-JJ/);
  });

  test('a reader without audit.read gets the refusal page', async () => {
    assert.equal((await page(manager)).statusCode, 403);
  });

  test('pages of fifty, with a link to the next keeping the search', async () => {
    const rows = Array.from({ length: 55 }, (_, i) => ({
      at: new Date(Date.parse('2029-11-01T00:00:00Z') + i * 60_000),
      agent_id: null,
      action: 'bulk.test',
      target_type: 'site',
      target_id: String(i),
      department_code: '74',
      site_id: null,
      before: null,
      after: null,
      address_hash: null,
    }));
    await t.database.db.insertInto('audit_entry').values(rows).execute();
    const first = await page(national, '?action=bulk.test');
    assert.equal((first.body.match(/<code>bulk\.test<\/code>/g) ?? []).length, 50);
    assert.match(first.body, /href="\/agents\/journal\?action=bulk\.test&amp;page=2">Page suivante/);
    const second = await page(national, '?action=bulk.test&page=2');
    assert.equal((second.body.match(/<code>bulk\.test<\/code>/g) ?? []).length, 5);
    assert.match(second.body, /Page précédente/);
  });
});

describe('the retention tiers', () => {
  const days = (n: number) => new Date(Date.now() - n * 86_400_000);

  test('after a year personal values and address hashes go, after five years entries go; nothing else', async () => {
    const db = t.database.db;
    const actor = { agentId: null, addressHash: 'address' };
    const mark = (id: string) => ({ type: 'retention', id });
    await recordAudit(
      db,
      actor,
      {
        action: 'booking.correct_identity',
        target: mark('personal-old'),
        before: { lastName: 'DUPONT' },
        after: { lastName: 'DUPOND' },
        personal: true,
      },
      days(400),
    );
    await recordAudit(
      db,
      actor,
      { action: 'site.update', target: mark('plain-old'), before: { name: 'A' }, after: { name: 'B' } },
      days(400),
    );
    await recordAudit(
      db,
      actor,
      {
        action: 'booking.correct_identity',
        target: mark('personal-recent'),
        before: { lastName: 'X' },
        personal: true,
      },
      days(300),
    );
    await recordAudit(
      db,
      actor,
      { action: 'site.update', target: mark('ancient'), after: { name: 'C' } },
      days(6 * 366),
    );
    const result = await purgeAuditEntries(db, new Date());
    assert.deepEqual(result, { blanked: 2, deleted: 1 });
    const rows = await db
      .selectFrom('audit_entry')
      .select(['target_id', 'before', 'after', 'address_hash'])
      .where('target_type', '=', 'retention')
      .orderBy('target_id')
      .execute();
    assert.deepEqual(rows, [
      { target_id: 'personal-old', before: null, after: null, address_hash: null },
      { target_id: 'personal-recent', before: { lastName: 'X' }, after: null, address_hash: 'address' },
      { target_id: 'plain-old', before: { name: 'A' }, after: { name: 'B' }, address_hash: null },
    ]);
    assert.deepEqual(await purgeAuditEntries(db, new Date()), { blanked: 0, deleted: 0 });
  });

  test('a clock ahead of the database’s never asks the trigger for a change it refuses', async () => {
    const db = t.database.db;
    // The fixture's entries are dated 2029, in the database's future: a clock in 2036 would call them
    // over five years old, but the database judges them young, so the job leaves them.
    const before = Number(
      (await sql<{ n: string }>`select count(*) as n from audit_entry`.execute(db)).rows[0]?.n,
    );
    assert.deepEqual(await purgeAuditEntries(db, new Date('2036-01-01T00:00:00Z')), {
      blanked: 0,
      deleted: 0,
    });
    const after = Number(
      (await sql<{ n: string }>`select count(*) as n from audit_entry`.execute(db)).rows[0]?.n,
    );
    assert.equal(after, before);
  });

  test('the daily job applies the tiers', async () => {
    const db = t.database.db;
    await recordAudit(
      db,
      { agentId: null, addressHash: 'a' },
      { action: 'site.update', target: { type: 'job-test' } },
      days(400),
    );
    assert.equal(purgeAuditJob.cron, '31 3 * * *');
    const context = {
      db,
      clock: { now: () => new Date() },
      config: t.config,
      log: console,
      jobId: 'j',
      attempt: 1,
    };
    assert.deepEqual(await purgeAuditJob.handler({}, context), { blanked: 1, deleted: 0 });
  });
});
