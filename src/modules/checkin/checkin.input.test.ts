import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../errors.ts';
import { parseCheckIn, tokenOfScan } from './checkin.input.ts';

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fields?.[0]?.field;
    throw error;
  }
  return undefined;
}

describe('what the reception types or scans', () => {
  test('the code is taken out of the /verifier link the printed QR code holds, or read bare', () => {
    assert.equal(tokenOfScan('https://creneau.example/verifier?code=c1.abc.def'), 'c1.abc.def');
    assert.equal(tokenOfScan('https://creneau.example/verifier?lang=fr&code=c1.abc.def#x'), 'c1.abc.def');
    assert.equal(tokenOfScan('  c1.abc.def\n'), 'c1.abc.def');
    assert.equal(tokenOfScan('anything else'), 'anything else');
  });

  test('exactly one of qr and reference; a reference is normalised and must look like one', () => {
    assert.deepEqual(parseCheckIn({ qr: ' c1.x.y ' }), { qr: 'c1.x.y' });
    assert.deepEqual(parseCheckIn({ reference: ' 74-k7m3-qx9p ', qr: '' }), { reference: '74-K7M3-QX9P' });
    assert.equal(
      fieldOf(() => parseCheckIn({ qr: 'c1.x.y', reference: '74-K7M3-QX9P' })),
      'reference',
    );
    assert.equal(
      fieldOf(() => parseCheckIn({})),
      'qr',
    );
    assert.equal(
      fieldOf(() => parseCheckIn({ reference: 'Benali' })),
      'reference',
    );
  });
});
