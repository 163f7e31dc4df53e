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
  test('pending and confirmed hold a seat, the five others do not', () => {
    assert.deepEqual([...ACTIVE_BOOKING_STATUSES], ['pending', 'confirmed']);
    assert.equal(ALL_BOOKING_STATUSES.length, 7);
    assert.ok(!isActiveStatus('cancelled'));
  });

  test('no status changes into itself, and a status that holds no seat never gets one back', () => {
    for (const from of ALL_BOOKING_STATUSES) {
      assert.ok(!canChangeStatus(from, from), from);
      if (isActiveStatus(from)) continue;
      for (const to of BOOKING_STATUSES[from].next) assert.ok(!isActiveStatus(to), `${from} → ${to}`);
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
