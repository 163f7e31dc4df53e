import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffSlots, isUnchanged, type StoredSlot } from './slot-diff.ts';

const at = (time: string) => new Date(`2030-01-08T${time}:00Z`);
const wanted = (time: string, capacity: number, minutes = 20) => ({
  startsAt: at(time),
  endsAt: new Date(at(time).getTime() + minutes * 60_000),
  capacity,
});
const stored = (
  id: string,
  time: string,
  capacity: number,
  taken = 0,
  referenced = taken > 0,
): StoredSlot => ({
  id,
  ...wanted(time, capacity),
  taken,
  referenced,
});

describe('what regeneration changes', () => {
  test('the same slots change nothing', () => {
    const changes = diffSlots([stored('1', '08:00', 2)], [wanted('08:00', 2)]);
    assert.ok(isUnchanged(changes));
    assert.deepEqual(changes.shortages, []);
  });

  test('new slots are inserted, slots no longer given and never booked are deleted', () => {
    const changes = diffSlots([stored('1', '08:00', 2)], [wanted('09:00', 2)]);
    assert.deepEqual(
      changes.insert.map((slot) => slot.startsAt),
      [at('09:00')],
    );
    assert.deepEqual(changes.remove, ['1']);
    assert.deepEqual(changes.shortages, []);
  });

  test('a slot whose bookings all ended is kept without seats rather than deleted', () => {
    const changes = diffSlots([stored('1', '08:00', 2, 0, true), stored('2', '08:20', 0, 0, true)], []);
    assert.deepEqual(changes.remove, []);
    assert.deepEqual(changes.withdraw, ['1'], 'one already without seats is left as it is');
  });

  test('more or fewer counters and a new duration update the slot kept', () => {
    const changes = diffSlots([stored('1', '08:00', 2, 1)], [wanted('08:00', 3, 30)]);
    assert.deepEqual(changes.update, [
      { id: '1', endsAt: new Date(at('08:00').getTime() + 30 * 60_000), capacity: 3 },
    ]);
    assert.deepEqual(changes.shortages, []);
  });

  test('a booked slot no longer given, or given fewer seats than taken, is a shortage of those seats', () => {
    const changes = diffSlots(
      [stored('1', '08:00', 3, 2), stored('2', '08:20', 3, 3), stored('3', '08:40', 3, 1)],
      [wanted('08:20', 1), wanted('08:40', 1)],
    );
    assert.deepEqual(changes.shortages, [
      { slotId: '1', missing: 2 },
      { slotId: '2', missing: 2 },
    ]);
  });
});
