import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type CertificateClaims,
  looksLikeCertificate,
  signCertificate,
  verifyCertificate,
  verifyCertificateWithPublicKey,
} from './certificate-token.ts';
import { convocationPublicKey, signConvocation } from './qr-token.ts';
import { signReceipt, verifyReceipt } from './receipt-token.ts';

const SECRET = 'certificate-test-secret-0123456789';

const claims: CertificateClaims = {
  issuedAt: '2029-12-20T10:00:00.000Z',
  lastName: 'Dupré',
  firstName: 'Amélie',
  birthDate: '1990-04-03',
  procedureId: 7,
  departmentCode: '74',
  searchedFrom: '2029-12-20',
  offices: [
    { siteId: 12, channel: 'draw', through: null, nextFree: null },
    { siteId: 3, channel: 'booking', through: '2030-02-13', nextFree: null },
  ],
  nextFree: null,
  request: { label: 'K7M3QX9P2A', lost: 2, createdAt: '2029-12-03T09:00:00.000Z' },
};

/** The code with one character of its payload changed, its signature kept. */
function tampered(code: string): string {
  const [version, payload, signature] = code.split('.') as [string, string, string];
  const i = Math.floor(payload.length / 2);
  const swapped = payload[i] === 'A' ? 'B' : 'A';
  return `${version}.${payload.slice(0, i)}${swapped}${payload.slice(i + 1)}.${signature}`;
}

describe('the certificate’s signed code', () => {
  test('it verifies and gives back the claims, offices in the canonical order of their site', () => {
    const code = signCertificate(claims, SECRET);
    assert.ok(code.startsWith('a1.'));
    assert.ok(looksLikeCertificate(code));
    const result = verifyCertificate(code, SECRET);
    assert.ok(result.ok);
    assert.deepEqual(result.claims, {
      ...claims,
      offices: [claims.offices[1], claims.offices[0]],
    });
  });

  test('the same facts in another order sign the same payload', () => {
    const reordered = { ...claims, offices: [...claims.offices].reverse() };
    const payload = (code: string) => code.split('.')[1];
    assert.equal(payload(signCertificate(reordered, SECRET)), payload(signCertificate(claims, SECRET)));
  });

  test('with the public key alone, as anyone may', () => {
    const result = verifyCertificateWithPublicKey(
      signCertificate(claims, SECRET),
      convocationPublicKey(SECRET),
    );
    assert.ok(result.ok);
  });

  test('a changed character, or another server’s key, is refused', () => {
    const code = signCertificate(claims, SECRET);
    assert.deepEqual(verifyCertificate(tampered(code), SECRET), { ok: false, reason: 'bad_signature' });
    const foreign = signCertificate(claims, 'another-server-secret-0123456789');
    assert.deepEqual(verifyCertificate(foreign, SECRET), { ok: false, reason: 'bad_signature' });
  });

  test('a receipt or a convocation is not a certificate, nor the reverse', () => {
    const receipt = signReceipt(
      {
        label: 'K7M3QX9P2A',
        procedureId: 7,
        siteIds: [3],
        halfDays: [],
        earliest: null,
        submittedAt: claims.issuedAt,
        issuedAt: claims.issuedAt,
      },
      SECRET,
    );
    const convocation = signConvocation(
      {
        reference: '74-K7M3-QX9P',
        siteId: 3,
        startsAt: claims.issuedAt,
        lastName: 'Dupré',
        firstName: 'Amélie',
        birthDate: '1990-04-03',
      },
      SECRET,
    );
    assert.equal(verifyCertificate(receipt, SECRET).ok, false);
    assert.equal(verifyCertificate(convocation, SECRET).ok, false);
    assert.equal(verifyReceipt(signCertificate(claims, SECRET), SECRET).ok, false);
    // The prefix is signed: relabelling a receipt as a certificate breaks its signature.
    assert.deepEqual(verifyCertificate(receipt.replace(/^r1\./, 'a1.'), SECRET), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  test('a genuine signature over a payload of another shape is malformed', async () => {
    const { signFields } = await import('./qr-token.ts');
    assert.deepEqual(verifyCertificate(signFields('a1', ['too', 'short'], SECRET), SECRET), {
      ok: false,
      reason: 'malformed',
    });
  });
});
