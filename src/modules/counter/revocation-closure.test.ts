import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closureReason, wholeDays } from './revocation-closure.ts';

const PARIS = 'Europe/Paris';
const period = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

test('whole days: days of the office from midnight to midnight, from today on', () => {
  assert.deepEqual(wholeDays(period('2030-01-13T23:00:00Z', '2030-01-15T23:00:00Z'), PARIS, '2030-01-07'), [
    '2030-01-14',
    '2030-01-15',
  ]);
  assert.deepEqual(
    wholeDays(period('2030-01-14T10:00:00Z', '2030-01-15T23:00:00Z'), PARIS, '2030-01-07'),
    ['2030-01-15'],
    'a period starting within a day leaves it out',
  );
  assert.deepEqual(
    wholeDays(period('2030-01-14T10:00:00Z', '2030-01-14T14:00:00Z'), PARIS, '2030-01-07'),
    [],
  );
  assert.deepEqual(
    wholeDays(period('2030-01-13T23:00:00Z', '2030-01-15T23:00:00Z'), PARIS, '2030-01-15'),
    ['2030-01-15'],
    'past days are not closed',
  );
  // The spring change of 31 March 2030: a 23-hour day is still whole.
  assert.deepEqual(wholeDays(period('2030-03-30T23:00:00Z', '2030-03-31T22:00:00Z'), PARIS, '2030-03-01'), [
    '2030-03-31',
  ]);
});

test('a closure’s reason is one line of 200 characters at most', () => {
  assert.equal(closureReason('  Grève\n du personnel '), 'Grève du personnel');
  const long = closureReason('é'.repeat(300));
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith('…'));
});
