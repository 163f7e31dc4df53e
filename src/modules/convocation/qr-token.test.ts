import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import QRCode from 'qrcode';
import {
  type ConvocationClaims,
  convocationPublicKey,
  signConvocation,
  verifyConvocation,
  verifyConvocationWithPublicKey,
} from './qr-token.ts';

const SECRET = 'test-secret-key-0123456789abcdef';
const OTHER_SECRET = 'another-secret-key-fedcba9876543210';

const claims: ConvocationClaims = {
  reference: '74-K7M3-QX9P',
  siteId: 12,
  startsAt: '2030-06-21T07:05:00.000Z',
  lastName: 'Nguyễn-Dupré',
  firstName: 'Zoë Françoise',
  birthDate: '1990-04-03',
};

/** The token with one character of its payload replaced by another valid base64url character. */
function tamper(token: string): string {
  const [version, payload, signature] = token.split('.') as [string, string, string];
  const index = Math.floor(payload.length / 2);
  const replacement = payload[index] === 'A' ? 'B' : 'A';
  return `${version}.${payload.slice(0, index)}${replacement}${payload.slice(index + 1)}.${signature}`;
}

describe('signConvocation / verifyConvocation', () => {
  test('a signed token verifies and gives back the same claims, accents included', () => {
    const token = signConvocation(claims, SECRET);
    assert.deepEqual(verifyConvocation(token, SECRET), { ok: true, claims });
  });

  test('the token is versioned, URL-safe and small enough for a QR code', () => {
    const token = signConvocation(claims, SECRET);
    assert.match(token, /^c1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    assert.ok(token.length < 300, `token is ${token.length} characters`);
  });

  test('signing is deterministic: the same secret always gives the same key', () => {
    assert.equal(signConvocation(claims, SECRET), signConvocation(claims, SECRET));
    assert.equal(convocationPublicKey(SECRET), convocationPublicKey(SECRET));
    assert.notEqual(convocationPublicKey(SECRET), convocationPublicKey(OTHER_SECRET));
  });

  test('a token whose payload has one character changed is refused as bad_signature', () => {
    const tampered = tamper(signConvocation(claims, SECRET));
    assert.deepEqual(verifyConvocation(tampered, SECRET), { ok: false, reason: 'bad_signature' });
  });

  test('a token signed with another secret is refused as bad_signature', () => {
    const forged = signConvocation(claims, OTHER_SECRET);
    assert.deepEqual(verifyConvocation(forged, SECRET), { ok: false, reason: 'bad_signature' });
  });

  test('a token with the claims of another person and the signature of a real one is refused', () => {
    const [, , signature] = signConvocation(claims, SECRET).split('.');
    const [version, payload] = signConvocation({ ...claims, lastName: 'Martin' }, OTHER_SECRET).split('.');
    assert.deepEqual(verifyConvocation(`${version}.${payload}.${signature}`, SECRET), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  test('garbage, a wrong version and a truncated signature are refused as malformed', () => {
    const token = signConvocation(claims, SECRET);
    for (const garbage of [
      '',
      'hello',
      'a.b',
      'c1.a.b.c',
      'c1.@@@.abc',
      `c2${token.slice(2)}`,
      token.slice(0, -4),
    ]) {
      assert.deepEqual(verifyConvocation(garbage, SECRET), { ok: false, reason: 'malformed' }, garbage);
    }
  });

  test('a counter device verifies with the public key alone, and refuses a forgery', () => {
    const publicKey = convocationPublicKey(SECRET);
    assert.match(publicKey, /^-----BEGIN PUBLIC KEY-----/);
    assert.deepEqual(verifyConvocationWithPublicKey(signConvocation(claims, SECRET), publicKey), {
      ok: true,
      claims,
    });
    assert.deepEqual(verifyConvocationWithPublicKey(signConvocation(claims, OTHER_SECRET), publicKey), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  test('a secret too short to be a real key is refused', () => {
    assert.throws(() => signConvocation(claims, 'short'), RangeError);
  });

  test('a verification link carrying the token fits in a QR code', async () => {
    const token = signConvocation(claims, SECRET);
    const svg = await QRCode.toString(`https://rdv.example.gouv.fr/verifier?code=${token}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
    });
    assert.match(svg, /^<svg/);
  });
});
