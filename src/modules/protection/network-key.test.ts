import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NETWORK_KEY_BYTES, networkKey, subscriberRange } from './network-key.ts';

const SECRET = 'test-secret-key-test-secret-key-0123456789';
const hex = (address: string) => subscriberRange(address)?.toString('hex');

describe('the network key of a client address', () => {
  test('IPv4 whole; IPv4-mapped IPv6 as its IPv4 address', () => {
    assert.equal(hex('198.51.100.7'), '04c6336407');
    assert.equal(hex('::ffff:198.51.100.7'), '04c6336407');
    assert.equal(hex('::FFFF:c633:6407'), '04c6336407');
    assert.notEqual(hex('198.51.100.8'), hex('198.51.100.7'));
  });

  test('IPv6 by its /64, whatever the notation, zone or brackets', () => {
    const range = '0620010db812340001';
    assert.equal(hex('2001:db8:1234:1::1'), range);
    assert.equal(hex('2001:0db8:1234:0001:ffff:ffff:ffff:ffff'), range);
    assert.equal(hex('[2001:db8:1234:1:a:b:c:d]'), range);
    assert.equal(hex('2001:db8:1234:1::5%eth0'), range);
    assert.equal(hex('2001:db8:1234:1:0:0:1.2.3.4'), range);
    assert.equal(hex('2001:db8:1234:2::1'), '0620010db812340002');
    assert.equal(hex('2001:db8::'), '0620010db800000000');
  });

  test('no key for what is not a public address', () => {
    for (const address of [
      '',
      'unknown',
      '999.1.1.1',
      '127.0.0.1',
      '::1',
      '::',
      '::ffff:127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.0.1',
      '100.64.0.1',
      'fe80::1',
      'fd12:3456::1',
    ])
      assert.equal(networkKey(SECRET, address), null, address);
    assert.equal(networkKey(SECRET, undefined), null);
    assert.notEqual(networkKey(SECRET, '172.32.0.1'), null, 'just outside 172.16.0.0/12');
    assert.notEqual(networkKey(SECRET, '100.128.0.1'), null, 'just outside 100.64.0.0/10');
  });

  test('32 bytes, keyed: another secret gives another key, one range the same key', () => {
    const key = networkKey(SECRET, '2001:db8:1234:1::1');
    assert.equal(key?.length, NETWORK_KEY_BYTES);
    assert.deepEqual(key, networkKey(SECRET, '2001:db8:1234:1:ffff::9'));
    assert.notDeepEqual(key, networkKey(`${SECRET}x`, '2001:db8:1234:1::1'));
    assert.equal(key?.toString('latin1').includes('2001'), false);
  });
});
