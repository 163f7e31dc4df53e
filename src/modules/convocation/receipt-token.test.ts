import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { convocationPublicKey, signConvocation, verifyConvocation } from './qr-token.ts';
import {
  looksLikeReceipt,
  type ReceiptClaims,
  signReceipt,
  verifyReceipt,
  verifyReceiptWithPublicKey,
} from './receipt-token.ts';

const SECRET = 'test-secret-key-test-secret-key-0123456789';

const claims: ReceiptClaims = {
  label: 'K7M3QX9PA2',
  procedureId: 12,
  siteIds: [3, 7],
  halfDays: ['mon-am', 'thu-pm'],
  earliest: '2030-02-01',
  submittedAt: '2030-01-10T09:15:00.000Z',
  issuedAt: '2030-01-10T09:15:02.000Z',
};

describe('receipt codes', () => {
  test('a signed receipt verifies with the secret and with the public key alone, giving back its claims', () => {
    const code = signReceipt(claims, SECRET);
    assert.ok(code.startsWith('r1.'));
    assert.ok(looksLikeReceipt(code));
    assert.deepEqual(verifyReceipt(code, SECRET), { ok: true, claims });
    assert.deepEqual(verifyReceiptWithPublicKey(code, convocationPublicKey(SECRET)), { ok: true, claims });
  });

  test('a null earliest date and no half-day round-trip', () => {
    const open = { ...claims, halfDays: [], earliest: null };
    assert.deepEqual(verifyReceipt(signReceipt(open, SECRET), SECRET), { ok: true, claims: open });
  });

  test('any changed character, another key or rubbish is refused', () => {
    const code = signReceipt(claims, SECRET);
    const [version, payload, signature] = code.split('.') as [string, string, string];
    const altered = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('[3,7]', '[3,8]'),
    ).toString('base64url');
    assert.deepEqual(verifyReceipt(`${version}.${altered}.${signature}`, SECRET), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.equal(
      verifyReceipt(signReceipt(claims, 'another-secret-key-another-secret-key'), SECRET).ok,
      false,
    );
    assert.deepEqual(verifyReceipt('r1.rubbish', SECRET), { ok: false, reason: 'malformed' });
  });

  test('a receipt never passes as a convocation, nor a convocation as a receipt', () => {
    const receipt = signReceipt(claims, SECRET);
    assert.deepEqual(verifyConvocation(receipt, SECRET), { ok: false, reason: 'malformed' });
    const [, payload, signature] = receipt.split('.') as [string, string, string];
    assert.equal(verifyConvocation(`c1.${payload}.${signature}`, SECRET).ok, false, 'the prefix is signed');
    const convocation = signConvocation(
      {
        reference: '74-K7M3-QX9P',
        siteId: 3,
        startsAt: '2030-01-07T08:00:00.000Z',
        lastName: 'A',
        firstName: 'B',
        birthDate: '1990-01-01',
      },
      SECRET,
    );
    assert.equal(looksLikeReceipt(convocation), false);
    assert.deepEqual(verifyReceipt(convocation, SECRET), { ok: false, reason: 'malformed' });
    const [, cPayload, cSignature] = convocation.split('.') as [string, string, string];
    assert.equal(verifyReceipt(`r1.${cPayload}.${cSignature}`, SECRET).ok, false);
  });
});
