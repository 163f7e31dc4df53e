import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Executor } from '../src/db/database.ts';
import type { RequestStatus } from '../src/db/schema.ts';
import { ALL_REQUEST_STATUSES, canChangeRequestStatus } from '../src/modules/requests/statuses.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createDrawFixture, type DrawFixture } from './helpers/requests.ts';

// The rules migration 0017 gives the `request` table, tried on PostgreSQL itself: the status table of
// src/modules/requests/statuses.ts against the trigger (every pair), one live request per identity,
// what never changes, the offices that must offer the draw, the identity already booked, the counter
// of live online requests per address.

let database: TestDatabase;
let fixture: DrawFixture;

before(async () => {
  database = await createTestDatabase();
  fixture = await createDrawFixture(database.db);
});
after(() => database.drop());

/** Runs `work` in a transaction that is rolled back, and gives back what it returned. */
async function rolledBack<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  const rollback = new Error('rollback');
  try {
    await database.db.transaction().execute(async (trx) => {
      result = { value: await work(trx) };
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  if (!result) throw new Error('the work did not finish');
  return result.value;
}

/** The constraint that refused a statement, or null when it was accepted. */
async function refusal(trx: Executor, statement: () => Promise<unknown>): Promise<string | null> {
  await sql`savepoint attempt`.execute(trx);
  try {
    await statement();
    await sql`release savepoint attempt`.execute(trx);
    return null;
  } catch (error) {
    await sql`rollback to savepoint attempt`.execute(trx);
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code !== '23514' && code !== '23505') throw error;
    return constraint ?? 'unnamed check';
  }
}

let counter = 0;
function row(overrides: Record<string, unknown> = {}) {
  const n = ++counter;
  return {
    label: `RQ${String(n).padStart(8, '0')}`,
    procedure_id: fixture.procedureId,
    identity_key: `F:${String(7_100_000_000 + n)}`,
    email_key: `rules.${n}@example.org`,
    last_name: 'Règle',
    first_name: 'Essai',
    birth_date: '1990-01-01',
    email: `rules.${n}@example.org`,
    site_ids: [fixture.drawSiteIds[0]],
    ...overrides,
  };
}

async function insertRequest(trx: Executor, overrides: Record<string, unknown> = {}) {
  const inserted = await trx
    .insertInto('request')
    .values(row(overrides) as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

const setStatus = (trx: Executor, id: string, status: RequestStatus) =>
  trx.updateTable('request').set({ status }).where('id', '=', id).execute();

describe('request statuses', () => {
  for (const from of ALL_REQUEST_STATUSES) {
    for (const to of ALL_REQUEST_STATUSES) {
      if (from === to) continue;
      const allowed = canChangeRequestStatus(from, to);
      test(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const refused = await rolledBack(async (trx) => {
          const id = await insertRequest(trx);
          if (from !== 'waiting') await setStatus(trx, id, from);
          return refusal(trx, () => setStatus(trx, id, to));
        });
        assert.equal(refused, allowed ? null : 'request_status_transition');
      });
    }
  }

  test('a request starts waiting', async () => {
    for (const status of ['won', 'withdrawn', 'closed', 'lost'] as const) {
      const refused = await rolledBack((trx) => refusal(trx, () => insertRequest(trx, { status })));
      assert.ok(
        refused === 'request_status_transition' || refused === 'request_status_check',
        `${status}: ${refused}`,
      );
    }
  });
});

describe('one live request per identity and procedure', () => {
  test('a second waiting request of the same identity is refused; after a withdrawal it is accepted', async () => {
    await rolledBack(async (trx) => {
      const identity = { identity_key: 'F:7199999999' };
      const first = await insertRequest(trx, identity);
      assert.equal(await refusal(trx, () => insertRequest(trx, identity)), 'request_one_live_per_identity');
      await setStatus(trx, first, 'withdrawn');
      assert.equal(await refusal(trx, () => insertRequest(trx, identity)), null);
    });
  });

  test('the identity, the procedure, the label and who entered it never change', async () => {
    await rolledBack(async (trx) => {
      const id = await insertRequest(trx);
      for (const change of [
        { identity_key: 'F:7188888888' },
        { label: 'ZZZZZZZZZZ' },
        { entered_by: null, created_at: new Date(0) },
      ]) {
        const refused = await refusal(trx, () =>
          trx
            .updateTable('request')
            .set(change as never)
            .where('id', '=', id)
            .execute(),
        );
        assert.equal(refused, 'request_identity_immutable', JSON.stringify(change));
      }
    });
  });
});

describe('what a request may name', () => {
  test('every office must offer the procedure by draw, on insert and on update', async () => {
    await rolledBack(async (trx) => {
      assert.equal(
        await refusal(trx, () => insertRequest(trx, { site_ids: [fixture.drawSiteIds[0], fixture.siteId] })),
        'request_sites_offer_draw',
      );
      const id = await insertRequest(trx);
      const refused = await refusal(trx, () =>
        trx
          .updateTable('request')
          .set({ site_ids: [999_999] })
          .where('id', '=', id)
          .execute(),
      );
      assert.equal(refused, 'request_sites_offer_draw');
    });
  });

  test('offices and half-days: each once, half-days among the fourteen, at least one office', async () => {
    await rolledBack(async (trx) => {
      const [a, b] = fixture.drawSiteIds;
      assert.equal(await refusal(trx, () => insertRequest(trx, { site_ids: [] })), 'request_site_ids_check');
      assert.equal(
        await refusal(trx, () => insertRequest(trx, { site_ids: [a, a] })),
        'request_site_ids_check',
      );
      assert.equal(
        await refusal(trx, () => insertRequest(trx, { half_days: ['mon-am', 'mon-am'] })),
        'request_half_days_check',
      );
      assert.equal(
        await refusal(trx, () => insertRequest(trx, { half_days: ['mon-noon'] })),
        'request_half_days_check',
      );
      assert.equal(
        await refusal(trx, () => insertRequest(trx, { site_ids: [a, b], half_days: ['sun-pm'] })),
        null,
      );
      assert.equal(
        await refusal(trx, () => insertRequest(trx, { label: 'ILLEGAL0OU' })),
        'request_label_check',
      );
    });
  });

  test('an identity holding an active booking of the procedure cannot make a request', async () => {
    await rolledBack(async (trx) => {
      const identity = 'F:7177777777';
      await trx
        .insertInto('booking')
        .values({
          reference: '74-RULE-0001',
          slot_id: String(fixture.slotIds[0]),
          procedure_id: fixture.procedureId,
          identity_key: identity,
          email_key: 'booked@example.org',
          last_name: 'Règle',
          first_name: 'Essai',
          birth_date: '1990-01-01',
          email: 'booked@example.org',
          hold_expires_at: new Date('2030-01-01T00:00:00Z'),
        })
        .execute();
      assert.equal(
        await refusal(trx, () => insertRequest(trx, { identity_key: identity })),
        'request_identity_booked',
      );
    });
  });
});

describe('live online requests per address', () => {
  const live = async (trx: Executor, email: string) =>
    (
      await trx
        .selectFrom('request_email_activity')
        .select('live')
        .where('email_key', '=', email)
        .executeTakeFirst()
    )?.live ?? 0;

  test('online requests count up to the limit; leaving the waiting status gives the place back', async () => {
    await rolledBack(async (trx) => {
      const email = 'counted@example.org';
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await insertRequest(trx, { email_key: email }));
      assert.equal(await live(trx, email), 3);
      assert.equal(await refusal(trx, () => insertRequest(trx, { email_key: email })), 'request_email_limit');
      await setStatus(trx, ids[0] as string, 'withdrawn');
      assert.equal(await live(trx, email), 2);
      assert.equal(await refusal(trx, () => insertRequest(trx, { email_key: email })), null);
      await trx
        .updateTable('request')
        .set({ email_key: 'moved@example.org' })
        .where('id', '=', ids[1] as string)
        .execute();
      assert.equal(await live(trx, email), 2);
      assert.equal(await live(trx, 'moved@example.org'), 1);
    });
  });

  test('requests entered by an agent or a partner do not count', async () => {
    await rolledBack(async (trx) => {
      const agent = await trx
        .insertInto('agent')
        .values({ email: 'partner@association.test', name: 'Association' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const email = 'association@example.org';
      for (let i = 0; i < 6; i++) {
        assert.equal(
          await refusal(trx, () => insertRequest(trx, { email_key: email, entered_by: agent.id })),
          null,
        );
      }
      assert.equal(await live(trx, email), 0);
    });
  });
});
