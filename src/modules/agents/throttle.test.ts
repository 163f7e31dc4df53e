import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACCOUNT_THROTTLE, decideAttempt, delayMs, type ThrottleState } from './throttle.ts';

const at = (seconds: number) => new Date(Date.UTC(2030, 0, 7, 8, 0, 0) + seconds * 1000);
const state = (failures: number, lastFailureAt: Date, lockedUntil: Date | null = null): ThrottleState => ({
  failures,
  lastFailureAt,
  lockedUntil,
});

describe('the sign-in throttle', () => {
  test('3 failures are free, then the delay doubles from 1 s and stops at 60 s', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 9, 12].map((n) => delayMs(n, ACCOUNT_THROTTLE)),
      [0, 0, 0, 1_000, 2_000, 4_000, 8_000, 60_000, 60_000],
    );
  });

  test('an attempt within the delay is refused until its end, and counts nothing', () => {
    const decision = decideAttempt(state(4, at(0)), at(1), ACCOUNT_THROTTLE);
    assert.deepEqual(decision, { allowed: false, reason: 'throttled', retryAt: at(2) });
    const later = decideAttempt(state(4, at(0)), at(2), ACCOUNT_THROTTLE);
    assert.deepEqual(later, { allowed: true, next: state(5, at(2)) });
  });

  test('the attempt after 10 failures locks the key for 15 minutes, and says it is the one that did', () => {
    const decision = decideAttempt(state(10, at(0)), at(120), ACCOUNT_THROTTLE);
    assert.deepEqual(decision, {
      allowed: false,
      reason: 'locked',
      until: at(120 + 900),
      lockedNow: true,
      next: state(10, at(120), at(120 + 900)),
    });
    const during = decideAttempt(state(10, at(120), at(1020)), at(1019), ACCOUNT_THROTTLE);
    assert.deepEqual(during, { allowed: false, reason: 'locked', until: at(1020), lockedNow: false });
  });

  test('once the lock is over, or an hour after the last failure, the key starts again from nothing', () => {
    assert.deepEqual(decideAttempt(state(10, at(120), at(1020)), at(1020), ACCOUNT_THROTTLE), {
      allowed: true,
      next: state(1, at(1020)),
    });
    assert.deepEqual(decideAttempt(state(9, at(0)), at(3601), ACCOUNT_THROTTLE), {
      allowed: true,
      next: state(1, at(3601)),
    });
  });
});
