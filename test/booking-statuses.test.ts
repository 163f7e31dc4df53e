import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Executor } from '../src/db/database.ts';
import {
  ACTIVE_BOOKING_STATUSES,
  ALL_BOOKING_STATUSES,
  type BookingStatus,
  canChangeStatus,
  statusesLeadingTo,
} from '../src/modules/booking/statuses.ts';
import { LOOP_COLUMNS, pathTo } from './helpers/booking-paths.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture } from './helpers/fixtures.ts';

// The status table of src/modules/booking/statuses.ts against the database's own rules (migration
// 0010): every (from, to) pair is tried as an UPDATE on PostgreSQL, and the trigger must accept it
// exactly when the table allows it.

let database: TestDatabase;
let slotId: string;

before(async () => {
  database = await createTestDatabase();
  const fixture = await createFixture(database.db, { slots: 1, capacity: 50 });
  slotId = String(fixture.slotIds[0]);
});
after(() => database.drop());

/** Rolls back whatever `work` did, and gives back what it returned. */
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

/** The name of the constraint that refused a statement, or null when it was accepted. */
async function refusal(trx: Executor, statement: () => Promise<unknown>): Promise<string | null> {
  await sql`savepoint attempt`.execute(trx);
  try {
    await statement();
    await sql`release savepoint attempt`.execute(trx);
    return null;
  } catch (error) {
    await sql`rollback to savepoint attempt`.execute(trx);
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code !== '23514') throw error;
    return constraint ?? 'unnamed check';
  }
}

/** The constraint that refused a statement, whatever its kind (unique index, check), or null. */
async function anyRefusal(trx: Executor, statement: () => Promise<unknown>): Promise<string | null> {
  await sql`savepoint attempt`.execute(trx);
  try {
    await statement();
    await sql`release savepoint attempt`.execute(trx);
    return null;
  } catch (error) {
    await sql`rollback to savepoint attempt`.execute(trx);
    return (error as { constraint?: string }).constraint ?? String(error);
  }
}

let counter = 0;
async function insertBooking(trx: Executor, status: BookingStatus) {
  const n = ++counter;
  return trx
    .insertInto('booking')
    .values({
      reference: `74-ST${String(n).padStart(2, '0').slice(-2)}-${String(n).padStart(4, '0').slice(-4)}`,
      slot_id: slotId,
      procedure_id: (await trx.selectFrom('offer').select('procedure_id').executeTakeFirstOrThrow())
        .procedure_id,
      identity_key: `F:${String(7_000_000_000 + n)}`,
      email_key: `status.${n}@example.org`,
      last_name: 'Statut',
      first_name: 'Essai',
      birth_date: '1990-01-01',
      email: `status.${n}@example.org`,
      hold_expires_at: new Date('2030-01-01T00:00:00Z'),
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A booking brought to `from` through the table's own transitions, each of which must be accepted. */
async function bookingIn(trx: Executor, from: BookingStatus): Promise<string> {
  const { id } = await insertBooking(trx, 'pending');
  for (const step of pathTo(from)) {
    const refused = await refusal(trx, () =>
      trx
        .updateTable('booking')
        .set({ status: step, ...LOOP_COLUMNS })
        .where('id', '=', id)
        .execute(),
    );
    assert.equal(refused, null, `setting up ${from}: the database refused the step to ${step}`);
  }
  return id;
}

describe('booking statuses: the TypeScript table and PostgreSQL agree', () => {
  for (const from of ALL_BOOKING_STATUSES) {
    for (const to of ALL_BOOKING_STATUSES) {
      if (from === to) continue;
      const allowed = canChangeStatus(from, to);
      test(`${from} → ${to}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const refused = await rolledBack(async (trx) => {
          const id = await bookingIn(trx, from);
          return refusal(trx, () =>
            trx.updateTable('booking').set({ status: to }).where('id', '=', id).execute(),
          );
        });
        assert.equal(refused, allowed ? null : 'booking_status_transition');
      });
    }
  }

  test('each status is known to the status check, an unknown one is not', async () => {
    for (const status of ALL_BOOKING_STATUSES) {
      const { rows } = await sql<{ known: boolean }>`select booking_status_known(${status}) as known`.execute(
        database.db,
      );
      assert.equal(rows[0]?.known, true, status);
    }
    const { rows: unknown } = await sql<{
      known: boolean;
    }>`select booking_status_known('lost') as known`.execute(database.db);
    assert.equal(unknown[0]?.known, false);
    // The trigger refuses an unknown status first; the check is the rule for any other path.
    const { rows } = await sql<{ definition: string }>`
      select pg_get_constraintdef(oid) as definition from pg_constraint
      where conrelid = 'booking'::regclass and conname = 'booking_status_check'`.execute(database.db);
    assert.equal(rows[0]?.definition, 'CHECK (booking_status_known(status))');
  });

  test('the active statuses are those that hold a seat in PostgreSQL, and only they may start a booking', async () => {
    for (const status of ALL_BOOKING_STATUSES) {
      const { rows } = await sql<{ active: boolean }>`select booking_is_active(${status}) as active`.execute(
        database.db,
      );
      const active = ACTIVE_BOOKING_STATUSES.includes(status);
      assert.equal(rows[0]?.active, active, status);
      const outcome = await rolledBack(async (trx) => {
        const before = await trx
          .selectFrom('slot')
          .select('taken')
          .where('id', '=', slotId)
          .executeTakeFirstOrThrow();
        const refused = await refusal(trx, () => insertBooking(trx, status));
        const after = await trx
          .selectFrom('slot')
          .select('taken')
          .where('id', '=', slotId)
          .executeTakeFirstOrThrow();
        return { refused, seats: after.taken - before.taken };
      });
      assert.deepEqual(
        outcome,
        active ? { refused: null, seats: 1 } : { refused: 'booking_status_transition', seats: 0 },
        status,
      );
    }
  });

  for (const status of ACTIVE_BOOKING_STATUSES) {
    test(`one active booking per person: a ${status} booking keeps out a second one`, async () => {
      const refused = await rolledBack(async (trx) => {
        const first = await bookingIn(trx, status);
        const row = await trx
          .selectFrom('booking')
          .select(['identity_key', 'procedure_id'])
          .where('id', '=', first)
          .executeTakeFirstOrThrow();
        return anyRefusal(trx, () =>
          trx
            .insertInto('booking')
            .values({
              reference: '74-TWIC-E001',
              slot_id: slotId,
              procedure_id: row.procedure_id,
              identity_key: row.identity_key,
              email_key: 'twice@example.org',
              last_name: 'Statut',
              first_name: 'Essai',
              birth_date: '1990-01-01',
              email: 'twice@example.org',
              hold_expires_at: new Date('2030-01-01T00:00:00Z'),
            })
            .execute(),
        );
      });
      assert.equal(refused, 'booking_one_active_per_identity');
    });
  }

  test('statusesLeadingTo lists exactly the statuses whose next holds the target', () => {
    assert.deepEqual([...statusesLeadingTo('cancelled')], ['pending', 'confirmed']);
    assert.deepEqual([...statusesLeadingTo('attended')], ['confirmed', 'served']);
    assert.deepEqual([...statusesLeadingTo('waiting')], ['confirmed', 'called', 'missed', 'no_show']);
    assert.deepEqual([...statusesLeadingTo('pending')], []);
  });
});
