import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CODE_PATTERNS, type CodeKind, isCode } from '../src/codes.ts';
import type { Executor } from '../src/db/database.ts';
import { newReference } from '../src/modules/booking/tokens.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createFixture, type Fixture } from './helpers/fixtures.ts';

// The patterns of src/codes.ts against the check constraints of the migrations: a value the pattern
// accepts is stored, a value it refuses is refused by PostgreSQL, on both sides of every boundary.

let database: TestDatabase;
let fixture: Fixture;

before(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db, { slots: 1, capacity: 50 });
});
after(() => database.drop());

/** Whether PostgreSQL stores what `insert` writes; nothing is kept either way. */
async function stored(insert: (trx: Executor) => Promise<unknown>): Promise<boolean> {
  const rollback = new Error('rollback');
  try {
    await database.db.transaction().execute(async (trx) => {
      await insert(trx);
      throw rollback;
    });
  } catch (error) {
    if (error === rollback) return true;
    const code = (error as { code?: string }).code;
    if (code === '23514') return false;
    // A row that exists already (département 74 of the fixture) got past the check constraints.
    if (code === '23505') return true;
    throw error;
  }
  return true;
}

const twoDigits = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const letters = (n: number) => 'a'.repeat(n);

const candidates: Record<CodeKind, string[]> = {
  department: [
    ...twoDigits,
    ...['2A', '2B', '2C', '2a', '20', '96', '1A', 'AB'],
    ...Array.from({ length: 10 }, (_, n) => `97${n}`),
    ...['980', '074', '7', '', ' 74', '74 '],
  ],
  arrondissement: ['741', '7412', '2A1', '2B3', '9741', '74', '74123', 'A41', '7C1', '2a1'],
  procedure: [
    'renouvellement-titre',
    'ab',
    'a',
    '1-2',
    letters(64),
    letters(65),
    '-ab',
    'a-',
    'Ab',
    'a_b',
    'a b',
    'é-a',
    letters(80),
  ],
  reference: [
    '74-K7M3-QX9P',
    '2A-0000-ZZZZ',
    '974-ABCD-1234',
    '7-ABCD-1234',
    '9740-ABCD-1234',
    '74-k7m3-qx9p',
    '74-ABC-1234',
    '74-ABCDE-1234',
    '74_ABCD_1234',
    ' 74-ABCD-1234',
  ],
  postalCode: ['74000', '20000', '97400', '7400', '740000', '7400A', ' 7400'],
  foreignerNumber: ['2008006503', '0000000000', '208006503', '20080065031', '200800650A'],
};

/** Writes `value` as a code of `kind` in the column whose check constraint keeps it. */
function insertCode(kind: CodeKind, value: string) {
  return (trx: Executor) => {
    switch (kind) {
      case 'department':
        return trx
          .insertInto('department')
          .values({ code: value, name: 'Essai', timezone: 'Europe/Paris', holiday_region: 'metropole' })
          .execute();
      case 'arrondissement':
        return trx
          .insertInto('arrondissement')
          .values({ code: value, department_code: '74', name: 'Essai' })
          .execute();
      case 'procedure':
        return trx
          .insertInto('procedure')
          .values({ code: value, title: 'Essai', duration_minutes: 20 })
          .execute();
      default:
        return trx
          .insertInto('booking')
          .values({
            reference: kind === 'reference' ? value : '74-AAAA-0001',
            slot_id: String(fixture.slotIds[0]),
            procedure_id: fixture.procedureId,
            identity_key: 'F:7400000001',
            email_key: 'code@example.org',
            last_name: 'Code',
            first_name: 'Essai',
            birth_date: '1990-01-01',
            email: 'code@example.org',
            postal_code: kind === 'postalCode' ? value : null,
            foreigner_number: kind === 'foreignerNumber' ? value : null,
            hold_expires_at: new Date('2030-01-01T00:00:00Z'),
          })
          .execute();
    }
  };
}

describe('code patterns: src/codes.ts and the migrations agree', () => {
  for (const kind of Object.keys(CODE_PATTERNS) as CodeKind[]) {
    test(kind, async () => {
      const accepted: string[] = [];
      for (const value of candidates[kind]) {
        const byPattern = isCode(kind, value);
        if (byPattern) accepted.push(value);
        assert.equal(
          await stored(insertCode(kind, value)),
          byPattern,
          `${kind} ${JSON.stringify(value)}: the pattern says ${byPattern ? 'valid' : 'invalid'}`,
        );
      }
      // Both sides of the boundary were tried.
      assert.ok(accepted.length > 0 && accepted.length < candidates[kind].length, kind);
    });
  }

  test('the département code: 2A, 2B and 971–976 are codes; 20, 96 and 977 are not', () => {
    for (const code of ['01', '19', '2A', '2B', '21', '95', '971', '974', '976']) {
      assert.ok(isCode('department', code), code);
    }
    for (const code of ['00', '20', '96', '99', '970', '977', '2C'])
      assert.ok(!isCode('department', code), code);
  });

  test('a reference made for any département code has the reference shape', () => {
    for (const code of [...twoDigits, '2A', '2B', '971', '976'].filter((c) => isCode('department', c))) {
      assert.ok(isCode('reference', newReference(code)), code);
    }
  });
});
