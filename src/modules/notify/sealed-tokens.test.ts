import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newToken } from '../booking/tokens.ts';
import { openTokens, SealError, sealTokens } from './sealed-tokens.ts';

const KEY = 'a-secret-key-of-the-server-0123456789abcdef';
const CONTEXT = 'booking.confirm_requested|42|';

describe('sealed tokens', () => {
  test('open with the key and context they were sealed with, to the same tokens', () => {
    const tokens = { confirm: newToken().token, manage: newToken().token };
    assert.deepEqual(openTokens(KEY, sealTokens(KEY, tokens, CONTEXT), CONTEXT), tokens);
  });

  test('never hold a token in clear, and differ each time (a fresh IV per seal)', () => {
    const { token } = newToken();
    const first = sealTokens(KEY, { manage: token }, CONTEXT);
    const second = sealTokens(KEY, { manage: token }, CONTEXT);
    assert.notDeepEqual(first, second);
    for (const sealed of [first, second]) {
      for (const encoding of ['latin1', 'utf8', 'base64', 'base64url', 'hex'] as const) {
        assert.ok(!sealed.toString(encoding).includes(token));
      }
      assert.ok(!sealed.includes(Buffer.from(token, 'base64url')));
    }
  });

  test('do not open with another key, on another row, or altered', () => {
    const sealed = sealTokens(KEY, { manage: newToken().token }, CONTEXT);
    assert.throws(() => openTokens('another-secret-key-of-another-server-0123', sealed, CONTEXT), SealError);
    assert.throws(() => openTokens(KEY, sealed, 'booking.confirm_requested|43|'), SealError);
    assert.throws(() => openTokens(KEY, sealed, 'booking.confirmed|42|'), SealError);
    for (const index of [0, 5, 20, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[index] = (altered[index] ?? 0) ^ 0x01;
      assert.throws(() => openTokens(KEY, altered, CONTEXT), SealError, `byte ${index} altered`);
    }
    assert.throws(() => openTokens(KEY, sealed.subarray(0, 20), CONTEXT), SealError);
  });

  test('refuse a secret key too short to derive from', () => {
    assert.throws(() => sealTokens('short', { manage: 'x' }, CONTEXT), RangeError);
  });
});
