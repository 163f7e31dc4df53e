import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canReceiveSms, toE164 } from './phone.ts';

describe('phone numbers in E.164', () => {
  const cases: [typed: string, e164: string | null][] = [
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 06 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['0692 12 34 56', '+262692123456'],
    ['0690 12 34 56', '+590690123456'],
    ['0696 12 34 56', '+596696123456'],
    ['0596 61 23 45', '+596596612345'],
    ['0694 12 34 56', '+594694123456'],
    ['0639 40 12 34', '+262639401234'],
    ['612345678', null],
    ['+44 7911 123456', '+447911123456'],
    ['+212 6 12 34 56 78', '+212612345678'],
    ['06 12 34 56', null],
    ['12345', null],
    ['06 12 34 56 7a', null],
    ['+99 123', null],
    ['', null],
  ];
  for (const [typed, e164] of cases) {
    test(`"${typed}" → ${e164}`, () => assert.equal(toE164(typed), e164));
  }
});

describe('numbers an SMS can reach', () => {
  test('a mobile can, a fixed line cannot', () => {
    assert.equal(canReceiveSms('+33612345678'), true);
    assert.equal(canReceiveSms('+262692123456'), true);
    assert.equal(canReceiveSms('+33123456789'), false);
  });
});
