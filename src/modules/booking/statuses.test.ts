import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RETENTION_EXIT } from './retention.ts';
import {
  ACTIVE_BOOKING_STATUSES,
  ALL_BOOKING_STATUSES,
  BOOKING_STATUSES,
  canChangeStatus,
  isActiveStatus,
} from './statuses.ts';

// The table itself (its agreement with PostgreSQL is test/booking-statuses.test.ts).

describe('the booking status table', () => {
  test('pending, confirmed and the counter loop hold a seat, the five others do not', () => {
    assert.deepEqual(
      [...ACTIVE_BOOKING_STATUSES],
      ['pending', 'confirmed', 'waiting', 'called', 'served', 'missed'],
    );
    assert.equal(ALL_BOOKING_STATUSES.length, 11);
    assert.ok(!isActiveStatus('cancelled'));
  });

  test('no status changes into itself; a seat comes back only by undoing the end of a counter day', () => {
    // attended and no_show may be undone within the day (the trigger then takes the seat again, and
    // refuses if it went meanwhile); expired, cancelled and revoked are final.
    const undoable = new Set(['attended', 'no_show']);
    for (const from of ALL_BOOKING_STATUSES) {
      assert.ok(!canChangeStatus(from, from), from);
      if (isActiveStatus(from)) continue;
      for (const to of BOOKING_STATUSES[from].next) {
        assert.ok(!isActiveStatus(to) || undoable.has(from), `${from} → ${to}`);
      }
    }
    for (const final of ['expired', 'cancelled', 'revoked'] as const) {
      assert.deepEqual([...BOOKING_STATUSES[final].next], [], final);
    }
  });

  test('every active status has a retention exit it may change into, which holds no seat', () => {
    for (const status of ACTIVE_BOOKING_STATUSES) {
      const exit = RETENTION_EXIT[status];
      assert.ok(exit, `${status} has no retention exit`);
      assert.ok(canChangeStatus(status, exit), `${status} → ${exit}`);
      assert.ok(!isActiveStatus(exit), `${status} → ${exit} would keep the seat`);
    }
  });
});
