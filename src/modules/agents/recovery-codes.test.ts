import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes.ts';

describe('recovery codes', () => {
  test('ten distinct codes of two groups of five, without look-alike characters', () => {
    const codes = newRecoveryCodes();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
  });

  test('typed back in any case, with a space or no dash, a code has the same hash', () => {
    const hash = hashRecoveryCode('K7QMR-2XWPD');
    assert.deepEqual(hashRecoveryCode('k7qmr 2xwpd'), hash);
    assert.deepEqual(hashRecoveryCode('K7QMR2XWPD'), hash);
    assert.equal(normalizeRecoveryCode('K7QMR-2XWP0'), '', 'a zero is not in the alphabet');
    assert.equal(normalizeRecoveryCode('K7QMR'), '');
  });
});
